from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write one archive of the database (pg_dump, or a copy of SQLite) and of the uploaded files (MEDIA_ROOT), "
        "with the row count of every table, into a folder (mode 600). `manage.py restore` brings it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="where to write convene-backup-<UTC time>.tar.gz")

    def handle(self, *args, folder, **options):
        try:
            archive = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(archive))
