"""A cached public page is answered before sessions, CSRF and authentication run (core/http_cache.py), for a visitor
without a session or credentials: the same bytes and headers as the full answer, 304 to its ETag as the full path
answers it, never for a signed-in officer (whose answers are not kept either), and renewed by an edit.

The early answer is told from the full one by what it skips: SessionMiddleware never gave its request a session.
"""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client

from tests.conftest import answered_early, headers_except
from tests.pages.conftest import LANGUAGES, page_urls

PAGES = ("meeting", "agenda", "session", "agenda_ics", "session_ics", "home", "registry", "agenda_filtered")
PER_REQUEST = ("X-Request-ID",)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_early_answer_is_the_full_answer_byte_for_byte(client, programme, page, language, django_assert_num_queries):
    url = page_urls(programme, language)[page]
    full = client.get(url)

    with django_assert_num_queries(1):  # the content version
        early = client.get(url)

    assert full.status_code == 200
    assert not answered_early(full)
    assert answered_early(early)
    assert early.status_code == 200
    assert early.content == full.content
    assert headers_except(early, PER_REQUEST) == headers_except(full, PER_REQUEST)
    assert early["Content-Language"] == language
    assert early["Content-Security-Policy"] and early["Permissions-Policy"] and early["X-Frame-Options"] == "DENY"
    assert early["X-Request-ID"] != full["X-Request-ID"]


@pytest.mark.parametrize("page", ["meeting", "agenda", "session", "agenda_ics"])
def test_early_answer_honours_if_none_match_as_the_full_path_does(client, programme, page, django_assert_num_queries):
    url = page_urls(programme, "fr")[page]
    etag = client.get(url)["ETag"]
    caches[settings.CONVENE_ANSWER_CACHE].clear()

    full = client.get(url, headers={"if-none-match": etag})  # rendered, kept, then compared
    with django_assert_num_queries(1):
        early = client.get(url, headers={"if-none-match": etag})
    other = client.get(url, headers={"if-none-match": '"another-version"'})

    assert (full.status_code, early.status_code) == (304, 304)
    assert not answered_early(full)
    assert answered_early(early)
    assert early.content == b""
    assert headers_except(early, PER_REQUEST) == headers_except(full, PER_REQUEST)
    assert early["ETag"] == etag
    assert (other.status_code, answered_early(other)) == (200, True)


def test_head_is_answered_early_with_the_get_headers(client, programme):
    url = page_urls(programme)["agenda"]
    full = client.get(url)

    head = client.head(url)

    assert answered_early(head)
    assert head.status_code == 200
    assert headers_except(head, PER_REQUEST) == headers_except(full, PER_REQUEST)


def test_a_signed_in_officer_is_never_answered_early_and_fills_nothing(client, programme, django_user_model):
    url = page_urls(programme)["agenda"]
    client.get(url)
    officer = Client()
    officer.force_login(django_user_model.objects.create_user("officer", password="pw", is_staff=True))

    seen_by_officer = officer.get(url)
    caches[settings.CONVENE_ANSWER_CACHE].clear()
    officer.get(url)  # rendered for the officer: not kept, it went through the session
    visitor = client.get(url)

    assert not answered_early(seen_by_officer)
    assert seen_by_officer.wsgi_request.user.is_authenticated
    assert seen_by_officer.content == visitor.content  # the public page is the same for everyone
    assert not answered_early(visitor)  # the officer's answer was not kept for the visitor


def test_a_visitor_with_a_session_cookie_goes_the_full_way(client, programme):
    url = page_urls(programme)["meeting"]
    client.get(url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"

    response = client.get(url)

    assert response.status_code == 200
    assert not answered_early(response)


def test_an_edit_renews_the_early_answer(client, programme):
    url = page_urls(programme)["agenda"]
    first = client.get(url)
    client.get(url)
    session = programme.sessions[0]
    session.title_en = "Renamed after the page was kept"
    session.save()

    renewed = client.get(url, headers={"if-none-match": first["ETag"]})
    early = client.get(url)

    assert renewed.status_code == 200
    assert not answered_early(renewed)
    assert "Renamed after the page was kept" in renewed.content.decode()
    assert renewed["ETag"] != first["ETag"]
    assert answered_early(early)
    assert early.content == renewed.content
