"""Public reads from a read replica, when one is configured (`DATABASE_REPLICA_URL`); everything else on the primary.

Only a request that cannot write (GET or HEAD outside the admin) reads from the replica, so an officer never
reads a stale copy of what they just saved, and a write never starts from a replica's row. Without a replica
every query goes to `default`, and the router changes nothing.
"""

from contextvars import ContextVar

from django.db import connections

REPLICA = "replica"
_reads_from_replica: ContextVar[bool] = ContextVar("convene_reads_from_replica", default=False)


class PublicReadsRouter:
    def db_for_read(self, model, **hints):
        if _reads_from_replica.get() and REPLICA in connections.settings:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: rows from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PublicReadsMiddleware:
    """Marks the requests whose reads may go to the replica: safe methods, outside the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public_read = request.method in ("GET", "HEAD") and not request.path_info.startswith("/admin/")
        token = _reads_from_replica.set(public_read)
        try:
            return self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
