import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from secretariat.jobs import jobs_prune


class Command(BaseCommand):
    help = "Delete finished jobs older than --days, with their files (run it daily, e.g. from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="keep the jobs finished in the last DAYS days")

    def handle(self, *args, days, **options):
        pruned = jobs_prune(finished_before=timezone.now() - datetime.timedelta(days=days))
        self.stdout.write(_("%(count)d finished jobs deleted.") % {"count": pruned})
