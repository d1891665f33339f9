"""Languages, links, times, ETags, CORS, throttling, JSON errors and the OpenAPI documents."""

import json

import pytest

from tests.factories import InstrumentFactory, MeetingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_translated_fields_are_objects_without_a_language(anonymous):
    meeting = MeetingFactory(title_en="General Meeting", title_fr="Réunion générale", title_ar=None)
    assert anonymous.get(f"/api/v1/meetings/{meeting.slug}/").json()["title"] == {
        "en": "General Meeting",
        "fr": "Réunion générale",
        "ar": None,
    }


def test_lang_flattens_translated_fields_falling_back_in_the_sites_order(anonymous):
    meeting = MeetingFactory(title_en="General Meeting", title_fr="Réunion générale", title_ar=None)
    only_french = SessionFactory(meeting=meeting, title_en=None, title_fr="Atelier", title_ar=None)
    url = f"/api/v1/meetings/{meeting.slug}/"
    french = anonymous.get(f"{url}?lang=fr")
    arabic = anonymous.get(f"{url}?lang=ar")
    assert (french.json()["title"], french["Content-Language"]) == ("Réunion générale", "fr")
    assert (arabic.json()["title"], arabic["Content-Language"]) == ("General Meeting", "ar")
    # Neither Arabic nor English: the French text, not an empty one.
    assert anonymous.get(f"/api/v1/sessions/{only_french.pk}/?lang=ar").json()["title"] == "Atelier"


