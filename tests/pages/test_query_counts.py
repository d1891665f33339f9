"""Every page reads the database a fixed number of times, whatever the size of the programme."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.pages.conftest import build_programme, page_urls

# One query of these is the content version the page is cached under (portal/conditional.py).
EXPECTED_QUERIES = {
    "home": 2,
    "meeting": 9,
    "agenda": 5,
    "agenda_filtered": 5,
    "agenda_grid": 5,
    "agenda_by_room_and_speaker": 5,
    "session": 6,
    "participants": 4,
    "organization": 7,
    "person": 6,
    "registry": 8,  # with the signatures, so that "signed" means every party signed, and the count of the pages
    "registry_filtered": 8,
    "instrument": 6,
    "search": 6,
    "agenda_ics": 3,
    "session_ics": 3,
    "my_agenda_ics": 3,
}


def query_counts(client, urls):
    counts = {}
    for page, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (page, response.status_code)
        counts[page] = len(queries)
    return counts


@pytest.mark.parametrize("sessions", [3, 30, 90])
def test_page_query_counts_do_not_grow_with_the_programme(client, db, sessions):
    """Three sizes (a few sessions; ten times; thirty times, with three speakers each), every page at each."""
    programme = build_programme(sessions=sessions, speakers_per_session=1 if sessions == 3 else 3)
    urls = {page: page_urls(programme)[page] for page in EXPECTED_QUERIES}

    assert query_counts(client, urls) == EXPECTED_QUERIES


def test_agenda_of_200_sessions_and_600_speakers_stays_within_bound(client, db, django_assert_max_num_queries):
    programme = build_programme(sessions=200, speakers_per_session=3, rooms=6)
    url = page_urls(programme)["agenda"]

    with django_assert_max_num_queries(EXPECTED_QUERIES["agenda"]):
        response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="session session--') == 200
    assert html.count('class="person-role"') == 600 + 67  # the speakers, and the chair of every third session
