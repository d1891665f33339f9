import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from agreements.models import Commitment, Instrument
from meetings.models import Meeting, Theme
from participants.models import Delegation, Organization, Participant, Person
from sessions.models import Session

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
DEMO_APPS = ("meetings", "participants", "working_sessions", "agreements")


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts():
    """Rows of every model of the four apps, history included."""
    return {
        model._meta.label: model.objects.count()
        for app_label in DEMO_APPS
        for model in apps.get_app_config(app_label).get_models()
    }


@pytest.fixture
def meeting(demo_db):
    """The demo meeting, of the demo loaded once for this module's read-only tests (tests/conftest.py)."""
    return Meeting.objects.get(slug="16th-un-oic-general-meeting-astana-2024")


def test_load_demo_twice_changes_nothing():
    first_output = load_demo()
    counts = row_counts()
    updated_at = dict(Meeting.objects.values_list("slug", "updated_at"))

    second_output = load_demo()

    assert row_counts() == counts
    assert dict(Meeting.objects.values_list("slug", "updated_at")) == updated_at
    assert "83 rows created, 0 updated." in first_output
    assert "Nothing to change: the demo data is already loaded." in second_output
    assert counts["meetings.Meeting"] == 2
    assert counts["meetings.Topic"] == 30


def test_load_demo_keeps_a_value_the_secretariat_corrected():
    load_demo()
    Person.objects.filter(slug="berik-aryn").update(family_name_en="Arin")
    Session.objects.filter(slug="opening-ceremony").update(is_public=False)
    counts = row_counts()

    output = load_demo()

    assert Person.objects.get(slug="berik-aryn").family_name_en == "Arin"
    assert Session.objects.get(slug="opening-ceremony").is_public is False
    assert row_counts() == counts
    assert "2 rows differ from the demo and were kept as edited; load_demo --refresh puts them back." in output
    assert "   4 people: 0 created, 0 updated, 3 unchanged, 1 edited since and kept" in output


def test_load_demo_refresh_puts_the_demo_values_back():
    load_demo()
    Person.objects.filter(slug="berik-aryn").update(family_name_en="Arin")

    out = StringIO()
    call_command("load_demo", "--refresh", stdout=out)

    assert Person.objects.get(slug="berik-aryn").family_name_en == "Aryn"
    assert "0 rows created, 1 updated." in out.getvalue()


def test_load_demo_recreates_a_deleted_demo_row():
    load_demo()
    Session.objects.filter(slug="working-session-3-cultural-social-humanitarian-affairs").delete()

    output = load_demo()

    session = Session.objects.get(slug="working-session-3-cultural-social-humanitarian-affairs")
    assert session.topics.count() == 9
    assert "1 rows created, 0 updated." in output


def test_load_demo_meeting_as_the_press_release_says(meeting):
    assert meeting.number == 16
    assert meeting.title_en == (
        "16th Biennial General Meeting of the United Nations and the Organisation of Islamic Cooperation"
    )
    assert meeting.title_fr.startswith("16e Réunion Générale Biennale")
    assert meeting.title_ar != ""
    assert (meeting.city_en, meeting.city_fr, meeting.country.code) == ("Astana", "Astana", "KZ")
    assert (meeting.start_date, meeting.timezone) == (datetime.date(2024, 7, 22), "Asia/Almaty")
    assert meeting.end_date >= meeting.start_date
    assert (meeting.status, meeting.reported_attendance) == (Meeting.Status.PUBLISHED, 100)
    assert "2030 Agenda" in meeting.description_en
    assert "OIC-2025 Programme of Action" in meeting.description_en
    assert "Programme d'Action de l'OCI-2025" in meeting.description_fr
    assert meeting.series.periodicity == "biennial"
    assert meeting.series.name_en == (
        "General Meeting on Cooperation between the United Nations and the Organisation of Islamic Cooperation"
    )


def test_load_demo_previous_meeting_is_geneva_july_2022(meeting):
    previous = meeting.previous_meeting

    assert (previous.number, previous.city_en, previous.country.code) == (15, "Geneva", "CH")
    assert (previous.start_date.year, previous.start_date.month, previous.status) == (2022, 7, "published")


def test_load_demo_themes_and_topic_counts(meeting):
    themes = [(theme.name_en, theme.topics.count()) for theme in meeting.themes.order_by("ordering")]

    assert themes == [
        ("Cooperation on Political Affairs", 7),
        ("Cooperation on Economic and Scientific Affairs", 14),
        ("Cooperation on Cultural, Social and Humanitarian Affairs", 9),
    ]
    assert set(Theme.objects.values_list("name_fr", flat=True)) == {
        "Coopération sur les Questions Politiques",
        "Coopération sur les Questions Économiques et Scientifiques",
        "Coopération sur les Questions Culturelles, Sociales et Humanitaires",
    }
    political = Theme.objects.get(slug="political-affairs")
    assert list(political.topics.values_list("name_en", flat=True)) == [
        "Ongoing political cooperation",
        "Country-specific issues",
        "Conflict prevention and resolution",
        "Peacekeeping and peacebuilding",
        "Promotion of democracy",
        "Good governance",
        "Human rights and the rule of law",
    ]
    assert not Theme.objects.filter(topics__name_ar="").exists()
    assert not Theme.objects.filter(topics__name_fr="").exists()


