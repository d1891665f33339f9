"""`manage.py backup` then `manage.py restore` into an empty database: every table has its rows, every file is back."""

import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from core.backups import table_counts
from tests.factories import DocumentFactory, MeetingFactory, ParticipantFactory, SessionFactory

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def some_of_everything():
    meeting = MeetingFactory()
    ParticipantFactory.create_batch(3, delegation__meeting=meeting)
    SessionFactory(meeting=meeting)
    document = DocumentFactory.build(meeting=meeting)
    document.file_en = SimpleUploadedFile("agenda.pdf", PDF)
    document.full_clean()
    document.save()
    return document


class EmptyDatabase:
    """A new database of the engine the tests run on, with the DATABASE_URL that points at it."""

    def __init__(self, tmp_path):
        database = django_settings.DATABASES["default"]
        self.vendor = connection.vendor
        if self.vendor == "postgresql":
            self.name = f"{database['NAME']}_restored"
            self.params = {key: database[key] for key in ("HOST", "PORT", "USER") if database.get(key)}
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{self.name}"')
            user = self.params.get("USER", "")
            self.url = f"postgres://{user}@{self.params.get('HOST', '')}:{self.params.get('PORT', 5432)}/{self.name}"
        else:
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def counts(self):
        if self.vendor == "postgresql":
            info = {"HOST": "host", "PORT": "port", "USER": "user"}
            with psycopg.connect(dbname=self.name, **{info[key]: value for key, value in self.params.items()}) as db:
                tables = [row[0] for row in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
                return {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608
        with sqlite3.connect(self.path) as db:
            tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return {
                table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
                for table in tables
                if not table.startswith("sqlite_")
            }

    def drop(self):
        if self.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_every_row_and_file(tmp_path, settings):
    document = some_of_everything()
    out = StringIO()
    call_command("backup", str(tmp_path / "backups"), stdout=out)
    archive = Path(out.getvalue().strip())
    counted = table_counts()
    target = EmptyDatabase(tmp_path)
    try:
        environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CONVENE_"))}
        result = subprocess.run(
            [sys.executable, "manage.py", "restore", str(archive)],
            env={
                **environment,
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": "tests-only-secret-key-not-for-production",
                "DATABASE_URL": target.url,
                "DJANGO_MEDIA_ROOT": str(tmp_path / "restored-media"),
            },
            cwd=django_settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        restored = target.counts()
    finally:
        target.drop()

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Restored {archive.name}: every table has the rows the backup counted.\n"
    assert restored == counted
    assert counted["participants_participant"] == 3
    assert counted["participants_historicalparticipant"] >= 3
    assert (tmp_path / "restored-media" / document.file_en.name).read_bytes() == PDF
    assert oct(archive.stat().st_mode & 0o777) == "0o600"


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    out = StringIO()
    call_command("backup", str(tmp_path), stdout=out)
    MeetingFactory()

    with pytest.raises(CommandError, match="The database is not empty: restore into a new, empty database"):
        call_command("restore", out.getvalue().strip())

    assert table_counts()["meetings_meeting"] == 1
