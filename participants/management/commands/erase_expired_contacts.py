import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from participants.services import people_past_contact_retention, person_erase_contact_details

REASON = "Contact details erased: the retention period of every meeting of this person has ended."


class Command(BaseCommand):
    help = (
        "Erase the email addresses and phone numbers of the people whose every meeting has ended more than its "
        "retention period (“keep contact details for (days)”) ago, in the records and in their history. "
        "Safe to run every day (docs/DEPLOYMENT.md schedules it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list the people; change nothing")
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="the day to count from (YYYY-MM-DD)")

    @transaction.atomic
    def handle(self, *args, dry_run=False, today=None, **options):
        today = today or timezone.localdate()
        people = list(people_past_contact_retention(today=today))
        for person in people:
            if not dry_run:
                person_erase_contact_details(person=person, reason=REASON)
            self.stdout.write(
                f"{'Would erase' if dry_run else 'Erased'} the contact details of {person} (#{person.pk})."
            )
        self.stdout.write(
            f"{len(people)} {'person' if len(people) == 1 else 'people'}{' (dry run)' if dry_run else ''}."
        )
