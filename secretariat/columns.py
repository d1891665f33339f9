"""The columns of a list of participants, shared by the import and the exports so that an export re-imports."""

from django.utils.translation import gettext_lazy as _

# key -> header; a file's headers may be the keys, the headers in any of the three languages, or a usual name
# from HEADER_SYNONYMS; case, accents, spaces and underscores do not matter (secretariat.importing.reading).
IMPORT_COLUMNS = {
    "delegation": _("delegation"),
    "honorific": _("honorific"),
    "given_name": _("given name"),
    "family_name": _("family name"),
    "given_name_fr": _("given name (French)"),
    "family_name_fr": _("family name (French)"),
    "given_name_ar": _("given name (Arabic)"),
    "family_name_ar": _("family name (Arabic)"),
    "honorific_fr": _("honorific (French)"),
    "honorific_ar": _("honorific (Arabic)"),
    "organization": _("organization"),
    "position": _("position"),
    "position_fr": _("position (French)"),
    "position_ar": _("position (Arabic)"),
    "email": _("email"),
    "role": _("role"),
    "listed_publicly": _("consents to be listed publicly"),
}
REQUIRED_COLUMNS = ("given_name", "family_name")
# Cells that may not be empty: a person with one name (a mononym) has no family name.
REQUIRED_VALUES = ("given_name",)

# The names officers' own spreadsheets give these columns, in English, French and Arabic.
HEADER_SYNONYMS = {
    "delegation": ("délégation", "country", "pays", "الوفد", "البلد"),
    "honorific": ("civilité", "titre de civilité", "prefix", "salutation", "اللقب", "اللقب الشرفي"),
    "given_name": ("first name", "forename", "prénom", "prénoms", "الاسم", "الاسم الأول"),
    "family_name": ("last name", "surname", "name", "nom", "nom de famille", "اسم العائلة", "الكنية"),
    "given_name_ar": ("prénom (arabe)", "الاسم بالعربية"),
    "family_name_ar": ("nom (arabe)", "nom de famille (arabe)", "اسم العائلة بالعربية"),
    "given_name_fr": ("prénom (français)",),
    "family_name_fr": ("nom (français)",),
    "honorific_fr": ("civilité (français)",),
    "honorific_ar": ("civilité (arabe)", "اللقب بالعربية"),
    "organization": ("organisation", "organisme", "institution", "المنظمة", "الجهة", "المؤسسة"),
    "position": ("title", "job title", "fonction", "poste", "titre", "المنصب", "الوظيفة"),
    "position_fr": ("fonction (français)", "poste (français)"),
    "position_ar": ("fonction (arabe)", "poste (arabe)", "المنصب بالعربية"),
    "email": ("e-mail", "email address", "courriel", "adresse électronique", "mél", "البريد الإلكتروني"),
    "role": ("rôle", "qualité", "الدور", "الصفة"),
    "listed_publicly": (
        "consent",
        "listed publicly",
        "public",
        "consentement",
        "liste publique",
        "الموافقة",
        "الموافقة على النشر",
    ),
}

EXPORT_COLUMNS = {
    **IMPORT_COLUMNS,
    "status": _("status"),
    "badge_number": _("badge number"),
    "checked_in_at": _("checked in at"),
}
