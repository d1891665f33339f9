"""Behind nginx, /media/ still decides in Django, then hands the bytes to nginx by X-Accel-Redirect."""

import pytest

from core.roles import ensure_secretariat_group
from tests.conftest import sign_in_with_second_factor
from tests.security.test_uploads import stored_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def behind_nginx(settings):
    settings.CONVENE_MEDIA_ACCEL_PREFIX = "/internal-media/"


def test_a_published_document_is_handed_to_nginx_as_a_download(client, behind_nginx):
    document = stored_document()

    response = client.get(document.file_en.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/internal-media/{document.file_en.name}"
    assert response["Content-Disposition"] == f'attachment; filename="{document.file_en.name.split("/")[-1]}"'
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == ("application/pdf", "nosniff")
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response.content == b""


def test_an_unpublished_document_is_handed_over_only_to_the_secretariat_past_its_second_factor(
    client, behind_nginx, django_user_model
):
    document = stored_document(is_published=False)
    officer = django_user_model.objects.create_user("officer", password="pw-for-tests-only", is_staff=True)
    officer.groups.add(ensure_secretariat_group())

    anonymous = client.get(document.file_en.url)
    client.force_login(officer)
    password_only = client.get(document.file_en.url)
    sign_in_with_second_factor(client, officer)
    verified = client.get(document.file_en.url)

    assert (anonymous.status_code, anonymous.get("X-Accel-Redirect")) == (404, None)
    assert (password_only.status_code, password_only.get("X-Accel-Redirect")) == (404, None)
    assert verified["X-Accel-Redirect"] == f"/internal-media/{document.file_en.name}"
    assert verified["Cache-Control"] == "private, max-age=300"


def test_a_named_file_missing_from_the_disk_is_a_404_not_a_redirect(client, behind_nginx):
    document = stored_document()
    document.file_en.storage.delete(document.file_en.name)

    response = client.get(document.file_en.url)

    assert (response.status_code, response.get("X-Accel-Redirect")) == (404, None)
