"""Test-run setup, loaded as a plugin (`-p tests.environment`) before pytest-django reads the settings.

The suite runs in production settings (config/settings_test.py: DEBUG off, the compressed manifest storage), so
the hashed static files must exist. The main process collects them before any xdist worker starts, into a folder
of the temporary directory named by a digest of the static sources (names, sizes, modification times): a run
whose sources have not changed since the last one reuses that folder. The workers inherit its path through
CONVENE_TEST_STATIC_ROOT.
"""

import hashlib
import inspect
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

IS_WORKER = "PYTEST_XDIST_WORKER" in os.environ
CACHE = Path(tempfile.gettempdir()) / "convene-test-static"
KEEP_SECONDS = 24 * 3600


def static_sources_digest():
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.utils.module_loading import import_string

    storage_class = import_string(settings.STORAGES["staticfiles"]["BACKEND"])
    digest = hashlib.sha256(Path(inspect.getfile(storage_class)).read_bytes())
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            prefix = getattr(storage, "prefix", None) or ""
            digest.update(f"{prefix}/{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def collected_static_root():
    """The folder of collected static files for the sources as they are now, collecting them if needed."""
    from django.conf import settings
    from django.core.management import call_command

    CACHE.mkdir(exist_ok=True)
    root = CACHE / static_sources_digest()
    if not (root / "staticfiles.json").exists():
        building = Path(tempfile.mkdtemp(prefix="building-", dir=CACHE))
        settings.STATIC_ROOT = building
        call_command("collectstatic", "--no-input", "--verbosity=0")
        try:
            building.rename(root)
        except OSError:  # another run collected the same sources meanwhile
            shutil.rmtree(building, ignore_errors=True)
    os.utime(root)
    for old in CACHE.iterdir():
        if old != root and time.time() - old.stat().st_mtime > KEEP_SECONDS:
            shutil.rmtree(old, ignore_errors=True)
    return root


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    if IS_WORKER or config.option.help or config.option.version:
        return
    from django.conf import settings

    root = collected_static_root()
    os.environ["CONVENE_TEST_STATIC_ROOT"] = str(root)
    settings.STATIC_ROOT = root
