"""Public pages send ETag and Last-Modified and answer conditional requests with 304 until something changes."""

import pytest
from django.utils.http import http_date

from tests.pages.conftest import page_urls

PAGES = (
    "home",
    "meeting",
    "agenda",
    "session",
    "participants",
    "organization",
    "person",
    "registry",
    "instrument",
    "search",
    "agenda_ics",
    "session_ics",
)


@pytest.mark.parametrize("page", PAGES)
def test_page_answers_304_to_its_own_etag(client, programme, page):
    url = page_urls(programme)[page]
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert first.status_code == 200
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("page", PAGES)
def test_page_answers_304_when_not_modified_since(client, programme, page):
    url = page_urls(programme)[page]
    first = client.get(url)

    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert again.status_code == 304


def test_agenda_answers_200_again_after_the_secretariat_edits_a_session(client, programme):
    url = page_urls(programme)["agenda"]
    first = client.get(url)
    session = programme.sessions[0]
    session.title_en = "Renamed session"
    session.save()

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Renamed session" in again.content.decode()


def test_agenda_answers_200_again_after_a_session_is_deleted(client, programme):
    url = page_urls(programme)["agenda"]
    first = client.get(url)
    programme.sessions[-1].delete()

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200


def test_etag_differs_between_languages(client, programme):
    english = client.get(page_urls(programme, "en")["agenda"])
    french = client.get(page_urls(programme, "fr")["agenda"])

    assert english["ETag"] != french["ETag"]


def test_old_if_modified_since_gets_the_page(client, programme):
    response = client.get(page_urls(programme)["meeting"], headers={"if-modified-since": http_date(0)})

    assert response.status_code == 200


def test_missing_page_answers_404_even_to_if_none_match_star(client, draft_meeting):
    response = client.get(f"/en/meetings/{draft_meeting.slug}/agenda/", headers={"if-none-match": "*"})

    assert response.status_code == 404
