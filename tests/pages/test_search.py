"""Site search: every language from any interface, accents, case and Arabic letter forms folded, over public content
only, on SQLite and on PostgreSQL."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.text import normalize
from meetings.models import Meeting
from portal.search import search_site
from tests.factories import (
    InstrumentFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    SessionFactory,
    TopicFactory,
)


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
    OrganizationFactory(
        name_en="Food and Agriculture Organization of the United Nations",
        name_ar="منظمة الأغذية والزراعة للأمم المتحدة",
        acronym_en="FAO",
        acronym_ar="الفاو",
    )
    SessionFactory(
        meeting=meeting,
        title_en="Ministerial segment",
        title_fr="Segment ministériel",
        title_ar="الجزء الوزاري للأمن",
    )
    InstrumentFactory(
        title_en="Letter of Intent on food security", title_fr="Lettre d'intention sur la sécurité alimentaire"
    )
    return meeting


def _titles(results):
    return {kind: sorted(str(item) for item in items) for kind, items in results.items() if items}


def test_search_finds_sessions_people_organizations_and_instruments_in_english(content):
    results = search_site("food security")

    assert [s.title_en for s in results["sessions"]] == ["Food security in the Sahel"]
    assert [o.name_en for o in results["organizations"]] == ["Islamic Organization for Food Security"]
    assert [i.title_en for i in results["instruments"]] == ["Letter of Intent on food security"]
    assert results["people"] == [] and results["meetings"] == []


def test_search_reads_the_french_fields_with_their_accents(content):
    with translation.override("fr"):
        results = search_site("SÉCURITÉ alimentaire")

    assert [s.title_fr for s in results["sessions"]] == ["Sécurité alimentaire au Sahel"]
    assert len(results["organizations"]) == 1 and len(results["instruments"]) == 1


def test_search_falls_back_to_english_where_a_translation_is_missing(content):
    with translation.override("fr"):
        results = search_site("water")

    assert [s.title_en for s in results["sessions"]] == ["Water security"]


def test_search_finds_arabic_names(content):
    with translation.override("ar"):
        results = search_site("آرين")

    assert [p.family_name_en for p in results["people"]] == ["Aryn"]


def test_search_leaves_out_drafts_and_people_without_consent(content):
    draft = MeetingFactory(status=Meeting.Status.DRAFT, title_en="Hidden food meeting")
    SessionFactory(meeting=draft, title_en="Hidden food session")
    SessionFactory(meeting=content, title_en="Closed food session", is_public=False)
    PersonFactory(given_name_en="Food", family_name_en="Unlisted", listed_publicly=False)
    InstrumentFactory(status="draft", signed_on=None, title_en="Draft food letter")

    results = search_site("food")

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


def _found(results, kind, field):
    return sorted(getattr(item, field) for item in results[kind])


@pytest.mark.parametrize("interface", ["en", "fr", "ar"])
def test_search_finds_french_text_typed_without_accents(content, interface):
    with translation.override(interface):
        results = search_site("securite alimentaire")

    assert _found(results, "sessions", "title_en") == ["Food security in the Sahel"]
    assert len(results["organizations"]) == 1 and len(results["instruments"]) == 1


def test_search_finds_the_arabic_article_with_any_preposition(content):
    with translation.override("ar"):
        results = search_site("الأمن")

    # "الأمن الغذائي" and "الجزء الوزاري للأمن": the article and لل are the same word for a reader.
    assert _found(results, "sessions", "title_en") == ["Food security in the Sahel", "Ministerial segment"]


def test_search_finds_a_hamza_spelling_typed_without_it(db):
    MeetingFactory(title_en="General Meeting in Astana", title_ar="الاجتماع العام في أستانا", city_ar="أستانا")

    with translation.override("ar"):
        results = search_site("استانا")

    assert _found(results, "meetings", "title_en") == ["General Meeting in Astana"]


@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        ("FAO", "organizations", ["Food and Agriculture Organization of the United Nations"]),
        ("Aryn", "people", ["Berik"]),
        ("fao", "organizations", ["Food and Agriculture Organization of the United Nations"]),
    ],
)
def test_search_from_the_arabic_interface_finds_latin_names(content, query, kind, expected):
    with translation.override("ar"):
        results = search_site(query)

    field = "given_name_en" if kind == "people" else "name_en"
    assert _found(results, kind, field) == expected


def test_search_from_the_arabic_interface_finds_astana_in_english(db):
    MeetingFactory(title_en="General Meeting", title_ar="الاجتماع العام", city_en="Astana", city_ar="أستانا")

    with translation.override("ar"):
        results = search_site("Astana")

    assert _found(results, "meetings", "title_en") == ["General Meeting"]


def test_search_finds_sessions_by_their_topics(content):
    session = SessionFactory(meeting=content, title_en="Panel one", title_fr="Panel un", title_ar="الفريق الأول")
    session.topics.add(TopicFactory(name_en="Halal food standards", name_fr="Normes alimentaires halal"))

    results = search_site("normes halal")

    assert _found(results, "sessions", "title_en") == ["Panel one"]


def test_search_page_in_arabic_finds_the_english_acronym(client, content):
    with translation.override("ar"):
        url = reverse("meetings:search")

    html = client.get(url, {"q": "FAO"}).content.decode()

    assert "منظمة الأغذية والزراعة للأمم المتحدة" in html


def test_search_of_punctuation_only_finds_nothing(content):
    assert search_site(" ,;-– ") == {
        kind: [] for kind in ("meetings", "sessions", "people", "organizations", "instruments")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sécurité ALIMENTAIRE", "securite alimentaire"),
        ("للأمن", "امن"),
        ("الأمن", "امن"),
        ("والأمن", "امن"),
        ("بالأمن", "امن"),
        ("أستانا", "استانا"),
        ("إسلامية", "اسلاميه"),
        ("آرين", "ارين"),
        ("مستشفى", "مستشفي"),
        ("عـــربي", "عربي"),
        ("مُحَمَّد", "محمد"),
        ("Aryn , Director–General", "aryn director general"),
        ("Œuvre Straße Øresund", "oeuvre strasse oresund"),
    ],
)
def test_normalize_folds_what_people_type_differently(text, expected):
    assert normalize(text) == expected


@pytest.mark.django_db
def test_normalize_in_the_database_is_the_python_function(django_db_blocker):
    from django.db import connection

    samples = [
        "Sécurité ALIMENTAIRE",
        "للأمن الغذائي",
        "والأمن",
        "أستانا، قصر الاستقلال",
        "مُحَمَّد",
        "عـــربي",
        "Aryn , Director–General",
        "Œuvre Straße Øresund",
        "IOFS–FAO Letter of Intent",
        "Ğalatasaray İzmir",
    ]
    with connection.cursor() as cursor:
        found = []
        for sample in samples:
            cursor.execute("SELECT convene_normalize(%s)", [sample])
            found.append(cursor.fetchone()[0])

    assert found == [normalize(sample) for sample in samples]
