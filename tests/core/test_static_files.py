"""Production serves hashed, compressed static files: collectstatic must succeed, jQuery UI included."""

import json

from tests.core.test_settings import start_django

COLLECT = """
from django.conf import settings
from django.core.management import call_command
settings.STATIC_ROOT = {root!r}
call_command("collectstatic", "--no-input", verbosity=0)
"""


def test_collectstatic_succeeds_without_debug_and_hashes_jquery_ui(tmp_path):
    root = tmp_path / "staticfiles"

    result = start_django(
        COLLECT.format(root=str(root)), DJANGO_DEBUG="0", DJANGO_SECRET_KEY="a-long-secret-for-this-test-only"
    )

    assert result.returncode == 0, result.stderr
    paths = json.loads((root / "staticfiles.json").read_text())["paths"]
    hashed = paths["xstatic/jquery-ui/jquery-ui.min.js"]
    assert hashed.startswith("xstatic/jquery-ui/jquery-ui.min.") and hashed != "xstatic/jquery-ui/jquery-ui.min.js"
    assert (root / hashed).exists()
    assert (root / (hashed + ".gz")).exists()


def test_every_client_gets_the_static_files_from_one_index_read_once(db, client, settings):
    """Each test client builds its own middleware chain: the files are indexed once, and each chain serves them."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.test import Client

    from core.storage import StaticFilesMiddleware

    first, second = StaticFilesMiddleware(lambda request: None), StaticFilesMiddleware(lambda request: None)
    address = staticfiles_storage.url("css/convene.css")
    assert first.files[address] is second.files[address]  # the same entry: the file was not read again

    for browser in (client, Client()):
        response = browser.get(address, HTTP_ACCEPT_ENCODING="gzip")
        response.close()
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert "immutable" in response["Cache-Control"]

    # Another folder is another index: what one folder holds is never served from another's.
    settings.STATIC_ROOT = settings.BASE_DIR / "static"
    elsewhere = StaticFilesMiddleware(lambda request: None)
    assert address not in elsewhere.files and "/static/css/convene.css" in elsewhere.files
