"""The secretariat's day with the keyboard alone, in Chromium: Tab, Shift+Tab, Enter, Space, arrows and typing.

Add a session, accredit a participant with the admin action, print the badges, check the participant in by the
badge's typed code. At every stop of the focus the focused element must show it (an outline or a box shadow, as
:focus-visible draws it), and the focus must leave the language tabs and the check-in scanner again (no trap).
"""

import datetime

import pytest

from participants.models import Participant
from participants.services import participant_checkin_token
from sessions.models import Session
from tests.browser.conftest import DESKTOP
from tests.conftest import fresh_totp_code
from tests.factories import DelegationFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.browser

MAX_TABS = 250
FOCUSED = """
(selector) => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
    + (element.getAttribute("name") ? `[name=${element.getAttribute("name")}]` : "")
    + (element.className && typeof element.className === "string" ? "." + element.className.split(" ")[0] : "");
  return {name, visible: outline || shadow, matches: element.matches(selector)};
}
"""


def focused(page, selector):
    """The focused element: its name, whether it shows the focus, whether it matches `selector` (one round trip)."""
    return page.evaluate(FOCUSED, selector)


def tab_to(page, selector, *, backwards=False, limit=MAX_TABS):
    """Press Tab (or Shift+Tab) until `selector` has the focus, checking that every element on the way shows it."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        state = focused(page, selector)
        if state is None:
            continue
        assert state["visible"], f"{state['name']} has the keyboard focus but does not show it ({page.url})"
        if state["matches"]:
            return state
    raise AssertionError(f"{limit} presses of {key} never reached {selector} on {page.url}")


def type_in(page, selector, value):
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(value)


def choose_option(page, selector, value):
    """Move through a focused <select> with the arrow keys until `value` is chosen."""
    tab_to(page, selector)
    for _ in range(50):
        if page.evaluate("(selector) => document.querySelector(selector).value", selector) == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} is not an option of {selector}")


def sign_in(page, url, code):
    page.goto(f"{url}/admin/login/")
    type_in(page, "#id_username", "officer")
    type_in(page, "#id_password", "officer-password")
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/two-factor/verify/**")
    type_in(page, "#id_code", code)
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/")


@pytest.fixture(scope="module")
def officer(demo, django_db_blocker):
    from django.contrib.auth import get_user_model

    from core.roles import ensure_secretariat_group

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user("officer", password="officer-password", is_staff=True)
        user.groups.add(ensure_secretariat_group())
        ParticipantFactory(
            delegation=DelegationFactory(meeting=demo.meeting),
            person=PersonFactory(given_name_en="Nurlan", family_name_en="Abenov"),
            status=Participant.Status.REGISTERED,
        )
    return user


def test_the_secretariats_day_with_the_keyboard_alone(demo, officer, django_db_blocker, open_page, outside_requests):
    page = open_page(DESKTOP, locale="en")
    with django_db_blocker.unblock():
        code = fresh_totp_code(officer)
    sign_in(page, demo.url, code)
    local_day = demo.session.starts_at.astimezone(demo.meeting.tzinfo).date() + datetime.timedelta(days=0)

    # 1. Add a session: the meeting chosen in the autocomplete, the title typed in the English tab, then the French
    #    tab reached with the arrow keys and left again with Tab (no trap in the language tabs).
    page.goto(f"{demo.url}/admin/working_sessions/session/add/")
    tab_to(page, ".field-meeting .select2-selection")
    page.keyboard.press("Enter")
    page.keyboard.type(demo.meeting.title_en[:12])
    page.wait_for_selector(".select2-results__option--highlighted")
    page.keyboard.press("Enter")
    type_in(page, "#id_title_en", "Side event on food security")
    tab_to(page, "[aria-controls=tab_id_title_en]", backwards=True)
    page.keyboard.press("ArrowRight")
    page.wait_for_selector("#tab_id_title_fr", state="visible")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_title_fr"
    page.keyboard.type("Événement parallèle sur la sécurité alimentaire")
    type_in(page, "#id_slug", "side-event-food-security")
    type_in(page, "#id_starts_at_0", local_day.isoformat())
    type_in(page, "#id_starts_at_1", "18:00")
    type_in(page, "#id_ends_at_0", local_day.isoformat())
    type_in(page, "#id_ends_at_1", "19:00")
    tab_to(page, "input[name=_save]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "was added successfully" in page.locator(".messagelist").inner_text()
    with django_db_blocker.unblock():
        assert Session.objects.filter(meeting=demo.meeting, slug="side-event-food-security").exists()

    # 2. Accredit a registered participant with the admin action: the row's box ticked with Space, the action
    #    chosen with the arrow keys, "Go" pressed with Enter.
    with django_db_blocker.unblock():
        participant = (
            Participant.objects.filter(meeting=demo.meeting, status=Participant.Status.REGISTERED)
            .order_by("pk")
            .first()
        )
    assert participant is not None, "the demo has no registered participant to accredit"
    page.goto(f"{demo.url}/admin/participants/participant/?meeting__id__exact={demo.meeting.pk}")
    tab_to(page, f"input.action-select[value='{participant.pk}']")
    page.keyboard.press("Space")
    choose_option(page, "select[name=action]", "mark_accredited")
    tab_to(page, "button[name=index]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "accredited" in page.locator(".messagelist").inner_text()
    with django_db_blocker.unblock():
        participant.refresh_from_db()
    assert participant.status == Participant.Status.ACCREDITED

    # 3. Print the participant's badge: the same row, the badge action, a PDF back.
    tab_to(page, f"input.action-select[value='{participant.pk}']")
    page.keyboard.press("Space")
    choose_option(page, "select[name=action]", "print_badges")
    tab_to(page, "button[name=index]")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.keyboard.press("Enter")
    assert answer.value.headers["content-type"] == "application/pdf"

    # 4. Check the participant in by the badge's code typed at the desk; the focus stays in the field for the next.
    with django_db_blocker.unblock():
        participant.refresh_from_db()
        token = participant_checkin_token(participant=participant)
    page = page.context.new_page()  # the first one shows the PDF in Chromium's viewer
    page.goto(f"{demo.url}/admin/participants/participant/checkin/{demo.meeting.pk}/")
    type_in(page, "#checkin-token", token)
    page.keyboard.press("Enter")  # one key: the desk's script checks the badge in and says so
    page.wait_for_selector("#checkin-status.success")
    assert "checked in at" in page.locator("#checkin-status").inner_text()
    with django_db_blocker.unblock():
        participant.refresh_from_db()
    assert participant.status == Participant.Status.ATTENDED
    tab_to(page, "#checkin-token")
    tab_to(page, "#logout-form button, a[href$='/admin/']", backwards=True)
    # Chromium's PDF viewer loads its own chrome:// resources for the badges: nothing leaves the machine.
    assert [url for url in outside_requests if not url.startswith(("chrome://", "chrome-extension://"))] == []
