import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from meetings.models import Meeting
from secretariat.services import meeting_prepare_next


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("“%(value)s” is not a date: use YYYY-MM-DD.") % {"value": value}) from None


class Command(BaseCommand):
    help = (
        "Prepare the next meeting of a series as a draft: themes, rooms and session skeleton copied and shifted "
        "to the new dates, open commitments carried forward."
    )

    def add_arguments(self, parser):
        parser.add_argument("meeting", help="slug of the meeting to start from")
        parser.add_argument("--start-date", required=True, help="first day of the new meeting (YYYY-MM-DD)")
        parser.add_argument("--end-date", help="last day (default: as long as the meeting it starts from)")
        parser.add_argument("--slug", default="", help="slug of the new meeting (default: derived)")
        parser.add_argument("--title", default="", help="English title of the new meeting (default: derived)")

    def handle(self, *args, meeting, start_date, end_date, slug, title, **options):
        try:
            source = Meeting.objects.get(slug=meeting)
        except Meeting.DoesNotExist:
            raise CommandError(_("No meeting has the slug “%(slug)s”.") % {"slug": meeting}) from None
        try:
            next_meeting = meeting_prepare_next(
                meeting=source,
                start_date=_date(start_date),
                end_date=_date(end_date) if end_date else None,
                slug=slug,
                title_en=title,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                reasons = [f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()]
            else:
                reasons = error.messages
            raise CommandError(_("Nothing was created. %(reasons)s") % {"reasons": "; ".join(reasons)}) from None
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Prepared %(meeting)s (slug %(slug)s, draft): %(rooms)d rooms, %(sessions)d sessions, "
                    "%(commitments)d commitments carried forward."
                )
                % {
                    "meeting": next_meeting,
                    "slug": next_meeting.slug,
                    "rooms": next_meeting.rooms.count(),
                    "sessions": next_meeting.sessions.count(),
                    "commitments": next_meeting.commitment_updates.count(),
                }
            )
        )
