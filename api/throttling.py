"""Rates per client: DRF's throttles, each with its scope; the rates are DRF's DEFAULT_THROTTLE_RATES.

Their counts live in the `throttle` cache (settings.CONVENE_THROTTLE_CACHE): Redis when REDIS_URL is set, shared by
every worker of every server; otherwise files on this machine, shared by its workers (core/file_cache.py). The
state of the throttle that applied to a request is also its answer's ``RateLimit-Limit``, ``RateLimit-Remaining``
and ``RateLimit-Reset`` headers (``RateLimitHeadersMiddleware``). An anonymous answer sent from the answer cache
before DRF runs is counted by the same throttles (``ConveneViewMixin.admit_shared``, core/http_cache.py).
"""

import math

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiKey

# Set on the Django request by the throttle that counted it; read by the middleware.
RATE_LIMIT_ATTRIBUTE = "convene_rate_limit"


class SharedRateThrottle(SimpleRateThrottle):
    """DRF's sliding window, counted in the shared throttle cache, telling the request where its client stands."""

    @property
    def cache(self):
        return caches[settings.CONVENE_THROTTLE_CACHE]

    def allow_request(self, request, view):
        self.history = None
        allowed = super().allow_request(request, view)
        if self.history is not None:
            setattr(request._request, RATE_LIMIT_ATTRIBUTE, self.state(allowed))
        return allowed

    def state(self, allowed):
        """(limit, remaining, seconds until one more request is allowed) after this request."""
        remaining = max(0, self.num_requests - len(self.history)) if allowed else 0
        if not self.history:
            return self.num_requests, remaining, 0
        # The oldest request of the window leaves it first: from then on, one more is allowed (as Retry-After says).
        reset = math.ceil(self.history[-1] + self.duration - self.now)
        return self.num_requests, remaining, max(0, reset)


class AnonymousRateThrottle(SharedRateThrottle):
    scope = "anon"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey) or request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ApiKeyRateThrottle(SharedRateThrottle):
    scope = "key"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
        if request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}
        return None


class RateLimitHeadersMiddleware:
    """Every API answer that a throttle counted says the client's limit, what remains of it, and when it grows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, RATE_LIMIT_ATTRIBUTE, None)
        if state is not None:
            limit, remaining, reset = state
            response["RateLimit-Limit"] = str(limit)
            response["RateLimit-Remaining"] = str(remaining)
            response["RateLimit-Reset"] = str(reset)
        return response


@receiver(setting_changed)
def reload_rates(*, setting, value, **kwargs):
    """DRF binds THROTTLE_RATES once, at import; follow a change of REST_FRAMEWORK (made by tests, through
    `override_settings`), as DRF's own api_settings do."""
    if setting == "REST_FRAMEWORK":
        rates = (value or {}).get("DEFAULT_THROTTLE_RATES", api_settings.defaults["DEFAULT_THROTTLE_RATES"])
        for throttle in (AnonymousRateThrottle, ApiKeyRateThrottle):
            throttle.THROTTLE_RATES = rates
