"""The API guide (docs/api.md) is served by the app and linked from the schema that Swagger UI shows."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_guide_is_served_as_html_from_docs_api_md(anonymous, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = anonymous.get("/api/v1/guide/")

    text = response.content.decode()
    assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert "<h1>The Convene partner API (v1)</h1>" in text
    assert "<h2>Importing a whole programme</h2>" in text
    assert response["ETag"]
    assert anonymous.get("/api/v1/guide/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_guide_is_linked_from_the_schema(anonymous):
    schema = anonymous.get("/api/v1/schema/?format=json").json()
    assert "[API guide](/api/v1/guide/)" in schema["info"]["description"]


def test_the_guide_only_reads(anonymous):
    assert anonymous.post("/api/v1/guide/").status_code == 405
