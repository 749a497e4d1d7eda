"""Redis and the Celery workers: the broker, the cache beside it, and how tasks are run, acknowledged
and limited. Read from environment variables like the rest (imported by base.py)."""

from pathlib import Path

import environ

env = environ.Env()
environ.Env.read_env(Path(__file__).resolve().parent.parent.parent / ".env", overwrite=False)

# Redis: the Celery broker at REDIS_URL (its database, usually 0, persisted); the cache in another
# database of the same server (CACHE_REDIS_URL, by default database 1), so that clearing the cache or
# evicting from it never drops a queued task.
REDIS_URL = env("REDIS_URL", default="")
CACHE_REDIS_URL = env("CACHE_REDIS_URL", default=f"{REDIS_URL.rsplit('/', 1)[0]}/1" if REDIS_URL else "")
if CACHE_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.MeteredRedisCache",
            "LOCATION": CACHE_REDIS_URL,
            # an unreachable cache is noticed in a second, not after the system's TCP timeout
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django_prometheus.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
# A task is acknowledged when it has finished, and given back to the queue if the process running it
# dies (the OOM killer); the broker redelivers an unacknowledged task after the visibility timeout,
# longer than the longest task (an export's hard limit below). The work each task does is claimed in
# the database (core/claims.py), so a redelivered task never does it twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = max(CELERY_TASK_TIME_LIMIT - 60, CELERY_TASK_TIME_LIMIT * 9 // 10)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_KB", default=1_000_000)
# an export still marked running this long after it started has no worker left (its hard limit passed)
EXPORT_CLAIM_SECONDS = CELERY_TASK_TIME_LIMIT + 10
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + 5 * 60,
    "socket_connect_timeout": 2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs through LOGGING, as the web does
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
