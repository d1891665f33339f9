"""`make prod`'s stack (scripts/prod.py): nginx in front of gunicorn holds idle clients, serves static and media files.

The stack runs as it does for `make prod`, under a temporary prefix, on a free port, with a fresh SQLite database;
the test talks to it over TCP only.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings

# Its four tests share one stack (migrations, nginx, gunicorn, a worker: some 12 s to build): one worker runs them.
pytestmark = pytest.mark.together

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
IDLE_CONNECTIONS = 50
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

# Two documents of one meeting, one published, one not, stored as the admin stores them; prints their URLs.
DOCUMENTS = f"""
PDF = {PDF!r}
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.factories import DocumentFactory, MeetingFactory
meeting = MeetingFactory()
for published in (True, False):
    document = DocumentFactory.build(meeting=meeting, is_published=published)
    document.file_en = SimpleUploadedFile("agenda.pdf", PDF)
    document.full_clean()
    document.save()
    print(document.file_en.url)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, timeout=10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our own 127.0.0.1 server
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail(f"nginx is not installed at {NGINX} (apt-get install nginx)")
    folder = tmp_path_factory.mktemp("prod")
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CONVENE_"))}
    environment.pop("REDIS_URL", None)
    environment.update(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_STATIC_ROOT=str(django_settings.STATIC_ROOT),
        DJANGO_SECRET_KEY="tests-only-secret-key-not-for-production",
        CONVENE_THROTTLE_DIR=str(folder / "throttles"),
    )
    django_environment = {**environment, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "0"}
    run = {"env": django_environment, "cwd": django_settings.BASE_DIR, "capture_output": True, "text": True}

    arguments = ["--port", str(port), "--prefix", str(folder / "prefix"), "--workers", "2", "--skip-collectstatic"]
    log = folder / "stack.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "scripts/prod.py", *arguments],
            env=environment,
            cwd=django_settings.BASE_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 300
        while "is serving on" not in log.read_text():
            assert process.poll() is None, "The stack did not start:\n" + log.read_text()
            assert time.monotonic() < deadline, "The stack did not start within 300 s:\n" + log.read_text()
            time.sleep(0.5)
        # The stack migrated its database before serving; the documents are stored as the admin stores them.
        made = subprocess.run([sys.executable, "-c", DOCUMENTS], **run)
        assert made.returncode == 0, made.stderr
        documents = made.stdout.split()
        yield {"url": f"http://127.0.0.1:{port}", "prefix": folder / "prefix", "documents": documents}
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
    assert process.returncode == 0, log.read_text()
    assert "Convene's production stack stopped." in log.read_text()


def test_fifty_idle_connections_do_not_delay_healthz(stack):
    port = int(stack["url"].rsplit(":", 1)[1])
    idle = []
    try:
        for _index in range(IDLE_CONNECTIONS):
            connection = socket.create_connection(("127.0.0.1", port))
            connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the end of the headers
            idle.append(connection)

        # A client timeout, not a measurement: without nginx, the answer never comes while the sockets are open.
        status, headers, body = get(f"{stack['url']}/healthz", timeout=10)
        page_status, _headers, _body = get(f"{stack['url']}/en/", timeout=10)
    finally:
        for connection in idle:
            connection.close()

    assert (status, json.loads(body)) == (200, {"status": "ok"})
    assert headers["Server"] == "nginx"
    assert page_status == 200


def test_the_same_idle_connections_straight_to_gunicorn_stall_it(stack):
    """What nginx prevents: gunicorn's sync workers, reached directly, wait on the idle sockets."""
    socket_path = str(stack["prefix"] / "gunicorn.sock")
    idle = []
    try:
        for _index in range(IDLE_CONNECTIONS):
            connection = socket.socket(socket.AF_UNIX)
            connection.connect(socket_path)
            idle.append(connection)
        probe = socket.socket(socket.AF_UNIX)
        probe.settimeout(1)  # healthz answers in milliseconds when a worker is free
        probe.connect(socket_path)
        probe.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        with pytest.raises(TimeoutError):
            probe.recv(100)
        probe.close()
    finally:
        for connection in idle:
            connection.close()


def test_static_files_come_from_nginx_with_a_long_cache(stack):
    manifest = json.loads((Path(django_settings.STATIC_ROOT) / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/convene.css"]

    status, headers, body = get(f"{stack['url']}/static/{hashed}")

    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Content-Security-Policy" not in headers  # nginx answered; Django adds it to all it serves
    assert body == (Path(django_settings.STATIC_ROOT) / hashed).read_bytes()


def test_published_media_is_sent_by_nginx_after_the_check_and_unpublished_is_not(stack):
    published, unpublished = stack["documents"]

    status, headers, body = get(f"{stack['url']}{published}")
    refused, _headers, refused_body = get(f"{stack['url']}{unpublished}")
    internal, _headers, _body = get(f"{stack['url']}/internal-media/{unpublished.removeprefix('/media/')}")

    assert (status, body) == (200, PDF)
    assert headers["Content-Disposition"].startswith("attachment;")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Accel-Redirect" not in headers
    assert refused == 404
    assert PDF not in refused_body
    assert internal == 404
