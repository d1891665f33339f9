"""Staff sign-in: five wrong passwords lock the username from that address for 15 minutes (django-axes)."""

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("officer", password=PASSWORD, is_staff=True)


def sign_in(client, password, address="10.0.0.1", language="en"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "officer", "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_five_failures_lock_the_account_even_for_the_right_password(client, staff):
    for _attempt in range(4):
        assert sign_in(client, "wrong").status_code == 200
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "Signing in is locked for 15 minutes" in locked.content.decode()

    right = sign_in(client, PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_message_is_translated(client, staff):
    for _attempt in range(5):
        sign_in(client, "wrong")

    assert "La connexion est bloquée pendant 15 minutes" in sign_in(client, "wrong", language="fr").content.decode()


def test_lockout_is_per_username_and_address(client, staff):
    for _attempt in range(5):
        sign_in(client, "wrong", address="10.0.0.1")

    assert sign_in(client, PASSWORD, address="10.0.0.2").status_code == 302


def test_fewer_failures_then_the_right_password_sign_in(client, staff):
    for _attempt in range(3):
        sign_in(client, "wrong")

    assert sign_in(client, PASSWORD).status_code == 302
