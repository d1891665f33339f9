"""Whole programmes in each format, built by tests/interchange/builder.py, imported without loss; Convene's own
schedule.json export imported into an empty instance gives the same programme (demo and 228 entries)."""

import datetime
import json

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from agreements.models import Commitment, Instrument
from meetings.models import Meeting, Theme
from participants.models import Person
from sessions.interchange import ProgrammeError, ProgrammeImportError, programme_import, read_programme
from sessions.models import Session
from tests.api.test_schedule import SCHEMA
from tests.factories import MeetingFactory
from tests.interchange.builder import build_spec, to_c3voc, to_frab_xml, to_indico

pytestmark = pytest.mark.django_db
LANGUAGES = ("en", "fr", "ar")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def spec():
    return build_spec()


def paris_meeting(**values):
    return MeetingFactory(
        slug="conf-2024",
        start_date=datetime.date(2024, 11, 1),
        end_date=datetime.date(2024, 11, 4),
        timezone="Europe/Paris",
        status=Meeting.Status.PUBLISHED,
        **values,
    )


@pytest.fixture
def anonymous():
    return APIClient()


def photo_of(person):
    if not person.photo:
        return b""
    with person.photo.open("rb") as handle:
        return handle.read()


def imported(meeting):
    sessions = Session.objects.filter(meeting=meeting).select_related("room", "type", "theme")
    return {session.external_id: session for session in sessions.prefetch_related("roles__person")}


def speakers_of(session):
    return sorted(role.person.full_name for role in session.roles.all())


def check_sessions(spec, meeting, *, has_types=True, has_tracks=True, has_language=True):
    by_guid = imported(meeting)
    assert len(by_guid) == len(spec.entries) == 228
    for entry in spec.entries:
        session = by_guid[entry.guid]
        lang = entry.language if has_language else "en"
        assert (
            getattr(session, f"title_{lang}"),
            getattr(session, f"description_{lang}") or "",
            session.starts_at,
            session.ends_at - session.starts_at,
            session.room.name if session.room else "",
            speakers_of(session),
        ) == (
            entry.title,
            entry.description,
            entry.starts_at,
            datetime.timedelta(minutes=entry.minutes),
            entry.room,
            sorted(speaker.name for speaker in entry.speakers),
        ), entry.guid
        if has_types:
            assert (session.type.code, session.type.is_break) == (entry.type, entry.type == "break")
        if has_tracks:
            assert (session.theme.name if session.theme else "") == entry.track
        if has_language:
            assert session.language == entry.language


def test_the_c3voc_fixture_follows_the_schema(spec):
    jsonschema.Draft6Validator(SCHEMA, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER).validate(
        to_c3voc(spec)
    )


def test_a_c3voc_programme_imports_without_loss_and_a_second_import_changes_nothing(spec):
    meeting = paris_meeting()
    document = json.dumps(to_c3voc(spec)).encode()

    report = programme_import(meeting=meeting, programme=read_programme(document))

    check_sessions(spec, meeting)
    assert report.summary()["sessions"] == {"created": 228}
    assert report.summary()["rooms"] == {"created": 11}
    julien = Person.objects.get(external_id="SPK000")
    assert (julien.given_name_en, julien.family_name_en, julien.full_name) == ("Julien", "", "Julien")
    for speaker in spec.speakers:
        person = Person.objects.filter(external_id=speaker.code).first()
        if person is not None:
            assert (person.biography_en or "", photo_of(person) or None) == (
                speaker.biography,
                speaker.photo,
            )
    breaks = Session.objects.filter(meeting=meeting, type__code="break")
    assert (breaks.count(), breaks.filter(room__isnull=False).count()) == (8, 0)

    again = programme_import(meeting=meeting, programme=read_programme(document))
    assert again.summary()["sessions"] == {"unchanged": 228}
    assert again.summary()["people"] == {"unchanged": len(Person.objects.all())}


def test_a_pretalx_schedule_xml_imports_without_loss(spec):
    meeting = paris_meeting()

    report = programme_import(meeting=meeting, programme=read_programme(to_frab_xml(spec)))

    assert report.summary()["sessions"] == {"created": 228}
    check_sessions(spec, meeting)


