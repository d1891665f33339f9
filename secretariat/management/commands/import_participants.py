from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from meetings.models import Meeting
from secretariat.importing import ImportFileError, import_participants


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
            raise CommandError(_("No meeting has the slug “%(slug)s”.") % {"slug": meeting}) from None
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        try:
            result = import_participants(
                meeting=meeting_obj, content=path.read_bytes(), filename=path.name, dry_run=dry_run
            )
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error}") from None
        for row in result.rows:
            if row.errors:
                for column, message in row.errors:
                    self.stderr.write(
                        _("row %(row)d, column “%(column)s”: %(message)s")
                        % {"row": row.row, "column": column, "message": message}
                    )
            else:
                self.stdout.write(_("row %(row)d: %(outcome)s") % {"row": row.row, "outcome": row.outcome})
        if result.has_errors:
            raise CommandError(_("%(count)d row(s) with errors: nothing was saved.") % {"count": result.error_count})
        if dry_run:
            self.stdout.write(_("Dry run: %(count)d row(s) valid, nothing saved.") % {"count": len(result.rows)})
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("%(count)d row(s) imported into %(meeting)s.")
                    % {"count": len(result.rows), "meeting": meeting_obj}
                )
            )
