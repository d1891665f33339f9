"""A database outage is a 503, never a 500, and the app recovers when the database returns, without a restart.

The test starts its own throwaway PostgreSQL cluster (initdb into a temporary folder, a free port), migrates it,
serves Convene from it with gunicorn, stops the cluster, probes, starts it again and probes again. It never touches
the machine's main cluster.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")

pytestmark = pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason="PostgreSQL 15 server binaries not found")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayCluster:
    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()

    def _run(self, *command, check=True):
        # initdb and postgres refuse to run as root: as root, run them as the postgres system user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(prefix + [str(part) for part in command], check=check, capture_output=True, timeout=60)

    def init(self):
        if os.geteuid() == 0:
            shutil.chown(self.folder, user="postgres")
        self._run(PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "convene", "-E", "UTF8", "--no-sync")

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-o", options, "-l", self.folder / "log", "-w", "start")

    def stop(self):
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)

    def url(self, database="convene"):
        return f"postgres://convene@127.0.0.1:{self.port}/{database}"


def get(url, language="en"):
    request = urllib.request.Request(url, headers={"Accept-Language": language})  # noqa: S310 - http:// only
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - a local test server
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def stack():
    # Not under pytest's tmp_path: as root, that folder is private to root and the postgres user couldn't reach it.
    folder = Path(tempfile.mkdtemp(prefix="convene-outage-"))
    cluster = ThrowawayCluster(folder)
    cluster.init()
    cluster.start()
    server = None
    try:
        cluster._run(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", cluster.port, "-U", "convene", "convene")
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings_test",
            "DATABASE_URL": cluster.url(),
            "REDIS_URL": "",
        }
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=BASE_DIR,
            env=environment,
            check=True,
            capture_output=True,
            timeout=300,
        )
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1"],
            cwd=BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        for _attempt in range(100):
            try:
                if get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer /healthz")
        yield cluster, base
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_outage_is_a_503_everywhere_and_the_app_recovers_without_restart(stack):
    cluster, base = stack
    assert get(base + "/en/")[0] == 200
    assert get(base + "/api/v1/meetings/")[0] == 200

    cluster.stop()

    status, headers, body = get(base + "/healthz")
    assert status == 503
    assert json.loads(body)["reason"].startswith("database unreachable")

    status, headers, body = get(base + "/fr/")
    assert status == 503
    assert 'lang="fr"' in body
    assert "Convene ne parvient pas à joindre sa base de données" in body
    assert headers["Retry-After"] == "30"

    status, headers, body = get(base + "/ar/search/?q=x")
    assert status == 503
    assert 'dir="rtl"' in body

    status, headers, body = get(base + "/api/v1/meetings/")
    assert status == 503
    assert headers["Content-Type"] == "application/json"
    assert headers["Retry-After"] == "30"
    assert json.loads(body)["reason"] == "database unavailable"

    cluster.start()

    assert get(base + "/healthz")[0] == 200
    assert get(base + "/en/")[0] == 200
    assert get(base + "/api/v1/meetings/")[0] == 200
