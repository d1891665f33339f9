"""An anonymous API answer is sent before sessions and authentication run (core/http_cache.py) when the request
carries no credentials: the same bytes and headers as the full answer (CORS and rate-limit headers included), counted
by the throttle, 304 to its ETag, and never for a key holder or an officer, whose answers are never kept.

The early answer is told from the full one by what it skips: SessionMiddleware never gave its request a session.
"""

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches

from tests.api.data import build_records
from tests.conftest import answered_early, headers_except
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# The request's id, and what the throttle says of this very request (the early answer is counted: one less, and
# its allowance grows back from a later time).
PER_REQUEST = ("X-Request-ID", "RateLimit-Remaining", "RateLimit-Reset")
ORIGIN = {"origin": "https://partner.example"}


@pytest.fixture
def meeting(db):
    return build_records(2)


def urls(meeting):
    return {
        "sessions": "/api/v1/sessions/",
        "schedule": f"/api/v1/meetings/{meeting.slug}/schedule.json",
        "meeting": f"/api/v1/meetings/{meeting.slug}/",
    }


@pytest.mark.parametrize("lang", [None, "en", "fr", "ar"])
@pytest.mark.parametrize("name", ["sessions", "schedule", "meeting"])
def test_early_answer_is_the_full_answer_byte_for_byte(anonymous, meeting, name, lang, django_assert_num_queries):
    url = urls(meeting)[name] + (f"?lang={lang}" if lang else "")
    full = anonymous.get(url, headers=ORIGIN)

    with django_assert_num_queries(1):  # the content version
        early = anonymous.get(url, headers=ORIGIN)

    assert full.status_code == 200
    assert not answered_early(full)
    assert answered_early(early)
    assert early.content == full.content
    assert headers_except(early, PER_REQUEST) == headers_except(full, PER_REQUEST)
    assert early["Access-Control-Allow-Origin"] == "https://partner.example"
    assert int(early["RateLimit-Remaining"]) == int(full["RateLimit-Remaining"]) - 1
    assert early["Content-Language"] == (lang or "en, fr, ar")


def test_early_answer_honours_if_none_match_as_the_full_path_does(anonymous, meeting, django_assert_num_queries):
    url = urls(meeting)["schedule"] + "?lang=ar"
    etag = anonymous.get(url)["ETag"]
    caches[django_settings.CONVENE_ANSWER_CACHE].clear()

    full = anonymous.get(url, headers={"if-none-match": etag})
    with django_assert_num_queries(1):
        early = anonymous.get(url, headers={"if-none-match": etag})

    assert (full.status_code, early.status_code) == (304, 304)
    assert (answered_early(full), answered_early(early)) == (False, True)
    assert early.content == b""
    assert headers_except(early, PER_REQUEST) == headers_except(full, PER_REQUEST)


def test_early_answers_count_against_the_anonymous_rate(anonymous, meeting, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "key": "100/minute"},
    }
    url = urls(meeting)["sessions"]

    answers = [anonymous.get(url) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answered_early(answers[1])
    assert answers[2]["Retry-After"]


def test_a_key_is_never_answered_early_and_its_answers_are_never_kept(anonymous, client_for, private_key):
    hidden = PersonFactory(listed_publicly=False, email="hidden@private.example")
    url = "/api/v1/people/?page_size=100"
    anonymous.get(url)

    with_key = client_for(private_key).get(url)
    caches[django_settings.CONVENE_ANSWER_CACHE].clear()
    client_for(private_key).get(url)
    visitor = anonymous.get(url)

    assert not answered_early(with_key)
    assert hidden.slug in {person["slug"] for person in with_key.json()["results"]}
    assert not answered_early(visitor)  # rendered: nothing the key saw was kept
    assert hidden.slug not in {person["slug"] for person in visitor.json()["results"]}
    assert b"hidden@private.example" not in visitor.content


def test_an_officer_is_never_answered_early(anonymous, meeting, django_user_model):
    url = urls(meeting)["sessions"]
    anonymous.get(url)
    anonymous.force_login(django_user_model.objects.create_user("officer", password="pw", is_staff=True))

    response = anonymous.get(url)

    assert response.status_code == 200
    assert not answered_early(response)


def test_a_write_renews_the_early_answer(anonymous, writer, meeting):
    url = urls(meeting)["sessions"]
    session = anonymous.get(url).json()["results"][0]
    assert answered_early(anonymous.get(url))

    writer.patch(f"/api/v1/sessions/{session['id']}/", {"title": {"en": "Renamed by a partner"}}, format="json")
    renewed = anonymous.get(url)

    assert not answered_early(renewed)
    assert "Renamed by a partner" in renewed.content.decode()
