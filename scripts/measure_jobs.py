"""Measure the long jobs in the real worker: 5,000 badges and an import of 20,000 rows (its preview, then the import),
each run by `manage.py db_worker --batch` in its own process, with its progress as the job's page sees it and the
worker's peak memory (VmHWM, the largest resident set of the process).

Not a test: it prints a Markdown table (and, with --output, replaces the "Long jobs" section of docs/PERFORMANCE.md).
It builds its data with bulk operations in a throwaway database, which it drops and creates:

    .venv/bin/python scripts/measure_jobs.py                                  # SQLite in a temporary folder
    .venv/bin/python scripts/measure_jobs.py --database-url postgres://root@127.0.0.1:5432/convene_jobs
    .venv/bin/python scripts/measure_jobs.py --badges 500 --rows 2000         # quicker
"""

import argparse
import csv
import io
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BEGIN, END = "<!-- measure_jobs:begin -->", "<!-- measure_jobs:end -->"


def prepare_environment(database_url: str | None, folder: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "measure-jobs-only-secret-key",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url or f"sqlite:///{folder / 'jobs.sqlite3'}",
    }
    if env["DATABASE_URL"].startswith("postgres"):
        import psycopg

        name = env["DATABASE_URL"].rsplit("/", 1)[1]
        with psycopg.connect(env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    return env


def build(badges: int):
    """One meeting, 200 organizations with a delegation each, `badges` accredited participants with badge numbers."""
    from django.contrib.auth import get_user_model

    from meetings.models import Meeting
    from participants.models import Delegation, Organization, Participant, Person

    meeting = Meeting.objects.create(
        number=16,
        title_en="16th General Meeting",
        slug="gm-16",
        start_date="2024-07-22",
        end_date="2024-07-24",
        timezone="Asia/Almaty",
        city_en="Astana",
        venue_en="Palace of Independence",
        status=Meeting.Status.PUBLISHED,
    )
    organizations = Organization.objects.bulk_create(
        Organization(name_en=f"Organization {i}", acronym_en=f"ORG{i}", slug=f"org-{i}") for i in range(200)
    )
    delegations = Delegation.objects.bulk_create(
        Delegation(meeting=meeting, organization=organization, ordering=i)
        for i, organization in enumerate(organizations)
    )
    people = Person.objects.bulk_create(
        (
            Person(
                given_name_en=f"Given{i}",
                family_name_en=f"Family{i}",
                given_name_ar="عبد الله",
                family_name_ar="حداد",
                honorific_prefix_en="H.E.",
                slug=f"person-{i}",
                email=f"person{i}@example.org",
            )
            for i in range(badges)
        ),
        batch_size=2000,
    )
    Participant.objects.bulk_create(
        (
            Participant(
                meeting=meeting,
                delegation=delegations[i % len(delegations)],
                person=person,
                role=Participant.Role.DELEGATE,
                status=Participant.Status.ACCREDITED,
                badge_number=i + 1,
            )
            for i, person in enumerate(people)
        ),
        batch_size=2000,
    )
    Meeting.objects.filter(pk=meeting.pk).update(last_badge_number=badges)
    user = get_user_model().objects.create_superuser("measure", "measure@example.org", "measure-only")
    return meeting, organizations, user


def import_file(rows: int, organizations) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["given name", "family name", "email", "organization", "position", "role"])
    for i in range(rows):
        organization = organizations[i % len(organizations)]
        writer.writerow([f"New{i}", f"Delegate{i}", f"new{i}@example.org", organization.acronym, "Adviser", "adviser"])
    return buffer.getvalue().encode("utf-8")


def run_worker(job, env) -> dict:
    """Run the worker until the queue is empty; sample its memory and the job's progress every 0.2 s."""
    from django.db import connection

    from secretariat.models import Job

    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0"],
        cwd=ROOT,
        env=env,
    )
    peak_kb, seen = 0, []
    while process.poll() is None:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
            peak_kb = max(peak_kb, int(status.split("VmHWM:")[1].split()[0]))
        except (FileNotFoundError, IndexError):
            pass
        row = Job.objects.filter(pk=job.pk).values("status", "done", "total").first()
        if row["status"] == "running" and (not seen or seen[-1][1:] != (row["done"], row["total"])):
            seen.append((time.monotonic() - started, row["done"], row["total"]))
        connection.close()  # a fresh snapshot each time, as the job's page gets
        time.sleep(0.2)
    if process.returncode:
        raise SystemExit(f"the worker failed ({process.returncode})")
    job.refresh_from_db()
    return {
        "seconds": time.monotonic() - started,
        "peak_mb": peak_kb / 1024,
        "progress": seen,
        "job": job,
    }


