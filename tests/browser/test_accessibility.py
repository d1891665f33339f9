"""WCAG 2.2 A and AA, checked by axe-core in Chromium on every public page and every admin page an officer uses.

axe-core (Deque, MPL-2.0) is vendored under tests/browser/axe/ at a pinned version (see its README): the tests need no
Node.js and no network, and the file is outside every static folder, so no page users get can load it. The browser
adds it to each document as it opens (an init script); a violation fails the test with its rule, the elements (CSS
selectors) and the page.

Each page in each language is its own test, checked at both widths: loaded once at the desktop width and checked,
then narrowed to the phone's and checked again (the layouts differ by CSS media queries only, which a resize applies
as a load at that width would). The pages of one language share one browser context (the admin's: one signed-in
session), and the module one live server of the demo.
"""

import hashlib
import json
import os
from pathlib import Path

import pytest

from tests.conftest import DESKTOP, record_outside_requests, sign_in_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db]  # the demo fixture is committed; tests only read it

AXE = Path(__file__).parent / "axe" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
PHONE_390 = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE_390}
NARROW = "(max-width: 40rem)"  # the breakpoint of the site's narrow-screen layout (static/css/convene.css)
LANGUAGES = ["en", "fr", "ar"]

PUBLIC_PAGES = [
    "home",
    "meeting",
    "agenda",
    "agenda_grid",
    "session",
    "participants",
    "organization",
    "person",
    "agreements",
    "instrument",
    "search",
]

# Every model of the domain apps registered in the admin (app_label, model_name).
ADMIN_MODELS = [
    ("meetings", "meetingseries"),
    ("meetings", "meeting"),
    ("meetings", "theme"),
    ("meetings", "topic"),
    ("meetings", "document"),
    ("participants", "organization"),
    ("participants", "person"),
    ("participants", "position"),
    ("participants", "delegation"),
    ("participants", "participant"),
    ("working_sessions", "room"),
    ("working_sessions", "session"),
    ("working_sessions", "sessionrole"),
    ("working_sessions", "sessiontype"),
    ("agreements", "instrument"),
    ("agreements", "party"),
    ("agreements", "signature"),
    ("agreements", "commitment"),
    ("agreements", "commitmentupdate"),
    ("api", "apikey"),
]
ADMIN_PAGES = [f"{app}.{model}.{view}" for app, model in ADMIN_MODELS for view in ("changelist", "add", "change")]
SECRETARIAT_TOOLS = [
    "index",
    "dashboard",
    "import",
    "export",
    "badges",
    "checkin-choose",
    "checkin",
    "followup-choose",
    "followup",
    "prepare-next",
    "workspace",
    "import-programme",
    "jobs",
]
SECRETARIAT_USER, SECRETARIAT_PASSWORD = "officer", "officer-password-for-axe"


def public_path(demo, name):
    from core.access import Access
    from participants.models import Organization, Person

    meeting = f"meetings/{demo.meeting.slug}/"
    if name == "organization":
        organization = Organization.objects.visible_to(Access.anonymous()).order_by("pk").first()
        return f"organizations/{organization.slug}/"
    if name == "person":
        person = Person.objects.visible_to(Access.anonymous()).order_by("pk").first()
        return f"people/{person.slug}/"
    return {
        "home": "",
        "meeting": meeting,
        "agenda": f"{meeting}agenda/",
        "agenda_grid": f"{meeting}agenda/?view=grid",
        "session": f"{meeting}sessions/{demo.session.slug}/",
        "participants": f"{meeting}participants/",
        "agreements": "agreements/",
        "instrument": f"agreements/{demo.instrument.slug}/",
        "search": "search/?q=food",
    }[name]


def admin_path(demo, name):
    """The admin page `name` (app.model.view or a secretariat tool) for the demo meeting."""
    from django.apps import apps
    from django.urls import reverse

    meeting_id = demo.meeting.pk
    tools = {
        "index": lambda: reverse("admin:index"),
        "dashboard": lambda: reverse("admin:meetings_meeting_dashboard", args=[meeting_id]),
        "import": lambda: reverse("admin:participants_participant_import"),
        "export": lambda: reverse("admin:participants_participant_export") + f"?meeting={meeting_id}",
        # Badges are printed by an action of the participant list: the list filtered to the meeting, the action chosen.
        "badges": lambda: reverse("admin:participants_participant_changelist") + f"?meeting__id__exact={meeting_id}",
        "checkin-choose": lambda: reverse("admin:participants_participant_checkin_choose"),
        "checkin": lambda: reverse("admin:participants_participant_checkin", args=[meeting_id]),
        "followup-choose": lambda: reverse("admin:agreements_commitment_followup_choose"),
        "followup": lambda: reverse("admin:agreements_commitment_followup", args=[meeting_id]),
        "prepare-next": lambda: reverse("admin:meetings_meeting_prepare_next", args=[meeting_id]),
        "workspace": lambda: reverse("admin:meetings_meeting_workspace", args=[meeting_id]),
        "import-programme": lambda: reverse("admin:meetings_meeting_import_programme", args=[meeting_id]),
        "jobs": lambda: reverse("admin:secretariat_job_changelist"),
    }
    if name in tools:
        return tools[name]()
    app, model, view = name.split(".")
    if view != "change":
        return reverse(f"admin:{app}_{model}_{view}")
    instance = apps.get_model(app, model).objects.order_by("pk").first()
    return reverse(f"admin:{app}_{model}_change", args=[instance.pk])


