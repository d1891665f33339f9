"""The layers of .importlinter hold, and an import from a lower app to a higher one breaks them (so `make lint`
fails on it)."""

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACT = configparser.ConfigParser()
CONTRACT.read(ROOT / ".importlinter")
PACKAGES = CONTRACT["importlinter"]["root_packages"].split()

pytestmark = pytest.mark.skipif(
    not LINT_IMPORTS.exists(), reason="import-linter is not installed (make test installs it)"
)


def lint_imports(cwd):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def copy_of_the_project(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def test_the_project_keeps_its_layers():
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "upward_import", "message"),
    [
        # Hidden inside a function: still a dependency.
        ("meetings/selectors.py", "from sessions.models import Session", "meetings is not allowed to import sessions"),
        ("core/pdf.py", "from meetings.models import Meeting", "core is not allowed to import meetings"),
        ("agreements/selectors.py", "from portal import queries", "agreements is not allowed to import portal"),
        ("secretariat/dashboard.py", "from portal import queries", "secretariat is not allowed to import portal"),
    ],
)
def test_an_upward_import_breaks_the_contract(tmp_path, module, upward_import, message):
    project = copy_of_the_project(tmp_path)
    with (project / module).open("a") as source:
        source.write(f"\n\ndef _upward():\n    {upward_import}  # noqa: F401\n")

    result = lint_imports(project)

    assert result.returncode == 1
    assert message in result.stdout
