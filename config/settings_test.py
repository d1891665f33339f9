"""Settings of the test suite: the production settings (DEBUG off), given the values production's environment gives.

Nothing here makes the tests kinder than production: static files go through the compressed manifest storage
(tests/environment.py collects them into a temporary STATIC_ROOT), hosts are checked, cookies are
secure. Only the password hasher is swapped for a fast one, as Django's documentation advises for tests.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# Whatever the shell exports, the tests run in production settings; development mode is tested with DEBUG set
# explicitly (tests/core/test_settings.py starts Django in a subprocess with DJANGO_DEBUG=1).
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The caches are each test process's own, whatever the shell exports: with a shared Redis, one xdist worker emptying
# the cache before its test (tests/conftest.py) would empty it under the other's. The Redis paths are tested by
# starting Django with REDIS_URL set (tests/api/test_rate_limit.py, tests/core/test_settings.py).
os.environ.pop("REDIS_URL", None)

from config.settings import *  # noqa: F403

# tests/environment.py collects the static files (or finds them collected) and names the folder here for the workers.
STATIC_ROOT = Path(os.environ.get("CONVENE_TEST_STATIC_ROOT") or tempfile.gettempdir() + "/convene-test-static-unset")

# The throttles' shared cache, as production has it without Redis (files), in a folder of this test process's own:
# xdist workers and runs must not count each other's requests.
_THROTTLE_FOLDER = tempfile.mkdtemp(prefix="convene-test-throttles-")
atexit.register(shutil.rmtree, _THROTTLE_FOLDER, ignore_errors=True)
CACHES = {**CACHES, "throttle": {**CACHES["throttle"], "LOCATION": _THROTTLE_FOLDER}}  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The test client speaks plain HTTP to Django: with the redirect on, every request would be a 301 to https://.
# Production keeps it on (tests/core/test_security_settings.py checks the production settings in a subprocess).
SECURE_SSL_REDIRECT = False

# SQLite's test database lives in memory, used by one process: the IMMEDIATE transactions that let the server and the
# job worker share a database file (config/env.py) only make SQLite's online backup of it wait forever inside a test's
# transaction (tests/core/test_backup.py); the in-memory database keeps SQLite's default, deferred transactions.
for _database in DATABASES.values():  # noqa: F405 (from config.settings)
    if _database["ENGINE"] == "django.db.backends.sqlite3":
        _database.get("OPTIONS", {}).pop("transaction_mode", None)
