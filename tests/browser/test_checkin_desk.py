"""The check-in desk on a phone in Chromium: type the badge's code, see the person, mark attended."""

import pytest

from participants.models import Participant
from participants.services import participant_checkin_token
from tests.browser.conftest import PHONE
from tests.conftest import sign_in_in_browser
from tests.factories import ParticipantFactory, PersonFactory

pytestmark = pytest.mark.browser


def test_checkin_desk_on_a_phone(live_server, transactional_db, open_page, outside_requests, django_user_model):
    django_user_model.objects.create_superuser("desk", "desk@example.org", "desk-password")
    participant = ParticipantFactory(
        status=Participant.Status.ACCREDITED,
        badge_number=12,
        person=PersonFactory(honorific_prefix_en="Ms.", given_name_en="Aigerim", family_name_en="Sadykova"),
    )
    page = open_page(PHONE)
    sign_in_in_browser(page, live_server.url, "desk", "desk-password")

    page.goto(f"{live_server.url}/admin/participants/participant/checkin/{participant.meeting_id}/")
    camera_supported = page.evaluate("'BarcodeDetector' in window")
    assert page.locator("#checkin-camera").is_visible() == camera_supported
    page.fill("#checkin-token", "not a badge")
    page.get_by_role("button", name="Find").click()
    assert page.get_by_role("alert").inner_text() == (
        "This code is not a valid Convene badge: it may have been forged or mistyped."
    )

    page.fill("#checkin-token", participant_checkin_token(participant=participant))
    page.get_by_role("button", name="Find").click()
    assert "Ms. Aigerim Sadykova" in page.locator(".card").inner_text()
    page.get_by_role("button", name="Mark attended").click()

    assert "Ms. Aigerim Sadykova checked in at" in page.locator(".messagelist").inner_text()
    page.wait_for_load_state("load")  # the admin's style sheets applied before the layout is measured
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    participant.refresh_from_db()
    assert participant.status == Participant.Status.ATTENDED
    assert outside_requests == []
