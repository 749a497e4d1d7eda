"""The test suite. DATABASE_URL and REDIS_URL switch it to PostgreSQL and Redis (CI's second run)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import SECRET_KEY

SECRET_KEY = SECRET_KEY or "dev-only-insecure-test-key"

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# each test gets its own MEDIA_ROOT (tests/conftest.py); this is only the fallback
MEDIA_ROOT = Path(tempfile.gettempdir()) / "portal-test-media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
ALLOWED_HOSTS = ["*"]
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
