"""Honorifics in the reader's language: “H.E. Mr.” is “S.E. M.” in French and “معالي السيد” in Arabic.

An honorific typed (or imported) in English only is translated word by word through the locale catalogues when
every word is a known one; anything else is left as typed.
"""

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
_BY_WORD = {word.casefold().rstrip("."): word for word in HONORIFICS}


def honorific_in(text: str, language: str) -> str | None:
    """``text`` (English) in ``language`` if every word of it is a known honorific, else None."""
    words = (text or "").split()
    known = [_BY_WORD.get(word.casefold().rstrip(".")) for word in words]
    if not words or None in known:
        return None
    with translation.override(language):
        return " ".join(str(HONORIFICS[word]) for word in known)
