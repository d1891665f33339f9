"""Staff sign-in in Chromium: the lockout's message, TOTP enrolment then sign-in, and a session that expires."""

import base64
import datetime
import re
import time

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import ensure_secretariat_group
from tests.conftest import sign_in_in_browser

pytestmark = pytest.mark.browser

PASSWORD = "officer-password-for-chromium"


@pytest.fixture
def officer(transactional_db, django_user_model):
    user = django_user_model.objects.create_user("officer", password=PASSWORD, is_staff=True)
    user.groups.add(ensure_secretariat_group())
    return user


def submit_password(page, url, password):
    page.goto(f"{url}/admin/login/?next=/admin/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_load_state()


def code_for(secret):
    return f"{TOTP(base64.b32decode(secret.replace(' ', ''))).token():06d}"


def test_repeated_wrong_passwords_lock_the_account_with_a_clear_message(live_server, officer, open_page):
    page = open_page()
    for _attempt in range(4):
        submit_password(page, live_server.url, "wrong")
        assert "Please enter the correct username and password" in page.locator(".errornote").inner_text()

    submit_password(page, live_server.url, "wrong")
    locked = page.get_by_role("alert").inner_text()
    submit_password(page, live_server.url, PASSWORD)

    assert "Signing in is locked for 15 minutes" in locked
    assert "Signing in is locked for 15 minutes" in page.get_by_role("alert").inner_text()
    assert page.url.endswith("/admin/login/?next=/admin/")


def test_first_sign_in_enrols_an_authenticator_then_the_next_one_asks_its_code(
    live_server, officer, open_page, outside_requests
):
    page = open_page()
    submit_password(page, live_server.url, PASSWORD)
    page.wait_for_url("**/admin/two-factor/setup/?next=%2Fadmin%2F")
    secret = page.locator("#totp-secret").inner_text()
    qr_width = page.locator("img[alt='QR code of the secret key']").evaluate("image => image.naturalWidth")

    page.fill("#id_code", "000000" if code_for(secret) != "000000" else "111111")
    page.click("input[type=submit]")
    refusal = page.get_by_role("alert").inner_text()
    time.sleep(1.2)  # django-otp makes a second try after a wrong code wait one second
    page.fill("#id_code", code_for(secret))
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    heading = page.locator("#site-name").inner_text()

    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4})+", secret)
    assert qr_width > 0
    assert "This code is not the one your authenticator shows now." in refusal
    assert heading == "Convene secretariat"
    assert TOTPDevice.objects.get(user=officer).confirmed is True

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/admin/logout/")
    TOTPDevice.objects.filter(user=officer).update(last_t=-1)  # the next period's code, without waiting 30 seconds
    submit_password(page, live_server.url, PASSWORD)
    page.wait_for_url("**/admin/two-factor/verify/?next=%2Fadmin%2F")
    page.fill("#id_code", code_for(secret))
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert outside_requests == []


def test_an_expired_session_sends_back_to_the_sign_in(live_server, officer, open_page, settings):
    from django.contrib.sessions.models import Session

    settings.SESSION_COOKIE_AGE = 600
    page = open_page()
    sign_in_in_browser(page, live_server.url, "officer", PASSWORD)
    cookie = next(cookie for cookie in page.context.cookies() if cookie["name"] == "sessionid")
    page.goto(f"{live_server.url}/admin/meetings/meeting/")
    assert page.url == f"{live_server.url}/admin/meetings/meeting/"
    session = Session.objects.get(session_key=cookie["value"])
    assert 590 <= (session.expire_date - timezone.now()).total_seconds() <= 600  # the age the setting gives

    # The session's age passes (its expiry moved to a second ago, rather than a test waiting for it).
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    page.goto(f"{live_server.url}/admin/meetings/meeting/")

    assert page.url == f"{live_server.url}/admin/login/?next=/admin/meetings/meeting/"
    assert cookie["expires"] == -1  # a browser session cookie: closing the browser ends it too
