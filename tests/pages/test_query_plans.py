"""The long lists read their rows through the indexes made for them, not by searching a meeting's every participant.

SQLite plans without statistics (nobody runs ANALYZE on a deployment's file), from the indexes alone, so its plan on
a few rows is its plan on 20,000. With an index on the position alone, it chose the meeting's index to answer
"was this position held at the meeting?" and searched 20,000 participants for each of 3,000 speakers: 9 s for the
XL agenda (docs/PERFORMANCE.md, run G). PostgreSQL plans from statistics, which a test's few rows would not show;
its figures are measured by scripts/bench.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.pages.conftest import build_programme

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL plans from statistics (scripts/bench.py)"),
]


def plans(client, url):
    """{query: its plan}, for each query the page sent."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    found = {}
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            found[query["sql"]] = "\n".join(row[-1] for row in cursor.fetchall())
    return found


def test_agenda_finds_the_positions_held_at_the_meeting_by_position_and_meeting(client):
    meeting = build_programme(sessions=6).meeting

    found = plans(client, f"/en/meetings/{meeting.slug}/agenda/")

    [plan] = [plan for query, plan in found.items() if '"participants_position"' in query.split(" FROM ")[1]]
    assert "CORRELATED SCALAR SUBQUERY" in plan
    assert "USING COVERING INDEX participant_position_at (position_id=? AND meeting_id=?)" in plan


def test_list_of_participants_counts_and_sorts_from_the_listing_index(client):
    meeting = build_programme(sessions=6).meeting

    found = plans(client, f"/en/meetings/{meeting.slug}/participants/")

    count = next(plan for query, plan in found.items() if query.startswith('SELECT COUNT(*) AS "__count"'))
    page = next(plan for query, plan in found.items() if '"participants_participant"."id" IN (SELECT' in query)
    assert "USING COVERING INDEX participant_listing (meeting_id=?)" in count
    assert "USING COVERING INDEX participant_listing (meeting_id=?)" in page
