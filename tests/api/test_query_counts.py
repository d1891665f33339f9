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


def every_read(client, meeting, details):
    """Queries of every list, every detail (of the first records, kept across sizes) and the schedule."""
    counts = {f"list:{resource}": count_queries(client, f"/api/v1/{resource}/?lang=fr") for resource in LISTS}
    counts.update({f"detail:{resource}": count_queries(client, url) for resource, url in details.items()})
    counts["schedule"] = count_queries(client, f"/api/v1/meetings/{meeting.slug}/schedule.json")
    return counts


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "private key"])
def test_query_counts_are_equal_at_three_sizes(anonymous, client_for, private_key, who):
    """1, 3 and 9 records of every kind: every list, detail and the schedule cost the same at each size."""
    client = anonymous if who == "anonymous" else client_for(private_key)
    client.get("/api/v1/")  # a key records last_used_at, at most once a minute
    meeting = build_records(1)
    details = {resource: detail_url(client, resource) for resource in LISTS}
    small = every_read(client, meeting, details)
    build_records(2, meeting=meeting)
    medium = every_read(client, meeting, details)
    build_records(6, meeting=meeting)
    large = every_read(client, meeting, details)

    assert medium == small
    assert large == small


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
        # The page of sessions, their count, their meetings (prefetched, one copy each), roles and topics.
        "sessions": 6,
        "organizations": 3,
        "people": 3,
        "delegations": 3,
        "participants": 3,
        # One more for each: the ids of the visible meetings, so that a link to an unpublished one shows null.
        "instruments": 7,
        "commitments": 6,
    }
