"""Django's PostgreSQL backend, with a health check that costs no round trip while the connection is sound.

A connection is kept between requests (CONN_MAX_AGE) and checked before each request uses it
(CONN_HEALTH_CHECKS), so that a database restarted or a connection cut by the server costs no request an error.
Django's check is a ``SELECT 1`` on every request: on a cached page, whose answer needs one query (its content
version, core/versions.py), that doubled the round trips to the database, a third of the time of the answer.

Here the check first asks the operating system whether the server has said anything on the idle connection: a
server that shuts down, restarts or ends an idle session tells the client so (an error message, then the end of the
stream), and nothing else arrives unasked on a connection between two queries. Nothing to read: the connection is
sound as far as the server has told, and the request goes on without a round trip. Something to read: Django's own
check (``SELECT 1``) decides, and a dead connection is closed and opened again before the request uses it.
tests/security/test_database_outage.py stops and restarts a real cluster under a running server.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        if self.connection is None or self.connection.closed or self.connection.broken:
            return False
        try:
            waiting, _, _ = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return not waiting or super().is_usable()