def describe(name, items, measured) -> str:
    job = measured["job"]
    steps = measured["progress"]
    shown = ", ".join(f"{done:,}/{total:,} at {at:.0f} s" for at, done, total in steps[:: max(1, len(steps) // 4)])
    size = f"{job.result.size / 1024 / 1024:.1f} MB" if job.result else "—"
    return (
        f"| {name} | {items:,} | {job.status} | {measured['seconds']:.0f} | {len(steps)} | {shown or '—'} | "
        f"{measured['peak_mb']:.0f} | {size} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--badges", type=int, default=5000)
    parser.add_argument("--rows", type=int, default=20000, help="rows of the import (0: no import)")
    parser.add_argument("--database-url", help="a throwaway database, dropped and created (default: SQLite)")
    parser.add_argument("--output", type=Path, help="replace the Long jobs section of this file (docs/PERFORMANCE.md)")
    parser.add_argument(
        "--no-preview",
        action="store_true",
        help="queue the import without its preview (the same per-row work, dry): half the time on a busy machine",
    )
    arguments = parser.parse_args()
    lines = []

    def report(line, vendor):
        lines.append(line)
        print(line, flush=True)
        if arguments.output:
            write_section(arguments, lines, vendor)

    with tempfile.TemporaryDirectory(prefix="convene-jobs-") as folder:
        env = prepare_environment(arguments.database_url, Path(folder))
        import django

        django.setup()
        from django.db import connection

        from secretariat.importing.jobs import IMPORT_JOB, PREVIEW_JOB, confirm_preview, keep_upload
        from secretariat.jobs import job_enqueue
        from secretariat.models import Job

        meeting, organizations, user = build(arguments.badges)
        vendor = connection.vendor
        if arguments.badges:
            ids = list(meeting.participants.order_by("pk").values_list("pk", flat=True))
            badges = job_enqueue(
                kind="badges", user=user, meeting=meeting, params={"participants": ids, "layout": "a6"}, language="en"
            )
            report(describe("badges (A6 PDF)", arguments.badges, run_worker(badges, env)), vendor)
        if not arguments.rows:
            return
        upload = {"upload": keep_upload(import_file(arguments.rows, organizations)), "filename": "delegates.csv"}
        if arguments.no_preview:
            saving = job_enqueue(kind=IMPORT_JOB, user=user, meeting=meeting, params=upload, language="en")
        else:
            preview = job_enqueue(kind=PREVIEW_JOB, user=user, meeting=meeting, params=upload, language="en")
            report(describe("import: preview of every row", arguments.rows, run_worker(preview, env)), vendor)
            preview.refresh_from_db()
            if preview.status != Job.Status.SUCCEEDED or not preview.params.get("confirmable"):
                raise SystemExit(f"the preview did not pass: {preview.message} {preview.summary[:5]}")
            saving = confirm_preview(preview=preview, user=user)
        report(describe("import: saving every row", arguments.rows, run_worker(saving, env)), vendor)
        print(f"participants imported: {meeting.participants.count() - arguments.badges:,}")
        connection.close()


def write_section(arguments, lines, vendor):
    table = "\n".join(
        [
            "| job | items | status | seconds | progress reports seen | progress as the job's page saw it | "
            "worker peak MB | file |",
            "| --- | --: | --- | --: | --: | --- | --: | --: |",
            *lines,
        ]
    )
    command = "`.venv/bin/python scripts/measure_jobs.py" + (
        f" --database-url {arguments.database_url}" if arguments.database_url else ""
    )
    command += f" --badges {arguments.badges} --rows {arguments.rows}"
    command += " --no-preview`" if arguments.no_preview else "`"
    section = "\n".join(
        [
            BEGIN,
            "## Long jobs in the worker",
            "",
            f"Measured by {command} on {vendor} ({platform.python_version()}, "
            f"{os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; the machine was shared): "
            "each job is queued as the admin queues it and run by `manage.py db_worker --batch` in its own process; "
            "the script reads the job's row every 0.2 s, as the job's page does, and the worker's peak resident "
            "memory (VmHWM) from /proc.",
            "",
            table,
            "",
            "On SQLite an import's preview and save hold the database's one write lock for their whole transaction, "
            "so their progress is reported only at the start and the end; on PostgreSQL it is reported while they "
            "run, through a second connection.",
            END,
        ]
    )
    if arguments.output:
        text = arguments.output.read_text() if arguments.output.exists() else ""
        if BEGIN in text:
            text = text.split(BEGIN)[0] + section + text.split(END, 1)[1]
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        arguments.output.write_text(text)


if __name__ == "__main__":
    main()
