"""Benchmark the public pages and the API as deployed: gunicorn + WhiteNoise, DEBUG off, driven by wrk.

Not a test: it builds data sets (scripts/bench_data.py), serves each with gunicorn (2 sync workers) on SQLite and
on PostgreSQL, drives every page with wrk, and writes docs/PERFORMANCE.md. For each page it reports req/s,
p50/p99 latency, queries per request (measured in-process, once, with the answer cache off), response bytes,
worker memory, and its ratio to the ceiling: a static file of the same size served by the same gunicorn and
WhiteNoise in the same run. Each page in English and Arabic, with the answer cache off (cold:
CONVENE_ANSWER_CACHE_SECONDS=0) and on (warm: the default).

    make bench                                   # every size, both databases, 10 s per page
    .venv/bin/python scripts/bench.py --quick    # 3 s per page
    .venv/bin/python scripts/bench.py --sizes demo large --databases sqlite --duration 5

Needs wrk (apt-get install wrk) and, for PostgreSQL, a server that lets the user create databases
(--postgres-url, default postgres://root@127.0.0.1:5432/convene_bench: dropped and created again).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
WRK = shutil.which("wrk") or "/usr/bin/wrk"
DEFAULT_POSTGRES = "postgres://root@127.0.0.1:5432/convene_bench"
SIZES = ("demo", "large", "xl")
LANGUAGES = ("en", "ar")

# name, label, URL template ({lang}, {meeting}, {session})
PAGES = [
    ("meeting", "meeting page", "/{lang}/meetings/{meeting}/"),
    ("agenda", "agenda", "/{lang}/meetings/{meeting}/agenda/"),
    ("session", "session page", "/{lang}/meetings/{meeting}/sessions/{session}/"),
    ("participants", "participants", "/{lang}/meetings/{meeting}/participants/"),
    ("registry", "registry", "/{lang}/agreements/"),
    ("ics", "agenda .ics", "/{lang}/meetings/{meeting}/agenda.ics"),
    ("api_sessions", "API sessions (100)", "/api/v1/sessions/?meeting={meeting}&page_size=100&lang={lang}"),
    ("api_participants", "API participants (100)", "/api/v1/participants/?meeting={meeting}&page_size=100&lang={lang}"),
    ("api_instruments", "API instruments (100)", "/api/v1/instruments/?page_size=100&lang={lang}"),
    ("schedule", "schedule.json", "/api/v1/meetings/{meeting}/schedule.json?lang={lang}"),
]

BENCH_SETTINGS = '''"""Written by scripts/bench.py: production settings with a throwaway STATIC_ROOT."""
import os
from pathlib import Path

from config.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
'''


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


# ---------------------------------------------------------------------------------------------------------------
# Environment and subprocesses


class Bench:
    def __init__(self, arguments):
        self.arguments = arguments
        self.tmp = Path(tempfile.mkdtemp(prefix="convene-bench-"))
        self.static_root = self.tmp / "static"
        (self.tmp / "bench_settings.py").write_text(BENCH_SETTINGS)
        self.base_env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(self.tmp), str(ROOT)]),
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "BENCH_STATIC_ROOT": str(self.static_root),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
            "DJANGO_LOG_LEVEL": "WARNING",
            # wrk speaks plain HTTP to gunicorn, as a proxy that ends TLS would: no redirect to https://.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            # The benchmark measures rendering, not the anonymous API throttle (120/minute by default).
            "CONVENE_API_ANON_RATE": "100000000/second",
        }
        self.base_env.pop("REDIS_URL", None)

    def env(self, database_url, **extra):
        return {**self.base_env, "DATABASE_URL": database_url, **extra}

    def run(self, command, env, **kwargs):
        result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, **kwargs)
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            raise SystemExit(f"failed: {' '.join(map(str, command))}")
        return result.stdout

    def manage(self, env, *args):
        return self.run([PYTHON, "manage.py", *args], env)

    def helper(self, env, *args):
        """Run this script's in-process helpers (build, probe, rename) in a child with Django set up."""
        return self.run([PYTHON, str(Path(__file__).resolve()), "--helper", *args], env)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with 2 sync workers, production settings."""

    def __init__(self, bench, env, name):
        self.port = free_port()
        self.log = open(bench.tmp / f"gunicorn-{name}.log", "w")  # noqa: SIM115 - closed in stop()
        command = [
            str(GUNICORN),
            "config.wsgi",
            "--workers",
            str(bench.arguments.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--timeout",
            "300",
        ]
        self.process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start; see {self.log.name}")
            time.sleep(0.3)
        # Wait until every worker is up, so the memory figures cover them all.
        while len(self.workers()) < bench.arguments.workers and time.monotonic() < deadline:
            time.sleep(0.2)

    def workers(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def worker_rss_mb(self):
        """Resident memory of each worker, in MB."""
        sizes = []
        for pid in self.workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
            if match:
                sizes.append(int(match.group(1)) / 1024)
        return sizes

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=300) as response:
            return response.read()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


# ---------------------------------------------------------------------------------------------------------------
# wrk

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(match.group(1)) * UNITS[match.group(2)] if match else None


def wrk(url, duration, connections, threads):
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "60s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    done = re.search(r"(\d+) requests in", output)
    if not done or int(done.group(1)) == 0:
        p50 = p99 = None  # nothing finished within the duration: wrk's percentiles are zeros
    return {
        "requests": int(done.group(1)) if done else 0,
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": _ms(p50.group(1)) if p50 else None,
        "p99_ms": _ms(p99.group(1)) if p99 else None,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }


# ---------------------------------------------------------------------------------------------------------------
# Helpers run in a child process with Django set up


def helper_main(argv):
    import django

    django.setup()
    command, *rest = argv
    if command == "build":
        print(json.dumps(helper_build(rest[0])))
    elif command == "probe":
        print(json.dumps(helper_probe(json.loads(rest[0]))))
    elif command == "rename":
        print(json.dumps(helper_rename(*rest)))
    else:
        raise SystemExit(f"unknown helper {command}")


def helper_build(size):
    if size == "demo":
        from django.core.management import call_command

        from demo.loader import MEETING_SLUG
        from sessions.models import Session

        call_command("load_demo", verbosity=0)
        sessions = list(
            Session.objects.public().filter(meeting__slug=MEETING_SLUG).order_by("starts_at", "id").values("slug")
        )
        return {"meeting": MEETING_SLUG, "session": sessions[len(sessions) // 2]["slug"]}
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_data import build

    return build(size)


def helper_probe(urls):
    """Queries and bytes of each URL, in-process: answer cache off (cold), then on (warm, second request)."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    results = {}
    with override_settings(CONVENE_ANSWER_CACHE_SECONDS=0):
        for url in urls:
            client.get(url)  # templates, translations and lazy imports loaded once
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            count = len(queries)  # now: the next request empties the connection's log
            cpu = []
            for _ in range(3):
                started = time.process_time()
                client.get(url)
                cpu.append((time.process_time() - started) * 1000)
            results[url] = {
                "status": response.status_code,
                "bytes": len(response.content),
                "queries": count,
                "cpu_ms": statistics.median(cpu),
            }
    caches["default"].clear()
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        results[url]["queries_warm"] = len(queries)
    return results


