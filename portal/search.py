"""Site search over the public meetings, sessions, people, organizations and instruments, in the page's language.

What is searched is what the page shows: each translated field in the active language, falling back to English
where the translation is empty. PostgreSQL ranks with its full-text search (stemmed in the language); SQLite,
the zero-setup default, matches every word as a case-insensitive (Unicode case folding) substring.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.translation import get_language

from agreements.models import Instrument
from meetings.models import Meeting
from participants.models import Organization, Person
from sessions.models import Session

RESULTS_PER_KIND = 20
SEARCH_CONFIGS = {"en": "english", "fr": "french", "ar": "arabic"}


def _shown(field, language):
    """The value a page shows for a translated field: the language's, or English when it is empty."""
    if language == "en":
        return F(f"{field}_en")
    return Coalesce(NullIf(F(f"{field}_{language}"), Value("")), F(f"{field}_en"), output_field=CharField())


class Casefold(Func):
    """Unicode case folding on SQLite, whose own lower() and LIKE only fold ASCII."""

    function = "convene_casefold"
    output_field = CharField()


def _register_casefold():
    connection.ensure_connection()
    connection.connection.create_function(
        "convene_casefold", 1, lambda text: text.casefold() if text is not None else None, deterministic=True
    )


def _search(queryset, translated, plain, query, language):
    expressions = [_shown(field, language) for field in translated] + [F(field) for field in plain]
    if connection.vendor == "postgresql":
        config = SEARCH_CONFIGS.get(language, "simple")
        vector = SearchVector(*expressions, config=config)
        search_query = SearchQuery(query, config=config, search_type="websearch")
        return (
            queryset.annotate(search_vector=vector, rank=SearchRank(vector, search_query))
            .filter(search_vector=search_query)
            .order_by("-rank", "pk")[:RESULTS_PER_KIND]
        )
    pieces = []
    for expression in expressions:
        pieces += [Coalesce(expression, Value("")), Value(" ")]
    queryset = queryset.annotate(haystack=Casefold(Concat(*pieces, output_field=CharField())))
    for word in query.split():
        queryset = queryset.filter(haystack__contains=word.casefold())
    return queryset.order_by("pk")[:RESULTS_PER_KIND]


def search_site(query, *, language=None):
    """Public results for `query`, by kind, each kind a list of at most RESULTS_PER_KIND objects."""
    language = language or get_language() or "en"
    if connection.vendor == "sqlite":
        _register_casefold()
    return {
        "meetings": list(
            _search(Meeting.objects.public(), ("title", "city", "venue", "description"), (), query, language)
        ),
        "sessions": list(
            _search(
                Session.objects.public().select_related("meeting", "room"),
                ("title", "description"),
                (),
                query,
                language,
            )
        ),
        "people": list(
            _search(
                Person.objects.listed(),
                ("honorific_prefix", "given_name", "family_name", "biography"),
                (),
                query,
                language,
            )
        ),
        "organizations": list(
            _search(Organization.objects.all(), ("name", "acronym", "description"), (), query, language)
        ),
        "instruments": list(
            _search(Instrument.objects.public(), ("title", "summary"), ("reference",), query, language)
        ),
    }
