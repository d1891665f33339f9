"""Public answers cached under the content version they depend on (core/versions.py), with content ETags.

A request costs one query when its answer is cached: the version lookup. The cache key holds the version, the
language, the full path and the release of the templates, so an edit, a translation or a deployment makes a new
key and nothing is ever invalidated by hand. The ETag hashes the bytes sent: a change that a page does not show
(a private field, a draft) leaves its ETag as it was, so validators reveal nothing the page does not.
"""

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.utils.translation import get_language

from core.versions import version_of

# Headers of an answer worth keeping with its bytes; the rest are set again by the middleware on every request.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Vary", "Cache-Control")


def content_etag(content: bytes) -> str:
    return quote_etag(hashlib.sha256(content).hexdigest()[:32])


def cache_key(*parts: object) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return f"convene:answer:{digest}"


def cached_answer(request, *, key_parts: tuple, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The answer for `key_parts` from the cache, or rendered, kept and sent; 304 when the client has it."""
    cache = caches[settings.CONVENE_ANSWER_CACHE]
    key = cache_key(*key_parts)
    stored = cache.get(key)
    if stored is None:
        response = render()
        if response.status_code != 200 or response.streaming:
            return response
        if not getattr(response, "is_rendered", True):
            response.render()  # type: ignore[attr-defined]  # a TemplateResponse
        etag = content_etag(response.content)
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        cache.set(key, (response.content, headers, etag), settings.CONVENE_ANSWER_CACHE_SECONDS)
    else:
        content, headers, etag = stored
        response = HttpResponse(content, status=200)
        for name, value in headers.items():
            response[name] = value
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response) or response


def _text(release):
    return release() if callable(release) else release


def versioned_page(meetings: Callable[..., object] | None = None, *, release: str | Callable[[], str] = ""):
    """Cache a public page under the version of the meetings it shows (None: every meeting, the whole site).

    `meetings(request, *args, **kwargs)` returns meeting ids or a queryset of ids (e.g. from a slug), so the
    version costs one query whatever the page.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            scope = meetings(request, *args, **kwargs) if meetings is not None else None
            version = version_of(meetings=scope)
            return cached_answer(
                request,
                key_parts=("page", version, get_language(), request.get_full_path(), _text(release)),
                render=lambda: view(request, *args, **kwargs),
            )

        return wrapped

    return decorator
