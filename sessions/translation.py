from modeltranslation.translator import TranslationOptions, register

from core.history import track_history
from sessions.models import Room, Session, SessionRole, SessionType


@register(Room)
class RoomTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(SessionType)
class SessionTypeTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(SessionRole)
class SessionRoleTranslationOptions(TranslationOptions):
    fields = ("subject",)


# After translation registration, so that the history also records every language.
track_history(Room)
track_history(SessionType)
track_history(Session)
track_history(SessionRole)
