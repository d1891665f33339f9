import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from sessions.models import Session
from sessions.services import session_save, sessions_set_public
from tests.factories import MeetingFactory, RoomFactory, SessionFactory, TopicFactory

pytestmark = pytest.mark.django_db
ASTANA = zoneinfo.ZoneInfo("Asia/Almaty")


def astana(day, hour, minute=0):
    return datetime.datetime(2024, 7, day, hour, minute, tzinfo=ASTANA)


@pytest.fixture
def room():
    """A room of a meeting held on 22–23 July 2024 in Astana (UTC+5)."""
    return RoomFactory(
        meeting=MeetingFactory(start_date=datetime.date(2024, 7, 22), end_date=datetime.date(2024, 7, 23))
    )


def test_session_overlapping_another_in_the_same_room_is_refused(room):
    taken = SessionFactory(meeting=room.meeting, room=room, starts_at=astana(22, 10), ends_at=astana(22, 11))
    clash = SessionFactory.build(meeting=room.meeting, room=room, starts_at=astana(22, 10, 30), ends_at=astana(22, 12))

    with pytest.raises(ValidationError) as refusal:
        session_save(session=clash)

    assert refusal.value.message_dict == {"room": [f"{room} is already taken at that time by “{taken}”."]}
    assert list(Session.objects.values_list("pk", flat=True)) == [taken.pk]


def test_session_moved_onto_another_in_the_same_room_is_refused_and_keeps_its_times(room):
    SessionFactory(meeting=room.meeting, room=room, starts_at=astana(22, 10), ends_at=astana(22, 11))
    later = SessionFactory(meeting=room.meeting, room=room, starts_at=astana(22, 14), ends_at=astana(22, 15))
    later.starts_at = astana(22, 9)

    with pytest.raises(ValidationError):
        session_save(session=later)

    later.refresh_from_db()
    assert (later.starts_at, later.ends_at, later.sequence) == (astana(22, 14), astana(22, 15), 0)


def test_session_right_after_another_in_the_same_room_is_allowed(room):
    SessionFactory(meeting=room.meeting, room=room, starts_at=astana(22, 10), ends_at=astana(22, 11))
    following = SessionFactory.build(meeting=room.meeting, room=room, starts_at=astana(22, 11), ends_at=astana(22, 12))

    session_save(session=following)

    assert Session.objects.filter(room=room).count() == 2


def test_sessions_at_the_same_time_in_different_rooms_are_allowed(room):
    other_room = RoomFactory(meeting=room.meeting)
    SessionFactory(meeting=room.meeting, room=room, starts_at=astana(22, 10), ends_at=astana(22, 11))
    parallel = SessionFactory.build(
        meeting=room.meeting, room=other_room, starts_at=astana(22, 10), ends_at=astana(22, 11)
    )

    session_save(session=parallel)

    assert Session.objects.count() == 2


@pytest.mark.skipif(connection.vendor == "sqlite", reason="exclusion constraints exist on PostgreSQL only")
def test_session_overlap_is_refused_by_the_postgresql_exclusion_constraint(room):
    SessionFactory(meeting=room.meeting, room=room, starts_at=astana(22, 10), ends_at=astana(22, 11))
    clash = SessionFactory.build(meeting=room.meeting, room=room, starts_at=astana(22, 10, 30), ends_at=astana(22, 12))

    with pytest.raises(IntegrityError, match="session_room_no_overlap"), transaction.atomic():
        clash.save()  # no full_clean: the database itself refuses

    assert Session.objects.count() == 1


def test_session_the_evening_before_the_meeting_in_its_timezone_is_refused(room):
    # 23:30 in Astana on 21 July is 18:30 UTC the same day: outside the meeting, whatever the server's clock.
    early = SessionFactory.build(meeting=room.meeting, starts_at=astana(21, 23, 30), ends_at=astana(22, 0, 30))

    with pytest.raises(ValidationError) as refusal:
        session_save(session=early)

    assert refusal.value.message_dict == {
        "starts_at": [
            "The session must take place within the meeting's days, 2024-07-22 to 2024-07-23, "
            "in the meeting's time zone (Asia/Almaty)."
        ]
    }
    assert Session.objects.count() == 0


