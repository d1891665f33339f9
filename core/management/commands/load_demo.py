from django.core.management.base import BaseCommand

from core.demo import MEETING_SLUG, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo data: the 16th UN–OIC General Meeting (Astana, July 2024) with its themes, delegations, "
        "guests of honour, sessions, the IOFS–FAO Letter of Intent and the agreed Matrix. Safe to run again: "
        "rows are found by their slugs and saved only when they differ."
    )

    def handle(self, *args, **options):
        summary = load_demo()
        self.stdout.write(f"Demo data for “{MEETING_SLUG}”:")
        for line in summary.lines():
            self.stdout.write(line)
        created, updated = sum(summary.created.values()), sum(summary.updated.values())
        if created or updated:
            self.stdout.write(self.style.SUCCESS(f"{created} rows created, {updated} updated."))
        else:
            self.stdout.write(self.style.SUCCESS("Nothing to change: the demo data is already loaded."))
