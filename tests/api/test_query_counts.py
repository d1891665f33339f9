"""Every list and detail costs the same number of queries with 1 record as with 3 (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.data import build_records

LISTS = [
    "series",
    "meetings",
    "themes",
    "rooms",
    "session-types",
    "sessions",
    "organizations",
    "people",
    "delegations",
    "participants",
    "instruments",
    "commitments",
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


def detail_url(client, resource):
    return client.get(f"/api/v1/{resource}/").json()["results"][0]["url"]


@pytest.mark.django_db
@pytest.mark.parametrize("resource", LISTS)
def test_list_query_count_is_flat_for_anonymous(anonymous, resource, django_assert_num_queries):
    meeting = build_records(1)
    small = count_queries(anonymous, f"/api/v1/{resource}/")
    build_records(2, meeting=meeting)
    with django_assert_num_queries(small):
        anonymous.get(f"/api/v1/{resource}/")


@pytest.mark.django_db
@pytest.mark.parametrize("resource", LISTS)
def test_list_query_count_is_flat_with_a_private_key(client_for, private_key, resource, django_assert_num_queries):
    client = client_for(private_key)
    client.get("/api/v1/")  # records last_used_at, which happens at most once a minute
    meeting = build_records(1)
    small = count_queries(client, f"/api/v1/{resource}/?lang=fr")
    build_records(2, meeting=meeting)
    with django_assert_num_queries(small):
        client.get(f"/api/v1/{resource}/?lang=fr")


@pytest.mark.django_db
@pytest.mark.parametrize("resource", LISTS)
def test_detail_query_count_is_flat(anonymous, resource, django_assert_num_queries):
    meeting = build_records(1)
    url = detail_url(anonymous, resource)
    small = count_queries(anonymous, url)
    build_records(2, meeting=meeting)
    with django_assert_num_queries(small):
        anonymous.get(url)


@pytest.mark.django_db
def test_list_query_counts_are_small(anonymous):
    build_records(3)
    counts = {resource: count_queries(anonymous, f"/api/v1/{resource}/") for resource in LISTS}
    # One of each is the content version that anonymous answers are cached under (api/views/base.py).
    assert counts == {
        "series": 3,
        "meetings": 4,
        "themes": 4,
        "rooms": 3,
        "session-types": 3,
        "sessions": 5,
        "organizations": 3,
        "people": 3,
        "delegations": 3,
        "participants": 3,
        # One more for each: the ids of the visible meetings, so that a link to an unpublished one shows null.
        "instruments": 7,
        "commitments": 6,
    }


@pytest.mark.django_db
def test_schedule_query_count_is_flat(anonymous, django_assert_num_queries):
    meeting = build_records(1)
    url = f"/api/v1/meetings/{meeting.slug}/schedule.json"
    small = count_queries(anonymous, url)
    build_records(2, meeting=meeting)
    with django_assert_num_queries(small):
        anonymous.get(url)
