"""Public answers cached under the content version they depend on (core/versions.py), with content ETags.

One cache, one key per answer, two ways in:

- ``AnswerCacheMiddleware``, early in the stack, answers a *shared* request (GET or HEAD with no session or
  messages cookie and no Authorization: a visitor whose answer is everyone's) from the cache before sessions,
  CSRF, authentication and the rest run: one version lookup and one cache read. A view says it can be answered
  this way with an ``answer_key(request, *args, **kwargs)`` attribute (``versioned_page`` below, the API's
  ``ConveneViewMixin``), the same function the view itself uses for its key. The answer is kept by this
  middleware, as it leaves the middleware below it, with every header they added (CSP, Permissions-Policy,
  X-Frame-Options, Vary, Content-Language, Content-Length), so an early answer is the full answer's bytes and
  headers by construction; the middleware above it (X-Request-ID, security headers, CORS, rate-limit headers)
  run on both. It is kept only for a shared request, never with a cookie being set or a CSP nonce used.
- The view (``cached_answer``; the API's ``cached_read``) reads the same entry for every other request (a
  signed-in officer sees the public page as the public does), renders on a miss and marks the answer for keeping.

For a shared request the middleware also answers If-None-Match (304) itself, from the ETag kept with the bytes, so
a 304 is the same whichever way the answer came. The key holds the version, the language, the full path and (for
pages) the release of the templates, so an edit, a translation or a deployment makes a new key and nothing is ever
invalidated by hand. A page's ETag hashes the bytes sent, computed once when the answer is rendered: a change that
a page does not show (a private field, a draft) leaves its ETag as it was, so validators reveal nothing the page
does not.
"""

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.utils.translation import get_language

from core.middleware import DATABASE_ERRORS, control_character_at
from core.versions import version_of

# The attribute of a view (function, or class-based view's function) that computes its answer's key.
ANSWER_KEY = "answer_key"
# An optional attribute: admit(request) -> bool, run on an early hit before it is sent (the API's throttles).
ADMIT = "admit_shared"
# Set on the request: the key computed early (the view reuses it), and the key the view asks to keep its answer under.
EARLY_KEY = "convene_answer_key"
KEEP_KEY = "convene_keep_answer"
# Validators the middleware answers itself for a shared request; the view underneath never sees them.
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def content_etag(content: bytes) -> str:
    return quote_etag(hashlib.sha256(content).hexdigest()[:32])


def cache_key(*parts: object) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return f"convene:answer:2:{digest}"


def _cache():
    return caches[settings.CONVENE_ANSWER_CACHE]


def shared_request(request) -> bool:
    """Whether this request's answer is everyone's: a GET or HEAD without credentials or a session.

    No session cookie (an officer, or anyone the site has said something to), no messages cookie, no
    Authorization header (an API key), no test client's forced authentication.
    """
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and getattr(request, "_force_auth_user", None) is None
        and getattr(request, "_force_auth_token", None) is None
    )


def stored_answer(key: str) -> HttpResponse | None:
    """The answer kept under `key`, as it was first sent (bytes, headers, ETag), or None."""
    stored = _cache().get(key)
    if stored is None:
        return None
    content, headers = stored
    response = HttpResponse(content, status=200)
    for name, value in headers:
        response[name] = value
    return response


def keep(request, key: str) -> None:
    """Ask for this request's answer (a 200 with its ETag set) to be kept under `key` as it leaves the stack."""
    setattr(request, KEEP_KEY, key)


def _keep_if_asked(request, response) -> None:
    key = getattr(request, KEEP_KEY, None)
    if (
        key is None
        or response.status_code != 200
        or response.streaming
        or not response.has_header("ETag")
        or response.cookies  # a cookie for this visitor (e.g. CSRF) is not everyone's
        or getattr(request, "_csp_nonce", None) is not None  # nor is a CSP nonce, in the header and the page
    ):
        return
    _cache().set(key, (bytes(response.content), tuple(response.items())), settings.CONVENE_ANSWER_CACHE_SECONDS)


def conditional(request, response):
    """304 when the client has this ETag (If-None-Match), else the answer."""
    if response.status_code != 200 or not response.has_header("ETag"):
        return response
    return get_conditional_response(request, etag=response["ETag"], response=response) or response


def cached_answer(request, *, key: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The answer for `key` from the cache, or rendered (its ETag hashing its bytes) and marked for keeping."""
    response = stored_answer(key)
    if response is None:
        response = render()
        if response.status_code != 200 or response.streaming:
            return response
        if not getattr(response, "is_rendered", True):
            response.render()  # type: ignore[attr-defined]  # a TemplateResponse
        response["ETag"] = content_etag(response.content)
        keep(request, key)
    return conditional(request, response)


def _text(release):
    return release() if callable(release) else release


def versioned_page(meetings: Callable[..., object] | None = None, *, release: str | Callable[[], str] = ""):
    """Cache a public page under the version of the meetings it shows (None: every meeting, the whole site).

    `meetings(request, *args, **kwargs)` returns meeting ids or a queryset of ids (e.g. from a slug), so the
    version costs one query whatever the page.
    """

    def answer_key(request, *args, **kwargs):
        scope = meetings(request, *args, **kwargs) if meetings is not None else None
        version = version_of(meetings=scope)
        return cache_key("page", version, get_language(), request.get_full_path(), _text(release))

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            key = getattr(request, EARLY_KEY, None) or answer_key(request, *args, **kwargs)
            return cached_answer(request, key=key, render=lambda: view(request, *args, **kwargs))

        setattr(wrapped, ANSWER_KEY, answer_key)
        return wrapped

    return decorator


class AnswerCacheMiddleware:
    """Answer a shared request for a cached answer before the rest of the stack; keep the answers worth keeping.

    After SecurityMiddleware, WhiteNoise, CORS and the rate-limit headers (they run on every answer), before
    sessions. It activates the language as LocaleMiddleware does (the URL's prefix), since the key holds it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.locale = LocaleMiddleware(get_response)

    def __call__(self, request):
        if not shared_request(request) or control_character_at(request) is not None:
            return self.get_response(request)
        self.locale.process_request(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        answer_key = getattr(match.func, ANSWER_KEY, None)
        if answer_key is None:
            return self.get_response(request)
        try:
            key = answer_key(request, *match.args, **match.kwargs)
            early = stored_answer(key) if key is not None else None
        except DATABASE_ERRORS:
            return self.get_response(request)  # the full path answers the outage (DatabaseUnavailableMiddleware)
        if key is None:
            return self.get_response(request)
        admit = getattr(match.func, ADMIT, None)
        if early is not None and (admit is None or admit(request)):
            return conditional(request, early)
        setattr(request, EARLY_KEY, key)
        validators = {name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META}
        response = self.get_response(request)
        _keep_if_asked(request, response)
        request.META.update(validators)
        return conditional(request, response)
