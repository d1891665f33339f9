from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.models import Meeting
from participants.importing import ImportFileError, import_participants


class Command(BaseCommand):
    help = (
        "Import a meeting's participants from a CSV or XLSX file: every row is checked first, and the file is "
        "saved only if every row is valid (nothing is saved otherwise). --dry-run shows each row's outcome."
    )

    def add_arguments(self, parser):
        parser.add_argument("meeting", help="slug of the meeting")
        parser.add_argument("file", help="CSV (UTF-8) or XLSX file; the first row names the columns")
        parser.add_argument("--dry-run", action="store_true", help="check and show every row, save nothing")

    def handle(self, *args, meeting, file, dry_run, **options):
        try:
            meeting_obj = Meeting.objects.get(slug=meeting)
        except Meeting.DoesNotExist:
            raise CommandError(f"No meeting has the slug “{meeting}”.") from None
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            result = import_participants(
                meeting=meeting_obj, content=path.read_bytes(), filename=path.name, dry_run=dry_run
            )
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error}") from None
        for row in result.rows:
            if row.errors:
                for column, message in row.errors:
                    self.stderr.write(f"row {row.row}, column “{column}”: {message}")
            else:
                self.stdout.write(f"row {row.row}: {row.outcome}")
        if result.has_errors:
            raise CommandError(f"{result.error_count} row(s) with errors: nothing was saved.")
        if dry_run:
            self.stdout.write(f"Dry run: {len(result.rows)} row(s) valid, nothing saved.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{len(result.rows)} row(s) imported into {meeting_obj}."))
