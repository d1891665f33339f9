"""API keys in the admin: the secret is shown once and stored hashed; keys expire and are revoked there."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from api.models import ApiKey, hash_secret
from meetings.models import Meeting
from tests.conftest import sign_in_with_second_factor
from tests.factories import ApiKeyFactory, MeetingFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = get_user_model().objects.create_superuser("officer", "officer@example.org", "pass")
    sign_in_with_second_factor(client, user)
    return client


def test_adding_a_key_shows_the_secret_once_and_stores_only_its_hash(officer, anonymous):
    organization = OrganizationFactory()
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    response = officer.post(
        "/admin/api/apikey/add/",
        {"name": "FAO portal", "organization": organization.pk, "scopes": ["read", "read:private"]},
    )
    page = response.content.decode()
    secret = re.search(r'<code id="api-key-secret"[^>]*>(cnv_[^<]+)</code>', page).group(1)
    key = ApiKey.objects.get()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert (key.key_hash, key.scopes, key.created_by.username) == (
        hash_secret(secret),
        ["read", "read:private"],
        "officer",
    )
    assert secret not in officer.get(f"/admin/api/apikey/{key.pk}/change/").content.decode()
    anonymous.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert anonymous.get(f"/api/v1/meetings/{draft.slug}/").status_code == 200


def test_the_revoke_action_revokes_keys(officer, client_for):
    key = ApiKeyFactory()
    response = officer.post("/admin/api/apikey/", {"action": "revoke_keys", "_selected_action": [key.pk]}, follow=True)
    key.refresh_from_db()
    assert (response.status_code, key.is_revoked) == (200, True)
    assert client_for(key).get("/api/v1/series/").status_code == 401


def test_the_key_list_shows_state(officer):
    ApiKeyFactory(name="Live key")
    ApiKeyFactory(name="Old key", expires_at=timezone.now() - datetime.timedelta(days=1))
    page = officer.get("/admin/api/apikey/").content.decode()
    assert ("Live key" in page, "Old key" in page, "expired" in page, "active" in page) == (True, True, True, True)


def test_unknown_scopes_are_refused():
    key = ApiKey(name="k", organization=OrganizationFactory(), scopes=["admin"], prefix="abcd1234", key_hash="x" * 64)
    with pytest.raises(ValidationError) as error:
        key.full_clean()
    assert error.value.message_dict == {"scopes": ["Choose scopes among read, read:private and write."]}


def test_usable_keys_exclude_expired_and_revoked():
    live = ApiKeyFactory()
    ApiKeyFactory(revoked_at=timezone.now())
    ApiKeyFactory(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert list(ApiKey.objects.usable()) == [live]


def test_a_header_without_a_key_is_a_401(anonymous):
    anonymous.credentials(HTTP_AUTHORIZATION="Bearer")
    response = anonymous.get("/api/v1/series/")
    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Send the key as “Authorization: Bearer <key>”."},
    )
