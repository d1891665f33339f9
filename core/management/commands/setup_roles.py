from django.core.management.base import BaseCommand

from core.roles import ensure_secretariat_group


class Command(BaseCommand):
    help = "Create or refresh the Secretariat group with the permissions it needs (safe to run again)."

    def handle(self, *args, **options):
        group = ensure_secretariat_group()
        self.stdout.write(f"Group “{group.name}”: {group.permissions.count()} permissions.")
