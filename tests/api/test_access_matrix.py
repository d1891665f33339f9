"""Every endpoint of the router × every kind of client × every operation, filter and ordering.

The endpoints come from the router's registry, so a new one is attacked without editing this file. The data is
built to leak: contact details and notes, a draft meeting, a hidden session, a person who did not consent, a draft
instrument superseded by a public one. Whatever a client may not see must never appear, whatever it asks.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from agreements.models import Instrument
from api.urls import router
from core.roles import ensure_secretariat_group
from meetings.models import Meeting
from tests.conftest import rolled_back, sign_in_with_second_factor
from tests.factories import (
    ApiKeyFactory,
    CommitmentFactory,
    CommitmentUpdateFactory,
    DelegationFactory,
    InstrumentFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
)

# Values that only clients reading private data of the meeting concerned may ever receive.
PUBLISHED_SECRETS = ["listed.secret@example.org", "+7 700 111", "Listed person's notes", "Delegation notes"]
DRAFT_SECRETS = ["draft.secret@example.org", "+7 700 999", "Draft person's notes", "Draft delegation notes"]
DRAFT_TITLES = ["Draft meeting title", "Hidden session title", "Draft session title", "Draft instrument title"]

PERSONAS = [
    "anonymous",
    "read_key",
    "private_key",
    "write_key",
    "limited_write_key",
    "staff_without_permissions",
    "secretariat_member",
    "superuser",
]
# What each may do: read private data (of which meetings), write.
PUBLIC_READERS = {"anonymous", "read_key", "staff_without_permissions"}
FULL_READERS = {"private_key", "write_key", "secretariat_member", "superuser"}
WRITERS = {"write_key", "limited_write_key", "secretariat_member", "superuser"}

RESOURCES = [(prefix, viewset) for prefix, viewset, _basename in router.registry]


def build_world():
    """The records built to leak, each kind beside the one no client without the right may see."""
    published = MeetingFactory(status=Meeting.Status.PUBLISHED)
    draft = MeetingFactory(status=Meeting.Status.DRAFT, title_en="Draft meeting title")
    eleven = datetime.datetime.combine(published.start_date, datetime.time(11), tzinfo=published.tzinfo)
    listed = PersonFactory(
        listed_publicly=True, email="listed.secret@example.org", phone="+7 700 111", notes="Listed person's notes"
    )
    unlisted = PersonFactory(listed_publicly=False, email="", phone="", notes="")
    draft_only = PersonFactory(
        listed_publicly=False, email="draft.secret@example.org", phone="+7 700 999", notes="Draft person's notes"
    )
    delegation = DelegationFactory(meeting=published, notes="Delegation notes")
    draft_delegation = DelegationFactory(meeting=draft, notes="Draft delegation notes")
    public_session = SessionFactory(meeting=published)
    hidden_session = SessionFactory(
        meeting=published, is_public=False, starts_at=eleven, title_en="Hidden session title"
    )
    draft_session = SessionFactory(meeting=draft, title_en="Draft session title")
    SessionRoleFactory(session=public_session, person=listed)
    SessionRoleFactory(session=public_session, person=unlisted)
    SessionRoleFactory(session=draft_session, person=draft_only)
    draft_instrument = InstrumentFactory(
        status=Instrument.Status.DRAFT, signed_on=None, signed_at=draft, title_en="Draft instrument title"
    )
    commitment = CommitmentFactory(agreed_at=published, instrument=draft_instrument)
    CommitmentUpdateFactory(commitment=commitment, meeting=draft, reported_on=None)
    return {
        "published": published,
        "draft": draft,
        "listed": listed,
        "unlisted": unlisted,
        "draft_only": draft_only,
        "delegation": delegation,
        "draft_delegation": draft_delegation,
        "public_session": public_session,
        "hidden_session": hidden_session,
        "draft_session": draft_session,
        "room": RoomFactory(meeting=published),
        "draft_room": RoomFactory(meeting=draft),
        "participant": ParticipantFactory(delegation=delegation, person=listed, badge_number=12),
        "unlisted_participant": ParticipantFactory(delegation=delegation, person=unlisted),
        "draft_participant": ParticipantFactory(delegation=draft_delegation, person=draft_only),
        "draft_instrument": draft_instrument,
        "successor": InstrumentFactory(supersedes=draft_instrument),
        "commitment": commitment,
        "draft_commitment": CommitmentFactory(agreed_at=draft),
    }


def client_for_persona(persona, world):
    client = APIClient()
    if persona.endswith("_key"):
        scopes = {
            "read_key": ["read"],
            "private_key": ["read", "read:private"],
            "write_key": ["read", "read:private", "write"],
            "limited_write_key": ["read", "write"],
        }[persona]
        meetings = [world["published"]] if persona == "limited_write_key" else []
        key = ApiKeyFactory(scopes=scopes, meetings=meetings)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key.secret}")
    elif persona != "anonymous":
        user = get_user_model().objects.create_user(
            persona, password="x", is_staff=True, is_superuser=persona == "superuser"
        )
        if persona == "secretariat_member":
            user.groups.add(ensure_secretariat_group())
        sign_in_with_second_factor(client, user)
    return client


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The world and one client per persona, built once for the module in a transaction rolled back at its end.

    Each test still runs in its own transaction (a savepoint in this one), so its writes end with it; each client
    keeps its key or its signed-in session (with its second factor) for the whole module. The answer and throttle
    caches are emptied before each test (tests/conftest.py, tests/api/conftest.py).
    """
    with rolled_back(django_db_blocker):
        with django_db_blocker.unblock():
            world = build_world()
            clients = {persona: client_for_persona(persona, world) for persona in PERSONAS}
        yield world, clients