def helper_rename(meeting_slug, session_slug, title):
    from sessions.models import Session

    session = Session.objects.get(meeting__slug=meeting_slug, slug=session_slug)
    session.title_en = title
    session.save()  # through the ORM, signals included: the meeting's content version advances
    return {"session": session.pk}


# ---------------------------------------------------------------------------------------------------------------
# Databases


def postgres_admin(url, *statements):
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement.format(name=name))


class Database:
    """A migrated template, copied for each size so that every data set starts from an empty database."""

    def __init__(self, bench, kind):
        self.bench, self.kind = bench, kind
        if kind == "sqlite":
            self.template = bench.tmp / "template.sqlite3"
            self.template_url = f"sqlite:///{self.template}"
        else:
            self.url = bench.arguments.postgres_url
            self.template_url = self.url + "_template"
            postgres_admin(self.template_url, 'DROP DATABASE IF EXISTS "{name}"', 'CREATE DATABASE "{name}"')
        log(f"{kind}: migrate")
        bench.manage(bench.env(self.template_url), "migrate", "--no-input", "-v", "0")

    def fresh(self, size):
        """The URL of an empty, migrated database for this size."""
        if self.kind == "sqlite":
            path = self.bench.tmp / f"{size}.sqlite3"
            shutil.copyfile(self.template, path)
            return f"sqlite:///{path}"
        template = self.template_url.rpartition("/")[2]
        postgres_admin(
            self.url,
            'DROP DATABASE IF EXISTS "{name}"',
            f'CREATE DATABASE "{{name}}" TEMPLATE "{template}"',
        )
        return self.url

    def drop_template(self):
        if self.kind == "postgres":
            postgres_admin(self.template_url, 'DROP DATABASE IF EXISTS "{name}"')


