"""Backups of the database and the uploaded files, as one archive, and their restoration into an empty database.

An archive (``convene-backup-<UTC time>.tar.gz``) holds:

- ``database.pgdump``: ``pg_dump --format=custom`` of PostgreSQL (or ``database.sqlite3``, a copy made with SQLite's
  online backup), taken while the site runs;
- ``media/``: every file under MEDIA_ROOT;
- ``manifest.json``: when, which engine, and the number of rows of every table, which the restore checks.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    pass


def table_counts() -> dict[str, int]:
    """Rows of every table of the database (all apps, Django's own included), by table name."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - introspected
            counts[table] = cursor.fetchone()[0]
    return counts


def _postgres_environment() -> tuple[list[str], dict]:
    database = settings.DATABASES["default"]
    arguments = ["--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            arguments += [option, str(database[key])]
    environment = dict(os.environ)
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return arguments, environment


def _run(command: list[str], environment: dict) -> None:
    # pg_dump and pg_restore, with arguments from the settings.
    result = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(folder: Path) -> Path:
    """Write an archive of the database and MEDIA_ROOT into `folder`; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    archive = folder / f"convene-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as folder_name:
        work = Path(folder_name)
        if connection.vendor == "postgresql":
            arguments, environment = _postgres_environment()
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(work / PG_DUMP), *arguments], environment)
            database_file = PG_DUMP
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(work / SQLITE_COPY) as copy:
                connection.connection.backup(copy)
            copy.close()
            database_file = SQLITE_COPY
        else:
            raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
        # Counted right after the dump: on a busy site, a row written in between shows as a difference at restore.
        manifest = {
            "created_at": stamp,
            "engine": connection.vendor,
            "database": database_file,
            "tables": table_counts(),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2))
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(work / database_file, arcname=database_file)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                tar.add(media, arcname="media")
    archive.chmod(0o600)
    return archive


def restore(archive: Path) -> dict:
    """Restore an archive into the configured database, which must be empty, and MEDIA_ROOT.

    Returns {table: (rows in the archive's manifest, rows now)} for the tables whose counts differ (empty: all match).
    """
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise BackupError(
                "The database is not empty: restore into a new, empty database (then point DATABASE_URL at it)."
            )
    with tempfile.TemporaryDirectory() as folder_name, tarfile.open(archive, "r:gz") as tar:
        work = Path(folder_name)
        tar.extractall(work, filter="data")
        manifest = json.loads((work / MANIFEST).read_text())
        if manifest["engine"] != connection.vendor:
            raise BackupError(f"This backup is of a {manifest['engine']} database, not {connection.vendor}.")
        if connection.vendor == "postgresql":
            arguments, environment = _postgres_environment()
            _run(
                ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *arguments, str(work / PG_DUMP)],
                environment,
            )
        else:
            connection.ensure_connection()
            with sqlite3.connect(work / SQLITE_COPY) as source:
                source.backup(connection.connection)
            source.close()
        if (work / "media").exists():
            shutil.copytree(work / "media", Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    connection.close()
    now = table_counts()
    return {table: (count, now.get(table)) for table, count in manifest["tables"].items() if now.get(table) != count}
