"""Rates per client: DRF's throttles, each with its scope; the rates are DRF's DEFAULT_THROTTLE_RATES."""

from django.core.signals import setting_changed
from django.dispatch import receiver
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiKey


class AnonymousRateThrottle(SimpleRateThrottle):
    scope = "anon"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey) or request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ApiKeyRateThrottle(SimpleRateThrottle):
    scope = "key"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
        if request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}
        return None


@receiver(setting_changed)
def reload_rates(*, setting, value, **kwargs):
    """DRF binds THROTTLE_RATES once, at import; follow a change of REST_FRAMEWORK (made by tests, through
    `override_settings`), as DRF's own api_settings do."""
    if setting == "REST_FRAMEWORK":
        rates = (value or {}).get("DEFAULT_THROTTLE_RATES", api_settings.defaults["DEFAULT_THROTTLE_RATES"])
        for throttle in (AnonymousRateThrottle, ApiKeyRateThrottle):
            throttle.THROTTLE_RATES = rates
