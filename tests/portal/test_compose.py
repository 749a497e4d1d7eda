"""docker-compose.yml and .env.example against the settings that read them."""

import re
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Variables read by the postgres image, not by the portal.
IMAGE_VARIABLES = {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"}


def settings_variables() -> set[str]:
    """Every environment variable portal/settings/ reads through django-environ."""
    text = "\n".join(p.read_text() for p in (ROOT / "portal" / "settings").glob("*.py"))
    return set(re.findall(r"""env(?:\.\w+)?\(\s*["']([A-Z_]+)["']""", text))


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_five_services_with_health_checks():
    services = compose()["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), name
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert services[name]["env_file"] == ".env"


def test_web_runs_migrations_then_gunicorn_and_checks_healthz():
    web = compose()["services"]["web"]
    command = web["command"]
    assert command.index("migrate --noinput") < command.index("gunicorn portal.wsgi")
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert "celery" in " ".join(compose()["services"]["worker"]["command"])
    assert "DatabaseScheduler" in " ".join(compose()["services"]["beat"]["command"])


def test_every_variable_passed_is_read_by_the_settings():
    read = settings_variables()
    example = ROOT / ".env.example"
    passed = {
        line.split("=", 1)[0]
        for line in example.read_text().splitlines()
        if line and not line.startswith("#")
    }
    for service in compose()["services"].values():
        passed |= {key for key in service.get("environment", {}) if key != "DJANGO_SETTINGS_MODULE"}
    assert passed - IMAGE_VARIABLES <= read, passed - IMAGE_VARIABLES - read
    # and every setting the portal reads is documented in .env.example
    assert read <= passed, read - passed
