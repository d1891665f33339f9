"""Who sees what: anonymous clients and keys of each scope against published, unpublished and private data."""

import datetime

import pytest

from agreements.models import Instrument
from meetings.models import Meeting
from participants.models import Organization
from tests.conftest import sign_in_with_second_factor
from tests.factories import (
    ApiKeyFactory,
    CommitmentFactory,
    DelegationFactory,
    InstrumentFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    SessionFactory,
)

PRIVATE_VALUES = ["private.person", "+7 700 555", "Prefers the aisle seat", "Arrives late", "VIP guest"]


@pytest.fixture
def world(db):
    published = MeetingFactory(status=Meeting.Status.PUBLISHED)
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    eleven = datetime.datetime.combine(published.start_date, datetime.time(11), tzinfo=published.tzinfo)
    listed = PersonFactory(listed_publicly=True, notes="Prefers the aisle seat")
    unlisted = PersonFactory(listed_publicly=False)
    draft_person = PersonFactory(listed_publicly=True)
    published_delegation = DelegationFactory(meeting=published, notes="Arrives late")
    draft_delegation = DelegationFactory(meeting=draft)
    return {
        "published": published,
        "draft": draft,
        "public_session": SessionFactory(meeting=published),
        "hidden_session": SessionFactory(meeting=published, is_public=False, starts_at=eleven),
        "draft_session": SessionFactory(meeting=draft),
        "listed": listed,
        "unlisted": unlisted,
        "draft_person": draft_person,
        "published_delegation": published_delegation,
        "draft_delegation": draft_delegation,
        "listed_participant": ParticipantFactory(
            delegation=published_delegation, person=listed, badge_number=12, notes="VIP guest"
        ),
        "unlisted_participant": ParticipantFactory(delegation=published_delegation, person=unlisted),
        "draft_participant": ParticipantFactory(delegation=draft_delegation, person=draft_person),
        "signed_instrument": InstrumentFactory(),
        "draft_instrument": InstrumentFactory(status=Instrument.Status.DRAFT, signed_on=None),
        "public_commitment": CommitmentFactory(agreed_at=published),
        "draft_commitment": CommitmentFactory(agreed_at=draft),
    }


def ids(client, resource):
    response = client.get(f"/api/v1/{resource}/?page_size=100")
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def visible(client):
    return {
        "meetings": ids(client, "meetings"),
        "sessions": ids(client, "sessions"),
        "people": ids(client, "people"),
        "delegations": ids(client, "delegations"),
        "participants": ids(client, "participants"),
        "instruments": ids(client, "instruments"),
        "commitments": ids(client, "commitments"),
    }


def public_view(world):
    return {
        "meetings": {world["published"].pk},
        "sessions": {world["public_session"].pk},
        "people": {world["listed"].pk, world["draft_person"].pk},
        "delegations": {world["published_delegation"].pk},
        "participants": {world["listed_participant"].pk},
        "instruments": {world["signed_instrument"].pk},
        "commitments": {world["public_commitment"].pk},
    }


def full_view(world):
    return {
        "meetings": {world["published"].pk, world["draft"].pk},
        "sessions": {world["public_session"].pk, world["hidden_session"].pk, world["draft_session"].pk},
        "people": {world["listed"].pk, world["unlisted"].pk, world["draft_person"].pk},
        "delegations": {world["published_delegation"].pk, world["draft_delegation"].pk},
        "participants": {
            world["listed_participant"].pk,
            world["unlisted_participant"].pk,
            world["draft_participant"].pk,
        },
        "instruments": {world["signed_instrument"].pk, world["draft_instrument"].pk},
        "commitments": {world["public_commitment"].pk, world["draft_commitment"].pk},
    }


def test_anonymous_sees_published_data_only(world, anonymous):
    assert visible(anonymous) == public_view(world)


def test_read_key_sees_published_data_only(world, client_for, read_key):
    assert visible(client_for(read_key)) == public_view(world)


def test_private_key_sees_unpublished_records(world, client_for, private_key):
    assert visible(client_for(private_key)) == full_view(world)


def test_write_key_sees_unpublished_records(world, client_for, write_key):
    assert visible(client_for(write_key)) == full_view(world)


def test_private_key_limited_to_a_meeting_sees_only_that_meetings_private_records(world, client_for):
    key = ApiKeyFactory(scopes=["read", "read:private"], meetings=[world["published"]])
    assert visible(client_for(key)) == {
        "meetings": {world["published"].pk},
        "sessions": {world["public_session"].pk, world["hidden_session"].pk},
        "people": {world["listed"].pk, world["unlisted"].pk, world["draft_person"].pk},
        "delegations": {world["published_delegation"].pk},
        "participants": {world["listed_participant"].pk, world["unlisted_participant"].pk},
        "instruments": {world["signed_instrument"].pk},
        "commitments": {world["public_commitment"].pk},
    }


@pytest.mark.parametrize("key_name", ["expired_key", "revoked_key"])
def test_expired_or_revoked_key_gets_401_with_the_reason(world, client_for, key_name, request):
    key = request.getfixturevalue(key_name)
    response = client_for(key).get("/api/v1/meetings/")
    reason = "This API key has expired." if key_name == "expired_key" else "This API key has been revoked."
    assert (response.status_code, response.json()) == (401, {"detail": reason})
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_unknown_key_gets_401(world, anonymous):
    anonymous.credentials(HTTP_AUTHORIZATION="Bearer cnv_00000000_not-a-real-key")
    response = anonymous.get("/api/v1/meetings/")
    assert (response.status_code, response.json()) == (401, {"detail": "This API key is not valid."})


def test_key_with_a_wrong_secret_gets_401(world, client_for, write_key):
    write_key.secret = write_key.secret[:-4] + "AAAA"
    response = client_for(write_key).get("/api/v1/meetings/")
    assert (response.status_code, response.json()) == (401, {"detail": "This API key is not valid."})


