"""Rates per client: DRF throttles, each with its scope; the rates are DRF's DEFAULT_THROTTLE_RATES.

Their counts live in the `throttle` cache (settings.CONVENE_THROTTLE_CACHE): Redis when REDIS_URL is set, shared by
every worker of every server; otherwise files on this machine, shared by its workers (core/file_cache.py). The
state of the throttle that applied to a request is also its answer's ``RateLimit-Limit``, ``RateLimit-Remaining``
and ``RateLimit-Reset`` headers (``RateLimitHeadersMiddleware``). An anonymous answer sent from the answer cache
before DRF runs is counted by the same throttles (``ConveneViewMixin.admit_shared``, core/http_cache.py).
"""

import math

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.dispatch import receiver
from redis.exceptions import WatchError
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiKey

# Times are seconds since 1970 in floating point, exact to about a ten-millionth of a second: differences within a
# microsecond are rounding, not time.
SLACK = 1e-6
MICROSECONDS = 1_000_000
# Set on the Django request by the throttle that counted it; read by the middleware.
RATE_LIMIT_ATTRIBUTE = "convene_rate_limit"


def update(cache, key, step):
    """`step(value or None) -> (new value or None, timeout, result)` applied to `key` as one step for every worker
    that shares the cache, so that two requests at once cannot both take the last of an allowance: under the
    file's lock (core/file_cache.py), or in a Redis transaction that starts again if another client wrote the key
    in between (WATCH). Any other cache (local memory: one process) reads and writes."""
    if hasattr(cache, "update"):
        return cache.update(key, step)
    if isinstance(cache, RedisCache):
        full_key = cache.make_and_validate_key(key)
        client, serializer = cache._cache.get_client(full_key, write=True), cache._cache._serializer
        with client.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(full_key)
                    stored = pipe.get(full_key)
                    new, timeout, result = step(None if stored is None else serializer.loads(stored))
                    pipe.multi()
                    if new is not None:
                        pipe.set(full_key, serializer.dumps(new), ex=max(1, timeout))
                    pipe.execute()
                    return result
                except WatchError:
                    continue
    new, timeout, result = step(cache.get(key))
    if new is not None:
        cache.set(key, new, timeout)
    return result


class SharedRateThrottle(SimpleRateThrottle):
    """A rate of N requests per period, counted in the shared throttle cache with one number per client.

    The generic cell rate algorithm (GCRA, as in ATM networks and redis-cell): each request moves the client's
    "theoretical arrival time" one interval (period / N) later; a request is refused when that time would lie more
    than a period ahead. A client may send N requests at once, then one per interval: over any period, never more
    than the rate allows after a full burst. DRF's own throttle keeps the time of every request of the period
    and writes the whole list back on every request: at 120 a minute a few hundred bytes, at a partner's 10,000 an
    hour 80 KB pickled and compressed per request. Here the client's state is one number whatever the rate.
    """

    @property
    def cache(self):
        return caches[settings.CONVENE_THROTTLE_CACHE]

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = now = self.timer()
        self.interval = interval = self.duration / self.num_requests

        def step(stored):
            # When the client's allowance is whole again (now, or earlier: the full allowance is all there is),
            # kept in whole microseconds: an integer, which Redis holds as itself. Anything else (the list of
            # times DRF's throttle kept, before an upgrade) counts as nothing.
            counted = stored / MICROSECONDS if isinstance(stored, int | float) else 0.0
            arrival = max(counted, now)
            if arrival + interval - now > self.duration + SLACK:
                return None, None, (False, arrival)
            arrival += interval
            return round(arrival * MICROSECONDS), math.ceil(arrival - now), (True, arrival)

        allowed, self.arrival = update(self.cache, self.key, step)
        setattr(request._request, RATE_LIMIT_ATTRIBUTE, self.state(allowed))
        return allowed

    def wait(self):
        """Seconds until this client may send one more request."""
        return max(0.0, self.arrival + self.interval - self.duration - self.now)

    def state(self, allowed):
        """(limit, remaining, seconds until one more request is allowed, or until the allowance grows by one)."""
        ahead = self.arrival - self.now  # how far ahead of now the client's requests have taken it
        remaining = max(0, math.floor((self.duration - ahead + SLACK) / self.interval))
        if not allowed:
            return self.num_requests, 0, math.ceil(self.wait())
        pending = math.ceil((ahead - SLACK) / self.interval)  # the intervals still to run out, the last one partly
        grows_in = ahead - (pending - 1) * self.interval if pending > 0 else 0
        return self.num_requests, remaining, math.ceil(grows_in - SLACK)


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
