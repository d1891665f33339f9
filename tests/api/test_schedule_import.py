"""POST /api/v1/meetings/{slug}/schedule/: a whole programme in one atomic request."""

import json

import pytest

from meetings.models import Meeting
from sessions.models import Room, Session
from tests.factories import ApiKeyFactory, MeetingFactory
from tests.interchange.builder import build_spec, to_c3voc, to_frab_xml

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(scope="module")
def document():
    return to_c3voc(build_spec(sessions=30, days=1))


def paris(**values):
    return MeetingFactory(slug="conf-2024", start_date="2024-11-01", end_date="2024-11-04", timezone="Europe/Paris")


def post(client, url, body, content_type="application/json"):
    return client.generic("POST", url, body, content_type=content_type)


def test_a_programme_is_imported_in_one_request(writer, document):
    meeting = paris()

    response = post(writer, f"/api/v1/meetings/{meeting.slug}/schedule/", json.dumps(document))

    assert response.status_code == 200, response.content
    assert response.json()["counts"]["sessions"] == {"created": 32}
    assert (response.json()["format"], response.json()["language"]) == ("c3voc", None)
    assert Session.objects.filter(meeting=meeting).count() == 32


def test_a_dry_run_reports_and_writes_nothing(writer, document):
    meeting = paris()

    response = post(writer, f"/api/v1/meetings/{meeting.slug}/schedule/?dry_run=true", json.dumps(document))

    assert (response.status_code, response.json()["dry_run"], response.json()["counts"]["rooms"]) == (
        200,
        True,
        {"created": 11},
    )
    assert (Session.objects.count(), Room.objects.count()) == (0, 0)


def test_a_pretalx_xml_body_is_read_as_xml(writer):
    meeting = paris()

    response = post(
        writer,
        f"/api/v1/meetings/{meeting.slug}/schedule/?lang=fr",
        to_frab_xml(build_spec(sessions=5, days=1)),
        content_type="application/xml",
    )

    assert (response.status_code, response.json()["language"]) == (200, "fr")
    assert Session.objects.filter(meeting=meeting, title_fr="Atelier 0 : coopération").count() == 1


def test_refused_entries_are_named_and_nothing_is_written(writer, document):
    meeting = paris()
    broken = json.loads(json.dumps(document))
    broken["schedule"]["conference"]["days"][0]["rooms"]["Room 1"][0]["date"] = "2024-11-01T09:00:00"

    response = post(writer, f"/api/v1/meetings/{meeting.slug}/schedule/", json.dumps(broken))

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["entry"].startswith("2024-11-01 · Room 1 · ")
    assert "Europe/Paris" in error["message"]
    assert (Session.objects.count(), Room.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("body", "message"), [(b"", "Send the programme document"), (b"[1", "Not a readable JSON document")]
)
def test_an_empty_or_unreadable_body_is_a_400(writer, body, message):
    meeting = paris()
    response = post(writer, f"/api/v1/meetings/{meeting.slug}/schedule/", body)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_reading_keys_and_keys_of_other_meetings_cannot_import(client_for, anonymous, read_key, document):
    meeting = paris()
    other_meetings_key = ApiKeyFactory(scopes=["read", "write"], meetings=[MeetingFactory(slug="other")])
    url = f"/api/v1/meetings/{meeting.slug}/schedule/"

    statuses = [
        post(client, url, json.dumps(document)).status_code
        for client in (anonymous, client_for(read_key), client_for(other_meetings_key))
    ]

    assert statuses[0] in (401, 403)
    assert statuses[1:] == [403, 403]
    assert Session.objects.count() == 0
    assert Meeting.objects.count() == 2
