"""Caching and conditional GET for the public pages, under the content version of what a page shows.

A page says which meeting it belongs to (or none: it may show any meeting); `core.versions` knows which writes
change that meeting's pages, and `core.http_cache` keeps the rendered answer under (version, language, path,
release). A cached page costs one query (the version), read with SQL written once (`MeetingsWhere`: the meeting
by its slug, inside the version's query), and is sent to a visitor without a session before the rest of the
middleware runs; its ETag hashes its bytes, so a 304 is exact, and a change the page does not show (a private
field, a draft) leaves the ETag as it was.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from core.http_cache import versioned_page
from core.versions import MeetingsWhere
from meetings.models import Meeting


def _release():
    """A digest of the templates and compiled translations: a deployment that changes them makes new keys."""
    digest = hashlib.sha256()
    folders = [*settings.TEMPLATES[0]["DIRS"], *settings.LOCALE_PATHS]
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix in (".html", ".mo"):
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


RELEASE = _release()


def _meeting_ids(slug):
    return MeetingsWhere(Meeting, "slug", slug)


def meeting_page(kwarg="meeting_slug"):
    """A page of one meeting (found by the URL's `kwarg`): cached until that meeting or a site-wide record changes."""
    return versioned_page(lambda request, *args, **kwargs: _meeting_ids(kwargs[kwarg]), release=RELEASE)


def site_page(*, hourly=False):
    """A page that may show any meeting (home, search, registry, people, organizations): any change renews it.

    hourly: the page also depends on the time (what is ongoing or upcoming), so its key changes every quarter hour.
    """
    if not hourly:
        return versioned_page(None, release=RELEASE)

    def release():
        now = timezone.now()
        return f"{RELEASE}:{now:%Y%m%d%H}:{now.minute // 15}"

    return versioned_page(None, release=release)
