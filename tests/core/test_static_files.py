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
