"""Every change list of the back office fits a 1280-pixel screen in Chromium, on the demo (issue 14): no
horizontal scroll, and the participant list shows status, badge number and check-in time, the session list the
start and the room."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.browser.conftest import DESKTOP
from tests.conftest import sign_in_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db]  # the demo fixture is committed; tests only read it

# The page, and the box around the list's table, which Django's admin lets scroll sideways on its own.
FITS_THE_WIDTH = """() => [document.documentElement, ...document.querySelectorAll('#changelist .results')]
    .every(box => box.scrollWidth <= box.clientWidth)"""
OFFICER, PASSWORD = "lists-officer", "lists-officer-password"


@pytest.fixture(scope="module")
def signed_in(demo, django_db_blocker):
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        get_user_model().objects.create_superuser(OFFICER, "lists@example.org", PASSWORD)
    return demo


def _sign_in(page, url):
    """Password, then the code of the authenticator app the back office asks superusers for."""
    sign_in_in_browser(page, url, OFFICER, PASSWORD)


def _header_texts(page):
    return [text.strip() for text in page.locator("#result_list thead th").all_text_contents()]


def test_every_changelist_fits_1280_pixels(signed_in, open_page, outside_requests):
    page = open_page(DESKTOP)
    _sign_in(page, signed_in.url)
    too_wide = []
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label):
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        page.goto(f"{signed_in.url}{url}")
        page.wait_for_load_state("load")
        if not page.evaluate(FITS_THE_WIDTH):
            widths = page.evaluate(
                "[document.documentElement, ...document.querySelectorAll('#changelist .results')]"
                ".map(box => `${box.scrollWidth}/${box.clientWidth}`).join(' ')"
            )
            too_wide.append(f"{model._meta.label}: {widths}")
    assert too_wide == []
    assert outside_requests == []


def test_participant_list_shows_status_badge_and_checkin_within_the_screen(signed_in, open_page):
    page = open_page(DESKTOP)
    _sign_in(page, signed_in.url)
    page.goto(f"{signed_in.url}{reverse('admin:participants_participant_changelist')}")

    headers = _header_texts(page)
    visible = page.evaluate(
        """() => [...document.querySelectorAll('#result_list thead th')].map(th => {
             const box = th.getBoundingClientRect();
             return box.right <= document.documentElement.clientWidth && box.left >= 0;
           })"""
    )
    filter_chosen = page.locator("#changelist-filter li.selected").first.inner_text()

    for header in ("Status", "Badge number", "Checked in at", "Meeting"):
        assert header in headers
        assert visible[headers.index(header)], header
    assert filter_chosen == "UN–OIC 16 (2024)"
    assert signed_in.meeting.title_en not in page.locator("#result_list").inner_text()


def test_session_list_shows_start_in_the_meetings_zone_and_room(signed_in, open_page):
    page = open_page(DESKTOP)
    _sign_in(page, signed_in.url)
    page.goto(f"{signed_in.url}{reverse('admin:working_sessions_session_changelist')}?o=4")

    headers = _header_texts(page)
    column = headers.index("Starts (meeting's time)")
    first_start = page.locator("#result_list tbody tr").first.locator("th, td").nth(column)

    assert "Room" in headers
    assert first_start.text_content() == "2024-07-22 10:00 (Asia/Almaty, UTC+05:00)"
    assert page.evaluate(FITS_THE_WIDTH)


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR", "ar"])
def test_meeting_page_tool_buttons_overlap_neither_the_title_nor_each_other(signed_in, open_page, locale):
    page = open_page(DESKTOP, locale=locale)
    _sign_in(page, signed_in.url)
    page.goto(f"{signed_in.url}{reverse('admin:meetings_meeting_change', args=[signed_in.meeting.pk])}")

    boxes = page.evaluate(
        """() => [...document.querySelectorAll('#content > h1, #content > h2, .object-tools li')]
             .map(element => { const box = element.getBoundingClientRect();
                               return [box.left, box.top, box.right, box.bottom]; })"""
    )

    def overlap(first, second):
        return first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]

    assert (
        len(boxes) == 12
    )  # the title and subtitle; the workspace, seven tools (the programme import too), the history and "view on site"
    assert [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if overlap(boxes[i], boxes[j])] == []
