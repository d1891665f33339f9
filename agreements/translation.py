from modeltranslation.translator import TranslationOptions, register

from agreements.models import Commitment, CommitmentUpdate, Instrument, Signature
from core.history import track_history


@register(Instrument)
class InstrumentTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "place_of_signature", "document")


@register(Signature)
class SignatureTranslationOptions(TranslationOptions):
    fields = ("capacity",)


@register(Commitment)
class CommitmentTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(CommitmentUpdate)
class CommitmentUpdateTranslationOptions(TranslationOptions):
    fields = ("note",)


# After translation registration, so that the history also records every language.
track_history(Instrument)
track_history(Signature)
track_history(Commitment)
track_history(CommitmentUpdate)
