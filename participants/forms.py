"""Admin forms for participants: a status typed on a form follows the same transitions as the actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from participants.models import Participant
from participants.services import ALLOWED_TRANSITIONS, FIRST_STEPS, participant_save


class ParticipantAdminForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and self.instance.pk is None:
            # A new participant starts at a first step: "attended" needs a badge and a check-in first.
            status.choices = [(value, label) for value, label in status.choices if value in FIRST_STEPS]

    def clean_status(self):
        status = self.cleaned_data["status"]
        current = self.initial.get("status")
        if self.instance.pk and status != current and status not in ALLOWED_TRANSITIONS[current]:
            raise ValidationError(
                _("A participant cannot go from “%(current)s” to “%(target)s”.")
                % {"current": Participant.Status(current).label, "target": Participant.Status(status).label},
                code="transition",
            )
        return status


def participant_save_from_form(*, participant: Participant, form) -> Participant:
    """Save a participant edited in the admin through participant_save: a changed status goes through the
    transition, so that accreditation gives the next badge number and attendance records the check-in time."""
    if participant.pk is None or "status" not in form.changed_data:
        return participant_save(participant=participant)
    target, participant.status = participant.status, form.initial["status"]
    return participant_save(participant=participant, status=target)