def test_session_just_after_midnight_local_time_is_inside_the_meeting_although_utc_says_the_day_before(room):
    # 00:30 in Astana on 22 July is 19:30 UTC on 21 July.
    dawn = SessionFactory.build(meeting=room.meeting, starts_at=astana(22, 0, 30), ends_at=astana(22, 1, 30))

    session_save(session=dawn)

    assert dawn.starts_at.astimezone(datetime.UTC) == datetime.datetime(2024, 7, 21, 19, 30, tzinfo=datetime.UTC)
    assert Session.objects.count() == 1


def test_session_running_past_the_meetings_last_day_is_refused(room):
    late = SessionFactory.build(meeting=room.meeting, starts_at=astana(23, 23), ends_at=astana(24, 0, 30))

    with pytest.raises(ValidationError) as refusal:
        late.full_clean()

    assert list(refusal.value.message_dict) == ["starts_at"]


def test_session_ending_before_it_starts_is_refused(room):
    backwards = SessionFactory.build(meeting=room.meeting, starts_at=astana(22, 11), ends_at=astana(22, 10))

    with pytest.raises(ValidationError) as refusal:
        session_save(session=backwards)

    assert refusal.value.message_dict == {"ends_at": ["A session must end after it starts."]}
    assert Session.objects.count() == 0


def test_session_ending_before_it_starts_is_refused_by_the_database(room):
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(meeting=room.meeting, starts_at=astana(22, 11), ends_at=astana(22, 10))

    assert Session.objects.count() == 0


def test_session_in_a_room_of_another_meeting_is_refused(room):
    session = SessionFactory.build(meeting=MeetingFactory(), room=room)

    with pytest.raises(ValidationError) as refusal:
        session.full_clean()

    assert refusal.value.message_dict == {"room": ["This room belongs to another meeting."]}


def test_session_slug_is_unique_in_its_meeting(room):
    SessionFactory(meeting=room.meeting, slug="opening-ceremony")
    duplicate = SessionFactory.build(meeting=room.meeting, slug="opening-ceremony", starts_at=astana(23, 10))

    with pytest.raises(ValidationError) as refusal:
        duplicate.full_clean()

    assert refusal.value.message_dict == {"slug": ["Another session of this meeting has this slug."]}


def test_session_save_sets_topics_and_counts_revisions(room):
    topics = TopicFactory.create_batch(2)
    session = SessionFactory.build(meeting=room.meeting, room=room)

    session_save(session=session, topics=topics)
    session.title_en = "Working Session I: Cooperation on Political Affairs"
    session_save(session=session)

    session.refresh_from_db()
    assert set(session.topics.all()) == set(topics)
    assert session.sequence == 1


def test_session_local_times_are_shown_in_the_meetings_timezone(room):
    session = SessionFactory(meeting=room.meeting, starts_at=astana(22, 10), ends_at=astana(22, 11, 30))

    session.refresh_from_db()
    assert session.starts_at.astimezone(datetime.UTC).hour == 5
    assert session.local_starts_at.isoformat() == "2024-07-22T10:00:00+05:00"
    assert session.local_ends_at.isoformat() == "2024-07-22T11:30:00+05:00"


def test_sessions_set_public_changes_only_those_that_differ(room):
    hidden = SessionFactory(meeting=room.meeting, is_public=False)
    shown = SessionFactory(meeting=room.meeting, is_public=True, starts_at=astana(22, 14), ends_at=astana(22, 15))

    changed = sessions_set_public(sessions=[hidden, shown], is_public=True)

    assert changed == [hidden]
    assert set(Session.objects.values_list("is_public", flat=True)) == {True}
