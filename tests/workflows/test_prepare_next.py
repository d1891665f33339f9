import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from agreements.models import Commitment, CommitmentUpdate
from meetings.models import Meeting
from secretariat.services import meeting_prepare_next
from sessions.models import Session
from tests.factories import (
    CommitmentFactory,
    MeetingFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    ThemeFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
DEMO_SLUG = "16th-un-oic-general-meeting-astana-2024"


def test_prepare_next_meeting_on_demo_data():
    call_command("load_demo")
    sixteenth = Meeting.objects.get(slug=DEMO_SLUG)
    sessions = list(Session.objects.filter(meeting=sixteenth).order_by("starts_at", "id"))
    open_commitments = set(
        Commitment.objects.open().filter(agreed_at__series=sixteenth.series).values_list("pk", flat=True)
    )
    assert sessions and open_commitments

    seventeenth = meeting_prepare_next(meeting=sixteenth, start_date=datetime.date(2026, 7, 20))

    assert seventeenth.number == 17
    assert seventeenth.series_id == sixteenth.series_id
    assert seventeenth.status == Meeting.Status.DRAFT
    assert seventeenth.title_en == sixteenth.title_en.replace("16th", "17th")
    assert seventeenth.title_fr == sixteenth.title_fr.replace("16e", "17e")
    assert seventeenth.title_ar is None  # “the sixteenth” is spelt out in Arabic: left for the translators
    assert seventeenth.slug == "17th-un-oic-general-meeting-astana-2026"
    assert (seventeenth.start_date, seventeenth.end_date) == (
        datetime.date(2026, 7, 20),
        datetime.date(2026, 7, 20) + (sixteenth.end_date - sixteenth.start_date),
    )
    assert seventeenth.previous_meeting == sixteenth
    assert list(seventeenth.themes.order_by("pk")) == list(sixteenth.themes.order_by("pk"))
    assert sorted(seventeenth.rooms.values_list("name_en", flat=True)) == sorted(
        sixteenth.rooms.values_list("name_en", flat=True)
    )
    copies = list(Session.objects.filter(meeting=seventeenth).order_by("starts_at", "id"))
    shift = datetime.date(2026, 7, 20) - sixteenth.start_date
    assert [
        (s.slug, s.title_fr, s.local_starts_at.time(), s.local_starts_at.date(), s.room.name_en if s.room else None)
        for s in copies
    ] == [
        (
            s.slug,
            s.title_fr,
            s.local_starts_at.time(),
            s.local_starts_at.date() + shift,
            s.room.name_en if s.room else None,
        )
        for s in sessions
    ]
    assert all(session.room is None or session.room.meeting_id == seventeenth.pk for session in copies)
    assert not any(session.roles.exists() for session in copies)
    carried = CommitmentUpdate.objects.filter(meeting=seventeenth)
    assert set(carried.values_list("commitment_id", flat=True)) == open_commitments
    assert {update.status for update in carried} == {update.commitment.status for update in carried}


def test_prepare_next_meeting_twice_refused():
    meeting = MeetingFactory(number=16)
    meeting_prepare_next(meeting=meeting, start_date=datetime.date(2026, 7, 20))

    with pytest.raises(ValidationError) as error:
        meeting_prepare_next(meeting=meeting, start_date=datetime.date(2026, 8, 20))

    assert error.value.messages[0].startswith("The series already has meeting number 17:")
    assert Meeting.objects.filter(series=meeting.series).count() == 2


def test_prepare_next_meeting_too_short_for_its_sessions_creates_nothing():
    meeting = MeetingFactory(number=3, start_date=datetime.date(2024, 7, 22), end_date=datetime.date(2024, 7, 23))
    SessionFactory(
        meeting=meeting, title_en="Closing", starts_at=datetime.datetime(2024, 7, 23, 5, tzinfo=datetime.UTC)
    )

    with pytest.raises(ValidationError) as error:
        meeting_prepare_next(
            meeting=meeting, start_date=datetime.date(2026, 7, 20), end_date=datetime.date(2026, 7, 20)
        )

    assert error.value.messages[0].startswith("Session “Closing” cannot move to the new dates:")
    assert Meeting.objects.count() == 1


def test_prepare_next_meeting_copies_topics_and_keeps_local_time_and_closed_commitments_stay():
    theme = ThemeFactory()
    meeting = MeetingFactory(number=5, timezone="Europe/Zurich")
    meeting.themes.add(theme)
    room = RoomFactory(meeting=meeting)
    session = SessionFactory(meeting=meeting, room=room, theme=theme)
    session.topics.add(TopicFactory(theme=theme))
    SessionRoleFactory(session=session)
    open_commitment = CommitmentFactory(agreed_at=meeting, status=Commitment.Status.STALLED)
    CommitmentFactory(agreed_at=meeting, status=Commitment.Status.COMPLETED)

    next_meeting = meeting_prepare_next(meeting=meeting, start_date=datetime.date(2026, 1, 12))

    copy = next_meeting.sessions.get()
    assert copy.local_starts_at.time() == session.local_starts_at.time()
    assert list(copy.topics.all()) == list(session.topics.all())
    assert copy.room.name_en == room.name_en
    update = CommitmentUpdate.objects.get(meeting=next_meeting)
    assert (update.commitment, update.status) == (open_commitment, Commitment.Status.STALLED)
    assert update.note_en == f"Carried forward from {meeting.title_en} for review (status: stalled)."


def test_prepare_next_meeting_admin_action_and_form(admin_client):
    meeting = MeetingFactory(number=16)
    changelist = reverse("admin:meetings_meeting_changelist")

    response = admin_client.post(changelist, {"action": "prepare_next_meeting", "_selected_action": [meeting.pk]})
    assert response["Location"] == reverse("admin:meetings_meeting_prepare_next", args=[meeting.pk])

    response = admin_client.post(response["Location"], {"start_date": "2026-07-20", "slug": "gm-17"}, follow=True)

    next_meeting = Meeting.objects.get(slug="gm-17")
    assert (next_meeting.number, next_meeting.status) == (17, Meeting.Status.DRAFT)
    assert response.redirect_chain[-1][0] == reverse("admin:meetings_meeting_change", args=[next_meeting.pk])


def test_prepare_next_meeting_command_bad_date(capsys):
    meeting = MeetingFactory(number=16)

    with pytest.raises(CommandError) as error:
        call_command("prepare_next_meeting", meeting.slug, "--start-date", "20 July")

    assert str(error.value) == "“20 July” is not a date: use YYYY-MM-DD."
    assert Meeting.objects.count() == 1


def test_prepare_next_meeting_command(capsys):
    meeting = MeetingFactory(number=16, slug="gm-16-2024")
    RoomFactory(meeting=meeting)

    call_command("prepare_next_meeting", meeting.slug, "--start-date", "2026-07-20")

    assert "slug gm-17-2026, draft): 1 rooms, 0 sessions, 0 commitments carried forward." in capsys.readouterr().out


def test_prepare_next_meeting_keeps_the_previous_report_clean_and_dates_the_carried_items(admin_client):
    call_command("load_demo")
    sixteenth = Meeting.objects.get(slug=DEMO_SLUG)
    report_url = "admin:agreements_commitment_followup"
    before = admin_client.get(reverse(report_url, args=[sixteenth.pk])).content.decode()

    seventeenth = meeting_prepare_next(meeting=sixteenth, start_date=datetime.date(2026, 7, 20))
    after = admin_client.get(reverse(report_url, args=[sixteenth.pk])).content.decode()
    report = admin_client.get(reverse(report_url, args=[seventeenth.pk])).content.decode()

    carried = list(CommitmentUpdate.objects.filter(meeting=seventeenth))
    assert carried
    assert {update.reported_on for update in carried} == {timezone.localdate()}
    assert "Carried forward" not in after
    assert after.count("<li") == before.count("<li")
    assert report.count("Carried forward from") == len(carried)
    assert f"<li>{date_format(timezone.localdate(), 'j M Y')} (" in report
