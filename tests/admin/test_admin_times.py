"""One rule for times in the back office (issue 14): the meeting's zone, named with its offset, in lists, forms,
history and messages alike."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from core.services import record_save
from participants.models import Participant
from participants.services import participant_change_status
from tests.factories import MeetingFactory, MeetingSeriesFactory, ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _shown(moment, tzinfo):
    return formats.date_format(timezone.localtime(moment, tzinfo), "DATETIME_FORMAT")


def test_session_form_and_history_show_the_same_times_and_name_the_zone(admin_client):
    session = SessionFactory()
    session.title_en = "Renamed"
    record_save(record=session)  # a history row besides the creation
    created = session.history.order_by("history_id").first().history_date

    form = admin_client.get(reverse("admin:working_sessions_session_change", args=[session.pk])).content.decode()
    history = admin_client.get(reverse("admin:working_sessions_session_history", args=[session.pk])).content.decode()

    in_almaty = _shown(created, session.meeting.tzinfo)
    in_utc = _shown(created, datetime.UTC)
    assert in_almaty != in_utc
    assert in_almaty in form
    assert in_almaty in history
    assert in_utc not in history
    for page in (form, history):
        assert "Times on this page are in the meeting's time zone: Asia/Almaty, UTC+05:00." in page
    assert "In the meeting's own time zone: Asia/Almaty, UTC+05:00." in form


def test_participant_list_shows_checkin_in_the_meetings_zone_and_a_short_meeting_label(admin_client):
    meeting = MeetingFactory(series=MeetingSeriesFactory(acronym="UN–OIC"), number=16, title_en="A" * 100)
    participant = ParticipantFactory(delegation__meeting=meeting, status=Participant.Status.ACCREDITED)
    participant = participant_change_status(participant=participant, status=Participant.Status.ATTENDED)
    local = timezone.localtime(participant.checked_in_at, meeting.tzinfo).strftime("%Y-%m-%d %H:%M")

    page = admin_client.get(reverse("admin:participants_participant_changelist")).content.decode()

    assert f"{local} (Asia/Almaty, UTC+05:00)" in page
    assert f">UN–OIC 16 ({meeting.start_date.year})</span>" in page
    assert page.count("A" * 100) == 1  # in the hover title of the one row's meeting, never as the column's text


def test_lists_open_on_the_current_meeting_with_all_meetings_one_click_away(admin_client):
    past = MeetingFactory(start_date="2022-05-10", end_date="2022-05-11")
    current = MeetingFactory(start_date=timezone.localdate(), end_date=timezone.localdate())
    ParticipantFactory(delegation__meeting=past)
    here = ParticipantFactory(delegation__meeting=current)
    changelist = reverse("admin:participants_participant_changelist")

    opened = admin_client.get(changelist)
    everything = admin_client.get(f"{changelist}?meeting__id__exact=all")

    assert list(opened.context["cl"].result_list) == [here]
    assert everything.context["cl"].result_count == 2


@pytest.mark.parametrize("size", [1, 5])
def test_participant_list_query_count_flat(admin_client, django_assert_num_queries, size):
    meeting = MeetingFactory()
    for _ in range(size):
        ParticipantFactory(delegation__meeting=meeting)
    changelist = reverse("admin:participants_participant_changelist")
    admin_client.get(changelist)

    with django_assert_num_queries(11):  # with the session's second factor (its TOTP device)
        admin_client.get(changelist)
