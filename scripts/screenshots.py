"""Take the screenshots of docs/screenshots/ from the demo, in Debian's Chromium. Not a test.

    .venv/bin/python scripts/screenshots.py [--output docs/screenshots]

It loads the demo into a throw-away SQLite database in a temporary folder, serves it with Django's live server and
photographs: the agenda of the demo meeting in English, French and Arabic on a 1280-pixel desktop and a 360-pixel
phone; the other public pages (meeting, session, time grid, search, agreement); the delegate's walk on a phone, with
the clock set to 10:30 in Astana on the meeting's first day (now / next, two sessions starred, "my agenda"); and the
back office (admin home, a meeting's workspace, lists, dashboard, import; the check-in desk on a 390-pixel phone).
`--part agenda` or `--part back-office` takes one set only.
Playwright drives /usr/bin/chromium; it never downloads a browser. Pages may not ask any host but this one.
"""

import argparse
import datetime
import io
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 780}}
LANGUAGES = ("en", "fr", "ar")
MEETING_SLUG = "16th-un-oic-general-meeting-astana-2024"
LOCAL_HOSTS = {"localhost", "127.0.0.1"}
FITS_THE_WIDTH = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
# 10:30 in Astana (UTC+05:00) on 22 July 2024: the opening ceremony is on, working session I is next.
DURING_THE_OPENING = datetime.datetime(2024, 7, 22, 5, 30, tzinfo=datetime.UTC)
MEETING = f"meetings/{MEETING_SLUG}/"
PUBLIC_PAGES = {
    # name: (language, device, path)
    "meeting-en-desktop": ("en", "desktop", MEETING),
    "session-ar-phone": ("ar", "phone", f"{MEETING}sessions/opening-ceremony/"),
    "agenda-grid-en-desktop": ("en", "desktop", f"{MEETING}agenda/?view=grid"),
    "agenda-grid-fr-desktop": ("fr", "desktop", f"{MEETING}agenda/?view=grid"),
    "search-ar-phone": ("ar", "phone", "search/?q=استانا"),
    "search-fr-desktop": ("fr", "desktop", "search/?q=securite"),
    "agreement-fr-phone": ("fr", "phone", "agreements/iofs-fao-letter-of-intent-2024/"),
}


