"""Query counts and timings of every API list endpoint at two data sizes (not a test: run it by hand).

    .venv/bin/python scripts/benchmark_api.py [--sizes 5 50] [--repeat 5]

It builds its data in a throw-away test database (SQLite in memory by default, or the DATABASE_URL's server),
so it never touches the working database.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

ENDPOINTS = [
    "series",
    "meetings",
    "themes",
    "rooms",
    "sessions",
    "organizations",
    "people",
    "delegations",
    "participants",
    "instruments",
    "commitments",
]


def measure(client, url, repeat):
    # The log holds at most 9000 queries; building the data fills it, and a full log would count nothing.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.content[:200]!r}")
    timings = []
    for _index in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return len(queries), statistics.median(timings), response.json().get("count")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs=2, default=[5, 50], help="records of each kind, small and large")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per endpoint (median shown)")
    args = parser.parse_args()

    setup_test_environment()
    # The benchmark measures the views, not the rate limits.
    override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute", "key": "1000000/minute"},
        }
    ).enable()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from tests.api.data import build_records
        from tests.factories import ApiKeyFactory

        anonymous = APIClient()
        keyed = APIClient()
        keyed.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiKeyFactory(scopes=['read', 'read:private']).secret}")
        keyed.get("/api/v1/")
        results = {}
        meeting = None
        built = 0
        for size in args.sizes:
            meeting = build_records(size - built, meeting=meeting)
            built = size
            for name, client in (("anonymous", anonymous), ("read:private", keyed)):
                for endpoint in ENDPOINTS:
                    url = f"/api/v1/{endpoint}/?page_size=100"
                    results[(size, name, endpoint)] = measure(client, url, args.repeat)
            schedule = f"/api/v1/meetings/{meeting.slug}/schedule.json"
            results[(size, "anonymous", "schedule.json")] = measure(anonymous, schedule, args.repeat)

        small, large = args.sizes
        print(
            f"Database: {connection.vendor}; sizes: {small} and {large} records of each kind; median of {args.repeat}"
        )
        print(f"{'client':<13} {'endpoint':<14} {'queries':>9} {'ms':>17} {'rows':>11}")
        for name in ("anonymous", "read:private"):
            for endpoint in [*ENDPOINTS, "schedule.json"]:
                if (small, name, endpoint) not in results:
                    continue
                q1, t1, c1 = results[(small, name, endpoint)]
                q2, t2, c2 = results[(large, name, endpoint)]
                flat = "" if q1 == q2 else "  NOT FLAT"
                rows = f"{c1 or '-':>5} {c2 or '-':>5}"
                print(f"{name:<13} {endpoint:<14} {q1:>4} {q2:>4} {t1:>8.1f} {t2:>8.1f} {rows}{flat}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
