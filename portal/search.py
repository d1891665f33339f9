"""Site search over the public meetings, sessions, people, organizations and instruments, in every language.

What someone types is found whatever the interface language and however they typed it: each word, normalised by
`core.text.normalize` (case, accents, Arabic letter forms and article), must appear in the normalised text of a
record, all its languages together (a session's theme and topics included). PostgreSQL ranks the matches by
trigram word similarity (`pg_trgm`); SQLite, the zero-setup default, lists them in the order they were entered.
"""

from django.conf import settings
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Coalesce

from agreements.models import Instrument
from core.text import Normalized, normalize
from meetings.models import Meeting, Topic
from participants.models import Organization, Person
from sessions.models import Session

RESULTS_PER_KIND = 20
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class _Joined(Func):
    """Texts joined by spaces, flat (Django's Concat nests one pair in another, too deep for SQLite's parser)."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = TextField()


def _haystack(translated, plain=()):
    """Every language of the translated fields and the plain fields, as one text."""
    columns = [f"{field}_{code}" for field in translated for code in LANGUAGE_CODES] + list(plain)
    return _Joined(*[Coalesce(F(column), Value(""), output_field=TextField()) for column in columns])


def _matching(queryset, haystack, words):
    queryset = queryset.annotate(haystack=haystack)
    for word in words:
        queryset = queryset.filter(haystack__normalized_contains=word)
    return queryset


def _ranked(queryset, query):
    if connection.vendor == "postgresql":
        similarity = TrigramWordSimilarity(Value(normalize(query)), Normalized("haystack"))
        return queryset.annotate(rank=similarity).order_by("-rank", "pk")[:RESULTS_PER_KIND]
    return queryset.order_by("pk")[:RESULTS_PER_KIND]


def _search(queryset, query, translated, plain=()):
    return _ranked(_matching(queryset, _haystack(translated, plain), normalize(query).split()), query)


def _sessions(query):
    words = normalize(query).split()
    on_topics = Session.objects.filter(topics__in=_matching(Topic.objects.all(), _haystack(("name",)), words))
    own_text = _matching(Session.objects.all(), _haystack(("title", "description", "theme__name")), words)
    sessions = (
        Session.objects.public()
        .filter(Q(pk__in=own_text.values("pk")) | Q(pk__in=on_topics.values("pk")))
        .annotate(haystack=_haystack(("title", "description", "theme__name")))
        .select_related("meeting", "room")
    )
    return _ranked(sessions, query)


def search_site(query):
    """Public results for `query`, by kind, each kind a list of at most RESULTS_PER_KIND objects."""
    if not normalize(query):
        return {kind: [] for kind in ("meetings", "sessions", "people", "organizations", "instruments")}
    return {
        "meetings": list(_search(Meeting.objects.public(), query, ("title", "city", "venue", "description"))),
        "sessions": list(_sessions(query)),
        "people": list(
            _search(Person.objects.listed(), query, ("honorific_prefix", "given_name", "family_name", "biography"))
        ),
        "organizations": list(_search(Organization.objects.all(), query, ("name", "acronym", "description"))),
        "instruments": list(_search(Instrument.objects.public(), query, ("title", "summary"), ("reference",))),
    }
