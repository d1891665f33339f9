"""Conditional GET for the public pages: ETag and Last-Modified measured from the rows behind a page, 304 when
nothing changed. `conditional_page` decorates every public view."""

import datetime
import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.views.decorators.http import condition


def freshness(*querysets):
    """Latest `updated_at` and a fingerprint (row counts included, so deletions show) of the rows behind a page.

    One query whatever the number of querysets: a UNION ALL of one MAX/COUNT per queryset. The first queryset is
    the page's subject: when it is empty the page is a 404, which gets no validators, so (None, None).
    """
    parts, params = [], []
    for queryset in querysets:
        sql, queryset_params = queryset.order_by().values("updated_at").query.sql_with_params()
        parts.append(f"SELECT MAX(updated_at), COUNT(*) FROM ({sql}) fresh_{len(parts)}")  # noqa: S608 - Django SQL
        params.extend(queryset_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    if not rows or rows[0][1] == 0:
        return None, None
    latest = None
    for value, _count in rows:
        if isinstance(value, str):  # SQLite hands back text, in UTC.
            value = parse_datetime(value)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        if value is not None and (latest is None or value > latest):
            latest = value
    fingerprint = hashlib.sha256(repr([(str(value), count) for value, count in rows]).encode()).hexdigest()[:32]
    return latest, fingerprint


def _templates_release():
    """(digest, last change) of the public templates, so that a deployment that changes them changes validators."""
    digest, latest = hashlib.sha256(), 0.0
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            digest.update(path.read_bytes())
            latest = max(latest, path.stat().st_mtime)
    return digest.hexdigest()[:16], datetime.datetime.fromtimestamp(int(latest), tz=datetime.UTC)


TEMPLATES_DIGEST, TEMPLATES_CHANGED_AT = _templates_release()


def conditional_page(sources):
    """Send ETag and Last-Modified from the rows behind a page and answer conditional requests with 304.

    `sources(request, **kwargs)` returns the querysets whose rows the page shows; they are measured in one query.
    """

    def measure(request, *args, **kwargs):
        if not hasattr(request, "_convene_freshness"):
            latest, fingerprint = freshness(*sources(request, *args, **kwargs))
            etag = None
            if fingerprint is not None:
                # The language, the query string and the templates change the bytes, not the rows.
                key = f"{get_language()}|{request.get_full_path()}|{TEMPLATES_DIGEST}|{fingerprint}"
                etag = hashlib.sha256(key.encode()).hexdigest()[:40]
                latest = max(latest, TEMPLATES_CHANGED_AT) if latest else None
            request._convene_freshness = (latest, etag)
        return request._convene_freshness

    def etag(request, *args, **kwargs):
        return measure(request, *args, **kwargs)[1]

    def last_modified(request, *args, **kwargs):
        return measure(request, *args, **kwargs)[0]

    def decorator(view):
        return functools.wraps(view)(condition(etag_func=etag, last_modified_func=last_modified)(view))

    return decorator