def test_an_indico_timetable_imports_without_loss(spec):
    meeting = paris_meeting()

    programme_import(meeting=meeting, programme=read_programme(json.dumps(to_indico(spec)).encode()), language="en")

    # Indico's timetable holds no language, type or track per contribution: only contributions and breaks.
    check_sessions(spec, meeting, has_types=False, has_tracks=False, has_language=False)
    assert sorted(set(Session.objects.filter(meeting=meeting).values_list("type__code", flat=True))) == [
        "break",
        "contribution",
    ]
    mononym = Person.objects.get(external_id="SPK007")
    assert (mononym.given_name_en, mononym.family_name_en) == ("Chloé", "")


def test_a_time_without_offset_is_refused_naming_the_entry_and_the_time_zone_and_nothing_is_written(spec):
    meeting = paris_meeting()
    document = to_c3voc(spec)
    event = document["schedule"]["conference"]["days"][1]["rooms"]["Room 1"][0]
    event["date"] = event["date"][:19]

    with pytest.raises(ProgrammeImportError) as refused:
        programme_import(meeting=meeting, programme=read_programme(json.dumps(document).encode()))

    [(row, message)] = refused.value.report.errors
    assert row.startswith("2024-11-02 · Room 1 · ")
    assert "Europe/Paris" in message
    assert "2024-11-02T09:00:00+01:00" in message
    assert (Session.objects.count(), Person.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "Not a readable JSON document"),
        (b'{"schedule": {}}', "Not a c3voc schedule"),
        (b"<html><body/></html>", "Not a frab schedule.xml"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><schedule>&a;</schedule>', "Not a readable XML document"),
        (b'{"results": {"1": [1, 2]}}', "does not have the shape"),
    ],
)
def test_an_unreadable_document_is_refused_with_a_reason(content, message):
    with pytest.raises(ProgrammeError) as refused:
        read_programme(content)
    assert message in str(refused.value)


def test_the_command_imports_and_names_refused_entries(spec, tmp_path):
    meeting = paris_meeting()
    good = tmp_path / "schedule.xml"
    good.write_bytes(to_frab_xml(spec))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schedule": {"conference": {"days": [{"rooms": {"A": [{"title": "X"}]}}]}}}))

    call_command("import_schedule", meeting.slug, str(good), verbosity=0)
    with pytest.raises(CommandError, match="1 entry"):
        call_command("import_schedule", meeting.slug, str(bad), verbosity=0)

    assert Session.objects.filter(meeting=meeting).count() == 228


# Round trips: export a meeting, empty the instance, import the exports, compare what readers see.


def snapshot(meeting):
    """What a reader sees of the programme in each language: the same whatever ids and slugs were given."""
    sessions = (
        Session.objects.filter(meeting=meeting)
        .select_related("room", "type", "theme")
        .prefetch_related("roles__person")
        .order_by("starts_at", "title_en", "title_fr")
    )
    seen = []
    for session in sessions:
        item = {
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "language": session.language,
            "capacity": session.room.capacity if session.room else None,
            "type": (session.type.code, session.type.colour, session.type.is_break) if session.type else None,
            "photos": sorted(photo_of(role.person) for role in session.roles.all()),
        }
        for lang in LANGUAGES:
            with translation.override(lang):
                item[lang] = (
                    session.title,
                    session.description,
                    session.room.name if session.room else None,
                    session.type.name if session.type else None,
                    session.theme.name if session.theme else None,
                    sorted((role.person.full_name, role.person.biography) for role in session.roles.all()),
                )
        seen.append(item)
    # In the order a reader sees (time, then the title as read in each language), not the order of the title
    # columns: a re-import may store a title in another column, and databases sort empty columns differently.
    return sorted(seen, key=lambda item: (item["starts_at"], item["ends_at"], repr([item[lang] for lang in LANGUAGES])))


def export(client, meeting):
    return {
        lang: client.get(f"/api/v1/meetings/{meeting.slug}/schedule.json?lang={lang}&photos=inline").content
        for lang in LANGUAGES
    }


def empty_the_instance():
    Instrument.objects.all().delete()
    Commitment.objects.all().delete()
    Meeting.objects.all().delete()
    Person.objects.all().delete()
    Theme.objects.all().delete()


