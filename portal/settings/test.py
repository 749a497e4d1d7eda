"""The test suite. DATABASE_URL and REDIS_URL switch it to PostgreSQL and Redis (CI's second run)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, REDIS_URL, SECRET_KEY

SECRET_KEY = SECRET_KEY or "dev-only-insecure-test-key"

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# each test gets its own MEDIA_ROOT (tests/conftest.py); this is only the fallback
MEDIA_ROOT = Path(tempfile.gettempdir()) / "portal-test-media"
# The Celery worker that tests/notices/test_worker.py starts runs these settings too, with its own
# environment: e-mails written to files it can read, tasks taken from the broker.
EMAIL_BACKEND = os.environ.get("TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
CELERY_TASK_ALWAYS_EAGER = os.environ.get("TEST_CELERY_EAGER", "true") == "true"
ALLOWED_HOSTS = ["*"]
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# SQLite's test database in memory, one per process, said outright: pytest-django recognises the
# in-memory default only under Django's own engine name, not the counting one (django_prometheus)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")

# pytest-xdist runs the suite in several processes, each with its own test database; with Redis each
# gets its own Redis database for the cache too, so that one process's cache.clear() or data version
# never reaches another's dashboard (gw0 → 1, gw1 → 2 …; the broker tests use 14)
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _WORKER.startswith("gw"):
    CACHES["default"]["LOCATION"] = f"{REDIS_URL.rsplit('/', 1)[0]}/{1 + int(_WORKER[2:])}"
