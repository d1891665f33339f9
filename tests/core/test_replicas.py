"""Public reads go to the read replica when one is configured; the admin and every write stay on the primary."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from config.replicas import REPLICA
from tests import factories

# Committed rows: the replica is another connection, which cannot see a test's open transaction.
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(scope="module", autouse=True)
def _replica_alias(django_db_setup):
    """A second database alias on the test database, as a replica would be in production (a copy of it)."""
    connections.settings[REPLICA] = {**connections["default"].settings_dict}
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def replica():
    return connections[REPLICA]


def test_public_page_reads_from_the_replica(client, replica):
    meeting = factories.MeetingFactory(status="published")

    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as on_primary:
        response = client.get(f"/en/meetings/{meeting.slug}/")

    assert response.status_code == 200
    assert meeting.title_en in response.text
    assert len(on_replica) > 0
    assert [query["sql"] for query in on_primary] == []


def test_admin_reads_and_writes_stay_on_the_primary(admin_client, replica):
    meeting = factories.MeetingFactory()

    with CaptureQueriesContext(replica) as on_replica:
        response = admin_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/")

    assert response.status_code == 200
    assert [query["sql"] for query in on_replica] == []
