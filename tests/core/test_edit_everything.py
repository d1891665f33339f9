"""No stale answer: an edit of any domain model, through the admin or the API, shows at once on every public page
and API answer that shows it, and changes nothing else.

The models are discovered from the domain apps, so a new model fails here until it says which field the public
sees. The oracle is the mechanism's own output with the cache emptied: after each edit, every public answer served
(from the cache where it was kept) must be byte for byte the answer rendered afresh. So a page that shows the edit
has changed, and a page that does not show it keeps its bytes and its ETag. Pages of another meeting stay in the
cache (one query: the version) after an edit that belongs to one meeting.

The world and its answers before any edit are made once for the module (`built`); each test edits a copy of the
rows in its own rolled-back savepoint, starting from the answer cache that first reading left.
"""

import copy
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, models
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from core import versions
from core.models import ContentVersion
from tests.admin.forms import post_data_from
from tests.conftest import rolled_back, sign_in_with_second_factor
from tests.factories import (
    ApiKeyFactory,
    CommitmentFactory,
    CommitmentUpdateFactory,
    DelegationFactory,
    MeetingFactory,
    ParticipantFactory,
    PartyFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
)
from tests.pages.conftest import build_programme, page_urls

DOMAIN_APPS = ("meetings", "participants", "working_sessions", "agreements")

API_LISTS = (
    "series",
    "meetings",
    "themes",
    "rooms",
    "sessions",
    "organizations",
    "people",
    "delegations",
    "participants",
    "instruments",
    "commitments",
)


@dataclass
class World:
    programme: Any
    commitment: Any
    other_meeting: Any
    writer: Any  # an API client with a write key, made before the edit (its organization is a site-wide row)

    @property
    def meeting(self):
        return self.programme.meeting


@dataclass(frozen=True)
class Nested:
    """A row the API writes inside its parent's list (a session's `roles`)."""

    resource: str
    parent: str
    items: str


@dataclass(frozen=True)
class Edit:
    find: Any  # World -> the row to edit
    field: str  # a field some public page or answer shows
    api: str | Nested | None = None  # how the API writes it (None: the admin only)


def _first(manager):
    return manager.order_by("pk").first()


# What the public sees of each domain model, and the API door that writes it.
EDITS = {
    "meetings.MeetingSeries": Edit(lambda w: w.meeting.series, "name", api="series"),
    "meetings.Meeting": Edit(lambda w: w.meeting, "title", api="meetings"),
    "meetings.Theme": Edit(lambda w: w.programme.themes[0], "name", api="themes"),
    "meetings.Topic": Edit(lambda w: _first(w.programme.themes[0].topics), "name", Nested("themes", "theme", "topics")),
    "meetings.Document": Edit(lambda w: _first(w.meeting.documents), "title"),
    "participants.Organization": Edit(lambda w: w.programme.organization, "name", api="organizations"),
    "participants.Person": Edit(lambda w: w.programme.star, "family_name", api="people"),
    "participants.Position": Edit(lambda w: _first(w.programme.star.positions), "title"),
    "participants.Delegation": Edit(lambda w: w.programme.star.participations.get().delegation, "role", "delegations"),
    "participants.Participant": Edit(lambda w: w.programme.star.participations.get(), "role", api="participants"),
    "working_sessions.Room": Edit(lambda w: w.programme.sessions[0].room, "name", api="rooms"),
    "working_sessions.Session": Edit(lambda w: w.programme.sessions[0], "title", api="sessions"),
    "working_sessions.SessionType": Edit(lambda w: w.programme.sessions[0].type, "name", api="session-types"),
    "working_sessions.SessionRole": Edit(
        lambda w: _first(w.programme.sessions[0].roles), "subject", Nested("sessions", "session", "roles")
    ),
    "agreements.Instrument": Edit(lambda w: w.programme.instrument, "title", api="instruments"),
    "agreements.Party": Edit(
        lambda w: w.programme.instrument.parties.latest("pk"), "role", Nested("instruments", "instrument", "parties")
    ),
    "agreements.Signature": Edit(
        lambda w: _first(w.programme.instrument.signatures),
        "capacity",
        Nested("instruments", "instrument", "signatures"),
    ),
    "agreements.Commitment": Edit(lambda w: w.commitment, "title", api="commitments"),
    "agreements.CommitmentUpdate": Edit(
        lambda w: _first(w.commitment.updates), "note", Nested("commitments", "commitment", "updates")
    ),
}

