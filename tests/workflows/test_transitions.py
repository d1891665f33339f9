import pytest
from django.urls import reverse

from participants.models import Participant
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db
Status = Participant.Status

ACTIONS = {
    "mark_registered": Status.REGISTERED,
    "mark_accredited": Status.ACCREDITED,
    "mark_attended": Status.ATTENDED,
    "mark_declined": Status.DECLINED,
    "mark_cancelled": Status.CANCELLED,
}
# The rules, written out here independently of participants.services.ALLOWED_TRANSITIONS.
ALLOWED = {
    (Status.INVITED, Status.REGISTERED),
    (Status.INVITED, Status.DECLINED),
    (Status.INVITED, Status.CANCELLED),
    (Status.REGISTERED, Status.ACCREDITED),
    (Status.REGISTERED, Status.DECLINED),
    (Status.REGISTERED, Status.CANCELLED),
    (Status.ACCREDITED, Status.ATTENDED),
    (Status.ACCREDITED, Status.CANCELLED),
    (Status.DECLINED, Status.REGISTERED),
}
CASES = [(current, action) for current in Status for action in ACTIONS if ACTIONS[action] != current]


def _run(client, action, participants):
    response = client.post(
        reverse("admin:participants_participant_changelist"),
        {"action": action, "_selected_action": [participant.pk for participant in participants]},
        follow=True,
    )
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(("current", "action"), CASES)
def test_status_action_allowed_or_refused(admin_client, current, action):
    target = ACTIONS[action]
    participant = ParticipantFactory(
        status=current, person=PersonFactory(honorific_prefix_en="", given_name_en="Aigerim", family_name_en="Sadykova")
    )

    messages = _run(admin_client, action, [participant])

    participant.refresh_from_db()
    if (current, target) in ALLOWED:
        assert participant.status == target
        assert messages == [f"1 participant now {target.label}: Aigerim Sadykova."]
        assert participant.history.first().history_user.username == "admin"
    else:
        assert participant.status == current
        assert messages == [f"Refused: Aigerim Sadykova cannot go from “{current.label}” to “{target.label}”."]


def test_status_action_on_many_reports_changed_and_refused(admin_client):
    meeting = MeetingFactory()
    registered = [
        ParticipantFactory(
            delegation__meeting=meeting,
            status=Status.REGISTERED,
            person=PersonFactory(honorific_prefix_en="", given_name_en=name, family_name_en="Delegate"),
        )
        for name in ("Ana", "Ben")
    ]
    invited = ParticipantFactory(
        delegation__meeting=meeting,
        status=Status.INVITED,
        person=PersonFactory(honorific_prefix_en="", given_name_en="Cid", family_name_en="Invitee"),
    )

    messages = _run(admin_client, "mark_accredited", [*registered, invited])

    assert sorted(messages) == [
        "2 participants now accredited: Ana Delegate, Ben Delegate.",
        "Refused: Cid Invitee cannot go from “invited” to “accredited”.",
    ]
    badges = sorted(Participant.objects.filter(status=Status.ACCREDITED).values_list("badge_number", flat=True))
    assert badges == [1, 2]
    invited.refresh_from_db()
    assert (invited.status, invited.badge_number) == (Status.INVITED, None)


def test_badge_numbers_never_reused_after_cancellation(admin_client):
    meeting = MeetingFactory()
    first = ParticipantFactory(delegation__meeting=meeting, status=Status.REGISTERED)
    _run(admin_client, "mark_accredited", [first])
    _run(admin_client, "mark_cancelled", [first])
    second = ParticipantFactory(delegation__meeting=meeting, status=Status.REGISTERED)

    _run(admin_client, "mark_accredited", [second])

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.badge_number, second.badge_number) == (1, 2)
