"""Authorization: Bearer <key> for partner systems."""

import datetime
from contextlib import suppress

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.models import ApiKey
from core.roles import second_factor_pending

# Recording every request would turn each read into a write; once a minute is precise enough.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the key as “Authorization: Bearer <key>”."))
        try:
            secret = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("This API key is not valid.")) from None
        return self.authenticate_secret(secret)

    def authenticate_secret(self, secret):
        prefix = ApiKey.parse_prefix(secret)
        key = None
        if prefix:
            # The prefix is unique: one row or none, without a sort or the organization (no answer reads it).
            with suppress(ApiKey.DoesNotExist):
                key = ApiKey.objects.get(prefix=prefix)
        if key is None or not key.matches(secret):
            raise exceptions.AuthenticationFailed(_("This API key is not valid."))
        if key.is_revoked:
            raise exceptions.AuthenticationFailed(_("This API key has been revoked."))
        if key.is_expired:
            raise exceptions.AuthenticationFailed(_("This API key has expired."))
        now = timezone.now()
        if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
            key.last_used_at = now
        # A key is not a person: history records changes made with it without a user.
        return AnonymousUser(), key

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A key issued by the secretariat in the admin, e.g. `Authorization: Bearer cnv_…`.",
        }


class StaffSessionAuthentication(authentication.SessionAuthentication):
    """The admin's session, once it has given the second factor its user's role requires (core/two_factor.py)."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and second_factor_pending(result[0]):
            return None
        return result


class StaffSessionScheme(SessionScheme):
    """The admin's session cookie, documented as DRF's own (OpenAPI `cookieAuth`)."""

    target_class = "api.authentication.StaffSessionAuthentication"
