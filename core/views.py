"""Error views of the whole site."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

from core.middleware import DATABASE_ERRORS, bad_request, service_unavailable


def server_error(request, template_name="500.html"):
    """A database outage raised outside a view (in a middleware) is a 503 like any other; the rest is Django's 500."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        return service_unavailable(request)
    return django_server_error(request, template_name=template_name)


def signin_locked_out(request, credentials, *args, **kwargs):
    """django-axes' answer to a locked-out sign-in: the admin's page, saying why and for how long, as a 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request, "admin/locked_out.html", {"lockout_minutes": minutes, "title": _("Sign-in locked")}, status=429
    )


def bad_request_view(request, exception=None):
    """Django's 400 (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a suspicious request): JSON under /api/, else a page."""
    if isinstance(exception, RequestDataTooBig):
        message = _("The request body is too large.")
    else:
        message = _("The request could not be understood.")
    return bad_request(request, message)
