from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.languages import LANGUAGE_CODES
from meetings.models import Meeting
from sessions.interchange import FORMATS, ProgrammeError, ProgrammeImportError, programme_import, read_programme


class Command(BaseCommand):
    help = (
        "Import a whole programme into a meeting from a c3voc/frab/pretalx schedule.json, a frab/pretalx "
        "schedule.xml or an Indico timetable JSON export: rooms, session types, tracks, speakers and sessions, "
        "matched by external id then by name, so that a second import updates. All entries are saved, or none. "
        "Texts go into --language; import the same programme once per language to fill in the translations."
    )

    def add_arguments(self, parser):
        parser.add_argument("meeting", help="slug of the meeting")
        parser.add_argument("file", help="the programme document; photos may be files next to it")
        parser.add_argument("--language", choices=LANGUAGE_CODES, help="language of the document's texts")
        parser.add_argument("--format", choices=["auto", *FORMATS], default="auto")
        parser.add_argument("--dry-run", action="store_true", help="check everything, save nothing")

    def handle(self, *args, meeting, file, language, format, dry_run, **options):
        try:
            meeting_obj = Meeting.objects.get(slug=meeting)
        except Meeting.DoesNotExist:
            raise CommandError(_("No meeting has the slug “%(slug)s”.") % {"slug": meeting}) from None
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        try:
            programme = read_programme(path.read_bytes(), format=format, base_dir=path.parent)
            report = programme_import(meeting=meeting_obj, programme=programme, language=language, dry_run=dry_run)
        except ProgrammeError as error:
            raise CommandError(f"{path.name}: {error}") from None
        except ProgrammeImportError as error:
            for row, message in error.report.errors:
                self.stderr.write(f"{row}: {message}")
            raise CommandError(
                _("%(count)d entry(ies) refused: nothing was saved.") % {"count": len(error.report.errors)}
            ) from None
        for row, message in report.warnings:
            self.stderr.write(f"{row}: {message}")
        for kind, counts in report.summary().items():
            self.stdout.write(
                _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
                % {
                    "kind": kind,
                    "created": counts.get("created", 0),
                    "updated": counts.get("updated", 0),
                    "unchanged": counts.get("unchanged", 0),
                }
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing saved."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Programme of %(format)s format imported into %(meeting)s.")
                    % {"format": programme.format, "meeting": meeting_obj}
                )
            )
