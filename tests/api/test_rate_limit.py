"""Throttles shared by every worker (the `throttle` cache), and the RateLimit-* headers of every API answer."""

import os
import subprocess
import sys
import time
import uuid

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

# A worker of its own: Django started in another process, counting in the same shared cache.
WORKER = """
import sys
import django
django.setup()
from django.test import Client
client = Client(REMOTE_ADDR=sys.argv[1])
for _ in range(int(sys.argv[2])):
    response = client.get("/api/v1/")
    print(response.status_code, response.get("RateLimit-Remaining"), response.get("RateLimit-Limit"))
"""


def limited(settings, anon="3/minute", key="5/minute"):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": anon, "key": key}}


def rate_limit(response):
    return tuple(response.get(name) for name in ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"))


def test_every_answer_says_the_limit_what_remains_and_when_it_grows(anonymous, settings):
    limited(settings)
    meeting = MeetingFactory()

    answers = [
        anonymous.get("/api/v1/meetings/"),
        anonymous.get(f"/api/v1/meetings/{meeting.slug}/"),
        anonymous.get("/api/v1/meetings/no-such-meeting/"),
        anonymous.get("/api/v1/meetings/"),
    ]

    assert [answer.status_code for answer in answers] == [200, 200, 404, 429]
    assert [rate_limit(answer)[:2] for answer in answers] == [("3", "2"), ("3", "1"), ("3", "0"), ("3", "0")]
    assert all(0 < int(answer["RateLimit-Reset"]) <= 60 for answer in answers)
    assert answers[-1]["RateLimit-Reset"] == answers[-1]["Retry-After"]


def test_a_key_has_the_headers_of_its_own_rate(client_for, read_key, anonymous, settings):
    limited(settings, anon="1/minute", key="5/minute")
    keyed = client_for(read_key)

    assert rate_limit(keyed.get("/api/v1/series/"))[:2] == ("5", "4")
    assert rate_limit(anonymous.get("/api/v1/series/"))[:2] == ("1", "0")


def test_the_headers_are_visible_to_other_origins(anonymous):
    response = anonymous.get("/api/v1/series/", HTTP_ORIGIN="https://partner.example.org")

    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= exposed


def test_the_count_is_in_the_shared_cache_that_another_client_reads(anonymous, settings):
    limited(settings, anon="10/minute")
    for _index in range(3):
        anonymous.get("/api/v1/series/")

    location = django_settings.CACHES[django_settings.CONVENE_THROTTLE_CACHE]["LOCATION"]
    other_client = FileBasedCache(location, {})

    assert other_client is not caches[django_settings.CONVENE_THROTTLE_CACHE]
    # One number: when the client's allowance is whole again (in microseconds), 3 intervals of 6 s after the first
    # request.
    ahead = other_client.get("throttle_anon_127.0.0.1") / 1_000_000 - time.time()
    assert 3 * 6 - 5 < ahead <= 3 * 6


def test_a_count_kept_by_drfs_throttle_before_an_upgrade_is_read_as_none(anonymous, settings):
    limited(settings)
    caches[django_settings.CONVENE_THROTTLE_CACHE].set("throttle_anon_127.0.0.1", [time.time(), time.time()], 60)

    assert rate_limit(anonymous.get("/api/v1/series/"))[:2] == ("3", "2")


def run_worker(environment, address, requests):
    result = subprocess.run(
        [sys.executable, "-c", WORKER, address, str(requests)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=django_settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def worker_environment(tmp_path, **variables):
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CONVENE_"))}
    environment.pop("REDIS_URL", None)
    return {
        **environment,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "tests-only-secret-key-not-for-production",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "CONVENE_API_ANON_RATE": "5/minute",
        **variables,
    }


def test_two_worker_processes_share_one_count_without_redis(tmp_path):
    environment = worker_environment(tmp_path, CONVENE_THROTTLE_DIR=str(tmp_path / "throttles"))

    first = run_worker(environment, "10.1.2.3", 3)
    second = run_worker(environment, "10.1.2.3", 3)

    assert first == ["200 4 5", "200 3 5", "200 2 5"]
    assert second == ["200 1 5", "200 0 5", "429 0 5"]


def test_two_worker_processes_share_one_count_in_redis(tmp_path):
    # The machine's Redis (as CI's); a fresh client address, so that earlier runs counted nothing for it.
    number = uuid.uuid4().int
    address = f"10.{number % 250}.{number // 250 % 250}.{number // 62500 % 250}"
    environment = worker_environment(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")

    first = run_worker(environment, address, 3)
    second = run_worker(environment, address, 3)

    assert first == ["200 4 5", "200 3 5", "200 2 5"]
    assert second == ["200 1 5", "200 0 5", "429 0 5"]
    assert redis.Redis.from_url("redis://127.0.0.1:6379/0").exists(f"convene-throttle:1:throttle_anon_{address}") == 1


def admitted_at_once(cache_alias, address, threads=8, each=10):
    """Requests from one client sent by `threads` threads at once, each its own throttle (as each request of each
    worker has): how many the throttle let through."""
    from concurrent.futures import ThreadPoolExecutor

    from django.test import RequestFactory
    from rest_framework.request import Request

    from api.throttling import AnonymousRateThrottle

    class Throttle(AnonymousRateThrottle):
        cache = caches[cache_alias]

    def send(_thread):
        request = Request(RequestFactory().get("/api/v1/", REMOTE_ADDR=address))
        return sum(Throttle().allow_request(request, None) for _ in range(each))

    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(send, range(threads)))


def test_requests_at_once_never_take_more_than_the_allowance_in_files(settings):
    limited(settings, anon="40/hour")  # one more every 90 s: none comes back during the test
    assert admitted_at_once(django_settings.CONVENE_THROTTLE_CACHE, "10.7.7.7") == 40


def test_requests_at_once_never_take_more_than_the_allowance_in_redis(settings):
    number = uuid.uuid4().int
    address = f"10.{number % 250}.{number // 250 % 250}.{number // 62500 % 250}"
    settings.CACHES = {
        **settings.CACHES,
        "redis_throttle": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": "convene-test-throttle",
        },
    }
    limited(settings, anon="40/hour")
    try:
        assert admitted_at_once("redis_throttle", address) == 40
    finally:
        caches["redis_throttle"].delete(f"throttle_anon_{address}")
