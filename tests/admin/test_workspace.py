"""A meeting's workspace links every tool; the admin's home shows the current meeting's tools (issue 14)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MeetingFactory, MeetingSeriesFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TOOLS = [
    "admin:meetings_meeting_dashboard",
    "admin:participants_participant_checkin",
    "admin:agreements_commitment_followup",
    "admin:meetings_meeting_prepare_next",
    "admin:meetings_meeting_change",
]


def test_workspace_links_every_tool_of_the_meeting(admin_client):
    meeting = MeetingFactory(series=MeetingSeriesFactory(acronym="UN–OIC"), number=16)

    page = admin_client.get(reverse("admin:meetings_meeting_workspace", args=[meeting.pk])).content.decode()

    for name in TOOLS:
        assert f'href="{reverse(name, args=[meeting.pk])}"' in page, name
    for name in ("import", "export"):
        assert f'href="{reverse(f"admin:participants_participant_{name}")}?meeting={meeting.pk}"' in page
    for name in ("participants_participant", "working_sessions_session"):
        assert f'href="{reverse(f"admin:{name}_changelist")}?meeting__id__exact={meeting.pk}"' in page


def test_admin_home_shows_the_current_meetings_tools(admin_client):
    MeetingFactory(start_date="2020-01-01", end_date="2020-01-02")
    today = timezone.localdate()
    current = MeetingFactory(series=MeetingSeriesFactory(acronym="UN–OIC"), number=17, start_date=today, end_date=today)

    page = admin_client.get(reverse("admin:index")).content.decode()

    assert f"Current meeting: UN–OIC 17 ({today.year})" in page
    assert f'href="{reverse("admin:participants_participant_checkin", args=[current.pk])}"' in page


def test_meeting_list_and_form_link_the_workspace(admin_client):
    meeting = MeetingFactory()
    workspace = reverse("admin:meetings_meeting_workspace", args=[meeting.pk])

    listing = admin_client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    form = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()

    assert f'href="{workspace}"' in listing
    assert f'href="{workspace}"' in form


def test_workspace_needs_the_change_permission(client, django_user_model):
    meeting = MeetingFactory()
    client.force_login(django_user_model.objects.create_user("viewer", password="pw", is_staff=True))

    assert client.get(reverse("admin:meetings_meeting_workspace", args=[meeting.pk])).status_code == 403


@pytest.mark.parametrize("size", [1, 5])
def test_workspace_and_home_query_counts_flat(admin_client, django_assert_num_queries, size):
    meeting = MeetingFactory()
    for _ in range(size):
        ParticipantFactory(delegation__meeting=meeting)
    admin_client.get(reverse("admin:index"))

    with django_assert_num_queries(4):  # with the session's second factor (its TOTP device)
        admin_client.get(reverse("admin:meetings_meeting_workspace", args=[meeting.pk]))
    with django_assert_num_queries(7):  # the admin's own home page (user, session, log) and the current meeting
        admin_client.get(reverse("admin:index"))
