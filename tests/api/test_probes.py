"""The probes of issue 9, each replayed: what an attacker tried, and what it gets now."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from agreements.models import Instrument
from meetings.models import Meeting
from participants.models import Organization, Participant
from tests.conftest import sign_in_with_second_factor
from tests.factories import (
    ApiKeyFactory,
    CommitmentFactory,
    CommitmentUpdateFactory,
    DelegationFactory,
    InstrumentFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipantFactory,
    PersonFactory,
    SessionFactory,
    SessionRoleFactory,
)


@pytest.fixture
def meetings(db):
    return MeetingFactory(status=Meeting.Status.PUBLISHED), MeetingFactory(status=Meeting.Status.DRAFT)


def key_client(**key_values):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiKeyFactory(**key_values).secret}")
    return client


def test_staff_without_permissions_reads_no_private_field_and_cannot_write(meetings):
    person = PersonFactory(listed_publicly=False, email="someone@example.org", phone="+7 700 1", notes="Secret")
    listed = PersonFactory(listed_publicly=True, email="listed@example.org")
    organization = OrganizationFactory()
    client = APIClient()
    client.force_login(get_user_model().objects.create_user("staff", password="x", is_staff=True))

    assert client.get(f"/api/v1/people/{person.pk}/").status_code == 404
    shown = client.get(f"/api/v1/people/{listed.pk}/").json()
    assert {"email", "phone", "notes", "listed_publicly"} & set(shown) == set()
    response = client.patch(f"/api/v1/people/{person.pk}/", {"listed_publicly": True}, format="json")
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.listed_publicly is False
    created = client.post("/api/v1/organizations/", {"name": {"en": "X"}, "slug": "x"}, format="json")
    assert created.status_code == 403
    assert client.delete(f"/api/v1/organizations/{organization.pk}/").status_code == 403
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_secretariat_member_writes_with_the_groups_permissions(meetings):
    from core.roles import ensure_secretariat_group

    person = PersonFactory(listed_publicly=False)
    user = get_user_model().objects.create_user("officer", password="x")
    user.groups.add(ensure_secretariat_group())
    client = APIClient()
    sign_in_with_second_factor(client, user)
    response = client.patch(f"/api/v1/people/{person.pk}/", {"notes": "Called back"}, format="json")
    assert (response.status_code, response.json()["notes"]) == (200, "Called back")


def test_meeting_limited_key_cannot_attach_a_person_of_another_meeting(meetings):
    published, draft = meetings
    outsider = PersonFactory(listed_publicly=False, email="outsider@example.org")
    ParticipantFactory(delegation=DelegationFactory(meeting=draft), person=outsider)
    client = key_client(scopes=["read", "write"], meetings=[published])
    delegation = client.post(
        "/api/v1/delegations/", {"meeting": published.pk, "organization": OrganizationFactory().pk}, format="json"
    )
    assert delegation.status_code == 201, delegation.content

    answers = {}
    for person_id in (outsider.pk, 999999):
        response = client.post(
            "/api/v1/participants/", {"delegation": delegation.json()["id"], "person": person_id}, format="json"
        )
        answers[person_id] = (response.status_code, response.json())
    # "Not yours" and "does not exist" are the same answer, but for the id quoted back.
    assert answers[outsider.pk] == (400, {"person": [f'Invalid pk "{outsider.pk}" - object does not exist.']})
    assert answers[999999] == (400, {"person": ['Invalid pk "999999" - object does not exist.']})
    assert not Participant.objects.filter(person=outsider, meeting=published).exists()
    assert client.get(f"/api/v1/people/{outsider.pk}/").status_code == 404


def test_meeting_limited_key_cannot_attach_a_delegation_of_another_meeting(meetings):
    published, draft = meetings
    client = key_client(scopes=["read", "write"], meetings=[published])
    other = DelegationFactory(meeting=MeetingFactory(status=Meeting.Status.PUBLISHED))
    response = client.post(
        "/api/v1/participants/", {"delegation": other.pk, "person": PersonFactory().pk}, format="json"
    )
    assert (response.status_code, list(response.json())) == (400, ["delegation"])


def test_meeting_limited_key_may_register_a_person_it_just_created(meetings):
    published, _draft = meetings
    client = key_client(scopes=["read", "write"], meetings=[published])
    person = client.post("/api/v1/people/", {"given_name": "Aida", "family_name": "Nur", "slug": "aida"}, format="json")
    assert person.status_code == 201, person.content
    delegation = DelegationFactory(meeting=published)
    response = client.post(
        "/api/v1/participants/", {"delegation": delegation.pk, "person": person.json()["id"]}, format="json"
    )
    assert response.status_code == 201, response.content


def test_meeting_limited_key_cannot_create_a_meeting(meetings):
    client = key_client(scopes=["read", "write"], meetings=[meetings[0]])
    response = client.post(
        "/api/v1/meetings/",
        {
            "slug": "new",
            "title": {"en": "New"},
            "city": {"en": "Baku"},
            "country": "AZ",
            "start_date": "2026-01-01",
            "end_date": "2026-01-02",
        },
        format="json",
    )
    assert response.status_code == 403
    assert not Meeting.objects.filter(slug="new").exists()


def test_speaker_filter_finds_no_session_through_a_person_out_of_reach(meetings):
    published, draft = meetings
    draft_only = PersonFactory(listed_publicly=False)
    SessionRoleFactory(session=SessionFactory(meeting=draft), person=draft_only)
    client = key_client(scopes=["read", "read:private"], meetings=[published])
    response = client.get(f"/api/v1/sessions/?speaker={draft_only.slug}")
    assert (response.status_code, response.json()["count"]) == (200, 0)
    unlimited = key_client(scopes=["read", "read:private"])
    assert unlimited.get(f"/api/v1/sessions/?speaker={draft_only.slug}").json()["count"] == 1


def test_supersedes_shows_no_id_of_a_draft_instrument(meetings):
    draft_instrument = InstrumentFactory(status=Instrument.Status.DRAFT, signed_on=None)
    successor = InstrumentFactory(supersedes=draft_instrument)
    url = f"/api/v1/instruments/{successor.slug}/"
    assert APIClient().get(url).json()["supersedes"] is None
    assert key_client(scopes=["read", "read:private"]).get(url).json()["supersedes"] == draft_instrument.pk


def test_links_to_a_draft_meeting_show_null_to_the_public(meetings):
    published, draft = meetings
    commitment = CommitmentFactory(agreed_at=published, instrument=InstrumentFactory(status="draft", signed_on=None))
    CommitmentUpdateFactory(commitment=commitment, meeting=draft, reported_on=None)
    CommitmentUpdateFactory(commitment=commitment, meeting=published)
    data = APIClient().get(f"/api/v1/commitments/{commitment.pk}/").json()
    assert (data["instrument"], [update["meeting"] for update in data["updates"]]) == (None, [published.pk])


def test_creating_a_participant_past_the_first_step_is_refused_naming_status(meetings):
    published, _draft = meetings
    client = key_client(scopes=["read", "write"])
    delegation = DelegationFactory(meeting=published)
    response = client.post(
        "/api/v1/participants/",
        {"delegation": delegation.pk, "person": PersonFactory().pk, "status": "attended", "badge_number": 5},
        format="json",
    )
    assert (response.status_code, list(response.json())) == (400, ["status"])
    assert not Participant.objects.filter(delegation=delegation).exists()
    published.refresh_from_db()
    assert published.last_badge_number == 0


def test_badge_number_and_status_are_not_written_directly(meetings):
    participant = ParticipantFactory(delegation=DelegationFactory(meeting=meetings[0]))
    client = key_client(scopes=["read", "write"])
    url = f"/api/v1/participants/{participant.pk}/"
    assert client.patch(url, {"badge_number": 1}, format="json").json()["badge_number"] is None
    response = client.patch(url, {"status": "accredited"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["status"])
    participant.refresh_from_db()
    assert (participant.status, participant.badge_number) == ("registered", None)


def test_transition_follows_the_workflow_and_issues_the_badge(meetings):
    participant = ParticipantFactory(delegation=DelegationFactory(meeting=meetings[0]))
    client = key_client(scopes=["read", "write"])
    url = f"/api/v1/participants/{participant.pk}/transition/"
    response = client.post(url, {"status": "accredited"}, format="json")
    assert (response.status_code, response.json()["status"], response.json()["badge_number"]) == (200, "accredited", 1)
    refused = client.post(url, {"status": "invited"}, format="json")
    assert (refused.status_code, list(refused.json())) == (400, ["status"])


def test_transition_needs_the_change_right_and_the_meeting(meetings):
    participant = ParticipantFactory(delegation=DelegationFactory(meeting=meetings[0]))
    url = f"/api/v1/participants/{participant.pk}/transition/"
    assert (
        key_client(scopes=["read", "read:private"]).post(url, {"status": "accredited"}, format="json").status_code
        == 403
    )
    other = key_client(scopes=["read", "write"], meetings=[meetings[1]])
    assert other.post(url, {"status": "accredited"}, format="json").status_code == 404
    participant.refresh_from_db()
    assert participant.status == "registered"
