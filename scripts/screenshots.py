"""Take the README's agenda screenshots (docs/screenshots/) from the demo, in Debian's Chromium. Not a test.

    .venv/bin/python scripts/screenshots.py [--output docs/screenshots]

It loads the demo into a throw-away SQLite database in a temporary folder, serves it with Django's live server and
photographs the agenda of the demo meeting in English, French and Arabic, on a 1280-pixel desktop and a 360-pixel
phone. Playwright drives /usr/bin/chromium; it never downloads a browser. Pages may not ask any host but this one.
"""

import argparse
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


def take(url, output):
    """One full-page screenshot per language and device; returns the problems found (outside requests, overflow)."""
    from PIL import Image
    from playwright.sync_api import sync_playwright

    problems = []

    def guard(route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            problems.append(f"blocked a request to {route.request.url}")
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for language in LANGUAGES:
                for device, viewport in VIEWPORTS.items():
                    context = browser.new_context(viewport=viewport)
                    context.route("**/*", guard)
                    page = context.new_page()
                    page.goto(f"{url}/{language}/meetings/{MEETING_SLUG}/agenda/")
                    path = output / f"agenda-{language}-{device}.png"
                    page.screenshot(path=str(path), full_page=True)
                    if not page.evaluate(FITS_THE_WIDTH):
                        problems.append(f"{path.name}: the page scrolls sideways")
                    with Image.open(path) as image:
                        if image.width != viewport["width"]:
                            problems.append(f"{path.name} is {image.width} px wide, not {viewport['width']}")
                    print(f"wrote {path.relative_to(BASE_DIR) if path.is_relative_to(BASE_DIR) else path}")
                    context.close()
        finally:
            browser.close()
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=BASE_DIR / "docs" / "screenshots", help="folder to write to")
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
            problems = take(f"http://{server.host}:{server.port}", output)
        finally:
            server.terminate()
    if problems:
        raise SystemExit("\n".join(problems))


if __name__ == "__main__":
    main()
