"""Settings come from the environment; a missing or bad value stops the start with the variable's name."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


CONVENE_VARIABLES = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "CONVENE_")


def start_django(script="print('started')", **environment):
    """Run django.setup() then ``script`` in a fresh interpreter with only these Convene variables set."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(CONVENE_VARIABLES)}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **environment})
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_without_debug_require_the_secret_key():
    result = start_django(DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "The environment variable DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off." in result.stderr


def test_settings_without_debug_start_with_a_secret_key():
    result = start_django(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="a-long-secret-for-this-test-only")

    assert (result.returncode, result.stdout) == (0, "started\n"), result.stderr


def test_settings_debug_starts_without_a_secret_key():
    result = start_django(DJANGO_DEBUG="1")

    assert (result.returncode, result.stdout) == (0, "started\n"), result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG='maybe' is not a boolean"),
        ("DATABASE_URL", "mysql://root@localhost/convene", "DATABASE_URL='mysql://root@localhost/convene'"),
        ("DATABASE_URL", "not a url", "DATABASE_URL='not a url'"),
        ("REDIS_URL", "http://cache:6379", "REDIS_URL='http://cache:6379' is not a redis:// URL."),
        ("DJANGO_SECURE_COOKIES", "sometimes", "DJANGO_SECURE_COOKIES='sometimes' is not a boolean"),
        ("CONVENE_API_MAX_PAGE_SIZE", "lots", "CONVENE_API_MAX_PAGE_SIZE='lots' is not a whole number."),
        ("CONVENE_API_ANON_RATE", "fast", "CONVENE_API_ANON_RATE='fast' is not a rate such as 120/minute"),
        ("CONVENE_API_KEY_RATE", "100/fortnight", "CONVENE_API_KEY_RATE='100/fortnight' is not a rate"),
        ("DJANGO_LOG_LEVEL", "LOUD", "DJANGO_LOG_LEVEL='LOUD' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL."),
    ],
)
def test_settings_bad_value_fails_naming_the_variable(variable, value, message):
    result = start_django(**{"DJANGO_DEBUG": "1", variable: value})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_settings_postgres_url_selects_psycopg():
    result = start_django(
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://convene@db.example.org:5432/convene",
    )

    assert (result.returncode, result.stdout) == (0, "core.postgresql\n"), result.stderr


def test_settings_redis_url_selects_the_redis_cache():
    result = start_django(
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        DJANGO_DEBUG="1",
        REDIS_URL="redis://cache.example.org:6379/0",
    )

    assert (result.returncode, result.stdout) == (0, "django.core.cache.backends.redis.RedisCache\n"), result.stderr
