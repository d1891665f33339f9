"""Control characters in a page address or a search are a 400 in the visitor's language, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("/en/search/?q=%00", "en", "control character"),
        ("/fr/search/?q=a%00b", "fr", "caractère de contrôle"),
        ("/ar/search/?q=%07", "ar", "حرف تحكم"),
        ("/en/meetings/a%00b/", "en", "control character"),
    ],
)
def test_control_characters_are_a_translated_400(client, url, language, expected):
    response = client.get(url)

    assert response.status_code == 400
    content = response.content.decode()
    assert f'lang="{language}"' in content
    assert expected in content


def test_tabs_and_newlines_in_a_search_are_fine(client):
    assert client.get("/en/search/", {"q": "food\tsecurity\n"}).status_code == 200
