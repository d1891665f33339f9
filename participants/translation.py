from modeltranslation.translator import TranslationOptions, register

from core.history import track_history
from participants.models import Organization, Person, Position


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "acronym", "description")


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    # Arabic-script forms of a name are its Arabic translation.
    fields = ("honorific_prefix", "given_name", "family_name", "biography")


@register(Position)
class PositionTranslationOptions(TranslationOptions):
    fields = ("title",)


# After translation registration, so that the history also records every language.
track_history(Organization)
track_history(Person)
track_history(Position)
