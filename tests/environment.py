"""Test-run setup, loaded as a plugin (`-p tests.environment`) before pytest-django reads the settings.

The suite runs in production settings (config/settings_test.py: DEBUG off, the compressed manifest storage), so
the hashed static files must exist: they are collected once per run, by the main process before any xdist worker
starts, into a temporary folder that the workers inherit through CONVENE_TEST_STATIC_ROOT.
"""

import os
import shutil
import tempfile

import pytest

IS_WORKER = "PYTEST_XDIST_WORKER" in os.environ

if not IS_WORKER:
    os.environ["CONVENE_TEST_STATIC_ROOT"] = tempfile.mkdtemp(prefix="convene-test-static-")


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    if IS_WORKER or config.option.collectonly or config.option.help or config.option.version:
        return
    from django.core.management import call_command

    call_command("collectstatic", "--no-input", "--verbosity=0")


def pytest_unconfigure(config):
    if not IS_WORKER:
        shutil.rmtree(os.environ["CONVENE_TEST_STATIC_ROOT"], ignore_errors=True)
