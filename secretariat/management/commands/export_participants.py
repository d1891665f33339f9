import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from meetings.models import Meeting
from secretariat.exports import FORMATS, export_participants


class Command(BaseCommand):
    help = "Export a meeting's list of participants (CSV, XLSX or the printable PDF List of Participants)."

    def add_arguments(self, parser):
        parser.add_argument("meeting", help="slug of the meeting")
        parser.add_argument("--format", choices=FORMATS, default="pdf")
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES], default="en")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, meeting, format, language, output, **options):
        try:
            meeting_obj = Meeting.objects.get(slug=meeting)
        except Meeting.DoesNotExist:
            raise CommandError(_("No meeting has the slug “%(slug)s”.") % {"slug": meeting}) from None
        content = export_participants(meeting=meeting_obj, file_format=format, language=language)
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(_("Wrote %(file)s (%(size)d bytes).") % {"file": output, "size": len(content)})
        else:
            sys.stdout.buffer.write(content)
