"""Test-run defaults, loaded as a plugin (`-p tests.environment`) before pytest-django reads the settings."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-for-production")
# Serve static files from the finders in tests (no collectstatic manifest needed).
os.environ.setdefault("DJANGO_DEBUG", "1")
