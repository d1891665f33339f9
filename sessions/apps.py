from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkingSessionsConfig(AppConfig):
    name = "sessions"
    # django.contrib.sessions already owns the label "sessions".
    label = "working_sessions"
    verbose_name = _("Sessions")

    def ready(self):
        from core.versions import track
        from sessions.models import Room, Session, SessionRole, SessionType

        # What a change touches (core/versions.py): the meeting a row belongs to, or the whole site.
        track(Room, meeting="meeting_id")
        track(SessionType, meeting="meeting_id")
        track(Session, meeting="meeting_id", m2m=["topics"])
        track(SessionRole, meeting="session__meeting_id")
