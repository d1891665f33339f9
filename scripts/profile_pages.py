"""CPU time of the uncached long pages, in-process, and optionally a cProfile of each; their bytes kept to compare.

Not a test. Against a database that holds a data set of scripts/bench_data.py (built as scripts/bench.py builds it:
`manage.py migrate`, then `scripts/bench_data.py xl`), in production settings with the answer cache off:

    export DJANGO_DEBUG=0 DJANGO_SECRET_KEY=profile-only-0123456789abcdefghijklmnopqrstuvwxyz \\
        DJANGO_ALLOWED_HOSTS=testserver DJANGO_SECURE_SSL_REDIRECT=0 CONVENE_ANSWER_CACHE_SECONDS=0 \\
        CONVENE_API_ANON_RATE=100000000/second DATABASE_URL=sqlite:////tmp/xl.sqlite3
    .venv/bin/python scripts/profile_pages.py /tmp/after --runs 7 [--profile] [agenda grid ics api_sessions schedule]

For each page, in English and Arabic: one request not counted, one whose queries are counted and whose bytes are
written to OUTDIR/<page>-<lang>.out, then --runs requests timed with time.process_time (median and minimum shown)
and by the clock (median: the database's time included, which on PostgreSQL is not this process's CPU).
With --profile, one more request under cProfile, written to OUTDIR/<page>-<lang>.prof (English only). Compare two
runs' bytes with `cmp`; run the code before a change from an export of that commit with CODE_ROOT=<its directory>.
"""

import argparse
import cProfile
import hashlib
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, os.environ.get("CODE_ROOT", str(Path(__file__).resolve().parent.parent)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

PAGES = {
    "agenda": "/{lang}/meetings/{meeting}/agenda/",
    "grid": "/{lang}/meetings/{meeting}/agenda/?view=grid",
    "session": "/{lang}/meetings/{meeting}/sessions/{session}/",
    "ics": "/{lang}/meetings/{meeting}/agenda.ics",
    "session_ics": "/{lang}/meetings/{meeting}/sessions/{session}.ics",
    "api_sessions": "/api/v1/sessions/?meeting={meeting}&page_size=100&lang={lang}",
    "api_sessions_all": "/api/v1/sessions/?meeting={meeting}&page_size=100",
    "schedule": "/api/v1/meetings/{meeting}/schedule.json?lang={lang}",
    "participants": "/{lang}/meetings/{meeting}/participants/",
    "registry": "/{lang}/agreements/",
    "api_participants": "/api/v1/participants/?meeting={meeting}&page_size=100&lang={lang}",
    "api_instruments": "/api/v1/instruments/?page_size=100&lang={lang}",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("pages", nargs="*", help=f"of {', '.join(PAGES)} (default: all)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--meeting", default="bench-general-meeting")
    parser.add_argument("--session", default="session-0301")
    arguments = parser.parse_intermixed_args()
    unknown = set(arguments.pages) - set(PAGES)
    if unknown:
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    arguments.outdir.mkdir(parents=True, exist_ok=True)
    client = Client()
    for name, template in PAGES.items():
        if arguments.pages and name not in arguments.pages:
            continue
        for lang in ("en", "ar"):
            url = template.format(lang=lang, meeting=arguments.meeting, session=arguments.session)
            client.get(url)  # templates, translations and lazy imports loaded once
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            count = len(queries)  # now: the next request empties the connection's log
            (arguments.outdir / f"{name}-{lang}.out").write_bytes(response.content)
            cpu, wall = [], []
            for _run in range(arguments.runs):
                started, clock = time.process_time(), time.perf_counter()
                client.get(url)
                cpu.append((time.process_time() - started) * 1000)
                wall.append((time.perf_counter() - clock) * 1000)
            print(
                f"{name:17} {lang} status={response.status_code} bytes={len(response.content)} queries={count} "
                f"cpu_ms median={statistics.median(cpu):.1f} min={min(cpu):.1f} "
                f"wall_ms median={statistics.median(wall):.1f} "
                f"sha1={hashlib.sha1(response.content).hexdigest()[:10]}",  # noqa: S324  (a fingerprint)
                flush=True,
            )
            if arguments.profile and lang == "en":
                profile = cProfile.Profile()
                profile.enable()
                client.get(url)
                profile.disable()
                profile.dump_stats(arguments.outdir / f"{name}-{lang}.prof")


if __name__ == "__main__":
    main()
