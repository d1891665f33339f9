from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from demo.loader import MEETING_SLUG, load_demo


class Command(BaseCommand):
    help = gettext_lazy(
        "Load the demo data: the 16th UN–OIC General Meeting (Astana, July 2024) with its themes, delegations, "
        "guests of honour, sessions, the IOFS–FAO Letter of Intent and the agreed Matrix. Safe to run again: "
        "rows are found by their slugs, missing ones created, and rows edited since are kept unless --refresh."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help=gettext_lazy("Put the demo's values back into rows edited since they were loaded."),
        )

    def handle(self, *args, **options):
        summary = load_demo(refresh=options["refresh"])
        self.stdout.write(_("Demo data for “%(slug)s”:") % {"slug": MEETING_SLUG})
        for line in summary.lines():
            self.stdout.write(line)
        created, updated = sum(summary.created.values()), sum(summary.updated.values())
        if kept := sum(summary.kept.values()):
            self.stdout.write(
                _("%(kept)d rows differ from the demo and were kept as edited; load_demo --refresh puts them back.")
                % {"kept": kept}
            )
        if created or updated:
            self.stdout.write(
                self.style.SUCCESS(
                    _("%(created)d rows created, %(updated)d updated.") % {"created": created, "updated": updated}
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(_("Nothing to change: the demo data is already loaded.")))