# Fields the public never sees: editing them must leave every public answer, and its ETag, as it was.
PRIVATE_EDITS = {
    "participants.Person.email": Edit(lambda w: w.programme.star, "email", api="people"),
    "participants.Person.phone": Edit(lambda w: w.programme.star, "phone", api="people"),
    "participants.Person.notes": Edit(lambda w: w.programme.star, "notes", api="people"),
    "participants.Participant.notes": Edit(lambda w: w.programme.star.participations.get(), "notes", "participants"),
    "participants.Delegation.notes": Edit(
        lambda w: w.programme.star.participations.get().delegation, "notes", api="delegations"
    ),
}


def domain_models():
    return sorted(
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in DOMAIN_APPS and not model.__name__.startswith("Historical")
    )


def doors(edits):
    return [
        pytest.param(label, door, id=f"{label}-{door}")
        for label in edits
        for door in ("admin", "api")
        if door == "admin" or edits[label].api is not None
    ]


@dataclass(frozen=True)
class Built:
    """The world as made once for the module, its public answers as first rendered, and the clients that read them."""

    rows: tuple  # (programme, commitment, other meeting) as made: each test edits a copy of its own
    urls: dict
    before: dict  # every public answer, rendered into an empty answer cache
    cached: tuple  # what that rendering left in the answer cache (its entries and their expiry)
    visitor: APIClient
    officer: Client
    officer_cookies: SimpleCookie
    writer: APIClient  # a write key, made before any edit (its organization is a site-wide row)


def answer_cache():
    return caches[settings.CONVENE_ANSWER_CACHE]


def cache_contents():
    """The answer cache's entries and their expiry, read from the tests' local-memory cache (Django's cache API lists
    no keys)."""
    cache = answer_cache()
    assert isinstance(cache, LocMemCache), f"the tests' answer cache is local memory, not {type(cache).__name__}"
    return dict(cache._cache), dict(cache._expire_info)


