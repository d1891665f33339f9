"""The kept PostgreSQL connection's health check (core/postgresql): no round trip while the server is silent, and a
connection the server has ended is replaced before a request uses it."""

import select
import tempfile
import time

import pytest
from django.db import connection, connections

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the check is PostgreSQL's (CI runs both)"),
]


@pytest.fixture
def kept():
    """A second connection to the test database, as a request of a server process keeps one between requests."""
    wrapper = connections.create_connection("default")
    assert wrapper.settings_dict["CONN_HEALTH_CHECKS"] is True
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def backend_pid(wrapper):
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def health_check(wrapper):
    """What Django does at the first query of each request (after close_old_connections)."""
    wrapper.health_check_done = False
    wrapper.close_if_health_check_failed()


def test_a_silent_server_costs_the_health_check_no_message(kept):
    pid = backend_pid(kept)
    with tempfile.TemporaryFile() as trace:
        kept.connection.pgconn.trace(trace.fileno())  # libpq writes every protocol message sent or received
        health_check(kept)
        kept.connection.pgconn.untrace()
        trace.seek(0)
        assert trace.read() == b""
    assert backend_pid(kept) == pid


def test_a_connection_the_server_ended_is_replaced_before_the_next_query(kept):
    pid = backend_pid(kept)
    with connection.cursor() as cursor:  # the server ends that session, as a restart or an idle timeout would
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 10
    while not select.select([kept.connection.fileno()], [], [], 0.1)[0]:
        assert time.monotonic() < deadline, "the server did not close the connection"

    health_check(kept)

    assert backend_pid(kept) != pid  # a new session answered, and no query failed
