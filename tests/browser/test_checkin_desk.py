"""The check-in desk on a phone in Chromium: type the badge's code, see the person checked in at once."""

import pytest

from participants.models import Participant
from participants.services import participant_checkin_code, participant_checkin_token
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
    # The camera works with the browser's BarcodeDetector or, without it, with the jsQR shipped in static/vendor/.
    camera_supported = page.evaluate("!!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)")
    assert page.locator("#checkin-camera").is_visible() == camera_supported
    page.fill("#checkin-token", "not a badge")
    page.get_by_role("button", name="Check in or find").click()
    assert page.get_by_role("alert").inner_text() == (
        "Nobody at this meeting has the name or badge number “not a badge”."
    )

    page.fill("#checkin-token", participant_checkin_token(participant=participant))
    page.get_by_role("button", name="Check in or find").click()
    page.wait_for_selector("#checkin-status.success")

    assert "Ms. Aigerim Sadykova checked in at" in page.locator("#checkin-status").inner_text()
    page.wait_for_load_state("load")  # the admin's style sheets applied before the layout is measured
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    participant.refresh_from_db()
    assert participant.status == Participant.Status.ATTENDED
    assert outside_requests == []


def test_checkin_desk_keeps_a_check_in_while_offline_and_sends_it_later(
    live_server, transactional_db, open_page, django_user_model
):
    # The test's writes are committed (transactional_db): the live server's own connection sees them on PostgreSQL.
    django_user_model.objects.create_superuser("desk", "desk@example.org", "desk-password")
    participant = ParticipantFactory(
        status=Participant.Status.ACCREDITED,
        person=PersonFactory(given_name_en="Offline", family_name_en="Guest", honorific_prefix_en=""),
    )
    phone = open_page(PHONE)
    sign_in_in_browser(phone, live_server.url, "desk", "desk-password")
    phone.goto(f"{live_server.url}/admin/participants/participant/checkin/{participant.meeting_id}/")

    phone.context.set_offline(True)
    phone.fill("#checkin-token", participant_checkin_code(participant=participant))
    phone.keyboard.press("Enter")
    phone.wait_for_selector("#checkin-status.warning")
    queued = phone.locator("#checkin-pending").inner_text()
    participant.refresh_from_db()
    status_while_offline = participant.status
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    phone.wait_for_selector("#checkin-status.success, #checkin-status.error")

    assert "Offline Guest checked in at" in phone.locator("#checkin-status").inner_text()
    participant.refresh_from_db()
    assert queued == "Check-ins waiting for the network: 1"
    assert status_while_offline == Participant.Status.ACCREDITED
    assert participant.status == Participant.Status.ATTENDED
    assert phone.locator("#checkin-pending").is_hidden()
