"""Fixtures for the whole suite: temporary media, the demo loaded once, live servers, Debian's Chromium."""

import contextlib
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test.testcases import QuietWSGIRequestHandler
from pytest_django import live_server_helper

CHROMIUM = Path("/usr/bin/chromium")
# Every request for a host other than this machine goes to a proxy on a port nothing answers (the discard port), so it
# fails at once, and `record_outside_requests` names it; Chromium never sends the loopback through a proxy.
NOWHERE = "http://127.0.0.1:9"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    f"--proxy-server={NOWHERE}",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}


@pytest.fixture(scope="session", autouse=True)
def _no_session_outlives_the_run(django_db_setup, django_db_blocker):
    """At the end, close this process's connections and end any other session on the test database, naming it.

    pytest-django then drops the test database, which PostgreSQL refuses while anyone is connected; a thread of a
    test that forgot its connection must not turn a green run red after its last test.
    """
    yield
    connections.close_all()
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, left(query, 200) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for pid, application, state, query in cursor.fetchall():
            print(f"\nA session outlived the run and is ended: pid {pid} {application!r} {state}: {query}")
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    connections.close_all()


def confirmed_totp_device(user):
    """The user's TOTP device, enrolled and confirmed as the enrolment page leaves it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def totp_code(device, offset_steps=0):
    """The six-digit code an authenticator app shows now for the device (or offset_steps periods away)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in_with_second_factor(client, user):
    """force_login, then what django_otp.login records after a right code: the session names the confirmed device."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = confirmed_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def fresh_totp_code(user):
    """A code of the user's confirmed device (enrolled if needed) that the next sign-in accepts.

    A code is good once: django-otp keeps the last period used (`last_t`) and accepts one period either side of
    now. This period's code, or else the next period's, whichever is newer than the last one used; when both were
    used (a third sign-in within 30 seconds), wait for the next period. Nothing is written, so that a live server
    sees the same device whatever the test's transaction.
    """
    import time

    from django_otp.oath import TOTP

    device = confirmed_totp_device(user)
    device.refresh_from_db()
    while True:
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        for offset in (0, 1):
            if totp.t() + offset > device.last_t:
                return totp_code(device, offset_steps=offset)
        time.sleep(device.step - (totp.time - device.t0) % device.step + 0.5)


def sign_in_in_browser(page, url, username, password, *, keyboard=False):
    """The admin's sign-in in the browser: user name and password, then the TOTP code the next page asks for.

    On the enrolment page (no device yet), the code is computed from the secret the page shows, as an
    authenticator app would; on the verification page, from the user's device.
    """
    import base64

    from django.contrib.auth import get_user_model
    from django_otp.oath import TOTP

    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    if keyboard:
        page.keyboard.press("Enter")
    else:
        page.click("input[type=submit]")
    page.wait_for_url(lambda address: "/admin/login/" not in address)
    if "/admin/two-factor/setup/" in page.url:
        secret = base64.b32decode(page.locator("#totp-secret").inner_text().replace(" ", ""))
        code = f"{TOTP(secret).token():06d}"
    elif "/admin/two-factor/verify/" in page.url:
        code = fresh_totp_code(get_user_model().objects.get(username=username))
    else:
        code = None
    if code is not None:
        if keyboard:
            page.keyboard.type(code)
            page.keyboard.press("Enter")
        else:
            page.fill("#id_code", code)
            page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's superuser client (a client of its own), past the second factor superusers give."""
    from django.test import Client

    return sign_in_with_second_factor(Client(), admin_user)


def answered_early(response):
    """Whether core/http_cache.py answered before the middleware: SessionMiddleware never gave the request a session."""
    return not hasattr(response.wsgi_request, "session")


def headers_except(response, names):
    """Every header as sent, in order, but `names` (those of the request itself, such as its id)."""
    return [(name, value) for name, value in response.items() if name not in names]


