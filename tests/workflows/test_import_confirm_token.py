"""The import's confirmation sends a token, not the file again: a file the upload accepted is never refused at
confirmation for its size (issue 11), and a token works once, only in the session that previewed it."""

import io

import pytest
from django.urls import reverse

from participants.models import Participant
from tests.conftest import sign_in_with_second_factor
from tests.workflows.test_import import GOOD_ROWS, _csv
from tests.workflows.test_import import setting as setting

pytestmark = pytest.mark.django_db


def preview(client, meeting):
    upload = io.BytesIO(_csv(GOOD_ROWS))
    upload.name = "list.csv"
    response = client.post(
        reverse("admin:participants_participant_import"), {"meeting": meeting.pk, "file": upload, "preview": "1"}
    )
    assert response.status_code == 200
    return response.context["confirm_form"].initial


def test_confirmation_is_small_whatever_the_file_size(admin_client, setting, settings):
    meeting, _iofs, _kazakhstan = setting
    # Smaller than the file: the old confirmation, carrying the file in base64, was refused as too large.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200
    initial = preview(admin_client, meeting)
    assert set(initial) == {"meeting", "token"}

    response = admin_client.post(
        reverse("admin:participants_participant_import"), {**initial, "confirm": "1"}, follow=True
    )

    assert response.status_code == 200
    assert Participant.objects.filter(meeting=meeting).count() == 3


def test_a_token_works_once_and_only_in_its_session(admin_client, client, django_user_model, setting):
    meeting, _iofs, _kazakhstan = setting
    initial = preview(admin_client, meeting)
    url = reverse("admin:participants_participant_import")

    other = django_user_model.objects.create_superuser("other", "other@example.org", "pw-for-tests-only")
    sign_in_with_second_factor(client, other)
    assert "upload the file again" in client.post(url, {**initial, "confirm": "1"}, follow=True).content.decode()
    assert Participant.objects.count() == 0

    admin_client.post(url, {**initial, "confirm": "1"})
    assert Participant.objects.filter(meeting=meeting).count() == 3
    again = admin_client.post(url, {**initial, "confirm": "1"}, follow=True)
    assert "upload the file again" in again.content.decode()
