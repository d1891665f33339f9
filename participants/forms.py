"""Admin forms for participants: a status typed on a form follows the same transitions as the actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from participants.models import Participant
from participants.services import ALLOWED_TRANSITIONS, participant_assign_badge, participant_change_status

BADGED_STATUSES = (Participant.Status.ACCREDITED, Participant.Status.ATTENDED)


class ParticipantAdminForm(forms.ModelForm):
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
    """Save a participant edited in the admin; a changed status goes through participant_change_status,
    so that accreditation gives the next badge number and attendance records the check-in time."""
    if participant.pk is None or "status" not in form.changed_data:
        participant.save()
        if participant.status in BADGED_STATUSES:
            participant_assign_badge(participant=participant)
        return participant
    target, participant.status = participant.status, form.initial["status"]
    participant.save()
    participant_change_status(participant=participant, status=target)
    participant.refresh_from_db()
    return participant
