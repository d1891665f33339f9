"""Honorifics in the reader's language: “H.E. Mr.” is “S.E. M.” in French and “معالي السيد” in Arabic.

An honorific typed (or imported) in one language only, English or French, is translated word by word through the
locale catalogues when every word is a known one; anything else is left as typed.
"""

import functools

from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The English forms the secretariat types, with their translations in locale/<language>/LC_MESSAGES/django.po.
HONORIFICS = {
    "H.E.": _("H.E."),
    "H.R.H.": _("H.R.H."),
    "Mr.": _("Mr."),
    "Ms.": _("Ms."),
    "Mrs.": _("Mrs."),
    "Dr.": _("Dr."),
    "Prof.": _("Prof."),
    "Amb.": _("Amb."),
    "Hon.": _("Hon."),
}


def _key(word: str) -> str:
    return word.casefold().rstrip(".")


@functools.cache
def _english_by_word() -> dict:
    """Every English and French spelling of a known honorific -> its English form."""
    known = {}
    for english, translated in HONORIFICS.items():
        with translation.override("fr"):
            french = str(translated)
        known.setdefault(_key(french), english)
        known[_key(english)] = english
    return known


def honorific_in(text: str, language: str) -> str | None:
    """``text`` (English or French) in ``language`` if every word of it is a known honorific, else None."""
    words = (text or "").split()
    known = [_english_by_word().get(_key(word)) for word in words]
    if not words or None in known:
        return None
    with translation.override(language):
        return " ".join(str(HONORIFICS[word]) for word in known)