# ---------------------------------------------------------------------------------------------------------------
# One database, one size


def page_urls(slugs):
    urls = []
    for name, label, template in PAGES:
        for lang in LANGUAGES:
            urls.append((name, label, lang, template.format(lang=lang, **slugs)))
    return urls


def write_ceilings(bench, urls, probe):
    """A static file of each page's size, under STATIC_ROOT, before gunicorn starts (WhiteNoise scans then)."""
    folder = bench.static_root / "bench-ceiling"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    paths = {}
    for name, _label, lang, url in urls:
        size = probe[url]["bytes"]
        file = folder / f"{name}-{lang}.html"
        line = b"<p>" + b"x" * 76 + b"</p>\n"
        file.write_bytes((line * (size // len(line) + 1))[:size])
        paths[url] = f"/static/bench-ceiling/{file.name}"
    return paths


def wrk_seconds(arguments, cpu_ms):
    """At least the asked duration, and at least three times the expected wait of a request behind the others.

    With more connections than workers a request waits for the ones ahead of it: a page that takes 2 s would
    finish no request in a 3 s run. The wait is estimated from the in-process CPU time (doubled: the machine is
    shared), and the run capped at 60 s.
    """
    wait = 2 * cpu_ms / 1000 * max(arguments.connections / arguments.workers, 1)
    return max(arguments.duration, min(60, round(3 * wait)))


def measure_size(bench, database, size):
    arguments = bench.arguments
    url = database.fresh(size)
    env = bench.env(url)
    log(f"{database.kind}/{size}: build")
    started = time.monotonic()
    slugs = json.loads(bench.helper(env, "build", size).strip().splitlines()[-1])
    build_seconds = time.monotonic() - started
    urls = page_urls(slugs)
    probe = json.loads(bench.helper(env, "probe", json.dumps([u for *_, u in urls])).strip().splitlines()[-1])
    for _name, _label, _lang, page in urls:
        if probe[page]["status"] != 200:
            log(f"  warning: {page} answered {probe[page]['status']}")
    ceilings = write_ceilings(bench, urls, probe)
    rows = {page: {"name": name, "label": label, "lang": lang, **probe[page]} for name, label, lang, page in urls}
    memory = {}
    for mode in ("cold", "warm"):
        mode_env = bench.env(url, CONVENE_ANSWER_CACHE_SECONDS="0") if mode == "cold" else env
        log(f"{database.kind}/{size}: serve ({mode} cache), {len(urls)} pages × {arguments.duration} s")
        server = Server(bench, mode_env, f"{database.kind}-{size}-{mode}")
        try:
            for _name, _label, _lang, page in urls:
                server.get(page)  # the first render (and, warm, the cache fill) is not what wrk measures
                seconds = wrk_seconds(arguments, rows[page]["cpu_ms"])
                rows[page][mode] = wrk(server.base + page, seconds, arguments.connections, arguments.threads)
                rows[page][mode]["seconds"] = seconds
                rows[page][mode]["rss_mb"] = max(server.worker_rss_mb() or [0])
                if mode == "warm":
                    # The ceiling right after the page, not after every page: on a shared machine the load moves
                    # within a minute, and the ratio should compare two figures taken under the same load.
                    server.get(ceilings[page])
                    rows[page]["ceiling"] = wrk(
                        server.base + ceilings[page], arguments.duration, arguments.connections, arguments.threads
                    )
            memory[mode] = server.worker_rss_mb()
        finally:
            server.stop()
    return {
        "database": database.kind,
        "size": size,
        "measured_at": f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "slugs": slugs,
        "build_seconds": build_seconds,
        "rows": list(rows.values()),
        "memory": memory,
        "url": url,
    }


def two_servers(bench, url, slugs, size):
    """Two gunicorn instances on one database: an edit is visible through the other one at once."""
    env = bench.env(url)
    log("two app servers on one PostgreSQL database")
    a, b = Server(bench, env, "two-a"), Server(bench, env, "two-b")
    try:
        agenda = f"/en/meetings/{slugs['meeting']}/agenda/"
        a.get(agenda)
        b.get(agenda)
        b.get(agenda)  # B's answer cache filled
        title = f"Renamed by the benchmark at {time.time():.0f}"
        started = time.monotonic()
        bench.helper(env, "rename", slugs["meeting"], slugs["session"], title)
        on_b = title.encode() in b.get(agenda)
        on_a = title.encode() in a.get(agenda)
        seconds = time.monotonic() - started
    finally:
        a.stop()
        b.stop()
    return {"visible_on_b": on_b, "visible_on_a": on_a, "seconds": seconds, "session": slugs["session"], "size": size}


# ---------------------------------------------------------------------------------------------------------------
# Report


def machine():
    model = "unknown"
    try:
        match = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        model = match.group(1).strip() if match else model
    except OSError:
        pass
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kb / 1024 / 1024:.1f} GB of memory"
    except (OSError, AttributeError):
        pass
    system = f"{platform.system()} {platform.release()}; Python {platform.python_version()}"
    return f"{os.cpu_count()} CPUs ({model}){memory}; {system}"


def fmt(value, digits=1):
    if value is None:
        return "–"
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def ratio(part, whole):
    if not part or not whole:
        return "–"
    share = 100 * part["rps"] / whole["rps"]
    return f"{share:.2f} %" if share < 1 else f"{share:.1f} %" if share < 10 else f"{share:.0f} %"


def kb(size):
    return f"{size / 1024:,.1f}" if size < 10240 else f"{size / 1024:,.0f}"


def table(result):
    lines = [
        "| page | lang | KB | queries | CPU ms | wrk s | cold req/s | cold p50 / p99 ms | warm req/s "
        "| warm p50 / p99 ms | ceiling req/s | cold : ceiling | warm : ceiling | worker MB |",
        "| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |",
    ]
    for row in result["rows"]:
        cold, warm, ceiling = row.get("cold", {}), row.get("warm", {}), row.get("ceiling", {})
        queries = str(row["queries"])
        if row.get("queries_warm") is not None and row["queries_warm"] != row["queries"]:
            queries += f" (warm {row['queries_warm']})"
        status = "" if row["status"] == 200 else f" (HTTP {row['status']})"
        errors = sum(part.get("non_2xx", 0) for part in (cold, warm))
        flag = f" ⚠ {errors} non-2xx" if errors else ""
        lines.append(
            f"| {row['label']}{status}{flag} | {row['lang']} | {kb(row['bytes'])} | {queries} "
            f"| {fmt(row.get('cpu_ms'))} | {warm.get('seconds', cold.get('seconds', '–'))} "
            f"| {fmt(cold.get('rps'))} | {fmt(cold.get('p50_ms'))} / {fmt(cold.get('p99_ms'))} "
            f"| {fmt(warm.get('rps'))} | {fmt(warm.get('p50_ms'))} / {fmt(warm.get('p99_ms'))} "
            f"| {fmt(ceiling.get('rps'), 0)} | {ratio(cold, ceiling)} | {ratio(warm, ceiling)} "
            f"| {fmt(max(cold.get('rss_mb', 0), warm.get('rss_mb', 0)), 0)} |"
        )
    return "\n".join(lines)


# Everything after this line in the report is written by hand (what a profiler found) and kept by every run.
KEPT_MARKER = "<!-- Written by hand below this line: scripts/bench.py keeps it. -->"


def kept_by_hand(path):
    """The hand-written end of an earlier report, from its marker on ("" when there is none)."""
    text = path.read_text() if path.exists() else ""
    index = text.find(KEPT_MARKER)
    return "\n" + text[index:] if index >= 0 else ""


def report(bench, results, check, started, finished):
    return generated_report(bench, results, check, started, finished) + kept_by_hand(bench.arguments.output)


def generated_report(bench, results, check, started, finished):
    arguments = bench.arguments
    sizes = " ".join(arguments.sizes)
    databases = " ".join(arguments.databases)
    out = [
        "# Performance",
        "",
        "Written by `make bench` (`scripts/bench.py`); do not edit by hand, run it again (the notes at the end, "
        "below their marker, are written by hand and kept).",
        "",
        "## How to rerun",
        "",
        "```",
        "make bench                                        # every size, both databases, 10 s per page",
        "make bench BENCH_ARGS=--quick                     # 3 s per page",
        ".venv/bin/python scripts/bench.py --sizes demo large --databases sqlite --duration 5",
        "```",
        "",
        "Options: `--sizes demo large xl`, `--databases sqlite postgres`, `--duration SECONDS` (default 10) or "
        "`--quick` (3), `--connections 8`, `--threads 2`, `--workers 2`, `--postgres-url URL` (default "
        f"`{DEFAULT_POSTGRES}`; the script drops and creates that database and `<name>_template`), "
        "`--output docs/PERFORMANCE.md`, `--json FILE`. It needs `wrk` (`apt-get install wrk`).",
        "",
        "What it does, for each database and size: migrates an empty database, builds the data set with bulk "
        "operations from fixed seeds (`scripts/bench_data.py`; `demo` is `manage.py load_demo`), measures each "
        "URL once in-process (Django test client, `CaptureQueriesContext`, answer cache off) for its queries and "
        "bytes, writes a static file of each page's size into a throwaway `STATIC_ROOT`, then serves the database "
        f"with `gunicorn config.wsgi --workers {arguments.workers}` (DEBUG off, WhiteNoise, production settings, "
        "local-memory cache) and drives each URL with "
        f"`wrk -t{arguments.threads} -c{arguments.connections} -d{arguments.duration}s --latency`, after one "
        "request that is not counted:",
        "",
        "- **cold**: the server runs with `CONVENE_ANSWER_CACHE_SECONDS=0`, so the answer cache keeps nothing;",
        "- **warm**: the default (answers kept 24 h under their content version);",
        "- **ceiling**: a static file of the page's size, served by the same gunicorn and WhiteNoise as the warm "
        "run, measured right after that page's warm run (seconds apart, under the same load). The ratios to it "
        "are what to compare between runs: the machine is shared and absolute figures are noisy.",
        "",
        "wrk s is the length of each wrk run: the asked duration, longer for slow pages (three times the "
        "expected wait of a request queued behind the others, at most 60 s) so that some requests finish. "
        "CPU ms is the median CPU time of one request in-process (test client, cache off, 3 requests): less "
        "sensitive to the other work on the machine than req/s. "
        "Queries are per request with the cache off (and, when different, with it on, second request). "
        "Worker MB is the largest resident set of a gunicorn worker after that page's run (it only grows during "
        "a run, so it reflects the pages before it too). The anonymous API throttle is raised for the run "
        "(`CONVENE_API_ANON_RATE`), so that wrk measures rendering and not 429s.",
        "",
        "Data sets: **demo** — the demo meeting of `load_demo`; **large** — one published meeting, 192 sessions "
        "in 6 rooms over 4 days, 600 speakers with 3 roles per session, themes and topics, the speakers taking "
        "part in 40 delegations (all listed), 50 instruments; **xl** — a series of 5 meetings, the last with 600 "
        "sessions in 12 rooms over 5 days, 3,000 speakers (5 roles per session), 20,000 participants in 200 "
        "delegations (half consenting to be listed), 500 instruments with 2 parties each. Texts in English, French "
        "and Arabic.",
        "",
        "## This run",
        "",
        f"- Machine: {machine()}",
        f"- Date: {started:%Y-%m-%d %H:%M} to {finished:%H:%M} UTC",
        f"- Sizes: {sizes}; databases: {databases}; {arguments.duration} s per URL"
        + (f" (other results merged from `{arguments.merge.name}`, an earlier run)" if arguments.merge else ""),
        "- The machine was shared with other work during the run: compare ratios, not absolute figures.",
        "",
    ]
    for result in results:
        memory = ", ".join(
            f"{mode}: {' / '.join(f'{mb:.0f}' for mb in sizes_mb)} MB"
            for mode, sizes_mb in result["memory"].items()
            if sizes_mb
        )
        out += [
            f"### {result['database']} · {result['size']}",
            "",
            f"Measured {result.get('measured_at', 'in an earlier run')}. "
            f"Meeting `{result['slugs']['meeting']}`, session `{result['slugs']['session']}`; built in "
            f"{result['build_seconds']:.0f} s; worker memory at the end ({memory}).",
            "",
            table(result),
            "",
        ]
    out += ["## Two app servers, one database", ""]
    if check is None:
        out += ["Not run (PostgreSQL was not among the databases).", ""]
    else:
        verdict = "yes" if check["visible_on_b"] else "**NO**"
        out += [
            "Two gunicorn instances (A and B) on the same PostgreSQL database, each with its own local-memory "
            "cache. The agenda was fetched on A and twice on B (B's answer cache filled), then the title of "
            f"session `{check['session']}` was changed through the ORM (signals on, so the meeting's content "
            "version advanced in the same transaction), and the agenda fetched again on B, then on A.",
            "",
            f"- New title visible on B at once: {verdict}",
            f"- New title visible on A: {'yes' if check['visible_on_a'] else '**NO**'}",
            f"- From the edit to both answers: {check['seconds'] * 1000:.0f} ms",
            "",
            "The versions live in the database, so every app server sees an edit on its next request, whatever "
            "its cache holds.",
            "",
        ]
        size = check.get("size")
        postgres = [r for r in results if r["database"] == "postgres"]
        measured = [r for r in postgres if r["size"] == size] or [r for r in postgres if r["size"] != "demo"]
        agenda = [row for r in measured[:1] for row in r["rows"] if row["name"] == "agenda" and row["lang"] == "en"]
        if agenda and agenda[0].get("queries_warm") is not None and agenda[0]["queries_warm"] >= agenda[0]["queries"]:
            out += [
                f"In this run the agenda was not served from the answer cache ({agenda[0]['queries_warm']} queries "
                f"with the cache on, {agenda[0]['queries']} with it off): the check passes without exercising the "
                "cache, and means something once the pages are cached under their content version.",
                "",
            ]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------------------


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", choices=SIZES, default=list(SIZES))
    parser.add_argument("--databases", nargs="+", choices=("sqlite", "postgres"), default=["sqlite", "postgres"])
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL (default 10)")
    parser.add_argument("--quick", action="store_true", help="3 seconds per URL")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "PERFORMANCE.md")
    parser.add_argument("--json", type=Path, help="also write the raw figures as JSON")
    parser.add_argument(
        "--merge",
        type=Path,
        help="the --json file of an earlier run: its results for the database and size pairs not measured now "
        "go into the report too",
    )
    parser.add_argument("--report-from", type=Path, help="write the report from a --json file, measuring nothing")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, SQLite files)")
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.duration = 3
    return arguments