def reimport(documents, **meeting_values):
    meeting = MeetingFactory(**meeting_values)
    for lang, document in documents.items():
        programme_import(meeting=meeting, programme=read_programme(document), language=lang)
    return meeting


def meeting_values(meeting):
    return {
        "slug": meeting.slug,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "timezone": meeting.timezone,
        "status": Meeting.Status.PUBLISHED,
    }


def test_the_demo_round_trips_through_its_schedule_json(anonymous):
    call_command("load_demo", verbosity=0)
    meeting = Meeting.objects.get(slug="16th-un-oic-general-meeting-astana-2024")
    before = snapshot(meeting)
    documents = export(anonymous, meeting)
    values = meeting_values(meeting)

    empty_the_instance()
    after = snapshot(reimport(documents, **values))

    assert len(before) == 4
    assert after == before


def test_a_programme_of_228_entries_round_trips_through_its_schedule_json(anonymous, spec):
    meeting = paris_meeting()
    programme_import(meeting=meeting, programme=read_programme(json.dumps(to_c3voc(spec)).encode()))
    before = snapshot(meeting)
    documents = export(anonymous, meeting)

    empty_the_instance()
    after = snapshot(reimport(documents, **meeting_values(meeting)))

    assert len(before) == 228
    assert sum(1 for item in before if item["photos"] != [b""] * len(item["photos"])) > 50
    assert after == before


def test_the_admin_previews_writes_nothing_then_confirms_everything(admin_client, spec):
    meeting = paris_meeting()
    url = reverse("admin:meetings_meeting_import_programme", args=[meeting.pk])
    upload = SimpleUploadedFile("schedule.json", json.dumps(to_c3voc(spec)).encode(), "application/json")

    preview = admin_client.post(url, {"file": upload, "language": "", "format": "auto", "preview": "1"})

    assert preview.status_code == 200
    assert "Preview of the import" in preview.content.decode()
    assert preview.content.decode().count("<td>created</td>") == 228
    assert Session.objects.count() == 0
    token = preview.context["confirm_form"].initial["token"]

    confirmed = admin_client.post(url, {"token": token, "language": "", "format": "auto", "confirm": "1"})

    assert confirmed.status_code == 302
    assert Session.objects.filter(meeting=meeting).count() == 228
    # A token serves once.
    again = admin_client.post(url, {"token": token, "language": "", "format": "auto", "confirm": "1"})
    assert (again.status_code, Session.objects.count()) == (302, 228)


def test_the_admin_lists_refused_entries_and_offers_no_confirmation(admin_client, spec):
    meeting = paris_meeting()
    document = to_c3voc(spec)
    document["schedule"]["conference"]["days"][0]["rooms"]["Room 1"][0]["duration"] = "soon"
    url = reverse("admin:meetings_meeting_import_programme", args=[meeting.pk])
    upload = SimpleUploadedFile("schedule.json", json.dumps(document).encode(), "application/json")

    preview = admin_client.post(url, {"file": upload, "language": "", "format": "auto", "preview": "1"})

    text = preview.content.decode()
    assert "1 entry is refused: nothing will be saved." in text
    assert "The date (ISO 8601) or the duration (hh:mm) cannot be read." in text
    assert "confirm_form" not in preview.context
    assert Session.objects.count() == 0


def test_a_dry_run_stores_no_photo_and_refuses_a_photo_that_is_not_one(spec, settings):
    meeting = paris_meeting()
    document = to_c3voc(spec)
    programme_import(meeting=meeting, programme=read_programme(json.dumps(document).encode()), dry_run=True)
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(media.rglob("*.png"))

    person = document["schedule"]["conference"]["days"][0]["rooms"]["Room 1"][0]["persons"][0]
    person["avatar"] = "data:image/png;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"  # <svg onload=alert(1)>
    with pytest.raises(ProgrammeImportError) as refused:
        programme_import(meeting=meeting, programme=read_programme(json.dumps(document).encode()), dry_run=True)
    [(row, message)] = refused.value.report.errors
    assert (row, "SVG" in message) == (f"person {person['name']}", True)
    assert Person.objects.count() == 0
