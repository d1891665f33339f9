"""API writes honour If-Match: a stale ETag answers 412 and changes nothing; a current one (or none) writes."""

import pytest
from rest_framework.test import APIClient

from sessions.models import Session
from tests.factories import ApiKeyFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiKeyFactory(scopes=['read', 'read:private', 'write']).secret}")
    return client


def url_of(session):
    return f"/api/v1/sessions/{session.pk}/"


def test_patch_with_the_current_etag_writes_and_answers_the_new_etag(writer):
    session = SessionFactory(title_en="Opening")
    etag = writer.get(url_of(session))["ETag"]

    response = writer.patch(url_of(session), {"title": {"en": "Opening ceremony"}}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] == writer.get(url_of(session))["ETag"] != etag
    assert Session.objects.get(pk=session.pk).title_en == "Opening ceremony"


def test_patch_with_a_stale_etag_is_412_and_changes_nothing(writer):
    session = SessionFactory(title_en="Opening", description_en="")
    stale = writer.get(url_of(session))["ETag"]
    assert writer.patch(url_of(session), {"description": {"en": "Welcome."}}, format="json").status_code == 200

    response = writer.patch(url_of(session), {"title": {"en": "Lost"}}, format="json", HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert list(response.json()) == ["detail"]
    assert Session.objects.values_list("title_en", "description_en").get(pk=session.pk) == ("Opening", "Welcome.")


def test_put_and_delete_with_a_stale_etag_are_412(writer):
    session = SessionFactory()
    current = writer.get(url_of(session)).json()
    stale = '"0123456789abcdef0123456789abcdef"'

    put = writer.put(url_of(session), current, format="json", HTTP_IF_MATCH=stale)
    delete = writer.delete(url_of(session), HTTP_IF_MATCH=stale)

    assert (put.status_code, delete.status_code) == (412, 412)
    assert Session.objects.filter(pk=session.pk).exists()


def test_delete_with_the_current_etag_or_a_star_deletes(writer):
    first, second = SessionFactory(), SessionFactory()

    with_etag = writer.delete(url_of(first), HTTP_IF_MATCH=writer.get(url_of(first))["ETag"])
    with_star = writer.delete(url_of(second), HTTP_IF_MATCH="*")

    assert (with_etag.status_code, with_star.status_code) == (204, 204)
    assert Session.objects.count() == 0


def test_the_etag_does_not_depend_on_the_format_asked_for(writer):
    session = SessionFactory()

    compact = writer.get(url_of(session), HTTP_ACCEPT="application/json")
    indented = writer.get(url_of(session), HTTP_ACCEPT="application/json; indent=4")

    assert compact.content != indented.content
    assert compact["ETag"] == indented["ETag"]
    assert "Accept" in compact["Vary"]


def test_patch_without_if_match_writes_only_the_fields_sent(writer):
    session = SessionFactory(title_en="Opening", description_en="")
    before = Session.objects.get(pk=session.pk)
    Session.objects.filter(pk=session.pk).update(description_en="Changed meanwhile.")

    response = writer.patch(url_of(before), {"title": {"en": "Opening ceremony"}}, format="json")

    assert response.status_code == 200
    assert Session.objects.values_list("title_en", "description_en").get(pk=session.pk) == (
        "Opening ceremony",
        "Changed meanwhile.",
    )
