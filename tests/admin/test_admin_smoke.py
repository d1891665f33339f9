"""Signed in as the demo secretariat account, every admin page of the secretariat's models answers."""

import pytest
from django.contrib import admin
from django.urls import reverse

from core.roles import SECRETARIAT_APPS
from tests.factories import (
    CommitmentUpdateFactory,
    DocumentFactory,
    ParticipantFactory,
    PositionFactory,
    RoomFactory,
    SessionRoleFactory,
    SignatureFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
FOUR_APPS = ("meetings", "participants", "working_sessions", "agreements")


def secretariat_models():
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label in SECRETARIAT_APPS),
        key=lambda model: model._meta.label,
    )


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def add_rows():
    """More rows of every model of the four apps, with their related rows."""
    for factory in (
        TopicFactory,
        DocumentFactory,
        PositionFactory,
        ParticipantFactory,
        RoomFactory,
        SessionRoleFactory,
        SignatureFactory,
        CommitmentUpdateFactory,
    ):
        factory.create_batch(3)


@pytest.fixture
def every_model_has_a_row(demo):
    # The demo has no document nor commitment update yet.
    DocumentFactory()
    CommitmentUpdateFactory()


def test_admin_index_is_the_convene_secretariat(secretariat_client):
    response = secretariat_client.get("/admin/")

    assert response.status_code == 200
    assert "Convene secretariat" in response.content.decode()


def test_admin_demo_account_is_refused_the_user_accounts(secretariat_client):
    response = secretariat_client.get("/admin/auth/user/")

    assert response.status_code == 403


def test_admin_every_changelist_add_and_change_page_answers(secretariat_client, every_model_has_a_row):
    pages = {}
    for model in secretariat_models():
        pages[admin_url(model, "changelist")] = None
        pages[admin_url(model, "changelist") + "?q=Astana"] = None
        if admin.site._registry[model].has_add_permission(_request_for(secretariat_client)):
            pages[admin_url(model, "add")] = None
        instance = model._default_manager.order_by("pk").first()
        if instance is None:
            assert model._meta.app_label not in FOUR_APPS, f"no {model._meta.label} to open"
            continue
        pages[admin_url(model, "change", instance.pk)] = None
        pages[admin_url(model, "history", instance.pk)] = None

    for url in pages:
        pages[url] = secretariat_client.get(url).status_code

    assert pages == dict.fromkeys(pages, 200)
    assert {model._meta.app_label for model in secretariat_models()} >= set(FOUR_APPS)


def test_admin_search_finds_the_demo_rows(secretariat_client, demo):
    searches = {
        "/admin/meetings/meeting/?q=Astana": "16th Biennial General Meeting",
        "/admin/meetings/topic/?q=Islamic%20finance": "Islamic finance",
        "/admin/participants/person/?q=Aryn": "Berik Aryn",
        "/admin/participants/organization/?q=IOFS": "Islamic Organization for Food Security",
        "/admin/working_sessions/session/?q=Political": "Working Session I: Cooperation on Political Affairs",
        "/admin/agreements/instrument/?q=FAO": "Letter of Intent between IOFS and FAO",
        "/admin/agreements/commitment/?q=Task%20Force": "Establish a permanent UN–OIC Joint Task Force",
    }

    found = {url: expected in secretariat_client.get(url).content.decode() for url, expected in searches.items()}

    assert found == dict.fromkeys(searches, True)


def test_admin_changelist_queries_do_not_grow_with_the_rows(
    secretariat_client, every_model_has_a_row, django_assert_num_queries
):
    urls = [admin_url(model, "changelist") for model in secretariat_models()]
    for url in urls:  # warm the caches (content types, site) so that both sizes start alike
        secretariat_client.get(url)
    small = {url: _count_queries(secretariat_client, url) for url in urls}

    add_rows()

    for url in urls:
        with django_assert_num_queries(small[url]):
            assert secretariat_client.get(url).status_code == 200


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _request_for(client):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    return request
