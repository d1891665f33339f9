from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self):
        from core.versions import track
        from participants.models import Delegation, Organization, Participant, Person, Position

        # What a change touches (core/versions.py): the meeting a row belongs to, or the whole site.
        track(Organization)
        track(Person)
        track(Position)
        track(Delegation, meeting="meeting_id")
        track(Participant, meeting="meeting_id")
