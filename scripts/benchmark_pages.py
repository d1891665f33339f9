"""Measure the public pages: queries per page and median render time, at two sizes of programme.

Not a test: it prints figures. Runs on a throwaway test database (SQLite by default; DATABASE_URL=postgres://…
to measure PostgreSQL), built with the test factories.

    .venv/bin/python scripts/benchmark_pages.py [--sizes 3 200] [--speakers 3] [--repeat 15]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key")
os.environ.setdefault("DJANGO_DEBUG", "1")


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (templates, translations)
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return len(queries), statistics.median(timings) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs=2, default=[3, 200], help="sessions in the small and large case")
    parser.add_argument("--speakers", type=int, default=3, help="speakers per session")
    parser.add_argument("--repeat", type=int, default=15, help="requests per page for the median")
    parser.add_argument("--language", default="en", choices=["en", "fr", "ar"])
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    from tests.pages.conftest import build_programme, page_urls

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        results = {}
        for size in arguments.sizes:
            programme = build_programme(
                sessions=size, speakers_per_session=arguments.speakers, rooms=6, slug=f"benchmark-{size}"
            )
            client = Client()
            for page, url in page_urls(programme, arguments.language).items():
                results.setdefault(page, {})[size] = measure(client, url, arguments.repeat)
        small, large = arguments.sizes
        print(
            f"Database: {connection.vendor}; language: {arguments.language}; speakers per session: "
            f"{arguments.speakers}; median of {arguments.repeat} requests"
        )
        header = f"{'page':<18} {'queries@' + str(small):>11} {'queries@' + str(large):>11} "
        header += f"{'ms@' + str(small):>9} {'ms@' + str(large):>9}"
        print(header)
        print("-" * len(header))
        for page, by_size in results.items():
            (q_small, t_small), (q_large, t_large) = by_size[small], by_size[large]
            print(f"{page:<18} {q_small:>11} {q_large:>11} {t_small:>9.1f} {t_large:>9.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