def give_every_model_a_record(demo):
    """A record for the change page of each model the demo leaves empty."""
    from agreements.models import Commitment
    from api.models import ApiKey
    from participants.models import Organization
    from tests.factories import CommitmentUpdateFactory, DocumentFactory

    if not ApiKey.objects.exists():
        organization = Organization.objects.order_by("pk").first()
        ApiKey.objects.create(name="Partner portal", organization=organization, prefix="axe", key_hash="-")
    DocumentFactory(meeting=demo.meeting, title_en="Information note")
    CommitmentUpdateFactory(commitment=Commitment.objects.order_by("pk").first(), meeting=demo.meeting)


class Browser:
    """One context per (kind, language), opened on first use and kept for the module."""

    def __init__(self, chromium, demo):
        self.chromium, self.demo = chromium, demo
        self.pages = {}
        self.outside_requests = []

    def page(self, kind, language):
        key = (kind, language)
        if key not in self.pages:
            context = self.chromium.new_context(viewport=DESKTOP, locale=language)
            record_outside_requests(context, self.outside_requests)
            add_axe(context)
            page = context.new_page()
            page.set_default_timeout(20_000)
            if kind == "admin":
                with self.django_db_blocker.unblock():
                    sign_in_in_browser(page, self.demo.url, SECRETARIAT_USER, SECRETARIAT_PASSWORD)
            self.pages[key] = page
        return self.pages[key]

    def close(self):
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def browser(chromium, demo, django_db_blocker):
    from django.contrib.auth import get_user_model

    from core.roles import ensure_secretariat_group

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(
            SECRETARIAT_USER, password=SECRETARIAT_PASSWORD, is_staff=True, first_name="Axe", last_name="Officer"
        )
        user.groups.add(ensure_secretariat_group())
        give_every_model_a_record(demo)
    browser = Browser(chromium, demo)
    browser.django_db_blocker = django_db_blocker
    yield browser
    browser.close()
    assert browser.outside_requests == []


def add_axe(context):
    """axe-core in every document the browser context opens from now on.

    The browser evaluates it before the page's own scripts (an init script, outside the page's Content-Security-
    Policy, which stays in force); the site never sees it.
    """
    context.add_init_script(path=AXE)


def axe_violations(page):
    """axe-core's violations on the page as it is now."""
    return page.evaluate(AXE_RUN, WCAG_TAGS)["violations"]


def describe(violations, url):
    lines = [f"{len(violations)} axe-core violation(s) of WCAG 2.2 A/AA on {url}:"]
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = ", ".join(targets[:8]) + (f", … ({len(targets)} in all)" if len(targets) > 8 else "")
        lines.append(f"  {violation['id']} ({violation['impact']}, {len(targets)}): {violation['help']} → {shown}")
    return "\n".join(lines)


def check(page, url):
    """The page at each width in turn, from one load: no violation at any of them."""
    page.set_viewport_size(DESKTOP)
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    page.wait_for_load_state("load")
    found_at = {}
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        # The resize took: the window has the width, and the site's narrow-screen rules (static CSS) apply or not.
        assert page.evaluate(f"[innerWidth, matchMedia('{NARROW}').matches]") == [
            viewport["width"],
            width == "phone",
        ], f"{url} was not laid out at the {width} width"
        violations = axe_violations(page)
        if report := os.environ.get("CONVENE_AXE_REPORT"):  # a JSON line per page, to count the violations by rule
            with open(report, "a") as stream:
                found = {v["id"]: [" ".join(map(str, node["target"])) for node in v["nodes"]] for v in violations}
                stream.write(json.dumps({"url": url, "width": width, "violations": found}) + "\n")
        if violations:
            found_at[width] = describe(violations, f"{page.url} ({width}, {viewport['width']} px)")
    assert not found_at, "\n".join(found_at.values())


def test_axe_core_is_the_pinned_version():
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256
    assert AXE.read_text()[:40].startswith(f"/*! axe v{AXE_VERSION}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_axe_violation(demo, browser, django_db_blocker, name, language):
    page = browser.page("public", language)
    with django_db_blocker.unblock():
        path = public_path(demo, name)
    check(page, f"{demo.url}/{language}/{path}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", SECRETARIAT_TOOLS + ADMIN_PAGES)
def test_admin_page_has_no_axe_violation(demo, browser, django_db_blocker, name, language):
    page = browser.page("admin", language)
    with django_db_blocker.unblock():
        path = admin_path(demo, name)
    check(page, f"{demo.url}{path}")


def test_the_audit_names_what_a_broken_page_gets_wrong_and_what_it_fetches_from_outside(chromium):
    """The machinery of the tests above, on a page made to fail: axe-core present, the rules named, and a request
    for another machine recorded (and failed by the browser's proxy) rather than sent."""
    outside = []
    context = chromium.new_context(viewport=DESKTOP, locale="en")
    record_outside_requests(context, outside)
    add_axe(context)
    failed = []
    context.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page = context.new_page()
        page.set_content(
            '<html lang="en"><title>Broken</title><main><img src="http://203.0.113.7/logo.png">'
            '<p style="color: #bbb; background: #fff">Faint text</p><input type="text"></main></html>',
            wait_until="load",
        )
        found = {violation["id"] for violation in axe_violations(page)}
    finally:
        context.close()
    assert {"image-alt", "color-contrast", "label"} <= found
    assert outside == ["http://203.0.113.7/logo.png"]
    assert failed == ["http://203.0.113.7/logo.png"]