@pytest.fixture(autouse=True)
def _empty_answer_cache():
    """Cached pages are keyed by content versions, which a rolled-back test database gives out again: start empty
    (and with no request counted by the throttles)."""
    caches[django_settings.CONVENE_ANSWER_CACHE].clear()
    caches[django_settings.CONVENE_THROTTLE_CACHE].clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request or an override in an earlier test must not leave another
    language active for this one (Django's active language belongs to the thread)."""
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


# xdist's scheduling by scope (loadscope, loadfile, loadgroup) keys the tests by node id, and schemathesis' tests
# (one per API operation) share theirs under pytest 9: all but one operation would silently not run. `make test`
# uses the default `load`, which sends tests by position.
SCHEDULING_BY_NODE_ID = ("loadscope", "loadfile", "loadgroup")


def pytest_xdist_node_collection_finished(node, ids):
    """On xdist's controller, with each worker's list of node ids: refuse a scheduling that would drop tests."""
    dist = node.config.getoption("dist")
    if dist in SCHEDULING_BY_NODE_ID and len(set(ids)) < len(ids):
        raise pytest.UsageError(
            f"--dist {dist} would run one test of each group sharing a node id (schemathesis' operations): "
            "use --dist load."
        )


def pytest_collection_modifyitems(items):
    """In each module, the tests that read the module's demo (`demo_db`) run after those that do not; the modules
    marked `together` come first.

    The demo stays loaded from the first test that asks for it to the module's end, so no test that expects an
    empty database may come after it in the module (with xdist too: every worker runs its tests in this order).

    xdist's `load` scheduling first sends each worker a run of consecutive tests (a quarter of its share, about 200
    here) before handing out the rest a few at a time: the few tests of a `together` module, at the front, all go to
    the first worker, which builds their module fixture (a whole production stack) once instead of on each worker.
    """
    modules = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::")[0], len(modules))
    items.sort(
        key=lambda item: (
            item.get_closest_marker("together") is None,
            modules[item.nodeid.split("::")[0]],
            "demo_db" in item.fixturenames,
        )
    )


@contextlib.contextmanager
def rolled_back(django_db_blocker):
    """An outer transaction for a whole module: each test's own transaction nests in it as a savepoint."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


_demo_loaded = set()


@pytest.fixture(scope="module")
def demo_db(request, django_db_setup, django_db_blocker):
    """`manage.py load_demo` run once for the module, for tests that only read it (or whose writes roll back).

    Each test still runs in its own transaction, rolled back at its end; the demo is rolled back at the module's end.
    """
    with rolled_back(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("load_demo", verbosity=0)
        _demo_loaded.add(request.node.nodeid)
        yield
        _demo_loaded.discard(request.node.nodeid)


@pytest.fixture(autouse=True)
def _demo_only_where_asked(request):
    """A test that did not ask for the demo never runs while a module's demo is loaded."""
    if _demo_loaded and "demo_db" not in request.fixturenames:
        pytest.fail(f"{request.node.nodeid} runs while the demo is loaded for {sorted(_demo_loaded)}.")


class OneRequestPerConnection(QuietWSGIRequestHandler):
    """HTTP/1.0: the server closes each connection after its answer.

    With keep-alive, a request thread waits on Chromium's idle socket long after the test; its database connection
    (PostgreSQL gives each thread its own) then outlives the server and the test database cannot be dropped.
    """

    protocol_version = "HTTP/1.0"


class LiveServer(live_server_helper.LiveServer):
    """pytest-django's live server, with the static files served by WhiteNoise from the collected STATIC_ROOT.

    pytest-django serves them from the finders under their plain names; in production settings the pages link the
    hashed names of the manifest, which only the collected files have.
    """

    def __init__(self, addr):
        super().__init__(addr, start=False)
        thread = self.thread
        thread.static_handler = lambda application: application
        thread._create_server = lambda connections_override=None: thread.server_class(
            (thread.host, thread.port),
            OneRequestPerConnection,
            allow_reuse_address=False,
            connections_override=connections_override,
        )
        self.start()

    def stop(self):
        """Stop, and let the request threads close their connections before the SQLite one stops being shared."""
        self.thread.terminate()
        for thread in threading.enumerate():
            if thread.name.endswith("(process_request_thread)"):
                thread.join(timeout=10)
        for shared in self.thread.connections_override.values():
            shared.dec_thread_sharing()


def start_live_server(addr="localhost"):
    return LiveServer(addr)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's `live_server` (the test gets transactional_db), serving the collected static files."""
    server = start_live_server(request.config.getvalue("liveserver") or "localhost")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright, one for the whole run; Playwright never downloads a browser here.

    Browser tests skip only where Chromium is missing and CONVENE_REQUIRE_BROWSER is not set; CI sets it, so
    there a missing browser fails.
    """
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CONVENE_REQUIRE_BROWSER"):
            pytest.fail(message + " and CONVENE_REQUIRE_BROWSER is set.")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django would otherwise refuse database calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def record_outside_requests(context, found):
    """Add to `found` the address of every request a page of the browser context sends to another machine.

    A listener, not a route: a route (Playwright's `route()`) turns Chromium's HTTP cache off and holds every request
    until this process answers, so each page would fetch all its static files again, one round trip at a time. The
    browser's proxy (CHROMIUM_ARGS) makes such a request fail; the test then fails on the address recorded here.
    """

    def record(request):
        host = urlsplit(request.url).hostname or ""
        if not (request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS):
            found.append(request.url)

    context.on("request", record)


@pytest.fixture
def outside_requests():
    """Every request that a page tried to send to a host other than this machine (each one fails)."""
    return []


@pytest.fixture
def open_page(chromium, outside_requests):
    """open_page(viewport=DESKTOP) -> a new page whose context records the requests leaving this machine."""
    contexts = []

    def make(viewport=DESKTOP, **options):
        context = chromium.new_context(viewport=viewport, accept_downloads=True, **options)
        record_outside_requests(context, outside_requests)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()