def test_accept_language_never_changes_the_representation(anonymous):
    meeting = MeetingFactory(title_en="General Meeting", title_fr="Réunion générale", title_ar=None)
    url = f"/api/v1/meetings/{meeting.slug}/"
    browser = anonymous.get(url, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert browser.json()["title"] == {"en": "General Meeting", "fr": "Réunion générale", "ar": None}
    assert browser["Content-Language"] == "en, fr, ar"
    assert anonymous.get(f"{url}?lang=en", HTTP_ACCEPT_LANGUAGE="fr").json()["title"] == "General Meeting"


def test_objects_link_to_themselves_and_to_their_public_page_in_the_language(anonymous):
    session = SessionFactory(slug="opening")
    data = anonymous.get(f"/api/v1/sessions/{session.pk}/?lang=ar").json()
    assert (data["id"], data["url"], data["web_url"]) == (
        session.pk,
        f"http://testserver/api/v1/sessions/{session.pk}/",
        f"http://testserver/ar/meetings/{session.meeting.slug}/sessions/opening/",
    )


def test_session_times_have_the_meetings_offset_and_timezone_name(anonymous):
    session = SessionFactory()
    data = anonymous.get(f"/api/v1/sessions/{session.pk}/").json()
    assert (data["starts_at"], data["ends_at"], data["timezone"]) == (
        "2024-07-22T10:00:00+05:00",
        "2024-07-22T11:00:00+05:00",
        "Asia/Almaty",
    )


def test_get_has_an_etag_and_if_none_match_answers_304(anonymous):
    meeting = MeetingFactory()
    first = anonymous.get(f"/api/v1/meetings/{meeting.slug}/")
    again = anonymous.get(f"/api/v1/meetings/{meeting.slug}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])
    meeting.title_en = "Renamed"
    meeting.save()
    changed = anonymous.get(f"/api/v1/meetings/{meeting.slug}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_lists_and_schedule_have_etags(anonymous):
    meeting = MeetingFactory()
    for url in ["/api/v1/sessions/", f"/api/v1/meetings/{meeting.slug}/schedule.json", "/api/v1/schema/"]:
        response = anonymous.get(url)
        assert anonymous.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_cors_allows_reads_from_any_origin(anonymous):
    MeetingFactory()
    response = anonymous.get("/api/v1/meetings/", HTTP_ORIGIN="https://ministry.example")
    assert response["Access-Control-Allow-Origin"] == "https://ministry.example"


def test_cors_preflight_allows_get_but_not_writes(anonymous):
    read = anonymous.options(
        "/api/v1/meetings/", HTTP_ORIGIN="https://ministry.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    write = anonymous.options(
        "/api/v1/meetings/", HTTP_ORIGIN="https://ministry.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert read["Access-Control-Allow-Origin"] == "https://ministry.example"
    assert "Access-Control-Allow-Origin" not in write


def test_cors_headers_are_never_on_writes(writer):
    response = writer.post(
        "/api/v1/series/", {"name": {"en": "S"}, "slug": "s"}, format="json", HTTP_ORIGIN="https://ministry.example"
    )
    assert response.status_code == 201
    assert "Access-Control-Allow-Origin" not in response


def test_over_the_rate_a_client_gets_429_with_retry_after(anonymous, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "key": "5/minute"},
    }
    statuses = [anonymous.get("/api/v1/series/").status_code for _index in range(3)]
    refused = anonymous.get("/api/v1/series/")
    assert statuses == [200, 200, 429]
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"].startswith("Request was throttled.")


def test_keys_have_their_own_rate(client_for, read_key, anonymous, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "key": "3/minute"},
    }
    keyed = client_for(read_key)
    assert [keyed.get("/api/v1/series/").status_code for _index in range(4)] == [200, 200, 200, 429]
    assert anonymous.get("/api/v1/series/").status_code == 200


def test_an_unknown_url_is_a_json_404(anonymous):
    response = anonymous.get("/api/v1/nothing-here/")
    assert (response.status_code, response.json()) == (404, {"detail": "No such API endpoint: see /api/v1/docs/."})


def test_a_malformed_id_is_a_json_404(anonymous):
    response = anonymous.get("/api/v1/sessions/not-a-number/")
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


def test_the_openapi_schema_documents_filters_languages_and_errors(anonymous):
    response = anonymous.get("/api/v1/schema/?format=json")
    schema = json.loads(response.content)
    operation = schema["paths"]["/api/v1/instruments/"]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert parameters == {
        "country",
        "kind",
        "lang",
        "meeting",
        "ordering",
        "page",
        "page_size",
        "party",
        "q",
        "signed_after",
        "signed_before",
        "status",
        "theme",
    }
    assert sorted(operation["responses"]) == ["200", "400", "401", "404", "429"]
    ordering = next(parameter for parameter in operation["parameters"] if parameter["name"] == "ordering")
    assert ordering["schema"]["enum"][:2] == ["-signed_on", "-slug"]
    assert schema["components"]["securitySchemes"]["ApiKey"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A key issued by the secretariat in the admin, e.g. `Authorization: Bearer cnv_…`.",
    }


def test_swagger_ui_is_served_from_local_files(anonymous):
    from django.templatetags.static import static

    response = anonymous.get("/api/v1/docs/")
    page = response.content.decode()
    assert response.status_code == 200
    # The hashed name of the manifest, served by this site (tests run in production settings).
    assert static("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js") in page
    assert "cdn" not in page.lower()


def test_signatory_not_listed_is_anonymous_on_a_public_instrument(anonymous):
    from tests.factories import PartyFactory, PersonFactory, SignatureFactory

    party = PartyFactory(instrument=InstrumentFactory())
    SignatureFactory(party=party, person=PersonFactory(listed_publicly=False))
    data = anonymous.get(f"/api/v1/instruments/{party.instrument.slug}/").json()
    assert [signature["person"] for signature in data["signatures"]] == [None]


def test_the_openapi_schema_is_valid_without_warnings(tmp_path):
    from django.core.management import call_command

    output = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(output))
    assert output.read_text().startswith("openapi: 3.0.3")


def test_a_missing_final_slash_redirects_reads_and_explains_writes(anonymous, writer):
    read = anonymous.get("/api/v1/meetings?lang=fr")
    write = writer.post("/api/v1/series", {"name": {"en": "S"}, "slug": "s"}, format="json")
    assert (read.status_code, read["Location"]) == (301, "/api/v1/meetings/?lang=fr")
    assert (write.status_code, write.json()) == (404, {"detail": "Add the final slash: /api/v1/series/"})
