"""Which language, if any, translated fields are flattened to for one request."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import ValidationError

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
FALLBACK_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def requested_language(request):
    """`?lang=` first, then Accept-Language; None means translated fields come back as objects."""
    lang = request.query_params.get("lang")
    if lang is not None:
        if lang not in LANGUAGE_CODES:
            raise ValidationError({"lang": [_("Choose one of: %(codes)s.") % {"codes": ", ".join(LANGUAGE_CODES)}]})
        return lang
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        primary = code.split("-")[0].lower()
        if primary in LANGUAGE_CODES:
            return primary
    return None
