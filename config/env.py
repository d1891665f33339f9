"""Small readers of environment variables that fail loudly, naming the variable, on a bad value."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use one of 1, 0, true, false, yes, no, on, off.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(name, default):
    import dj_database_url

    url = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}={url!r} is not a database URL we can use: {error}") from None
    if config["ENGINE"] not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ImproperlyConfigured(f"{name}={url!r}: Convene supports sqlite:// and postgres:// URLs only.")
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend with a health check that makes no round trip while the server has said nothing.
        config["ENGINE"] = "core.postgresql"
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # The server and the job worker share the file: readers go on while one writes (WAL), and a transaction
        # takes the write lock when it starts, so two writers wait for each other instead of failing "locked".
        config.setdefault("OPTIONS", {}).update(
            {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
        )
    return config


def env_cache(name):
    url = os.environ.get(name)
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "convene"}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"{name}={url!r} is not a redis:// URL.")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "convene"}


def env_shared_cache(name, *, folder, key_prefix):
    """The cache that every worker must share: Redis when `name` is set (every server), else files in `folder`
    (every worker of this machine), written in place under a lock (core/file_cache.py)."""
    if os.environ.get(name):
        return {**env_cache(name), "KEY_PREFIX": key_prefix}
    return {
        "BACKEND": "core.file_cache.LockedFileCache",
        "LOCATION": str(folder),
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }


RATE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")


def env_rate(name, default):
    """A throttle rate such as 120/minute, as Django REST framework reads it."""
    value = os.environ.get(name) or default
    if not RATE.match(value):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate such as 120/minute (per second, minute, hour or day)."
        )
    return value


def env_choice(name, default, choices):
    value = os.environ.get(name) or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(choices)}.")
    return value
