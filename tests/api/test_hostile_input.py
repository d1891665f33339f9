"""Hostile API input is a 400 with a JSON detail, never a 500 (issue 11)."""

import datetime

import pytest

from meetings.models import Meeting
from tests.factories import MeetingSeriesFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("/api/v1/meetings/a%00b/", "detail"),
        ("/api/v1/meetings/a%00b/schedule.json", "detail"),
        ("/api/v1/meetings/a%1Fb/", "detail"),
        ("/api/v1/people/1%00/", "detail"),
        ("/api/v1/meetings/?search=%00", "search"),
        ("/api/v1/meetings/?slug=x%00y", "slug"),
        ("/api/v1/meetings/?%00=1", "\\x00"),
    ],
)
def test_control_characters_in_slugs_ids_and_parameters_are_a_400(anonymous, url, key):
    response = anonymous.get(url, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    # A path is refused as a whole; a parameter's error is keyed by the parameter, like the API's other errors.
    message = response.json()[key]
    assert "caractère de contrôle" in (message if key == "detail" else message[0])


def test_deeply_nested_json_is_a_400_with_a_json_detail(writer):
    body = "[" * 100_000 + "]" * 100_000

    response = writer.post("/api/v1/series/", body, content_type="application/json")

    assert response.status_code == 400
    assert "nested deeper than 32 levels" in response.json()["detail"]


def test_brackets_inside_strings_do_not_count_as_nesting(writer):
    name = "[" * 200 + '\\"{' * 50

    response = writer.post(
        "/api/v1/series/", {"name": {"en": name.replace('\\"', '"')}, "slug": "brackets"}, format="json"
    )

    assert response.status_code == 201, response.content


def test_nul_in_a_json_string_is_a_400(writer):
    response = writer.post(
        "/api/v1/series/", '{"name": {"en": "a\\u0000b"}, "slug": "nul"}', content_type="application/json"
    )

    assert response.status_code == 400
    assert "NUL" in str(response.json())


def test_a_meeting_of_a_hundred_years_is_refused_on_its_end_date(writer):
    series = MeetingSeriesFactory()
    response = writer.post(
        "/api/v1/meetings/",
        {
            "slug": "forever",
            "series": series.pk,
            "number": 1,
            "title": {"en": "Forever"},
            "city": {"en": "Geneva"},
            "country": "CH",
            "start_date": "2024-01-01",
            "end_date": "9999-12-31",
            "timezone": "Europe/Zurich",
            "status": "published",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "at most 60 days" in str(response.json()["end_date"])
    assert not Meeting.objects.filter(slug="forever").exists()


def test_meeting_length_bound_is_sixty_days():
    from django.core.exceptions import ValidationError

    from tests.factories import MeetingFactory

    meeting = MeetingFactory.build(
        series=MeetingSeriesFactory(), start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 3, 1)
    )
    meeting.end_date = meeting.start_date + datetime.timedelta(days=59)
    meeting.clean()
    meeting.end_date = meeting.start_date + datetime.timedelta(days=60)
    with pytest.raises(ValidationError) as refused:
        meeting.clean()
    assert "end_date" in refused.value.message_dict


def test_a_json_body_over_the_size_limit_is_a_400(writer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024

    response = writer.post(
        "/api/v1/series/", {"name": {"en": "x" * 20_000}, "slug": "big"}, format="json", HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert response.status_code == 400
    assert response.json()["detail"] in ("Le corps JSON dépasse 10 Kio.", "Le corps de la requête est trop volumineux.")