def report_from(arguments):
    """Write the report again from a --json file, measuring nothing."""
    data = json.loads(arguments.report_from.read_text())
    times = sorted(r["measured_at"] for r in data["results"] if r.get("measured_at"))
    started = datetime.datetime.strptime(times[0], "%Y-%m-%d %H:%M UTC") if times else datetime.datetime.now()
    finished = datetime.datetime.strptime(times[-1], "%Y-%m-%d %H:%M UTC") if times else started
    arguments.sizes = sorted({r["size"] for r in data["results"]}, key=SIZES.index)
    arguments.databases = sorted({r["database"] for r in data["results"]})
    bench = Bench(arguments)
    try:
        arguments.output.write_text(report(bench, data["results"], data.get("two_servers"), started, finished))
    finally:
        shutil.rmtree(bench.tmp, ignore_errors=True)
    log(f"wrote {arguments.output} from {arguments.report_from}")


def main(argv):
    arguments = parse_arguments(argv)
    if arguments.report_from:
        report_from(arguments)
        return
    if not Path(WRK).exists():
        raise SystemExit("wrk not found: install it with `apt-get install wrk` (Debian/Ubuntu).")
    if not GUNICORN.exists():
        raise SystemExit(f"{GUNICORN} not found: `make setup` (gunicorn is in requirements.txt).")
    bench = Bench(arguments)
    started = datetime.datetime.now(datetime.UTC)
    log(f"working in {bench.tmp}; collectstatic")
    bench.manage(bench.env(f"sqlite:///{bench.tmp / 'none.sqlite3'}"), "collectstatic", "--no-input", "-v", "0")
    results, check = [], None
    earlier, earlier_check = [], None
    if arguments.merge:
        data = json.loads(arguments.merge.read_text())
        measured = {(kind, size) for kind in arguments.databases for size in arguments.sizes}
        earlier = [r for r in data["results"] if (r["database"], r["size"]) not in measured]
        earlier_check = data.get("two_servers") if "postgres" not in arguments.databases else None

    def combined():
        order = {
            (kind, size): i for i, (kind, size) in enumerate((k, s) for k in ("sqlite", "postgres") for s in SIZES)
        }
        return sorted(earlier + results, key=lambda r: order[(r["database"], r["size"])])

    databases = []
    try:
        databases = [Database(bench, kind) for kind in arguments.databases]
        # Size by size, so that the small sizes are in the report on both databases before the long ones start.
        for size in arguments.sizes:
            for database in databases:
                result = measure_size(bench, database, size)
                results.append(result)
                last = size == arguments.sizes[-1]
                if database.kind == "postgres" and check is None and (size != "demo" or last):
                    check = two_servers(bench, result["url"], result["slugs"], size)
                now = datetime.datetime.now(datetime.UTC)
                arguments.output.write_text(report(bench, combined(), check or earlier_check, started, now))
        finished = datetime.datetime.now(datetime.UTC)
        arguments.output.write_text(report(bench, combined(), check or earlier_check, started, finished))
        if arguments.json:
            raw = {"results": combined(), "two_servers": check or earlier_check}
            arguments.json.write_text(json.dumps(raw, indent=1, default=str))
        log(f"wrote {arguments.output}")
    finally:
        for database in databases:
            database.drop_template()
        if arguments.keep:
            log(f"kept {bench.tmp}")
        else:
            shutil.rmtree(bench.tmp, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--helper":
        helper_main(sys.argv[2:])
    else:
        main(sys.argv[1:])
