import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import ensure_secretariat_group


def password_file() -> Path:
    # A setting only so that tests can keep their password away from the checkout's.
    return Path(getattr(settings, "CONVENE_DEMO_PASSWORD_FILE", Path(settings.BASE_DIR) / ".demo-password"))


class Command(BaseCommand):
    help = (
        "Ensure the demo secretariat account exists (staff, not superuser, in the Secretariat group). "
        "Its password is generated on first run, kept in .demo-password (not committed) and printed. "
        "The Secretariat role signs in with a second factor: the first sign-in shows a QR code and a secret to set up "
        "an authenticator app; --reset-second-factor forgets the app set up before, so that the next sign-in shows "
        "them again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-second-factor",
            action="store_true",
            help="delete the demo account's TOTP devices: the next sign-in sets up an authenticator app again",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        username = settings.CONVENE_DEMO_USERNAME
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "first_name": "Demo", "last_name": "Secretariat"}
        )
        path = password_file()
        if path.exists():
            password = path.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            path.write_text(password + "\n")
            path.chmod(0o600)
        user.set_password(password)
        user.is_staff, user.is_superuser, user.is_active = True, False, True
        user.save()
        user.groups.add(ensure_secretariat_group())
        self.stdout.write(f"Demo secretariat account: user name “{username}”, password “{password}”.")
        devices = TOTPDevice.objects.devices_for_user(user)
        if options["reset_second_factor"]:
            devices.delete()
        if devices.filter(confirmed=True).exists():
            self.stdout.write(
                "Second factor: the code of the authenticator app set up at its first sign-in "
                "(lost it? run again with --reset-second-factor)."
            )
        else:
            self.stdout.write(
                "Second factor: the first sign-in at /admin/ shows a QR code and a secret to set up an authenticator "
                "app (or `oathtool --totp -b <secret>`), then asks for its six-digit code."
            )
