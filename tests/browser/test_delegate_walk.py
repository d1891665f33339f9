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


# 10:30 in Astana (UTC+05:00) on the first day: the opening ceremony (10:00-11:30) is on, working session I is next.
DURING_THE_OPENING = datetime.datetime(2024, 7, 22, 5, 30, tzinfo=datetime.UTC)


def _agenda_url(demo, language="en"):
    return f"{demo.url}/{language}/meetings/{demo.meeting.slug}/agenda/"


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_first_session_shows_above_the_fold_on_a_360_pixel_phone(demo, open_page, outside_requests, language):
    page = open_page(PHONE)
    page.goto(_agenda_url(demo, language))

    first = page.locator(".session").first.bounding_box()
    title = page.locator(".session .session__title").first.bounding_box()

    # The session's time, room and title are on the first screen, without scrolling.
    assert title["y"] + title["height"] <= PHONE["height"], (first, title)
    assert outside_requests == []


def test_now_and_next_follow_the_clock_on_the_phone_agenda(demo, open_page, outside_requests):
    page = open_page(PHONE, timezone_id="Asia/Almaty")
    page.clock.set_fixed_time(DURING_THE_OPENING)
    page.goto(_agenda_url(demo))

    panel = page.locator("[data-now-next]")
    now_text = panel.locator("[data-now]").inner_text()
    next_text = panel.locator("[data-next]").inner_text()
    today = page.locator(".agenda-day:has([data-today-badge]:visible)").get_attribute("data-date")

    assert panel.is_visible() and panel.bounding_box()["y"] < PHONE["height"]
    assert now_text.startswith("Now") and "Opening ceremony" in now_text and "10:00–11:30" in now_text
    assert next_text.startswith("Next") and "Working Session I" in next_text and "14:00–16:00" in next_text
    assert today == "2024-07-22"
    assert page.locator(".session.is-now h4").all_inner_texts() == ["Opening ceremony"]
    assert outside_requests == []