@pytest.fixture
def world(module_world, db):
    return module_world[0]


@pytest.fixture
def clients(module_world, db):
    return module_world[1]


def forbidden_texts(persona):
    if persona in FULL_READERS:
        return []
    if persona == "limited_write_key":
        return DRAFT_SECRETS + DRAFT_TITLES[0:1] + DRAFT_TITLES[2:]
    return PUBLISHED_SECRETS + DRAFT_SECRETS + DRAFT_TITLES


def assert_no_leak(persona, response):
    text = response.content.decode()
    assert [value for value in forbidden_texts(persona) if value in text] == [], response.request["PATH_INFO"]


def listed_ids(client, prefix, query=""):
    response = client.get(f"/api/v1/{prefix}/?page_size=1000{query}")
    assert response.status_code == 200, (prefix, query, response.content)
    return response, {item["id"] for item in response.json()["results"]}


def lookup(viewset, record):
    return getattr(record, viewset.lookup_field if viewset.lookup_field != "pk" else "pk")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("prefix", "viewset"), RESOURCES, ids=[prefix for prefix, _viewset in RESOURCES])
def test_reads_never_leak(world, clients, persona, prefix, viewset):
    client = clients[persona]
    response, visible = listed_ids(client, prefix)
    assert_no_leak(persona, response)
    for record in viewset.model.objects.all():
        detail = client.get(f"/api/v1/{prefix}/{lookup(viewset, record)}/")
        # A record is either in the list and readable, or absent and a 404 exactly like an unknown id.
        assert detail.status_code == (200 if record.pk in visible else 404), (prefix, record.pk)
        assert_no_leak(persona, detail)
    unknown = client.get(f"/api/v1/{prefix}/999999/")
    assert (unknown.status_code, unknown.json()["detail"].startswith("No ")) == (404, True)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("prefix", "viewset"), RESOURCES, ids=[prefix for prefix, _viewset in RESOURCES])
def test_filters_and_orderings_find_nothing_the_list_hides(world, clients, persona, prefix, viewset):
    client = clients[persona]
    _response, visible = listed_ids(client, prefix)
    # Each value once: two records may share an id (the draft delegation's and the draft room's), and the same
    # request twice proves nothing more.
    probes = dict.fromkeys(
        [
            world["draft"].slug,
            world["unlisted"].slug,
            world["draft_only"].slug,
            world["draft_delegation"].organization.slug,
            str(world["draft_delegation"].pk),
            str(world["draft_room"].pk),
            "draft",
            "declined",
        ]
    )
    for name in viewset.filterset_class.base_filters:
        for value in probes:
            response = client.get(f"/api/v1/{prefix}/?page_size=1000&{name}={value}")
            if response.status_code == 400:  # a value of the wrong kind for this filter, named in the answer
                assert list(response.json()) == [name]
                continue
            assert response.status_code == 200, response.content
            assert {item["id"] for item in response.json()["results"]} <= visible, (name, value)
            assert_no_leak(persona, response)
    for field in viewset.ordering_fields:
        for ordering in (field, f"-{field}"):
            response, found = listed_ids(client, prefix, f"&ordering={ordering}")
            assert found == visible, ordering
            assert_no_leak(persona, response)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("prefix", "viewset"), RESOURCES, ids=[prefix for prefix, _viewset in RESOURCES])
def test_writes_follow_the_clients_rights(world, clients, persona, prefix, viewset):
    client = clients[persona]
    model = viewset.model
    records = list(model.objects.order_by("pk"))
    counts_before = model.objects.count()
    create = client.post(f"/api/v1/{prefix}/", {}, format="json")
    if persona == "anonymous":
        expected = {"create": 401, "change": 401, "delete": 401}
    elif persona not in WRITERS:
        expected = {"create": 403, "change": 403, "delete": 403}
    else:
        expected = None
    if expected:
        assert create.status_code == expected["create"]
        for record in records:
            url = f"/api/v1/{prefix}/{lookup(viewset, record)}/"
            assert client.patch(url, {}, format="json").status_code == expected["change"]
            assert client.delete(url).status_code == expected["delete"]
        assert model.objects.count() == counts_before
        return
    # Writers: an empty body is refused naming fields (or, for a meeting-limited key, a new meeting is refused).
    assert create.status_code in (400, 403), create.content
    _response, visible = listed_ids(client, prefix)
    for record in records:
        url = f"/api/v1/{prefix}/{lookup(viewset, record)}/"
        response = client.patch(url, {}, format="json")
        if persona == "limited_write_key":
            in_reach = set(model.objects.in_meetings([world["published"].pk]).values_list("pk", flat=True))
            # In reach: the write is judged on its data (an existing record may break a newer rule: 400).
            assert response.status_code in ((200, 400) if record.pk in in_reach else (404,)), (prefix, record.pk)
            assert_no_leak(persona, response)
        else:
            assert response.status_code in (200, 400), (prefix, record.pk, response.content)
            assert response.status_code == 200 or "detail" not in response.json()
    for record in records[:1]:
        response = client.delete(f"/api/v1/{prefix}/{lookup(viewset, record)}/")
        assert response.status_code in (204, 404, 409), response.content


def test_every_domain_model_says_who_sees_it():
    from django.apps import apps

    from core.access import VisibleQuerySet

    domain = ("meetings", "participants", "working_sessions", "agreements")
    models = [
        model for model in apps.get_models() if model._meta.app_label in domain and "Historical" not in model.__name__
    ]
    assert [model.__name__ for model in models if not isinstance(model.objects.all(), VisibleQuerySet)] == []
