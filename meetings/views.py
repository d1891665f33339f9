"""Public pages: home, meeting, site search. `conditional_page` is shared by every public page."""

import datetime
import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import condition

from meetings import selectors
from meetings.search import search_site


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
            latest, fingerprint = selectors.freshness(*sources(request, *args, **kwargs))
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


@conditional_page(lambda request: selectors.home_sources())
def home(request):
    return render(request, "meetings/home.html", {"groups": selectors.meetings_for_home(), "nav": "meetings"})


@conditional_page(lambda request, slug: selectors.meeting_sources(slug))
def meeting_detail(request, slug):
    meeting = selectors.meeting_for_page(slug)
    previous_meeting, next_meeting = selectors.meeting_neighbours(meeting)
    delegations = list(selectors.delegations_with_counts(meeting))
    context = {
        "meeting": meeting,
        "previous_meeting": previous_meeting,
        "next_meeting": next_meeting,
        "delegations": delegations,
        "conveners": [d for d in delegations if d.role == d.Role.CONVENER],
        "hosts": [d for d in delegations if d.role == d.Role.HOST],
        "listed_total": sum(d.listed_count for d in delegations),
        "instruments": selectors.instruments_signed_at(meeting),
        "nav": "meetings",
    }
    return render(request, "meetings/meeting_detail.html", context)


@conditional_page(lambda request: selectors.search_sources())
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search_site(query) if query else None
    return render(request, "meetings/search.html", {"query": query, "results": results})
