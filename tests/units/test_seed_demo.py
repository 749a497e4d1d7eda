import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command
from django.http import HttpRequest

from reports.models import ProgressReport
from units.choices import Role
from units.models import Unit, User


def fingerprint() -> dict[str, str]:
    """Every row of every portal model, serialized."""
    result = {}
    for app in ("units", "tasks", "reports"):
        for model in apps.get_app_config(app).get_models():
            rows = model.objects.order_by("pk")
            result[model._meta.label] = serializers.serialize("json", rows)
    return result


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing(settings):
    # the reporting history's own second run is tested in tests/portal/test_demo_history.py
    settings.DEBUG = True
    call_command("seed_demo", "--no-history", stdout=open("/dev/null", "w"))
    first = fingerprint()
    call_command("seed_demo", "--no-history", stdout=open("/dev/null", "w"))
    assert fingerprint() == first


@pytest.mark.django_db
def test_seed_demo_creates_the_demo_accounts(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--no-history", stdout=open("/dev/null", "w"))
    units = Unit.objects.count()
    assert units == 27
    assert User.objects.count() == 2 + 2 * units
    admin = User.objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser  # an administrator, not the technical superuser
    assert User.objects.get(username="leader").role == Role.LEADER
    staff = User.objects.get(username="staff-changchun")
    assert (staff.role, staff.unit.code) == (Role.UNIT_STAFF, "changchun")
    assert User.objects.get(username="head-yunshu-ju").role == Role.UNIT_HEAD
    # and they log in with the default password
    assert client.login(request=HttpRequest(), username="staff-changchun", password="jilin2024")
    assert client.login(request=HttpRequest(), username="admin", password="jilin2024")


@pytest.mark.django_db
def test_seed_demo_keeps_a_changed_password(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--no-history", stdout=open("/dev/null", "w"))
    user = User.objects.get(username="head-jigao")
    user.set_password("a-new-secret-9")
    user.save()
    call_command("seed_demo", "--no-history", stdout=open("/dev/null", "w"))
    assert client.login(request=HttpRequest(), username="head-jigao", password="a-new-secret-9")


@pytest.mark.django_db
def test_seed_demo_refuses_demo_accounts_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="不创建演示账号"):
        call_command("seed_demo")
    assert not User.objects.exists()
    # --no-accounts loads the data only; --force creates the accounts all the same
    call_command("seed_demo", "--no-accounts", stdout=open("/dev/null", "w"))
    assert Unit.objects.count() == 27 and not User.objects.exists()
    assert not ProgressReport.objects.exists()  # no accounts, so no demo reporting history either
    call_command("seed_demo", "--force", "--no-history", stdout=open("/dev/null", "w"))
    assert User.objects.filter(username="admin").exists()


@pytest.mark.django_db
def test_demo_password_comes_from_the_environment_setting(settings, client):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "other-pass-42"
    call_command("seed_demo", "--no-history", stdout=open("/dev/null", "w"))
    assert client.login(request=HttpRequest(), username="leader", password="other-pass-42")
