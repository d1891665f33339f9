"""Real threads against PostgreSQL: parallel accreditations and parallel edits lose nothing and burn no number.

SQLite serialises every write on one file lock, so these races cannot happen there and the tests skip; CI runs the
suite on PostgreSQL too, where they must pass.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.test import Client
from rest_framework.test import APIClient

from meetings.models import Meeting
from participants.models import Delegation, Participant
from participants.services import participant_change_status
from sessions.models import Session
from tests.conftest import sign_in_with_second_factor
from tests.factories import (
    ApiKeyFactory,
    DelegationFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipantFactory,
    PersonFactory,
    SessionFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and concurrent transactions need PostgreSQL"
    ),
]
Status = Participant.Status


def run_together(jobs):
    """Run each job in its own thread (and database connection), all released at once; their results in order."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, job)) for index, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


def writer_client(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key.secret}")
    return client


def test_ten_parallel_accreditations_give_ten_consecutive_badges():
    meeting = MeetingFactory()
    participants = [
        ParticipantFactory(delegation=DelegationFactory(meeting=meeting), status=Status.REGISTERED) for _ in range(10)
    ]

    run_together(
        [
            lambda participant=participant: participant_change_status(participant=participant, status=Status.ACCREDITED)
            for participant in participants
        ]
    )

    rows = list(Participant.objects.filter(meeting=meeting).values_list("status", "badge_number"))
    assert sorted(rows) == [(Status.ACCREDITED, number) for number in range(1, 11)]
    assert Meeting.objects.get(pk=meeting.pk).last_badge_number == 10


def test_parallel_accreditations_of_one_participant_give_one_badge():
    participant = ParticipantFactory(status=Status.REGISTERED)

    run_together(
        [lambda: participant_change_status(participant=participant, status=Status.ACCREDITED) for _ in range(5)]
    )

    participant.refresh_from_db()
    assert (participant.status, participant.badge_number) == (Status.ACCREDITED, 1)
    assert Meeting.objects.get(pk=participant.meeting_id).last_badge_number == 1


def test_parallel_edits_with_the_same_if_match_one_wins_the_others_get_412():
    key = ApiKeyFactory(scopes=["read", "read:private", "write"])
    session = SessionFactory(title_en="Opening", description_en="")
    url = f"/api/v1/sessions/{session.pk}/"
    etag = writer_client(key).get(url)["ETag"]
    changes = [{"title": {"en": f"Title {n}"}} if n % 2 else {"description": {"en": f"Text {n}"}} for n in range(6)]

    statuses = run_together(
        [
            lambda change=change: writer_client(key).patch(url, change, format="json", HTTP_IF_MATCH=etag).status_code
            for change in changes
        ]
    )

    assert sorted(statuses) == [200] + [412] * 5
    winner = changes[statuses.index(200)]
    saved = Session.objects.get(pk=session.pk)
    assert (saved.title_en, saved.description_en) == (
        winner.get("title", {}).get("en", "Opening"),
        winner.get("description", {}).get("en", ""),
    )


@pytest.mark.parametrize("round_number", range(5))
def test_parallel_edits_of_different_fields_without_if_match_keep_both(round_number):
    key = ApiKeyFactory(scopes=["read", "read:private", "write"])
    session = SessionFactory(title_en="Opening", description_en="")
    url = f"/api/v1/sessions/{session.pk}/"

    statuses = run_together(
        [
            lambda: writer_client(key).patch(url, {"title": {"en": "Opening ceremony"}}, format="json").status_code,
            lambda: writer_client(key).patch(url, {"description": {"en": "Welcome."}}, format="json").status_code,
        ]
    )

    assert statuses == [200, 200]
    saved = Session.objects.get(pk=session.pk)
    assert (saved.title_en, saved.description_en, saved.sequence) == ("Opening ceremony", "Welcome.", 2)


def test_the_same_person_added_twice_at_once_through_the_api_is_one_201_and_one_400_naming_person():
    key = ApiKeyFactory(scopes=["read", "read:private", "write"])
    meeting = MeetingFactory()
    delegations = [DelegationFactory(meeting=meeting) for _ in range(2)]
    person = PersonFactory()

    responses = run_together(
        [
            lambda delegation=delegation: writer_client(key).post(
                "/api/v1/participants/", {"delegation": delegation.pk, "person": person.pk}, format="json"
            )
            for delegation in delegations
        ]
    )

    outcomes = sorted(
        (response.status_code, response.json() if response.status_code == 400 else None) for response in responses
    )
    assert outcomes == [(201, None), (400, {"person": ["This person already takes part in this meeting."]})]
    assert Participant.objects.filter(meeting=meeting, person=person).count() == 1


def test_the_same_delegation_added_twice_at_once_in_the_admin_is_one_save_and_one_form_error():
    officer = get_user_model().objects.create_superuser("officer", password="unused-here")
    delegation = DelegationFactory.build(meeting=MeetingFactory(), organization=OrganizationFactory())
    data = {
        "meeting": delegation.meeting.pk,
        "organization": delegation.organization.pk,
        "role": "participant",
        "ordering": "0",
        "notes": "",
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
    }

    def add():
        client = Client()
        sign_in_with_second_factor(client, officer)
        response = client.post("/admin/participants/delegation/add/", data)
        if response.status_code == 200:
            return 200, dict(response.context["adminform"].form.errors)
        return response.status_code, None

    outcomes = sorted(run_together([add, add]))

    assert outcomes == [
        (200, {"organization": ["This organization already has a delegation at this meeting."]}),
        (302, None),
    ]
    assert Delegation.objects.count() == 1
