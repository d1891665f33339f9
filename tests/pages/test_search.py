"""Site search: in the page's language, over public content only, on SQLite and on PostgreSQL."""

import pytest
from django.urls import reverse
from django.utils import translation

from meetings.models import Meeting
from portal.search import search_site
from tests.factories import InstrumentFactory, MeetingFactory, OrganizationFactory, PersonFactory, SessionFactory


@pytest.fixture
def content(db):
    meeting = MeetingFactory(title_en="General Meeting on Cooperation", title_fr="Réunion générale sur la coopération")
    SessionFactory(
        meeting=meeting,
        title_en="Food security in the Sahel",
        title_fr="Sécurité alimentaire au Sahel",
        title_ar="الأمن الغذائي في منطقة الساحل",
    )
    SessionFactory(meeting=meeting, title_en="Water security", title_fr="", title_ar="")
    PersonFactory(given_name_en="Berik", family_name_en="Aryn", given_name_ar="بيريك", family_name_ar="آرين")
    OrganizationFactory(
        name_en="Islamic Organization for Food Security", name_fr="Organisation islamique pour la sécurité alimentaire"
    )
    InstrumentFactory(
        title_en="Letter of Intent on food security", title_fr="Lettre d'intention sur la sécurité alimentaire"
    )
    return meeting


def _titles(results):
    return {kind: sorted(str(item) for item in items) for kind, items in results.items() if items}


def test_search_finds_sessions_people_organizations_and_instruments_in_english(content):
    results = search_site("food security", language="en")

    assert [s.title_en for s in results["sessions"]] == ["Food security in the Sahel"]
    assert [o.name_en for o in results["organizations"]] == ["Islamic Organization for Food Security"]
    assert [i.title_en for i in results["instruments"]] == ["Letter of Intent on food security"]
    assert results["people"] == [] and results["meetings"] == []


def test_search_reads_the_french_fields_with_their_accents(content):
    with translation.override("fr"):
        results = search_site("SÉCURITÉ alimentaire", language="fr")

    assert [s.title_fr for s in results["sessions"]] == ["Sécurité alimentaire au Sahel"]
    assert len(results["organizations"]) == 1 and len(results["instruments"]) == 1


def test_search_falls_back_to_english_where_a_translation_is_missing(content):
    with translation.override("fr"):
        results = search_site("water", language="fr")

    assert [s.title_en for s in results["sessions"]] == ["Water security"]


def test_search_finds_arabic_names(content):
    with translation.override("ar"):
        results = search_site("آرين", language="ar")

    assert [p.family_name_en for p in results["people"]] == ["Aryn"]


def test_search_leaves_out_drafts_and_people_without_consent(content):
    draft = MeetingFactory(status=Meeting.Status.DRAFT, title_en="Hidden food meeting")
    SessionFactory(meeting=draft, title_en="Hidden food session")
    SessionFactory(meeting=content, title_en="Closed food session", is_public=False)
    PersonFactory(given_name_en="Food", family_name_en="Unlisted", listed_publicly=False)
    InstrumentFactory(status="draft", signed_on=None, title_en="Draft food letter")

    results = search_site("food", language="en")

    shown = [str(item) for items in results.values() for item in items]
    assert [
        text for text in shown if "Hidden" in text or "Closed" in text or "Unlisted" in text or "Draft" in text
    ] == []


def test_search_page_shows_results_and_keeps_the_query(client, content):
    with translation.override("fr"):
        url = reverse("meetings:search")

    html = client.get(url, {"q": "sahel"}).content.decode()

    assert "Sécurité alimentaire au Sahel" in html
    assert 'value="sahel"' in html


def test_search_page_without_query_shows_the_form_only(client, db):
    response = client.get(reverse("meetings:search"))

    assert response.status_code == 200
    assert 'role="status"' not in response.content.decode()
