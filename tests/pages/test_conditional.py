"""Public pages are cached under the content version of what they show, with an ETag that hashes their bytes.

A page answers 304 to its own ETag, costs one query (the version) once cached, renews itself after any change it
shows (the organization page after a new speaking role, a renamed session, a deletion), and keeps its ETag when a
change does not show on it (a private field), so validators reveal nothing the page does not.
"""

import pytest

from sessions.models import SessionRole
from tests.factories import MeetingFactory, RoomFactory, SessionFactory, SessionRoleFactory
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
    assert first["ETag"].startswith('"')
    # No Last-Modified: the time of the last change would tell when a private field or a draft was edited.
    assert "Last-Modified" not in first
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("page", PAGES)
def test_page_once_cached_costs_one_query_and_gives_the_same_bytes(client, programme, page, django_assert_num_queries):
    url = page_urls(programme)[page]
    first = client.get(url)

    with django_assert_num_queries(1):
        again = client.get(url)
    with django_assert_num_queries(1):
        not_modified = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"]
    assert not_modified.status_code == 304


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


def test_organization_page_shows_a_new_speaking_role_at_once(client, programme):
    url = page_urls(programme)["organization"]
    first = client.get(url)
    session = programme.sessions[1]
    session.title_en = "Session on water security"
    session.save()
    SessionRoleFactory(session=session, person=programme.star, role=SessionRole.Role.KEYNOTE, order=9)

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert "Session on water security" in again.content.decode()


def test_private_field_edit_leaves_the_etag_as_it_was(client, programme):
    urls = page_urls(programme)
    pages = ("meeting", "participants", "person", "organization", "agenda")
    before = {page: client.get(urls[page])["ETag"] for page in pages}
    star = programme.star
    star.email = "berik.aryn@private.example"
    star.phone = "+7 700 000 00 00"
    star.save()
    participation = star.participations.get()
    participation.notes = "Arrives late; vegetarian"
    participation.save()

    after = {page: client.get(urls[page])["ETag"] for page in pages}

    assert after == before


def test_change_in_another_meeting_keeps_this_meetings_pages_cached(client, programme, django_assert_num_queries):
    other = MeetingFactory()
    room = RoomFactory(meeting=other)
    url = page_urls(programme)["agenda"]
    client.get(url)
    SessionFactory(meeting=other, room=room, theme=None)

    with django_assert_num_queries(1):
        response = client.get(url)

    assert response.status_code == 200


def test_etag_differs_between_languages(client, programme):
    english = client.get(page_urls(programme, "en")["agenda"])
    french = client.get(page_urls(programme, "fr")["agenda"])

    assert english["ETag"] != french["ETag"]


def test_missing_page_answers_404_even_to_if_none_match_star(client, draft_meeting):
    response = client.get(f"/en/meetings/{draft_meeting.slug}/agenda/", headers={"if-none-match": "*"})

    assert response.status_code == 404
