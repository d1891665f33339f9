"""The secretariat's bulk actions: publish / unpublish meetings and sessions, accredit / mark attended."""

import pytest

from meetings.models import Meeting
from participants.models import Participant
from sessions.models import Session
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db


def run_action(client, changelist, action, objects, **headers):
    response = client.post(
        changelist, {"action": action, "_selected_action": [obj.pk for obj in objects]}, follow=True, **headers
    )
    assert response.status_code == 200
    return [str(message) for message in response.context["messages"]]


def test_admin_action_publish_meetings(secretariat_client):
    drafts = MeetingFactory.create_batch(2, status=Meeting.Status.DRAFT)
    untouched = MeetingFactory(status=Meeting.Status.DRAFT)

    messages = run_action(secretariat_client, "/admin/meetings/meeting/", "publish", drafts)

    assert messages == ["2 meetings changed."]
    assert dict(Meeting.objects.values_list("pk", "status")) == {
        drafts[0].pk: "published",
        drafts[1].pk: "published",
        untouched.pk: "draft",
    }


def test_admin_action_unpublish_meetings_back_to_draft(secretariat_client):
    meeting = MeetingFactory(status=Meeting.Status.PUBLISHED)

    messages = run_action(secretariat_client, "/admin/meetings/meeting/", "unpublish", [meeting])

    meeting.refresh_from_db()
    assert (messages, meeting.status) == (["1 meeting changed."], "draft")


def test_admin_action_publish_and_hide_sessions(secretariat_client):
    hidden = SessionFactory(is_public=False)
    shown = SessionFactory(is_public=True)

    published = run_action(secretariat_client, "/admin/working_sessions/session/", "publish", [hidden])
    unpublished = run_action(secretariat_client, "/admin/working_sessions/session/", "unpublish", [shown])

    assert (published, unpublished) == (["1 session changed."], ["1 session changed."])
    assert dict(Session.objects.values_list("pk", "is_public")) == {hidden.pk: True, shown.pk: False}


def test_admin_action_mark_accredited_gives_badges(secretariat_client):
    delegation = DelegationFactory()
    first, second = ParticipantFactory.create_batch(2, delegation=delegation, status=Participant.Status.REGISTERED)

    messages = run_action(secretariat_client, "/admin/participants/participant/", "mark_accredited", [first, second])

    assert messages == [f"2 participants now accredited: {first.person}, {second.person}."]
    assert dict(Participant.objects.values_list("pk", "status")) == {first.pk: "accredited", second.pk: "accredited"}
    assert sorted(Participant.objects.values_list("badge_number", flat=True)) == [1, 2]


def test_admin_action_mark_attended_reports_the_refused_transition_to_the_officer(secretariat_client):
    accredited = ParticipantFactory(status=Participant.Status.ACCREDITED)
    invited = ParticipantFactory(status=Participant.Status.INVITED)

    messages = run_action(
        secretariat_client, "/admin/participants/participant/", "mark_attended", [accredited, invited]
    )

    assert messages == [
        f"1 participant now attended: {accredited.person}.",
        f"Refused: {invited.person} cannot go from “invited” to “attended”.",
    ]
    assert dict(Participant.objects.values_list("pk", "status")) == {accredited.pk: "attended", invited.pk: "invited"}


def test_admin_action_refusal_is_reported_in_french(secretariat_client):
    invited = ParticipantFactory(status=Participant.Status.INVITED)

    messages = run_action(
        secretariat_client, "/admin/participants/participant/", "mark_attended", [invited], HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert len(messages) == 1
    assert messages[0].replace("\u00a0", " ").startswith(f"Refusé : {invited.person}")
    invited.refresh_from_db()
    assert invited.status == "invited"