def setup_django(folder):
    """Django on a fresh SQLite database in `folder`, in development mode (static files from the finders)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'demo.sqlite3'}"
    os.environ["DJANGO_MEDIA_ROOT"] = str(folder / "media")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())


def start_server():
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    server = LiveServerThread("localhost", static_handler=StaticFilesHandler)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return server


class Camera:
    """One Chromium for every screenshot; each shot in a fresh context that may ask nothing of another host."""

    def __init__(self, playwright, url, output):
        self.browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        self.url, self.output, self.problems = url, output, []

    def _guard(self, route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.problems.append(f"blocked a request to {route.request.url}")
            route.abort()

    def page(self, device, **options):
        context = self.browser.new_context(viewport=VIEWPORTS[device], **options)
        context.route("**/*", self._guard)
        return context.new_page()

    def shoot(self, page, name, device, *, full_page=True):
        from PIL import Image

        path = self.output / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        if not page.evaluate(FITS_THE_WIDTH):
            self.problems.append(f"{path.name}: the page scrolls sideways")
        with Image.open(path) as image:
            if image.width != VIEWPORTS[device]["width"]:
                self.problems.append(f"{path.name} is {image.width} px wide, not {VIEWPORTS[device]['width']}")
        print(f"wrote {path.relative_to(BASE_DIR) if path.is_relative_to(BASE_DIR) else path}")

    def close(self):
        self.browser.close()


def take_agenda(camera):
    """The agenda in each language, on a desktop and a phone (the README's six)."""
    for language in LANGUAGES:
        for device in VIEWPORTS:
            page = camera.page(device)
            page.goto(f"{camera.url}/{language}/{MEETING}agenda/")
            camera.shoot(page, f"agenda-{language}-{device}", device)
            page.context.close()


def take_public_pages(camera):
    """The other public pages a delegate reads."""
    for name, (language, device, path) in PUBLIC_PAGES.items():
        page = camera.page(device)
        page.goto(f"{camera.url}/{language}/{path}")
        camera.shoot(page, name, device)
        page.context.close()


def take_delegate_walk(camera):
    """The delegate's phone during the opening: now / next, two sessions starred, then only "my agenda"."""
    page = camera.page("phone", timezone_id="Asia/Almaty")
    page.clock.set_fixed_time(DURING_THE_OPENING)
    page.goto(f"{camera.url}/en/{MEETING}agenda/")
    camera.shoot(page, "walk-1-agenda-now-next-phone", "phone", full_page=False)
    stars = page.locator("[data-star]")
    stars.nth(0).click()
    stars.nth(2).click()
    page.locator(".agenda-tools summary").click()
    page.get_by_role("button", name="Show only my agenda").click()
    camera.shoot(page, "walk-2-my-agenda-phone", "phone")
    page.context.close()


def take(url, output):
    """Every screenshot; returns the problems found (outside requests, overflow)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        camera = Camera(playwright, url, output)
        try:
            take_agenda(camera)
            take_public_pages(camera)
            take_delegate_walk(camera)
        finally:
            camera.close()
    return camera.problems


# The back office (issue 14): the officer's pages on a 1280-pixel desktop, and the check-in desk on a phone.
BACK_OFFICE_USER, BACK_OFFICE_PASSWORD = "screenshots", "screenshots-password"
PHONE_390 = {"width": 390, "height": 844}


def back_office_pages(meeting_id):
    """(file name, path, viewport) of each back-office screenshot."""
    desktop = VIEWPORTS["desktop"]
    of_meeting = f"?meeting__id__exact={meeting_id}"
    return [
        ("admin-home-desktop.png", "/admin/", desktop),
        ("admin-workspace-desktop.png", f"/admin/meetings/meeting/{meeting_id}/workspace/", desktop),
        ("admin-participants-desktop.png", f"/admin/participants/participant/{of_meeting}", desktop),
        ("admin-sessions-desktop.png", f"/admin/working_sessions/session/{of_meeting}", desktop),
        ("admin-dashboard-desktop.png", f"/admin/meetings/meeting/{meeting_id}/dashboard/", desktop),
        ("admin-import-desktop.png", "/admin/participants/participant/import/", desktop),
        ("admin-checkin-phone.png", f"/admin/participants/participant/checkin/{meeting_id}/", PHONE_390),
    ]


def take_back_office(url, output):
    """Sign in as a throw-away officer and photograph the back office; returns the problems found."""
    from django.contrib.auth import get_user_model
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from playwright.sync_api import sync_playwright

    from meetings.models import Meeting

    user = get_user_model().objects.create_superuser(BACK_OFFICE_USER, "screenshots@example.org", BACK_OFFICE_PASSWORD)
    # The back office asks superusers for a second factor: an authenticator app enrolled for this officer.
    device = TOTPDevice.objects.create(user=user, name="screenshots", confirmed=True)
    meeting_id = Meeting.objects.get(slug=MEETING_SLUG).pk
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            # Signed in once (password, then the app's code); every page's context starts from that session.
            signing_in = browser.new_context()
            page = signing_in.new_page()
            page.goto(f"{url}/admin/login/")
            page.fill("#id_username", BACK_OFFICE_USER)
            page.fill("#id_password", BACK_OFFICE_PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_url("**/admin/two-factor/verify/**")
            page.fill("#id_code", f"{TOTP(device.bin_key).token():06d}")
            page.click("input[type=submit]")
            page.wait_for_url(f"{url}/admin/")
            session = signing_in.storage_state()
            signing_in.close()
            for name, path, viewport in back_office_pages(meeting_id):
                context = browser.new_context(viewport=viewport, storage_state=session)
                context.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if (urlsplit(route.request.url).hostname or "") in LOCAL_HOSTS
                        else (problems.append(f"blocked a request to {route.request.url}"), route.abort())
                    ),
                )
                page = context.new_page()
                page.goto(f"{url}{path}")
                page.wait_for_load_state("load")
                page.screenshot(path=str(output / name), full_page=True)
                if not page.evaluate(FITS_THE_WIDTH):
                    problems.append(f"{name}: the page scrolls sideways")
                print(f"wrote {output / name}")
                context.close()
        finally:
            browser.close()
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=BASE_DIR / "docs" / "screenshots", help="folder to write to")
    parser.add_argument(
        "--part", choices=("all", "agenda", "back-office"), default="all", help="which screenshots to take"
    )
    arguments = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    output = arguments.output.resolve()
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="convene-screenshots-") as folder:
        setup_django(Path(folder))
        # Playwright's sync API runs an event loop in this thread; Django would otherwise refuse database calls.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        server = start_server()
        try:
            address = f"http://{server.host}:{server.port}"
            problems = []
            if arguments.part in ("all", "agenda"):
                problems += take(address, output)
            if arguments.part in ("all", "back-office"):
                problems += take_back_office(address, output)
        finally:
            server.terminate()
    if problems:
        raise SystemExit("\n".join(problems))


if __name__ == "__main__":
    main()
