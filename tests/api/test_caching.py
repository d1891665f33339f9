"""Anonymous answers are cached under the site's content version: one query once cached, fresh after any write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.data import build_records
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_anonymous_list_once_cached_costs_one_query(anonymous, django_assert_num_queries):
    build_records(2)
    first = anonymous.get("/api/v1/sessions/")

    with django_assert_num_queries(1):
        again = anonymous.get("/api/v1/sessions/")

    assert again.status_code == 200
    assert again.json() == first.json()
    assert again["ETag"] == first["ETag"]


def test_anonymous_list_shows_a_write_made_through_the_api_at_once(anonymous, writer):
    build_records(1)
    session = anonymous.get("/api/v1/sessions/").json()["results"][0]

    response = writer.patch(
        f"/api/v1/sessions/{session['id']}/", {"title": {"en": "Renamed by a partner"}}, format="json"
    )
    again = anonymous.get("/api/v1/sessions/").json()["results"][0]

    assert response.status_code == 200
    assert again["title"]["en"] == "Renamed by a partner"


def test_a_key_never_gets_an_anonymous_answer_from_the_cache(anonymous, client_for, private_key):
    build_records(1)
    hidden = PersonFactory(listed_publicly=False, email="hidden@private.example")
    public = anonymous.get("/api/v1/people/?page_size=100").json()

    private = client_for(private_key).get("/api/v1/people/?page_size=100").json()

    assert hidden.slug not in {person["slug"] for person in public["results"]}
    assert hidden.slug in {person["slug"] for person in private["results"]}
    assert private != public


def test_anonymous_answer_once_cached_is_sent_as_the_same_bytes_and_answers_304(anonymous, django_assert_num_queries):
    build_records(2)
    first = anonymous.get("/api/v1/sessions/?lang=fr")

    with django_assert_num_queries(1):
        again = anonymous.get("/api/v1/sessions/?lang=fr")
    with django_assert_num_queries(1):
        not_modified = anonymous.get("/api/v1/sessions/?lang=fr", headers={"if-none-match": first["ETag"]})

    assert (again.status_code, again.content, again["Content-Type"]) == (200, first.content, first["Content-Type"])
    assert again["ETag"] == first["ETag"]
    assert again["Vary"] == first["Vary"]
    assert not_modified.status_code == 304


def test_browsable_api_page_is_not_kept_in_the_cache(anonymous):
    build_records(1)
    first = anonymous.get("/api/v1/sessions/", headers={"accept": "text/html"})
    with CaptureQueriesContext(connection) as queries:
        again = anonymous.get("/api/v1/sessions/", headers={"accept": "text/html"})

    assert first["Content-Type"].startswith("text/html")
    assert again.status_code == 200
    assert len(queries) > 1  # rendered again: its forms carry this visitor's CSRF token