@pytest.mark.parametrize(
    ("key_name", "expected_status"),
    [
        (None, 401),
        ("read_key", 403),
        ("private_key", 403),
        ("write_key", 201),
        ("expired_key", 401),
        ("revoked_key", 401),
    ],
)
def test_creating_a_record_needs_the_write_scope(db, client_for, key_name, expected_status, request):
    key = request.getfixturevalue(key_name) if key_name else None
    response = client_for(key).post(
        "/api/v1/organizations/",
        {"name": {"en": "Islamic Organization for Food Security"}, "slug": "iofs"},
        format="json",
    )
    assert response.status_code == expected_status
    assert Organization.objects.filter(slug="iofs").count() == (1 if expected_status == 201 else 0)


def test_read_key_writing_is_told_what_scope_is_missing(db, client_for, read_key):
    response = client_for(read_key).delete("/api/v1/organizations/1/")
    assert (response.status_code, response.json()) == (403, {"detail": "This API key does not have the write scope."})


def test_write_key_limited_to_a_meeting_cannot_change_another(world, client_for):
    key = ApiKeyFactory(scopes=["read", "write"], meetings=[world["draft"]])
    response = client_for(key).patch(
        f"/api/v1/sessions/{world['public_session'].pk}/", {"title": {"en": "Renamed"}}, format="json"
    )
    # "Not yours" answers like "does not exist".
    assert response.status_code == 404
    world["public_session"].refresh_from_db()
    assert world["public_session"].title_en.startswith("Working session")


@pytest.mark.parametrize("key_name", [None, "read_key"])
def test_no_private_value_reaches_anonymous_or_read_clients(world, client_for, key_name, request):
    client = client_for(request.getfixturevalue(key_name) if key_name else None)
    for resource in ["meetings", "sessions", "people", "delegations", "participants", "instruments", "commitments"]:
        listing = client.get(f"/api/v1/{resource}/").content.decode()
        details = [
            client.get(item["url"]).content.decode() for item in client.get(f"/api/v1/{resource}/").json()["results"]
        ]
        for text in [listing, *details]:
            assert [value for value in PRIVATE_VALUES if value in text] == []
    schedule = client.get(f"/api/v1/meetings/{world['published'].slug}/schedule.json").content.decode()
    assert world["hidden_session"].title_en not in schedule


def test_person_fields_for_anonymous_and_private_clients(world, anonymous, client_for, private_key):
    url = f"/api/v1/people/{world['listed'].pk}/"
    public_fields = set(anonymous.get(url).json())
    private_fields = set(client_for(private_key).get(url).json())
    assert private_fields - public_fields == {"email", "phone", "notes", "listed_publicly"}


def test_participant_fields_for_anonymous_and_private_clients(world, anonymous, client_for, private_key):
    url = f"/api/v1/participants/{world['listed_participant'].pk}/"
    assert anonymous.get(url).json() == {
        "id": world["listed_participant"].pk,
        "url": f"http://testserver{url}",
        "meeting": world["published"].pk,
        "delegation": world["published_delegation"].pk,
        "person": world["listed"].pk,
        "position": None,
        "role": "delegate",
        "status": "registered",
    }
    private = client_for(private_key).get(url).json()
    assert (private["badge_number"], private["notes"], private["checked_in_at"]) == (12, "VIP guest", None)


def test_unlisted_person_detail_is_404_for_anonymous(world, anonymous):
    response = anonymous.get(f"/api/v1/people/{world['unlisted'].pk}/")
    assert (response.status_code, response.json()) == (404, {"detail": "No Person matches the given query."})


def test_draft_meeting_detail_and_schedule_are_404_for_anonymous(world, anonymous):
    assert anonymous.get(f"/api/v1/meetings/{world['draft'].slug}/").status_code == 404
    assert anonymous.get(f"/api/v1/meetings/{world['draft'].slug}/schedule.json").status_code == 404


def test_speaker_not_listed_is_left_out_of_session_roles_for_anonymous(world, anonymous, client_for, private_key):
    from tests.factories import SessionRoleFactory

    session = world["public_session"]
    SessionRoleFactory(session=session, person=world["unlisted"])
    SessionRoleFactory(session=session, person=world["listed"])
    url = f"/api/v1/sessions/{session.pk}/"
    assert [role["person"] for role in anonymous.get(url).json()["roles"]] == [world["listed"].pk]
    assert {role["person"] for role in client_for(private_key).get(url).json()["roles"]} == {
        world["listed"].pk,
        world["unlisted"].pk,
    }


def test_secretariat_member_uses_the_browsable_api_with_the_secretariats_rights(world, client):
    from django.contrib.auth import get_user_model

    from core.roles import ensure_secretariat_group

    officer = get_user_model().objects.create_user("officer", password="x", is_staff=True)
    officer.groups.add(ensure_secretariat_group())
    sign_in_with_second_factor(client, officer)
    page = client.get("/api/v1/meetings/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert page["Content-Type"] == "text/html; charset=utf-8"
    assert {item["id"] for item in client.get("/api/v1/meetings/?format=json").json()["results"]} == {
        world["published"].pk,
        world["draft"].pk,
    }


def test_staff_status_alone_grants_no_more_than_anonymous(world, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("officer", password="x", is_staff=True))
    assert {item["id"] for item in client.get("/api/v1/meetings/?format=json").json()["results"]} == {
        world["published"].pk
    }


def test_key_use_is_recorded(db, client_for, read_key):
    assert read_key.last_used_at is None
    client_for(read_key).get("/api/v1/series/")
    read_key.refresh_from_db()
    assert read_key.last_used_at is not None
