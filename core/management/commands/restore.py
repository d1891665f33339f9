from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive of `manage.py backup` into the database of DATABASE_URL, which must be empty (a new "
        "database), and MEDIA_ROOT; then compare the row count of every table with the archive's."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        if not archive.is_file():
            raise CommandError(f"No such archive: {archive}")
        try:
            differences = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if differences:
            lines = [
                f"{table}: {expected} rows in the backup, {found} restored"
                for table, (expected, found) in differences.items()
            ]
            raise CommandError("Restored, but the counts differ:\n" + "\n".join(lines))
        self.stdout.write(f"Restored {archive.name}: every table has the rows the backup counted.")
