"""Test-run defaults, set before pytest-django imports the settings."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-for-production")
# Serve static files from the finders in tests (no collectstatic manifest needed).
os.environ.setdefault("DJANGO_DEBUG", "1")
