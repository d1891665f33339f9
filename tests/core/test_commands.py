from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import confirmed_totp_device

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(settings, tmp_path):
    settings.CONVENE_DEMO_PASSWORD_FILE = tmp_path / ".demo-password"
    return settings.CONVENE_DEMO_PASSWORD_FILE


def run(command, *arguments):
    out = StringIO()
    call_command(command, *arguments, stdout=out)
    return out.getvalue()


def test_setup_roles_gives_the_secretariat_every_permission_of_the_four_apps():
    run("setup_roles")

    group = Group.objects.get(name="Secretariat")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("working_sessions", "change_session") in codenames
    assert ("participants", "view_participant") in codenames
    assert ("agreements", "add_signature") in codenames
    assert ("meetings", "delete_meeting") in codenames
    assert not {label for label, _codename in codenames} & {"auth", "admin", "contenttypes", "sessions"}


def test_setup_roles_twice_keeps_one_group():
    run("setup_roles")
    count = Group.objects.get(name="Secretariat").permissions.count()

    output = run("setup_roles")

    assert Group.objects.filter(name="Secretariat").count() == 1
    assert output == f"Group “Secretariat”: {count} permissions.\n"


def test_ensure_demo_account_creates_staff_not_superuser_and_prints_a_generated_password(password_file):
    output = run("ensure_demo_account")

    password = password_file.read_text().strip()
    user = get_user_model().objects.get(username="secretariat")
    assert output == (
        f"Demo secretariat account: user name “secretariat”, password “{password}”.\n"
        "Second factor: the first sign-in at /admin/ shows a QR code and a secret to set up an authenticator "
        "app (or `oathtool --totp -b <secret>`), then asks for its six-digit code.\n"
    )
    assert len(password) >= 16
    assert (user.is_staff, user.is_superuser, user.is_active) == (True, False, True)
    assert list(user.groups.values_list("name", flat=True)) == ["Secretariat"]
    assert user.check_password(password)
    assert oct(password_file.stat().st_mode & 0o777) == "0o600"


def test_ensure_demo_account_twice_keeps_the_password(password_file):
    first = run("ensure_demo_account")

    second = run("ensure_demo_account")

    assert first == second
    assert get_user_model().objects.filter(username="secretariat").count() == 1


def test_ensure_demo_account_password_differs_from_one_checkout_to_another(settings, tmp_path):
    passwords = []
    for checkout in ("one", "two"):
        settings.CONVENE_DEMO_PASSWORD_FILE = tmp_path / checkout
        run("ensure_demo_account")
        passwords.append(settings.CONVENE_DEMO_PASSWORD_FILE.read_text())

    assert passwords[0] != passwords[1]


def test_ensure_demo_account_says_an_app_is_set_up_and_forgets_it_when_asked(password_file):
    run("ensure_demo_account")
    user = get_user_model().objects.get(username="secretariat")
    confirmed_totp_device(user)

    kept = run("ensure_demo_account")
    reset = run("ensure_demo_account", "--reset-second-factor")

    assert "the code of the authenticator app set up at its first sign-in" in kept
    assert "the first sign-in at /admin/ shows a QR code and a secret" in reset
    assert TOTPDevice.objects.filter(user=user).count() == 0


def test_the_shell_imports_every_model_the_history_ones_included(capsys):
    """`manage.py shell` finds each model where its module says it is, the history of sessions (an app labelled
    otherwise than its package) included, and says nothing could not be imported."""
    from django.apps import apps

    call_command("shell", command="print(sorted(name for name in dir() if name.startswith('Historical')))")
    out = capsys.readouterr().out
    assert "could not be automatically imported" not in out
    expected = sorted(model.__name__ for model in apps.get_models() if model.__name__.startswith("Historical"))
    assert "HistoricalSession" in expected
    assert str(expected) in out
