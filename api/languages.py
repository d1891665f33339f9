"""Which language, if any, translated fields are flattened to for one request."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES

FALLBACK_LANGUAGE = DEFAULT_LANGUAGE

__all__ = ["FALLBACK_LANGUAGE", "LANGUAGE_CODES", "requested_language"]


def requested_language(request):
    """`?lang=` only; None means translated fields come back as objects keyed by language.

    Accept-Language chooses the language of messages (errors), never the shape of the data: a browser and curl
    get the same representation of the same URL.
    """
    lang = request.query_params.get("lang")
    if lang is not None:
        if lang not in LANGUAGE_CODES:
            raise ValidationError({"lang": [_("Choose one of: %(codes)s.") % {"codes": ", ".join(LANGUAGE_CODES)}]})
        return lang
    return None
