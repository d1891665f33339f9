"""Search normalisation: the one rule that decides whether what someone typed matches a text, in any language.

`normalize()` folds case and accents ("Sécurité" → "securite"), writes Arabic letters in one form (hamza on alef
أإآٱ → ا, ؤ → و, ئ → ي, ta marbuta ة → ه, alef maqsura ى → ي), drops tatweel and diacritics (harakat), keeps
words separated by one space and strips the Arabic article and its prefixed forms (ال، لل، بال، وال، فال، كال), so
"للأمن" and "الأمن" are both "امن". The query and the text searched go through it, then a word matches when it is
a substring of the text.

SQLite calls this very function (registered on every connection, `core.apps`); PostgreSQL runs
`convene_normalize(text)`, the same steps in SQL built below from the same tables (created by
`core/migrations/0002_search_normalisation.py`, with `unaccent` for the Latin accents); a test compares the two.
"""

import re
import unicodedata

from django.db.models import CharField, Func, Lookup, TextField

# Letters written in one form; the keys are single characters.
LETTER_FORMS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    "ى": "ي",
    "ة": "ه",
    "ـ": "",  # tatweel (kashida), a stretch with no meaning
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ħ": "h",
    "ı": "i",
}
# Ligatures spelled out (NFKD keeps them).
SPELLED_OUT = {"œ": "oe", "æ": "ae", "ß": "ss"}
# The Arabic article and the prepositions written with it, longest first; stripped when two letters remain.
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")

_NOT_A_WORD = re.compile(r"[\W_]+")
_PREFIX = re.compile(rf"^(?:{'|'.join(ARABIC_PREFIXES)})(?=\w\w)")
_TRANSLATION = str.maketrans({**LETTER_FORMS, **SPELLED_OUT})


def normalize(text):
    """The searchable form of `text`: lower case, no accents or diacritics, one form per Arabic letter, no article."""
    if text is None:
        return None
    # Hamza forms first: NFKD would split أ into ا and a mark (same result), but not ٱ or ة.
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLATION))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold().translate(_TRANSLATION)
    words = _NOT_A_WORD.sub(" ", text).split()
    return " ".join(_PREFIX.sub("", word) for word in words)


def _postgres_function_sql():
    """The SQL twin of `normalize()`, from the same tables (PostgreSQL's `unaccent` stands in for NFKD)."""
    kept = {key: value for key, value in LETTER_FORMS.items() if value}
    dropped = "".join(key for key, value in LETTER_FORMS.items() if not value)
    marks = r"[\u0300-\u036F\u064B-\u065F\u0670\u06D6-\u06ED]"
    text = f"lower(public.unaccent('public.unaccent'::regdictionary, regexp_replace(value, '{marks}', '', 'g')))"
    for key, value in SPELLED_OUT.items():
        text = f"replace({text}, '{key}', '{value}')"
    text = f"translate({text}, '{''.join(kept)}{dropped}', '{''.join(kept.values())}')"
    words = f"' ' || regexp_replace({text}, '[^[:alnum:]]+', ' ', 'g')"
    prefixes = "|".join(ARABIC_PREFIXES)
    stripped = f"regexp_replace({words}, ' ({prefixes})([[:alnum:]]{{2}})', ' \\2', 'g')"
    return (
        "CREATE OR REPLACE FUNCTION convene_normalize(value text) RETURNS text\n"
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$\n"
        f"  SELECT btrim({stripped})\n"
        "$$;"
    )


POSTGRES_FUNCTION_SQL = _postgres_function_sql()


class Normalized(Func):
    """`normalize()` in SQL: the registered function on SQLite, its twin on PostgreSQL."""

    function = "convene_normalize"
    output_field = TextField()


class NormalizedContains(Lookup):
    """`field__normalized_contains=words`: the normalised words appear, in this order, in the normalised field."""

    lookup_name = "normalized_contains"

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [normalize(str(value))])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        position = "strpos" if connection.vendor == "postgresql" else "instr"
        return f"{position}(convene_normalize({lhs}), {rhs}) > 0", [*lhs_params, *rhs_params]


CharField.register_lookup(NormalizedContains)
TextField.register_lookup(NormalizedContains)


def register_sqlite_function(sender, connection, **kwargs):
    """Give each SQLite connection `convene_normalize` (PostgreSQL has it from a migration)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("convene_normalize", 1, normalize, deterministic=True)