def test_load_demo_organizations_and_their_parents(meeting):
    organizations = {
        organization.slug: (
            organization.acronym_en,
            organization.kind,
            organization.parent and organization.parent.slug,
        )
        for organization in Organization.objects.select_related("parent")
    }

    assert organizations == {
        "un": ("UN", "un_entity", None),
        "oic": ("OIC", "oic_institution", None),
        "iofs": ("IOFS", "oic_institution", "oic"),
        "fao": ("FAO", "un_entity", "un"),
        "unrwa": ("UNRWA", "un_entity", "un"),
        "kazakhstan": ("", "member_state", None),
    }
    assert not Organization.objects.filter(name_fr="").exists()
    assert not Organization.objects.filter(name_ar="").exists()


def test_load_demo_delegations_convener_and_host(meeting):
    delegations = dict(Delegation.objects.filter(meeting=meeting).values_list("organization__slug", "role"))

    assert delegations == {
        "iofs": "convener",
        "kazakhstan": "host",
        "un": "participant",
        "oic": "participant",
        "fao": "participant",
        "unrwa": "participant",
    }


def test_load_demo_guests_of_honour_with_their_positions(meeting):
    guests = [
        (str(participant.person), participant.position.title_en, participant.delegation.organization.slug)
        for participant in Participant.objects.filter(meeting=meeting, role="guest_of_honour")
        .select_related("person", "position", "delegation__organization")
        .order_by("badge_number")
    ]

    assert guests == [
        ("H.E. Mr. Alibek Bakayev", "Deputy Minister of Foreign Affairs", "kazakhstan"),
        ("H.E. Amb. Mr. Khalid Khiari", "Assistant Secretary-General for the Middle East, Asia and the Pacific", "un"),
        ("H.E. Prof. Ahmad Kawesa Sengendo", "Assistant Secretary-General for Economic Affairs", "oic"),
        ("Amb. Berik Aryn", "Director General", "iofs"),
    ]
    people = Person.objects.filter(participations__meeting=meeting)
    assert set(people.values_list("listed_publicly", "email", "phone")) == {(True, "", "")}
    assert not people.filter(family_name_ar="").exists()
    assert not people.filter(given_name_ar="").exists()
    assert list(Participant.objects.order_by("badge_number").values_list("badge_number", "status")) == [
        (1, "attended"),
        (2, "attended"),
        (3, "attended"),
        (4, "attended"),
    ]


def test_load_demo_sessions_in_astana_time_stored_in_utc(meeting):
    sessions = [
        (session.slug, session.type.code, session.starts_at.astimezone(UTC), session.room is not None)
        for session in Session.objects.filter(meeting=meeting).select_related("room", "type")
    ]

    assert sessions[0] == (
        "opening-ceremony",
        "opening_ceremony",
        datetime.datetime(2024, 7, 22, 5, 0, tzinfo=UTC),
        True,
    )
    assert [kind for _slug, kind, _starts, _room in sessions] == ["opening_ceremony"] + ["working_session"] * 3
    opening = Session.objects.get(meeting=meeting, slug="opening-ceremony")
    assert opening.local_starts_at.isoformat() == "2024-07-22T10:00:00+05:00"
    for session in Session.objects.filter(meeting=meeting):
        session.full_clean()  # inside the meeting's days, no clash in a room
    working = Session.objects.filter(meeting=meeting, type__code="working_session").order_by("starts_at")
    assert [(session.theme.slug, session.topics.count()) for session in working] == [
        ("political-affairs", 7),
        ("economic-scientific-affairs", 14),
        ("cultural-social-humanitarian-affairs", 9),
    ]


def test_load_demo_opening_ceremony_speakers(meeting):
    opening = Session.objects.get(meeting=meeting, slug="opening-ceremony")

    roles = [(role.person.slug, role.role, role.subject_en) for role in opening.roles.select_related("person")]

    assert roles[0] == ("berik-aryn", "speaker", "Welcome address")
    assert [slug for slug, _role, _subject in roles[1:]] == ["alibek-bakayev", "khalid-khiari", "ahmad-kawesa-sengendo"]
    assert all(subject for _slug, _role, subject in roles)
    assert opening.roles.get(person__slug="berik-aryn").subject_fr == "Discours d'accueil"


def test_load_demo_letter_of_intent(meeting):
    letter = Instrument.objects.get(slug="iofs-fao-letter-of-intent-2024")

    assert str(letter) == "Letter of Intent between IOFS and FAO (2024)"
    assert (letter.kind, letter.status, letter.signed_on) == ("letter_of_intent", "signed", datetime.date(2024, 7, 22))
    assert (letter.place_of_signature_en, letter.signed_at) == ("Astana", meeting)
    assert [country.code for country in letter.countries] == sorted(
        ["AF", "TD", "DJ", "GM", "KZ", "MR", "NG", "SO", "TJ"]
    )
    assert [party.organization.slug for party in letter.parties.all()] == ["iofs", "fao"]
    assert [(str(s.person), s.party.organization.slug, s.capacity_en) for s in letter.signatures.all()] == [
        ("Amb. Berik Aryn", "iofs", "Director General")
    ]


def test_load_demo_commitments_of_the_agreed_matrix(meeting):
    agreed = Commitment.objects.filter(agreed_at=meeting).order_by("reference")

    assert list(agreed.values_list("title_en", flat=True)) == [
        "Implement the agreed Matrix of cooperation effectively",
        "Identify synergies in strategic plans",
        "Establish a permanent UN–OIC Joint Task Force",
        "Convene thematic working groups",
        "Set up an Integrated Data and Information Sharing System",
    ]
    assert not agreed.filter(title_fr="").exists()
    assert set(Commitment.objects.filter(agreed_at=None).values_list("title_en", flat=True)) == {
        "Food Security Programme for Afghanistan",
        "Collaboration with UNRWA",
        "Africa Food Security Initiative",
    }
