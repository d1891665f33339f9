"""Every documented filter, ordering and pagination; bad values are 400s or 404s that name the parameter."""

import datetime

import pytest

from agreements.models import Commitment, Instrument
from meetings.models import Meeting
from participants.models import Delegation, Organization, Participant
from tests.factories import (
    CommitmentFactory,
    DelegationFactory,
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
    SessionTypeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def found(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_meetings_filters(anonymous):
    series = MeetingSeriesFactory(slug="un-oic")
    astana = MeetingFactory(series=series, country="KZ", start_date=datetime.date(2024, 7, 22))
    geneva = MeetingFactory(
        country="CH", kind=Meeting.Kind.SUMMIT, start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 5, 3)
    )
    MeetingFactory(status=Meeting.Status.DRAFT, country="KZ")
    assert found(anonymous, "/api/v1/meetings/?series=un-oic") == [astana.pk]
    assert found(anonymous, "/api/v1/meetings/?country=kz") == [astana.pk]
    assert found(anonymous, "/api/v1/meetings/?year=2026") == [geneva.pk]
    assert found(anonymous, "/api/v1/meetings/?kind=summit") == [geneva.pk]
    assert found(anonymous, "/api/v1/meetings/?date_after=2025-01-01") == [geneva.pk]
    assert found(anonymous, "/api/v1/meetings/?date_before=2025-01-01") == [astana.pk]
    assert found(anonymous, "/api/v1/meetings/?status=published") == [geneva.pk, astana.pk]
    assert found(anonymous, "/api/v1/meetings/?status=draft") == []
    assert found(anonymous, f"/api/v1/meetings/?q={geneva.title_fr}") == [geneva.pk]
    assert found(anonymous, "/api/v1/meetings/?ordering=start_date") == [astana.pk, geneva.pk]


def test_sessions_filters(anonymous):
    meeting = MeetingFactory()
    theme = ThemeFactory(slug="food-security")
    room = RoomFactory(meeting=meeting)
    almaty = meeting.tzinfo
    late = SessionFactory(
        meeting=meeting,
        starts_at=datetime.datetime(2024, 7, 22, 23, 0, tzinfo=almaty),
        ends_at=datetime.datetime(2024, 7, 22, 23, 30, tzinfo=almaty),
        theme=theme,
    )
    # 00:30 in Almaty on the 23rd is still the 22nd in UTC: the day is the meeting's.
    early = SessionFactory(
        meeting=meeting,
        starts_at=datetime.datetime(2024, 7, 23, 0, 30, tzinfo=almaty),
        ends_at=datetime.datetime(2024, 7, 23, 1, 0, tzinfo=almaty),
        room=room,
        type=SessionTypeFactory(meeting=meeting, code="plenary"),
        language="fr",
    )
    other = SessionFactory()
    speaker = PersonFactory(slug="jane")
    SessionRoleFactory(session=early, person=speaker)
    assert found(anonymous, f"/api/v1/sessions/?meeting={meeting.slug}") == [late.pk, early.pk]
    assert found(anonymous, f"/api/v1/sessions/?meeting={meeting.slug}&day=2024-07-22") == [late.pk]
    assert found(anonymous, f"/api/v1/sessions/?meeting={meeting.slug}&day=2024-07-23") == [early.pk]
    assert found(anonymous, "/api/v1/sessions/?theme=food-security") == [late.pk]
    assert found(anonymous, f"/api/v1/sessions/?room={room.pk}") == [early.pk]
    assert found(anonymous, "/api/v1/sessions/?type=plenary") == [early.pk]
    assert found(anonymous, f"/api/v1/sessions/?meeting={meeting.slug}&language=fr") == [early.pk]
    assert found(anonymous, "/api/v1/sessions/?speaker=jane") == [early.pk]
    assert found(anonymous, f"/api/v1/sessions/?q={other.title_ar}") == [other.pk]


def test_speaker_filter_ignores_people_not_listed(anonymous):
    session = SessionFactory()
    SessionRoleFactory(session=session, person=PersonFactory(slug="hidden", listed_publicly=False))
    assert found(anonymous, "/api/v1/sessions/?speaker=hidden") == []


def test_people_delegations_participants_by_meeting_and_organization(anonymous):
    meeting = MeetingFactory()
    fao = OrganizationFactory(slug="fao")
    delegation = DelegationFactory(meeting=meeting, organization=fao, role=Delegation.Role.CONVENER)
    participant = ParticipantFactory(delegation=delegation, role=Participant.Role.HEAD_OF_DELEGATION)
    other = ParticipantFactory()
    staff = PositionFactory(organization=fao).person
    assert found(anonymous, f"/api/v1/people/?meeting={meeting.slug}") == [participant.person_id]
    assert sorted(found(anonymous, "/api/v1/people/?organization=fao")) == sorted([participant.person_id, staff.pk])
    assert found(anonymous, f"/api/v1/people/?q={other.person.family_name_en}") == [other.person_id]
    assert found(anonymous, f"/api/v1/delegations/?meeting={meeting.slug}") == [delegation.pk]
    assert found(anonymous, "/api/v1/delegations/?organization=fao") == [delegation.pk]
    assert found(anonymous, "/api/v1/delegations/?role=convener") == [delegation.pk]
    assert found(anonymous, f"/api/v1/participants/?meeting={meeting.slug}") == [participant.pk]
    assert found(anonymous, "/api/v1/participants/?organization=fao") == [participant.pk]
    assert found(anonymous, f"/api/v1/participants/?delegation={delegation.pk}") == [participant.pk]
    assert found(anonymous, f"/api/v1/participants/?person={participant.person.slug}") == [participant.pk]
    assert found(anonymous, "/api/v1/participants/?role=head_of_delegation") == [participant.pk]
    assert found(anonymous, "/api/v1/participants/?status=registered") == [participant.pk, other.pk]
    assert found(anonymous, f"/api/v1/organizations/?meeting={meeting.slug}") == [fao.pk]


def test_meeting_filters_do_not_reveal_draft_meetings(anonymous, client_for, private_key):
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    delegation = DelegationFactory(meeting=draft)
    participant = ParticipantFactory(delegation=delegation)
    assert found(anonymous, f"/api/v1/people/?meeting={draft.slug}") == []
    assert found(anonymous, f"/api/v1/organizations/?meeting={draft.slug}") == []
    assert found(client_for(private_key), f"/api/v1/people/?meeting={draft.slug}") == [participant.person_id]


def test_organizations_filters(anonymous):
    kazakhstan = OrganizationFactory(kind=Organization.Kind.MEMBER_STATE, country="KZ")
    OrganizationFactory()
    assert found(anonymous, "/api/v1/organizations/?kind=member_state") == [kazakhstan.pk]
    assert found(anonymous, "/api/v1/organizations/?country=KZ") == [kazakhstan.pk]
    assert found(anonymous, f"/api/v1/organizations/?q={kazakhstan.acronym_en}") == [kazakhstan.pk]


def test_instruments_filters(anonymous):
    meeting = MeetingFactory()
    theme = ThemeFactory(slug="agriculture")
    letter = InstrumentFactory(signed_at=meeting, countries=["KZ", "TJ"], signed_on=datetime.date(2024, 7, 22))
    letter.themes.add(theme)
    PartyFactory(instrument=letter, organization=OrganizationFactory(slug="fao", acronym_en="FAO"))
    memorandum = InstrumentFactory(
        kind=Instrument.Kind.MEMORANDUM_OF_UNDERSTANDING,
        status=Instrument.Status.IN_FORCE,
        countries=["SN"],
        signed_on=datetime.date(2019, 3, 1),
    )
    assert found(anonymous, "/api/v1/instruments/?kind=memorandum_of_understanding") == [memorandum.pk]
    assert found(anonymous, "/api/v1/instruments/?status=in_force") == [memorandum.pk]
    assert found(anonymous, "/api/v1/instruments/?party=fao") == [letter.pk]
    assert found(anonymous, "/api/v1/instruments/?party=FAO") == [letter.pk]
    assert found(anonymous, "/api/v1/instruments/?country=tj") == [letter.pk]
    assert found(anonymous, "/api/v1/instruments/?country=SN") == [memorandum.pk]
    assert found(anonymous, "/api/v1/instruments/?signed_after=2024-01-01") == [letter.pk]
    assert found(anonymous, "/api/v1/instruments/?signed_before=2024-01-01") == [memorandum.pk]
    assert found(anonymous, f"/api/v1/instruments/?meeting={meeting.slug}") == [letter.pk]
    assert found(anonymous, "/api/v1/instruments/?theme=agriculture") == [letter.pk]
    assert found(anonymous, f"/api/v1/instruments/?q={memorandum.title_fr}") == [memorandum.pk]
    assert found(anonymous, "/api/v1/instruments/?ordering=signed_on") == [memorandum.pk, letter.pk]


def test_commitments_filters(anonymous):
    meeting = MeetingFactory()
    theme = ThemeFactory(slug="health")
    lead = OrganizationFactory(slug="iofs")
    agreed = CommitmentFactory(
        agreed_at=meeting, theme=theme, lead_organization=lead, status=Commitment.Status.COMPLETED
    )
    other = CommitmentFactory()
    assert found(anonymous, f"/api/v1/commitments/?meeting={meeting.slug}") == [agreed.pk]
    assert found(anonymous, "/api/v1/commitments/?theme=health") == [agreed.pk]
    assert found(anonymous, "/api/v1/commitments/?lead_organization=iofs") == [agreed.pk]
    assert found(anonymous, "/api/v1/commitments/?status=completed") == [agreed.pk]
    assert found(anonymous, f"/api/v1/commitments/?q={other.title_en}") == [other.pk]


def test_rooms_themes_and_series_filters(anonymous):
    meeting = MeetingFactory()
    room = RoomFactory(meeting=meeting)
    RoomFactory()
    theme = ThemeFactory()
    meeting.themes.add(theme)
    ThemeFactory()
    assert found(anonymous, f"/api/v1/rooms/?meeting={meeting.slug}") == [room.pk]
    assert found(anonymous, f"/api/v1/themes/?meeting={meeting.slug}") == [theme.pk]
    assert found(anonymous, f"/api/v1/series/?q={meeting.series.slug}") == [meeting.series_id]
    assert found(anonymous, "/api/v1/series/?periodicity=annual") == []


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/instruments/?signed_after=yesterday", "signed_after"),
        ("/api/v1/instruments/?kind=treaty", "kind"),
        ("/api/v1/meetings/?year=nineteen", "year"),
        ("/api/v1/meetings/?date_before=2024-13-01", "date_before"),
        ("/api/v1/sessions/?day=monday", "day"),
        ("/api/v1/sessions/?room=abc", "room"),
        ("/api/v1/participants/?status=happy", "status"),
        ("/api/v1/meetings/?ordering=password", "ordering"),
        ("/api/v1/sessions/?ordering=starts_at,-nope", "ordering"),
        ("/api/v1/meetings/?lang=de", "lang"),
        ("/api/v1/instruments/?q=a%00b", "q"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(anonymous, url, parameter):
    response = anonymous.get(url)
    assert (response.status_code, list(response.json())) == (400, [parameter])


def test_bad_date_message(anonymous):
    response = anonymous.get("/api/v1/instruments/?signed_after=yesterday")
    assert response.json() == {"signed_after": ["Enter a valid date."]}


def test_unknown_ordering_message_lists_the_documented_fields(anonymous):
    response = anonymous.get("/api/v1/commitments/?ordering=secret")
    assert response.json() == {
        "ordering": ["Unknown ordering secret; use one of: due_on, reference, status (prefix - to reverse)."]
    }


def test_pages_have_count_next_previous_and_results(anonymous):
    organizations = [OrganizationFactory(slug=f"page-{index}") for index in range(5)]
    first = anonymous.get("/api/v1/organizations/?page_size=2").json()
    second = anonymous.get(first["next"]).json()
    assert (first["count"], first["previous"], [item["id"] for item in first["results"]]) == (
        5,
        None,
        [organizations[0].pk, organizations[1].pk],
    )
    assert [item["id"] for item in second["results"]] == [organizations[2].pk, organizations[3].pk]
    assert second["previous"] == "http://testserver/api/v1/organizations/?page_size=2"


def test_page_size_is_at_most_100(anonymous):
    for _index in range(101):
        OrganizationFactory()
    assert len(anonymous.get("/api/v1/organizations/?page_size=500").json()["results"]) == 100


def test_a_page_past_the_end_is_a_json_404(anonymous):
    response = anonymous.get("/api/v1/organizations/?page=9")
    assert (response.status_code, response.json()) == (404, {"detail": "Invalid page."})


def test_ordering_ties_are_broken_by_id(anonymous):
    meeting = MeetingFactory()
    same_time = [SessionFactory(meeting=meeting, slug=f"s-{index}") for index in range(3)]
    assert found(anonymous, "/api/v1/sessions/?ordering=-starts_at") == [session.pk for session in same_time]


def test_q_folds_accents_case_and_arabic_letter_forms_as_the_site_search_does(anonymous):
    security = OrganizationFactory(name_fr="Organisation islamique pour la Sécurité alimentaire")
    astana = OrganizationFactory(name_ar="بلدية أستانا")
    OrganizationFactory(name_fr="Autre", name_ar="أخرى")

    assert found(anonymous, "/api/v1/organizations/?q=securite") == [security.pk]
    assert found(anonymous, "/api/v1/organizations/?q=استانا") == [astana.pk]
