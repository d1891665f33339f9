"""Admin test fixtures: the demo secretariat account signed in, the demo data, and Debian's Chromium."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import confirmed_totp_device, totp_code

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def demo_account(db, settings, tmp_path):
    """The demo secretariat account as `make run` creates it: (user name, password)."""
    settings.CONVENE_DEMO_PASSWORD_FILE = tmp_path / ".demo-password"
    call_command("setup_roles", stdout=StringIO())
    call_command("ensure_demo_account", stdout=StringIO())
    return settings.CONVENE_DEMO_USERNAME, settings.CONVENE_DEMO_PASSWORD_FILE.read_text().strip()


@pytest.fixture
def secretariat_client(client, demo_account, django_user_model):
    """A client signed in through the admin's login form as the demo secretariat account, then its TOTP code."""
    username, password = demo_account
    device = confirmed_totp_device(django_user_model.objects.get(username=username))
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    assert (response.status_code, response.url) == (302, "/admin/")
    response = client.post("/admin/two-factor/verify/", {"code": totp_code(device), "next": "/admin/"})
    assert (response.status_code, response.url) == (302, "/admin/")
    return client


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())
