"""The embedded default: `make run` (SQLite, no Redis), serving the portal as its users see it, with
its Chinese error pages; `make dev` (DEBUG=true) shows Django's debug pages instead."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"

DEBUG = env.bool("DEBUG", default=False)
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
