"""Staff second factor: the Secretariat role and superusers give a TOTP code before any admin page (django-otp)."""

import base64
import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import ensure_secretariat_group
from tests.conftest import confirmed_totp_device, totp_code
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("officer", password=PASSWORD, is_staff=True)
    user.groups.add(ensure_secretariat_group())
    return user


def sign_in(client, username="officer"):
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": PASSWORD})
    assert (response.status_code, response.url) == (302, "/admin/")
    return client


def shown_secret(page):
    return re.search(r'<code id="totp-secret" dir="ltr">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")


def test_password_alone_sends_the_secretariat_to_enrolment(client, officer):
    sign_in(client)

    for url in ["/admin/", "/admin/participants/person/", "/admin/password_change/"]:
        response = client.get(url)
        assert (response.status_code, response.url) == (302, f"/admin/two-factor/setup/?next={url.replace('/', '%2F')}")


def test_enrolment_shows_a_qr_code_and_the_secret_of_a_new_device(client, officer):
    sign_in(client)

    page = client.get("/admin/two-factor/setup/?next=/admin/").content.decode()

    device = TOTPDevice.objects.get(user=officer)
    assert device.confirmed is False
    assert shown_secret(page) == base64.b32encode(device.bin_key).decode()
    assert 'src="data:image/svg+xml;base64,' in page


def test_enrolment_with_the_right_code_confirms_the_device_and_opens_the_admin(client, officer):
    sign_in(client)
    client.get("/admin/two-factor/setup/")
    device = TOTPDevice.objects.get(user=officer)

    response = client.post("/admin/two-factor/setup/", {"code": totp_code(device), "next": "/admin/"})

    assert (response.status_code, response.url) == (302, "/admin/")
    assert TOTPDevice.objects.get(user=officer).confirmed is True
    assert client.get("/admin/").status_code == 200


def test_enrolment_with_a_wrong_code_names_the_field_and_confirms_nothing(client, officer):
    sign_in(client)
    client.get("/admin/two-factor/setup/")
    device = TOTPDevice.objects.get(user=officer)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"

    response = client.post("/admin/two-factor/setup/", {"code": wrong, "next": "/admin/"})

    assert response.status_code == 400
    assert "This code is not the one your authenticator shows now." in response.content.decode()
    assert TOTPDevice.objects.get(user=officer).confirmed is False
    assert client.get("/admin/").status_code == 302


def test_a_confirmed_device_is_never_replaced_with_a_password_alone(client, officer):
    confirmed_totp_device(officer)
    sign_in(client)

    response = client.get("/admin/two-factor/setup/?next=/admin/")

    assert (response.status_code, response.url) == (302, "/admin/two-factor/verify/?next=%2Fadmin%2F")
    assert TOTPDevice.objects.filter(user=officer).count() == 1
    assert client.get("/admin/").url == "/admin/two-factor/verify/?next=%2Fadmin%2F"


def test_verification_with_the_right_code_opens_the_admin_for_the_session(client, officer):
    device = confirmed_totp_device(officer)
    sign_in(client)
    key_before = client.session.session_key

    response = client.post("/admin/two-factor/verify/", {"code": totp_code(device), "next": "/admin/meetings/"})

    assert (response.status_code, response.url) == (302, "/admin/meetings/")
    assert client.get("/admin/meetings/meeting/").status_code == 200
    assert client.session.session_key != key_before


def test_a_code_is_good_once(client, officer):
    device = confirmed_totp_device(officer)
    code = totp_code(device)
    sign_in(client).post("/admin/two-factor/verify/", {"code": code})
    client.post("/admin/logout/")

    response = sign_in(client).post("/admin/two-factor/verify/", {"code": code})

    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302


def test_wrong_codes_are_throttled_with_a_clear_message(client, officer):
    device = confirmed_totp_device(officer)
    sign_in(client)
    wrong = f"{(int(totp_code(device)) + 500_000) % 1_000_000:06d}"
    client.post("/admin/two-factor/verify/", {"code": wrong})

    response = client.post("/admin/two-factor/verify/", {"code": totp_code(device)})

    assert response.status_code == 400
    assert "Too many wrong codes: wait" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_verification_page_is_translated(client, officer):
    confirmed_totp_device(officer)
    sign_in(client)

    page = client.get("/admin/two-factor/verify/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Connexion en deux étapes" in page


def test_a_redirect_after_the_code_stays_on_this_site(client, officer):
    device = confirmed_totp_device(officer)
    sign_in(client)

    response = client.post("/admin/two-factor/verify/", {"code": totp_code(device), "next": "https://evil.example/"})

    assert response.url == "/admin/"


def test_staff_outside_the_secretariat_role_need_no_second_factor(client, django_user_model):
    django_user_model.objects.create_user("viewer", password=PASSWORD, is_staff=True)

    assert sign_in(client, "viewer").get("/admin/").status_code == 200


def test_superusers_give_a_second_factor_too(client, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)

    assert sign_in(client, "root").get("/admin/").url == "/admin/two-factor/setup/?next=%2Fadmin%2F"


def test_the_api_ignores_a_session_without_its_second_factor(client, officer):
    person = PersonFactory(listed_publicly=False, email="private@example.org")
    device = confirmed_totp_device(officer)
    sign_in(client)

    before = client.get(f"/api/v1/people/{person.pk}/")
    client.post("/admin/two-factor/verify/", {"code": totp_code(device)})
    after = client.get(f"/api/v1/people/{person.pk}/")

    assert before.status_code == 404
    assert "private@example.org" not in before.content.decode()
    assert (after.status_code, after.json()["email"]) == (200, "private@example.org")


def test_the_pages_of_the_second_factor_need_the_password_first(client):
    for url in ["/admin/two-factor/setup/", "/admin/two-factor/verify/"]:
        response = client.get(url)
        assert (response.status_code, response.url.split("?")[0]) == (302, "/admin/login/")
    assert TOTPDevice.objects.count() == 0
