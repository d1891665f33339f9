"""The columns of a list of participants, shared by the import and the exports so that an export re-imports."""

from django.utils.translation import gettext_lazy as _

# key -> header; a file's headers may be the keys or the headers in any of the three languages.
IMPORT_COLUMNS = {
    "delegation": _("delegation"),
    "honorific": _("honorific"),
    "given_name": _("given name"),
    "family_name": _("family name"),
    "given_name_ar": _("given name (Arabic)"),
    "family_name_ar": _("family name (Arabic)"),
    "organization": _("organization"),
    "position": _("position"),
    "email": _("email"),
    "role": _("role"),
}
REQUIRED_COLUMNS = ("given_name", "family_name")
# Cells that may not be empty: a person with one name (a mononym) has no family name.
REQUIRED_VALUES = ("given_name",)

EXPORT_COLUMNS = {
    **IMPORT_COLUMNS,
    "status": _("status"),
    "badge_number": _("badge number"),
    "checked_in_at": _("checked in at"),
}
