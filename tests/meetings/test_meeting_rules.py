import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import Meeting
from meetings.services import meetings_set_status
from tests.factories import MeetingFactory, MeetingSeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_meeting_ending_before_it_starts_is_refused_with_a_message():
    meeting = MeetingFactory.build(
        series=MeetingSeriesFactory(), start_date=datetime.date(2024, 7, 23), end_date=datetime.date(2024, 7, 22)
    )

    with pytest.raises(ValidationError) as refusal:
        meeting.full_clean()

    assert refusal.value.message_dict == {"end_date": ["The meeting cannot end before it starts."]}
    assert Meeting.objects.count() == 0


def test_meeting_ending_before_it_starts_is_refused_by_the_database():
    series = MeetingSeriesFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(series=series, start_date=datetime.date(2024, 7, 23), end_date=datetime.date(2024, 7, 22))

    assert Meeting.objects.count() == 0


def test_meeting_of_one_day_is_valid():
    meeting = MeetingFactory.build(
        series=MeetingSeriesFactory(), start_date=datetime.date(2024, 7, 22), end_date=datetime.date(2024, 7, 22)
    )

    meeting.full_clean()


def test_meeting_timezone_must_be_an_iana_name():
    meeting = MeetingFactory.build(series=MeetingSeriesFactory(), timezone="Astana time")

    with pytest.raises(ValidationError) as refusal:
        meeting.full_clean()

    assert refusal.value.message_dict == {
        "timezone": ["“Astana time” is not an IANA time zone name such as Asia/Almaty."]
    }


def test_meeting_number_is_unique_in_its_series():
    first = MeetingFactory(number=16)
    second = MeetingFactory.build(series=first.series, number=16, slug="another-16th")

    with pytest.raises(ValidationError) as refusal:
        second.full_clean()

    assert refusal.value.message_dict == {"number": ["This series already has a meeting with this number."]}
    assert Meeting.objects.count() == 1


def test_meeting_previous_and_next_are_derived_from_the_series_numbers():
    fifteenth = MeetingFactory(number=15, start_date=datetime.date(2022, 7, 12), end_date=datetime.date(2022, 7, 13))
    sixteenth = MeetingFactory(series=fifteenth.series, number=16)
    MeetingFactory(number=14)  # another series

    assert (sixteenth.previous_meeting, sixteenth.next_meeting) == (fifteenth, None)
    assert (fifteenth.previous_meeting, fifteenth.next_meeting) == (None, sixteenth)


def test_meeting_str_names_the_title_and_year():
    meeting = MeetingFactory(title_en="16th UN–OIC General Meeting", start_date=datetime.date(2024, 7, 22))

    assert str(meeting) == "16th UN–OIC General Meeting (2024)"


def test_meetings_set_status_changes_only_those_that_differ_and_records_history():
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    published = MeetingFactory(status=Meeting.Status.PUBLISHED)

    changed = meetings_set_status(meetings=[draft, published], status=Meeting.Status.PUBLISHED)

    assert changed == [draft]
    assert list(Meeting.objects.order_by("pk").values_list("status", flat=True)) == ["published", "published"]
    assert list(draft.history.values_list("status", flat=True)) == ["published", "draft"]


def test_meeting_public_statuses_exclude_drafts():
    published = MeetingFactory(status=Meeting.Status.PUBLISHED)
    cancelled = MeetingFactory(status=Meeting.Status.CANCELLED)
    MeetingFactory(status=Meeting.Status.DRAFT)

    assert set(Meeting.objects.public()) == {published, cancelled}


def test_meeting_moved_away_from_its_sessions_is_refused_and_unchanged():

    session = SessionFactory(title_en="Opening ceremony")  # 22 July 2024, 10:00 in Astana
    meeting = Meeting.objects.get(pk=session.meeting_id)
    meeting.start_date, meeting.end_date = datetime.date(2024, 7, 23), datetime.date(2024, 7, 24)

    with pytest.raises(ValidationError) as refusal:
        meeting.full_clean()

    assert refusal.value.message_dict == {
        "start_date": ["The session “Opening ceremony” would fall outside the meeting's days; move it first."]
    }
    assert Meeting.objects.values_list("start_date", flat=True).get(pk=meeting.pk) == datetime.date(2024, 7, 22)


def test_meeting_time_zone_change_that_pushes_a_session_out_of_its_days_is_refused():

    meeting = MeetingFactory(start_date=datetime.date(2024, 7, 22), end_date=datetime.date(2024, 7, 22))
    SessionFactory(
        meeting=meeting,
        title_en="Late session",
        starts_at=datetime.datetime(2024, 7, 22, 17, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2024, 7, 22, 18, 30, tzinfo=datetime.UTC),
    )
    meeting.timezone = "Asia/Tokyo"  # 18:30 UTC is 03:30 on 23 July in Tokyo

    with pytest.raises(ValidationError) as refusal:
        meeting.full_clean()

    assert list(refusal.value.message_dict) == ["start_date"]


def test_meeting_dates_widened_around_its_sessions_are_valid():

    session = SessionFactory()
    meeting = Meeting.objects.get(pk=session.meeting_id)
    meeting.start_date, meeting.end_date = datetime.date(2024, 7, 21), datetime.date(2024, 7, 25)

    meeting.full_clean()
