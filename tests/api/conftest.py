import datetime

import pytest
from django.core.cache import cache, caches
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import ApiKeyFactory


@pytest.fixture(autouse=True)
def _fresh_throttles(settings):
    """Each test starts with empty rate counters and rates high enough not to get in the way.

    A burst of 10,000 requests, and one more every 8.6 s (api/throttling.py): what a test counts does not
    come back while it runs."""
    cache.clear()
    caches[settings.CONVENE_THROTTLE_CACHE].clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "10000/day", "key": "10000/day"},
    }
    yield
    cache.clear()
    caches[settings.CONVENE_THROTTLE_CACHE].clear()


@pytest.fixture
def client_for():
    """An API client sending `Authorization: Bearer <key>` for the key given (or none)."""

    def make(key=None):
        api_client = APIClient()
        if key is not None:
            api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {key.secret}")
        return api_client

    return make


@pytest.fixture
def anonymous(client_for):
    return client_for()


@pytest.fixture
def read_key(db):
    return ApiKeyFactory(scopes=["read"])


@pytest.fixture
def private_key(db):
    return ApiKeyFactory(scopes=["read", "read:private"])


@pytest.fixture
def write_key(db):
    return ApiKeyFactory(scopes=["read", "read:private", "write"])


@pytest.fixture
def expired_key(db):
    return ApiKeyFactory(
        scopes=["read", "read:private", "write"], expires_at=timezone.now() - datetime.timedelta(days=1)
    )


@pytest.fixture
def revoked_key(db):
    return ApiKeyFactory(scopes=["read", "read:private", "write"], revoked_at=timezone.now())


@pytest.fixture
def writer(client_for, write_key):
    return client_for(write_key)
