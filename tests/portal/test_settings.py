"""Settings come from the environment; production refuses to start without its secrets.

Each case starts Django in a subprocess with the environment it names. Variables a case wants unset are
passed empty, so that a developer's .env file (read with overwrite=False) cannot fill them in.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

SHOW = """
import django, json
django.setup()
from django.conf import settings as s
print(json.dumps({
    "engine": s.DATABASES["default"]["ENGINE"],
    "cache": s.CACHES["default"]["BACKEND"],
    "broker": s.CELERY_BROKER_URL,
    "eager": s.CELERY_TASK_ALWAYS_EAGER,
    "debug": s.DEBUG,
    "hosts": s.ALLOWED_HOSTS,
}))
"""
# what the portal's own variables would otherwise take from the calling shell
CLEARED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "DEBUG", "CELERY_TASK_ALWAYS_EAGER")


def start(module: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in CLEARED}
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def started(module: str, **env) -> dict:
    result = start(module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "portal.example", "REDIS_URL": "redis://redis:6379/0"}


@pytest.mark.parametrize("secret", ["", "dev-only-insecure-key-change-me"], ids=["empty", "development-key"])
def test_production_refuses_to_start_without_a_secret_key(secret):
    result = start("portal.settings.production", **{**PRODUCTION, "SECRET_KEY": secret})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = start("portal.settings.production", **{**PRODUCTION, "ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_both_and_debug_off():
    shown = started(
        "portal.settings.production", **{**PRODUCTION, "ALLOWED_HOSTS": "portal.example,localhost"}
    )
    assert shown["debug"] is False
    assert shown["hosts"] == ["portal.example", "localhost"]


def test_production_refuses_to_start_without_redis():
    # given production settings with everything but REDIS_URL
    result = start("portal.settings.production", **{**PRODUCTION, "REDIS_URL": ""})
    # then it refuses, rather than run every Celery job inside a web request
    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr


def test_production_never_runs_jobs_in_process_even_if_asked():
    shown = started("portal.settings.production", **PRODUCTION, CELERY_TASK_ALWAYS_EAGER="true")
    assert shown["eager"] is False


@pytest.mark.parametrize("module", ["portal.settings.base", "portal.settings.production"])
def test_the_development_key_is_only_in_local_and_test_settings(module):
    # the shared and production settings carry no key of their own
    source = (settings.BASE_DIR / (module.replace(".", "/") + ".py")).read_text()
    assert "dev-only" not in source.replace('startswith("dev-only")', "")


def test_database_url_switches_to_postgresql():
    shown = started(
        "portal.settings.production",
        **PRODUCTION,
        DATABASE_URL="postgres://portal:pw@db.internal:5432/portal",
    )
    assert shown["engine"] == "django_prometheus.db.backends.postgresql"


def test_redis_url_switches_the_cache_and_the_celery_broker_to_redis():
    shown = started("portal.settings.production", **{**PRODUCTION, "REDIS_URL": "redis://redis:6379/0"})
    assert shown["cache"] == "core.cache.MeteredRedisCache"
    assert shown["broker"] == "redis://redis:6379/0"
    assert shown["eager"] is False


@pytest.mark.skipif((settings.BASE_DIR / ".env").exists(), reason="a .env file sets its own defaults")
def test_the_embedded_default_is_sqlite_without_redis():
    shown = started("portal.settings.local")
    assert shown["engine"] == "django_prometheus.db.backends.sqlite3"
    assert shown["cache"] == "django_prometheus.cache.backends.locmem.LocMemCache"
    # without a broker, tasks run in-process
    assert shown["broker"] == "memory://" and shown["eager"] is True
    # served as its users see it (Chinese error pages); `make dev` turns DEBUG on
    assert shown["debug"] is False


def test_chinese_ui_and_shanghai_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"


def deploy_check(**env) -> subprocess.CompletedProcess:
    # the browser tests allow Django's ORM in Playwright's event loop for this process, never in production
    clean = {k: v for k, v in os.environ.items() if k not in CLEARED and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "portal.settings.production", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_passes_the_deploy_check_without_a_warning():
    # given production settings with a real key (the check wants 50 varied characters)
    key = "k3y-" + "".join(chr(ord("a") + i % 26) + str(i % 10) for i in range(30))
    result = deploy_check(**{**PRODUCTION, "SECRET_KEY": key})
    # then Django's deployment check finds nothing: HSTS, SSL redirect, secure cookies, no DEBUG
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_ssl_redirect_can_be_left_to_the_tls_proxy():
    shown = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings as s; "
         "print(s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER[0], s.SECURE_HSTS_SECONDS > 0)"],
        env={**{k: v for k, v in os.environ.items() if k not in CLEARED}, **PRODUCTION,
             "DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECURE_SSL_REDIRECT": "false"},
        cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert shown.stdout.split() == ["False", "HTTP_X_FORWARDED_PROTO", "True"], shown.stderr
