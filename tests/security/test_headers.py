"""Security headers and production settings (issue 11): CSP without inline scripts, Permissions-Policy, HSTS,
HTTPS redirect, and `manage.py check --deploy` clean with the production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def script_src(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("script-src"))


@pytest.mark.parametrize("url", ["/en/", "/admin/login/", "/api/v1/docs/", "/api/v1/meetings/"])
def test_every_answer_has_a_csp_without_inline_scripts(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert "'unsafe-inline'" not in script_src(response)
    assert "'unsafe-eval'" not in script_src(response)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "object-src 'none'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("url", ["/en/", "/admin/login/", "/api/v1/docs/"])
def test_pages_carry_no_inline_script(client, url):
    html = client.get(url).content.decode()

    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_swagger_ui_start_script_is_a_same_origin_file(client):
    html = client.get("/api/v1/docs/").content.decode()
    script = re.search(r'<script src="(/api/v1/docs/\?script=?)"', html)

    assert script, html
    response = client.get(script.group(1))
    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.content.decode()


def test_https_answers_carry_hsts(client):
    response = client.get("/en/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https_except_the_health_check(client):
    response = client.get("/en/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/"
    assert client.get("/healthz").status_code == 200


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3J9-pQ7x_Lm2Zr8Vb5Nw4Ty1Uc6Hd0Fs-aE9gK2oP5iR7jM3lXq",
    "DJANGO_ALLOWED_HOSTS": "convene.example.org",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


def production_environment(**extra):
    env = {name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "CONVENE_"))}
    env.update(PRODUCTION, **extra)
    return env


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def read_settings(names, **extra):
    script = "import django; django.setup(); from django.conf import settings; " + "; ".join(
        f"print(repr(getattr(settings, {name!r}, None)))" for name in names
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_environment(**extra),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_production_settings_redirect_to_https_with_hsts_and_switches_change_them():
    names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_AGE"]

    assert read_settings(names) == ["True", "31536000", "None", "28800"]
    assert read_settings(
        names,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_HSTS_SECONDS="60",
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
        DJANGO_SESSION_COOKIE_AGE="3600",
    ) == ["False", "60", "('HTTP_X_FORWARDED_PROTO', 'https')", "3600"]
