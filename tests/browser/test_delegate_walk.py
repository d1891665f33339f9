"""A delegate's walk through the public site in Chromium: agenda, session, calendar, Arabic, filters, agreements."""

import datetime
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db]  # the demo fixture is committed; tests only read it


def _has_no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_delegate_walks_from_home_to_a_session_calendar_and_reads_it_in_arabic(demo, open_page, outside_requests):
    page = open_page(DESKTOP)
    page.goto(f"{demo.url}/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"

    page.get_by_role("link", name=demo.meeting.title_en).first.click()
    assert page.url.endswith(f"/en/meetings/{demo.meeting.slug}/")
    assert page.locator("h1").inner_text() == demo.meeting.title_en

    page.get_by_role("navigation", name="This meeting").get_by_role("link", name="Agenda").click()
    assert page.url.endswith(f"/en/meetings/{demo.meeting.slug}/agenda/")
    assert "UTC+05:00" in page.locator(".timezone-note").inner_text()

    page.get_by_role("link", name=demo.session.title_en, exact=True).click()
    assert page.url.endswith(f"/en/meetings/{demo.meeting.slug}/sessions/{demo.session.slug}/")
    assert demo.session.title_en in page.locator("h1").inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar").click()
    calendar = Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    (event,) = [component for component in calendar.walk() if component.name == "VEVENT"]
    local_start = demo.session.starts_at.astimezone(demo.meeting.tzinfo)
    assert event.decoded("dtstart") == demo.session.starts_at.astimezone(datetime.UTC)
    assert str(event["summary"]) == demo.session.title_en
    if demo.session.slug == "opening-ceremony":
        assert (local_start.hour, event.decoded("dtstart").hour) == (10, 5)

    page.get_by_role("navigation", name="Language").get_by_role("link", name="العربيّة").click()
    assert page.url.endswith(f"/ar/meetings/{demo.meeting.slug}/sessions/{demo.session.slug}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert (demo.session.title_ar or demo.session.title_en) in page.locator("h1").inner_text()
    # The layout mirrors: the brand sits at the right edge, the language switcher at the left.
    brand = page.locator(".brand").bounding_box()
    languages = page.locator(".languages").bounding_box()
    assert brand["x"] > languages["x"]

    assert outside_requests == []


def test_delegate_filters_the_agenda_by_theme_in_french(demo, open_page, outside_requests):
    page = open_page(DESKTOP)
    page.goto(f"{demo.url}/fr/meetings/{demo.meeting.slug}/agenda/")

    page.get_by_label(re.compile(r"^Th[eè]me$")).select_option(demo.theme.slug)
    page.locator("form.filters button[type=submit]").click()

    assert re.search(rf"/fr/meetings/{demo.meeting.slug}/agenda/\?theme={demo.theme.slug}", page.url)
    themes_shown = page.locator(".session .tag--theme").all_inner_texts()
    assert themes_shown and set(themes_shown) == {demo.theme.name_fr or demo.theme.name_en}
    assert page.locator("html").get_attribute("lang") == "fr"
    assert outside_requests == []


def test_delegate_opens_the_registry_and_the_letter_of_intent(demo, open_page, outside_requests):
    page = open_page(DESKTOP)
    page.goto(f"{demo.url}/en/")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Agreements").click()
    assert page.url.endswith("/en/agreements/")
    page.get_by_role("link", name=demo.instrument.title_en).click()

    assert page.url.endswith(f"/en/agreements/{demo.instrument.slug}/")
    assert demo.instrument.title_en in page.locator("h1").inner_text()
    countries = page.locator(".countries li").all_inner_texts()
    assert "Kazakhstan" in countries and "Tajikistan" in countries
    assert outside_requests == []


def test_skip_link_is_the_first_stop_and_shows_its_focus(demo, open_page):
    page = open_page(DESKTOP)
    page.goto(f"{demo.url}/en/meetings/{demo.meeting.slug}/agenda/")

    page.keyboard.press("Tab")

    focused = page.evaluate(
        "() => { const el = document.activeElement; const style = getComputedStyle(el);"
        " return [el.getAttribute('href'), style.outlineStyle, el.getBoundingClientRect().top >= 0]; }"
    )
    assert focused == ["#main", "solid", True]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_pages_fit_a_360_pixel_phone_without_horizontal_scrolling(demo, open_page, outside_requests, language):
    page = open_page(PHONE)
    paths = [
        "",
        f"meetings/{demo.meeting.slug}/",
        f"meetings/{demo.meeting.slug}/agenda/",
        f"meetings/{demo.meeting.slug}/sessions/{demo.session.slug}/",
        f"meetings/{demo.meeting.slug}/participants/",
        "agreements/",
        f"agreements/{demo.instrument.slug}/",
        "search/?q=food",
    ]

    overflowing = []
    for path in paths:
        page.goto(f"{demo.url}/{language}/{path}")
        if not _has_no_horizontal_scroll(page):
            overflowing.append(path)

    assert overflowing == []
    assert outside_requests == []


def test_agenda_prints_on_a4_without_the_site_chrome(demo, open_page, outside_requests, tmp_path):
    from pypdf import PdfReader

    page = open_page(DESKTOP)
    page.goto(f"{demo.url}/fr/meetings/{demo.meeting.slug}/agenda/")
    page.emulate_media(media="print")

    hidden = page.evaluate(
        "['.site-header', '.site-footer', 'form.filters', '.meeting-nav']"
        ".map(selector => getComputedStyle(document.querySelector(selector)).display)"
    )
    pdf = tmp_path / "agenda.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=False)
    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox

    assert hidden == ["none", "none", "none", "none"]
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert demo.session.title_fr in "".join(p.extract_text() for p in reader.pages)
    assert outside_requests == []