def build_world():
    programme = build_programme(sessions=3)
    commitment = CommitmentFactory(agreed_at=programme.meeting, lead_organization=programme.organization)
    commitment.partner_organizations.add(programme.organization)
    CommitmentUpdateFactory(commitment=commitment, meeting=programme.meeting)
    # A third party, so that one may become a witness: a signed instrument keeps two parties.
    PartyFactory(instrument=programme.instrument, order=3)
    other = MeetingFactory(slug="other-meeting", title_en="Another meeting of the year")
    room = RoomFactory(meeting=other)
    SessionFactory(meeting=other, room=room, theme=None)
    ParticipantFactory(delegation=DelegationFactory(meeting=other), person=PersonFactory())
    return programme, commitment, other


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The world, built once for the module in a transaction rolled back at its end, and every public answer read
    once into an empty answer cache. Each test's edit is rolled back at the test's end (a savepoint), so every test
    starts from these rows, these versions and so these answers."""
    rates = {"anon": "100000/minute", "key": "100000/minute"}
    framework = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    with override_settings(REST_FRAMEWORK=framework), rolled_back(django_db_blocker):
        with django_db_blocker.unblock(), translation.override(settings.LANGUAGE_CODE):
            answer_cache().clear()
            rows = build_world()
            writer = APIClient()
            key = ApiKeyFactory(scopes=["read", "read:private", "write"])
            writer.credentials(HTTP_AUTHORIZATION=f"Bearer {key.secret}")
            officer = sign_in_with_second_factor(
                Client(), get_user_model().objects.create_superuser("admin", "admin@example.com", "password")
            )
            urls = public_answers(World(*rows, writer=writer))
            visitor = APIClient()
            before, _, made_now = read_all(visitor, urls)
        assert made_now == set(urls)  # into an empty cache, every answer is made from the rows
        cached = cache_contents()
        # One entry per answer and nothing else: a render reads no entry of this cache but its own answer's.
        assert len(cached[0]) == len(urls)
        yield Built(rows, urls, before, cached, visitor, officer, copy.deepcopy(officer.cookies), writer)
        answer_cache().clear()


@pytest.fixture
def world(built, db, _empty_answer_cache):
    """A copy of the module's rows for this test, and the answer cache as the first reading of every public answer
    left it: those answers are keyed by the versions this test starts from (rolled back: the same), and a render of
    the same rows is the same bytes. What earlier tests kept after their edits is dropped (the autouse emptying):
    their version numbers are given out again to this test's edit."""
    cache = answer_cache()
    with cache._lock:
        cache._cache.update(built.cached[0])
        cache._expire_info.update(built.cached[1])
    built.officer.cookies = copy.deepcopy(built.officer_cookies)
    programme, commitment, other = copy.deepcopy(built.rows)
    return World(programme=programme, commitment=commitment, other_meeting=other, writer=built.writer)


def other_meeting_pages(world):
    slug = world.other_meeting.slug
    return {
        "other:meeting": reverse("meetings:meeting_detail", kwargs={"slug": slug}),
        "other:agenda": reverse("sessions:agenda", kwargs={"meeting_slug": slug}),
        "other:participants": reverse("participants:participant_list", kwargs={"meeting_slug": slug}),
        "other:agenda_ics": reverse("sessions:agenda_ics", kwargs={"meeting_slug": slug}),
    }


def public_answers(world):
    """Every public page and anonymous API answer of the two meetings, by a readable name."""
    urls = {f"page:{name}": url for name, url in page_urls(world.programme).items()}
    urls["page:agenda[ar]"] = page_urls(world.programme, "ar")["agenda"]
    urls.update(other_meeting_pages(world))
    urls.update({f"api:{resource}": f"/api/v1/{resource}/?page_size=100" for resource in API_LISTS})
    for meeting in (world.meeting, world.other_meeting):
        urls[f"api:meeting:{meeting.slug}"] = f"/api/v1/meetings/{meeting.slug}/"
        urls[f"api:schedule:{meeting.slug}"] = f"/api/v1/meetings/{meeting.slug}/schedule.json"
    return urls


def read_all(visitor, urls):
    """(status, ETag, bytes) of every answer as an anonymous visitor sees them, the queries each cost, and the names
    of those made now from the rows (a query other than a content version's), not served from the answer cache."""
    visitor.cookies = SimpleCookie()  # a visitor the site has never answered: no cookie from an earlier reading
    answers, costs, made_now = {}, {}, set()
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = visitor.get(url)
        answers[name] = (response.status_code, response.get("ETag"), response.content)
        costs[name] = len(queries)
        if any(ContentVersion._meta.db_table not in query["sql"] for query in queries.captured_queries):
            made_now.add(name)
    return answers, costs, made_now


def is_translated(model, field):
    return hasattr(model, f"{field}_en")


def new_value(instance, field, probe):
    """A value unlike the current one: a probe text, or another choice."""
    model_field = type(instance)._meta.get_field(field)
    if model_field.choices:
        current = getattr(instance, field)
        return next(value for value, _label in model_field.choices if value != current)
    if isinstance(model_field, models.EmailField):
        return "probe@private.example"
    return probe


