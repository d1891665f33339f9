"""Which language a translated text is read in: one order for pages, the API, exports and schedule.json.

A text is required in at least one language, not in English: modeltranslation leaves every language column
optional (no `required_languages`) and the model's own field, read through modeltranslation's descriptor, holds
the first language the text exists in. The order is the language asked for, then the site's default, then the
other site languages (settings.MODELTRANSLATION_FALLBACK_LANGUAGES); pages read it through the descriptor,
a model's own texts (a person's name) through `translated_value`, the API through `text_representation`
(api/serializers/base.py, in the order `reading_order` gives), long lists (the agenda, its .ics, schedule.json)
from `values()` rows through `text_reader`.
"""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, resolution_order
from modeltranslation.utils import get_language as active_language

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
ONE_LANGUAGE_REQUIRED = _("Give it in at least one language (%(languages)s).")


def reading_order(lang=None) -> tuple[str, ...]:
    """The languages tried, in order, when a text is read in `lang` (the site default when None)."""
    return resolution_order(lang or DEFAULT_LANGUAGE)


def translated_value(instance, field_name, lang=None):
    """(text, language it was found in) for one translated field; ("", None) when it exists in no language."""
    for code in reading_order(lang):
        value = getattr(instance, build_localized_fieldname(field_name, code), None)
        if value not in (None, ""):
            return value, code
    return "", None


def text_reader(field_name, lang=None, *, prefix=""):
    """A function row -> text of one translated field, read from a `values()` row holding every language's column
    (`prefix` + name_en, name_fr…), in the order the model's own field would read it: the language asked for
    (the active language when None), then the fallbacks; "" when it exists in no language.

    For long lists: the order is worked out once, where modeltranslation's descriptor works it out on every read.
    """
    keys = tuple(
        prefix + build_localized_fieldname(field_name, code) for code in reading_order(lang or active_language())
    )

    def read(row):
        for key in keys:
            value = row[key]
            if value is not None and value != "":
                return value
        return ""

    return read


def language_columns(*field_names, prefix=""):
    """The column of every language of each translated field, for `values()`."""
    return [prefix + build_localized_fieldname(name, code) for name in field_names for code in LANGUAGE_CODES]


def translated_fields(model) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def _one_language_required_message():
    languages = ", ".join(str(name) for _code, name in settings.LANGUAGES)
    return str(ONE_LANGUAGE_REQUIRED) % {"languages": languages}


def require_one_language():
    """Name the rule in the message of every required translated field (once, when the apps are ready)."""
    message = lazy(_one_language_required_message, str)()
    for model in translator.get_registered_models(abstract=False):
        for name in translated_fields(model):
            field = model._meta.get_field(name)
            if not field.blank:
                field.error_messages = {
                    **field.error_messages,
                    "blank": message,
                }
