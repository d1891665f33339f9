"""Data for the public-page tests: a meeting whose programme grows with `sessions`, built with the factories."""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import translation

from meetings.models import Meeting
from participants.models import Delegation, Participant
from sessions.models import SessionRole
from tests.factories import (
    DelegationFactory,
    DocumentFactory,
    InstrumentFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    OrganizationFactory,
    ParticipantFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SignatureFactory,
    ThemeFactory,
    TopicFactory,
)

LANGUAGES = ("en", "fr", "ar")


@dataclass
class Programme:
    meeting: object
    sessions: list
    organization: object
    star: object
    instrument: object
    themes: list


def build_programme(*, sessions=3, speakers_per_session=1, rooms=3, days=2, slug=None):
    """A published meeting with `sessions` sessions spread over `days` days and `rooms` parallel rooms.

    Everything that a page lists grows with `sessions`: speakers, delegates, instruments, meetings of the series.
    """
    series = MeetingSeriesFactory()
    start = datetime.date(2024, 7, 22)
    extra = max(1, sessions // 3)
    meeting = MeetingFactory(
        series=series,
        number=100,
        slug=slug or f"meeting-{sessions}-sessions",
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
        venue_en="Palace of Independence",
        venue_fr="Palais de l'Indépendance",
        title_en=f"General Meeting with {sessions} sessions",
    )
    for number in range(extra):  # earlier meetings of the series, for the home page
        MeetingFactory(
            series=series,
            number=number + 1,
            start_date=datetime.date(2000 + number, 7, 1),
            end_date=datetime.date(2000 + number, 7, 2),
        )
    themes = ThemeFactory.create_batch(3)
    meeting.themes.set(themes)
    topics = [TopicFactory(theme=theme) for theme in themes]
    room_list = [RoomFactory(meeting=meeting, ordering=index) for index in range(rooms)]
    organization = OrganizationFactory(name_en="Islamic Organization for Food Security", acronym_en="IOFS")
    delegation = DelegationFactory(meeting=meeting, organization=organization, role=Delegation.Role.CONVENER)
    other_delegations = [DelegationFactory(meeting=meeting) for _ in range(2)]
    star = PersonFactory(given_name_en="Berik", family_name_en="Aryn", honorific_prefix_en="Amb.")
    star_position = PositionFactory(person=star, organization=organization, title_en="Director General")
    ParticipantFactory(
        delegation=delegation, person=star, position=star_position, role=Participant.Role.HEAD_OF_DELEGATION
    )
    DocumentFactory(meeting=meeting, title_en="Press release", title_fr="Communiqué de presse")
    created = []
    for index in range(sessions):
        day, rest = index % days, index // days
        room, slot = room_list[rest % rooms], rest // rooms
        starts_at = datetime.datetime.combine(
            start + datetime.timedelta(days=day), datetime.time(8), tzinfo=meeting.tzinfo
        ) + datetime.timedelta(minutes=30 * slot)
        session = SessionFactory(
            meeting=meeting,
            room=room,
            theme=themes[index % len(themes)],
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=30),
        )
        session.topics.add(topics[index % len(topics)])
        if index % 3 == 0:
            SessionRoleFactory(session=session, person=star, role=SessionRole.Role.CHAIR, order=0)
        for order in range(speakers_per_session):
            holder = other_delegations[(index + order) % len(other_delegations)]
            speaker = PersonFactory()
            position = PositionFactory(person=speaker, organization=holder.organization)
            ParticipantFactory(delegation=holder, person=speaker, position=position)
            SessionRoleFactory(session=session, person=speaker, order=order + 1, subject_en="Statement")
        created.append(session)
    instrument = None
    for _ in range(extra):
        instrument = InstrumentFactory(signed_at=meeting, countries=["KZ", "TJ", "AF"])
        party = PartyFactory(instrument=instrument, organization=organization)
        PartyFactory(instrument=instrument, organization=other_delegations[0].organization)
        SignatureFactory(instrument=instrument, party=party, person=star, capacity_en="Director General")
    return Programme(
        meeting=meeting, sessions=created, organization=organization, star=star, instrument=instrument, themes=themes
    )


def page_urls(programme, language="en"):
    """Every public page (and calendar) of a programme, in a language."""
    meeting, session = programme.meeting, programme.sessions[0]
    with translation.override(language):
        return {
            "home": reverse("meetings:home"),
            "meeting": reverse("meetings:meeting_detail", kwargs={"slug": meeting.slug}),
            "agenda": reverse("sessions:agenda", kwargs={"meeting_slug": meeting.slug}),
            "agenda_filtered": reverse("sessions:agenda", kwargs={"meeting_slug": meeting.slug})
            + f"?theme={programme.themes[0].slug}&day=2024-07-22",
            "agenda_grid": reverse("sessions:agenda", kwargs={"meeting_slug": meeting.slug}) + "?view=grid",
            "agenda_by_room_and_speaker": reverse("sessions:agenda", kwargs={"meeting_slug": meeting.slug})
            + f"?room={session.room_id}&speaker={programme.star.slug}",
            "session": reverse("sessions:session_detail", kwargs={"meeting_slug": meeting.slug, "slug": session.slug}),
            "participants": reverse("participants:participant_list", kwargs={"meeting_slug": meeting.slug}),
            "organization": reverse("participants:organization_detail", kwargs={"slug": programme.organization.slug}),
            "person": reverse("participants:person_detail", kwargs={"slug": programme.star.slug}),
            "registry": reverse("agreements:instrument_list"),
            "registry_filtered": reverse("agreements:instrument_list") + "?kind=letter_of_intent&country=KZ&year=2024",
            "instrument": reverse("agreements:instrument_detail", kwargs={"slug": programme.instrument.slug}),
            "search": reverse("meetings:search") + "?q=session",
            "agenda_ics": reverse("sessions:agenda_ics", kwargs={"meeting_slug": meeting.slug}),
            "session_ics": reverse("sessions:session_ics", kwargs={"meeting_slug": meeting.slug, "slug": session.slug}),
            "my_agenda_ics": reverse("sessions:agenda_ics", kwargs={"meeting_slug": meeting.slug})
            + "?sessions="
            + ",".join(str(s.pk) for s in programme.sessions[::2]),
        }


@pytest.fixture
def programme(db):
    return build_programme(sessions=3)


@pytest.fixture
def draft_meeting(db):
    return MeetingFactory(status=Meeting.Status.DRAFT, slug="draft-meeting", title_en="Secret draft meeting")


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: a request leaves its language active in the thread."""
    with translation.override("en"):
        yield
