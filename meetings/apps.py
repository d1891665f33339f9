from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from core.versions import track
        from meetings.models import Document, Meeting, MeetingSeries, Theme, Topic

        # What a change touches (core/versions.py): the meeting a row belongs to, or the whole site.
        track(Meeting, meeting="pk", m2m=["themes"])
        track(Document, meeting="meeting_id")
        track(MeetingSeries)
        track(Theme)
        track(Topic)
