"""In Debian's Chromium: the admin's language tabs work with no network beyond our own server."""

import pytest

from meetings.models import Meeting
from tests.conftest import sign_in_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_language_tabs_switch_the_fields_without_outside_network(
    open_page, outside_requests, live_server, demo, demo_account
):
    page = open_page(locale="en-GB")
    username, password = demo_account
    meeting = Meeting.objects.get(slug="16th-un-oic-general-meeting-astana-2024")
    scripts = []
    page.on("response", lambda response: scripts.append(response.url) if response.url.endswith(".js") else None)

    sign_in_in_browser(page, live_server.url, username, password)
    page.goto(f"{live_server.url}/admin/meetings/meeting/{meeting.pk}/change/")

    title = {language: page.locator(f"#id_title_{language}") for language in ("en", "fr", "ar")}
    page.locator("[role=tab][aria-controls='tab_id_title_fr']").wait_for()
    shown_first = [title[language].is_visible() for language in ("en", "fr", "ar")]
    page.click("[role=tab][aria-controls='tab_id_title_fr']")
    shown_on_french = [title[language].is_visible() for language in ("en", "fr", "ar")]
    french_title = title["fr"].input_value()
    page.click("[role=tab][aria-controls='tab_id_title_ar']")
    shown_on_arabic = [title[language].is_visible() for language in ("en", "fr", "ar")]
    arabic_title = title["ar"].input_value()

    assert shown_first == [True, False, False]
    assert shown_on_french == [False, True, False]
    assert shown_on_arabic == [False, False, True]
    assert (french_title, arabic_title) == (meeting.title_fr, meeting.title_ar)
    assert title["ar"].get_attribute("dir") == "rtl" or "mt-bidi" in title["ar"].get_attribute("class")
    assert any(url.startswith(f"{live_server.url}/static/xstatic/jquery-ui/jquery-ui.min.") for url in scripts)
    assert outside_requests == []
