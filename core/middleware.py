"""Middleware that keeps hostile or unlucky requests from becoming 500s, and adds the headers Django doesn't.

- ``ControlCharacterMiddleware``: a path or query parameter holding NUL or another control character is a 400 in
  the visitor's language (JSON under /api/), before any view hands it to PostgreSQL (which refuses NUL: a 500).
- ``DatabaseUnavailableMiddleware``: while the database cannot be reached, pages answer a plain translated 503
  page, the API a JSON 503, both with ``Retry-After``; Django reconnects on the next request once it is back.
- ``PermissionsPolicyMiddleware``: a ``Permissions-Policy`` header turning off the browser features Convene never
  uses.
"""

import logging
import unicodedata

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("convene.outage")

API_PREFIX = "/api/"
# Tab, line feed and carriage return are ordinary in a text box; every other control character is refused.
ALLOWED_IN_VALUES = frozenset("\t\n\r")


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX) or request.path == "/healthz"


def has_control_character(text: str, allowed: frozenset = frozenset()) -> bool:
    if text.isprintable():  # in C, and true of nearly every address: no control character (nor other unprintable)
        return False
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in text)


def bad_request(request: HttpRequest, message: str, *, parameter: str | None = None) -> HttpResponse:
    if wants_json(request):
        # Like the API's other errors: keyed by the parameter at fault, when there is one.
        return JsonResponse({parameter or "detail": [message] if parameter else message}, status=400)
    html = render_to_string("400.html", {"message": message}, request=request)
    return HttpResponse(html, status=400)


def control_character_at(request: HttpRequest) -> str | None:
    """Where a refused control character is: "" in the path, a parameter's name in the query string, else None."""
    if has_control_character(request.path):
        return ""
    for key, values in request.GET.lists():
        if has_control_character(key) or any(has_control_character(value, ALLOWED_IN_VALUES) for value in values):
            return key
    return None


class ControlCharacterMiddleware:
    """Refuse control characters in the path and the query string with a 400 (after LocaleMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = control_character_at(request)
        if where == "":
            return bad_request(request, _("The address contains a control character (such as NUL); remove it."))
        if where is not None:
            name = where.encode("unicode_escape").decode("ascii")
            return bad_request(
                request,
                _("The parameter “%(name)s” contains a control character (such as NUL); remove it.") % {"name": name},
                parameter=name,
            )
        return self.get_response(request)


DATABASE_ERRORS = (OperationalError, InterfaceError)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    retry_after = str(settings.CONVENE_RETRY_AFTER_SECONDS)
    message = _("Convene cannot reach its database at the moment. Please try again in a few minutes.")
    if wants_json(request):
        response: HttpResponse = JsonResponse({"detail": message, "reason": "database unavailable"}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
    response["Retry-After"] = retry_after
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a lost database (connection refused, dropped, server shutting down) into a 503 that names the reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except DATABASE_ERRORS as error:  # raised by middleware below (sessions, auth) outside any view
            return self._unavailable(request, error)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request, error):
        logger.error("Database unavailable for %s %s: %s", request.method, request.path, error)
        return service_unavailable(request)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.CONVENE_PERMISSIONS_POLICY)
        return response