def edit_through_admin(admin_client, instance, field, value):
    meta = instance._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk])
    name = f"{field}_en" if is_translated(type(instance), field) else field
    page = admin_client.get(url)
    assert page.status_code == 200
    assert name in page.context["adminform"].form.fields, f"{meta.label}.{name} is not in its admin form"
    response = admin_client.post(url, post_data_from(page, **{name: value}))
    errors = response.context and [response.context["adminform"].form.errors, response.context.get("errors")]
    assert response.status_code == 302, errors


def api_detail(resource, record):
    return f"/api/v1/{resource}/{record.slug if resource in ('meetings', 'instruments') else record.pk}/"


def edit_through_api(writer, instance, edit, value):
    sent = {"en": value} if is_translated(type(instance), edit.field) else value
    if isinstance(edit.api, Nested):
        url = api_detail(edit.api.resource, getattr(instance, edit.api.parent))
        items = writer.get(url).json()[edit.api.items]
        for item in items:
            if item["id"] == instance.pk:
                item[edit.field] = sent
        body = {edit.api.items: items}
        if edit.api.items == "signatures":  # a signature names its party: the parties go with it
            body["parties"] = writer.get(url).json()["parties"]
        response = writer.patch(url, body, format="json")
    else:
        response = writer.patch(api_detail(edit.api, instance), {edit.field: sent}, format="json")
    assert response.status_code == 200, response.content


def make_edit(edit, door, world, officer, probe):
    instance = edit.find(world)
    value = new_value(instance, edit.field, probe)
    if door == "admin":
        edit_through_admin(officer, instance, edit.field, value)
    else:
        edit_through_api(world.writer, instance, edit, value)
    instance.refresh_from_db()
    assert getattr(instance, edit.field) == value  # the door wrote it
    return instance


def served_and_fresh(visitor, urls):
    """Every answer as served after the edit, and as rendered afresh with the answer cache emptied.

    An answer served from the cache is rendered again. One made now from the rows is already a fresh render: its
    key was missing from the cache, and a render reads no other entry (the cache holds the answers and nothing
    else, checked when the world is built), so with the cache emptied the same code reads the same rows.
    """
    served, costs, made_now = read_all(visitor, urls)
    answer_cache().clear()
    fresh, _, _ = read_all(visitor, {name: url for name, url in urls.items() if name not in made_now})
    fresh.update({name: served[name] for name in made_now})
    return served, fresh, costs


def stale(served, fresh):
    return sorted(name for name in fresh if served[name] != fresh[name])


def changed(before, after):
    return sorted(name for name in after if before[name] != after[name])


def test_every_domain_model_says_what_the_public_sees_of_it():
    assert domain_models() == sorted(EDITS)


@pytest.mark.parametrize(("label", "door"), doors(EDITS))
def test_edit_shows_at_once_where_shown_and_nowhere_else(built, world, label, door):
    before = built.before
    assert all(status == 200 for status, _etag, _content in before.values()), before

    instance = make_edit(EDITS[label], door, world, built.officer, probe=f"Probe for {label}")
    served, fresh, costs = served_and_fresh(built.visitor, built.urls)

    assert stale(served, fresh) == []
    assert changed(before, fresh) != [], f"no public answer shows {label}.{EDITS[label].field}"
    if versions.scopes_of(instance) == {world.meeting.pk}:
        # An edit inside one meeting: the other meeting's pages are still answered from the cache.
        other_pages = other_meeting_pages(world)
        assert {name: costs[name] for name in other_pages} == dict.fromkeys(other_pages, 1)


@pytest.mark.parametrize(("label", "door"), doors(PRIVATE_EDITS))
def test_private_field_edit_changes_no_public_answer(built, world, label, door):
    before = built.before

    make_edit(PRIVATE_EDITS[label], door, world, built.officer, probe="Arrives late; private note")
    served, fresh, _ = served_and_fresh(built.visitor, built.urls)

    assert stale(served, fresh) == []
    assert changed(before, served) == []
