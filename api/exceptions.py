"""Every error is JSON and names what was wrong; database refusals become 400s, not 500s."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from api.validation import field_for_integrity_error


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Other records still refer to this one; change or delete them first.")
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "This record has changed since you read it: GET it again, apply your change to what it is now and send "
        "the new ETag in If-Match."
    )
    default_code = "precondition_failed"


def django_validation_error_detail(exc):
    if hasattr(exc, "error_dict"):
        detail = {}
        for field, errors in get_error_detail(exc).items():
            detail[api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field] = errors
        return detail
    return {api_settings.NON_FIELD_ERRORS_KEY: get_error_detail(exc)}


def convene_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_validation_error_detail(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        # Checked before IntegrityError, of which these are subclasses.
        exc = Conflict()
    elif isinstance(exc, IntegrityError):
        field = field_for_integrity_error(exc) or api_settings.NON_FIELD_ERRORS_KEY
        # Validation in the services comes first; this is a race they lost: name the field, never the database.
        exc = exceptions.ValidationError(
            {field: [_("Another change saved at the same moment conflicts with this one: read again and retry.")]}
        )
    return exception_handler(exc, context)