def test_now_and_next_stay_hidden_once_the_meeting_is_over(demo, open_page):
    page = open_page(PHONE)
    page.clock.set_fixed_time(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    page.goto(_agenda_url(demo))

    assert page.locator("[data-now-next]").is_hidden()
    assert page.locator("[data-today-badge]:visible").count() == 0


def test_meeting_page_shows_what_is_on_now(demo, open_page):
    page = open_page(DESKTOP)
    page.clock.set_fixed_time(DURING_THE_OPENING + datetime.timedelta(hours=4))  # 14:30 in Astana
    page.goto(f"{demo.url}/fr/meetings/{demo.meeting.slug}/")

    now_text = page.locator("[data-now-next] [data-now]").inner_text()
    today = page.get_by_role("link", name="Programme du jour").get_attribute("href")

    assert "14\u00a0h\u00a000–16\u00a0h\u00a000" in now_text
    assert today == f"/fr/meetings/{demo.meeting.slug}/agenda/?day=2024-07-22"
    assert (
        page.locator("[data-now-next] [data-now] a")
        .get_attribute("href")
        .endswith("/sessions/working-session-1-political-affairs/")
    )


def test_delegate_stars_two_sessions_and_takes_them_to_a_calendar(demo, open_page, outside_requests):
    page = open_page(PHONE, timezone_id="Asia/Almaty")
    page.clock.set_fixed_time(DURING_THE_OPENING)
    page.goto(_agenda_url(demo))

    cards = page.locator(".session")
    cards.nth(0).get_by_role("button", name="My agenda").click()
    cards.nth(2).get_by_role("button", name="My agenda").click()
    starred_titles = [cards.nth(index).locator("h4").inner_text() for index in (0, 2)]
    page.reload()  # the stars are kept in this browser
    page.locator(".agenda-tools summary").click()
    page.get_by_role("button", name="Show only my agenda").click()

    shown = page.locator(".session:visible h4").all_inner_texts()
    count = page.locator("[data-my-agenda-count]").inner_text()
    subscribe = page.get_by_role("link", name="Subscribe to my agenda").get_attribute("href")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my agenda (.ics)").click()
    calendar = Calendar.from_ical(Path(download_info.value.path()).read_bytes())

    assert shown == starred_titles
    assert count == "Sessions starred: 2."
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == starred_titles
    assert re.fullmatch(
        rf"webcal://localhost:\d+/en/meetings/{demo.meeting.slug}/agenda\.ics\?sessions=\d+,\d+", subscribe
    )
    assert page.get_by_role("link", name="Subscribe in your calendar").get_attribute("href").startswith("webcal://")
    assert outside_requests == []


def test_delegate_switches_the_agenda_to_their_own_time_zone(demo, open_page):
    page = open_page(DESKTOP, timezone_id="Europe/Paris")
    page.goto(_agenda_url(demo))
    first_time = page.locator(".session time").first

    before = first_time.inner_text()
    switch = page.get_by_role("button", name=re.compile("Show the times in my time zone"))
    switch.click()
    after = first_time.inner_text()
    switch.click()

    # 10:00 in Astana (UTC+05:00) is 07:00 in Paris (UTC+02:00 in July).
    assert (before, after, first_time.inner_text()) == ("10:00", "07:00", "10:00")
    assert "Europe/Paris" in switch.inner_text()


def test_time_grid_blocks_follow_the_sessions_durations(demo, open_page, outside_requests):
    page = open_page(DESKTOP)
    page.goto(_agenda_url(demo) + "?view=grid")

    def height(title):
        return page.locator(".session--block", has_text=title).bounding_box()["height"]

    # Working sessions I (14:00-16:00) and II (16:30-18:30) last two hours; the opening ceremony an hour and a half.
    first, second = height("Working Session I:"), height("Working Session II:")
    opening = height("Opening ceremony")
    assert abs(first - second) < 2
    assert opening < first
    assert _has_no_horizontal_scroll(page)
    assert outside_requests == []


BROKEN_WORDS = """selector => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const pattern = /\\S+/g;
      for (let match = pattern.exec(node.data); match; match = pattern.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_signatories_table_breaks_no_word_on_a_phone(demo, open_page, language):
    page = open_page(PHONE)
    page.goto(f"{demo.url}/{language}/agreements/{demo.instrument.slug}/")

    cells = page.locator("#signatures-heading ~ .table-scroll td, #signatures-heading ~ .table-scroll th")

    assert cells.count() >= 3
    assert page.evaluate(BROKEN_WORDS, "#signatures-heading ~ .table-scroll :is(td, th)") == []
    assert _has_no_horizontal_scroll(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_phone_agenda_with_now_next_stars_and_open_tools_has_no_axe_violation(demo, open_page, language):
    from tests.browser.test_accessibility import add_axe, axe_violations, describe

    page = open_page(PHONE, timezone_id="Europe/Paris")
    add_axe(page.context)
    page.clock.set_fixed_time(DURING_THE_OPENING)
    page.goto(_agenda_url(demo, language))
    page.locator(".agenda-tools summary").click()
    page.locator("[data-star]").first.click()

    violations = axe_violations(page)

    assert page.locator("[data-now-next]").is_visible()
    assert not violations, describe(violations, page.url)


def test_search_follows_what_a_delegate_types_from_the_arabic_interface(demo, open_page, outside_requests):
    page = open_page(PHONE)
    page.goto(f"{demo.url}/ar/search/")
    box = page.locator("#search-q")

    box.press_sequentially("استانا", delay=30)
    page.wait_for_url("**/ar/search/?q=*")
    meeting_link = page.locator("#results-meetings ~ ul a", has_text=demo.meeting.title_ar or demo.meeting.title_en)
    meeting_link.first.wait_for()
    box.fill("")
    box.press_sequentially("FAO", delay=30)
    page.locator("#results-organizations").wait_for()

    assert page.locator("#results-organizations ~ ul a").count() >= 1
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert outside_requests == []


def test_without_javascript_the_agenda_shows_no_control_that_needs_it(demo, open_page):
    page = open_page(PHONE, java_script_enabled=False)
    page.goto(_agenda_url(demo))

    shown = page.evaluate(
        "['[data-star]', '[data-my-agenda]', '[data-now-next]', '[data-local-times]', '[data-print]']"
        ".map(selector => [...document.querySelectorAll(selector)].some(e => e.getClientRects().length > 0))"
    )

    assert shown == [False, False, False, False, False]
    assert page.locator(".session").first.is_visible()
