from modeltranslation.translator import TranslationOptions, register

from core.history import track_history
from meetings.models import Document, Meeting, MeetingSeries, Theme, Topic


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(MeetingSeries)
class MeetingSeriesTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "city", "venue", "description")


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "file")


# After translation registration, so that the history also records every language.
track_history(Theme)
track_history(Topic)
track_history(MeetingSeries)
track_history(Meeting, excluded_fields=["last_badge_number"])
track_history(Document)
