"""Data builders shared by the API tests."""

import datetime

from tests.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    DelegationFactory,
    InstrumentFactory,
    MeetingFactory,
    ParticipantFactory,
    PartyFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SignatureFactory,
    ThemeFactory,
    TopicFactory,
)


def build_records(size, meeting=None):
    """`size` records of every kind around one published meeting, each with its related rows."""
    meeting = meeting or MeetingFactory()
    for index in range(size):
        theme = ThemeFactory()
        TopicFactory(theme=theme)
        TopicFactory(theme=theme)
        meeting.themes.add(theme)
        room = RoomFactory(meeting=meeting)
        # Each session has its own room, so they may overlap; they stay within the meeting's first day.
        starts_at = datetime.datetime.combine(meeting.start_date, datetime.time(9), tzinfo=meeting.tzinfo)
        starts_at += datetime.timedelta(minutes=index % 600)
        session = SessionFactory(
            meeting=meeting,
            room=room,
            theme=theme,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
        )
        session.topics.add(*theme.topics.all())
        SessionRoleFactory(session=session)
        SessionRoleFactory(session=session)
        delegation = DelegationFactory(meeting=meeting)
        ParticipantFactory(delegation=delegation, person=PersonFactory())
        party = PartyFactory(instrument=InstrumentFactory(signed_at=meeting))
        PartyFactory(instrument=party.instrument)
        party.instrument.themes.add(theme)
        SignatureFactory(party=party)
        commitment = CommitmentFactory(agreed_at=meeting, theme=theme)
        commitment.partner_organizations.add(delegation.organization)
        CommitmentUpdateFactory(commitment=commitment)
    return meeting
