"""The audit trail: who changed the plan, the units and the people, when, from what to what."""

import copy
import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from tasks.models import WorkItem
from tasks.services import plan_load
from tests import factories
from units.models import Unit, User


def entries_for(obj):
    return LogEntry.objects.get_for_object(obj).order_by("timestamp", "pk")


@pytest.mark.django_db
def test_an_administrators_change_to_a_unit_is_recorded_with_old_and_new_values(client):
    # given a unit and an administrator
    unit = factories.UnitFactory(email="old@example.cn")
    admin = factories.AdminFactory()
    client.force_login(admin)
    # when the administrator changes its e-mail in the admin
    response = client.post(
        f"/admin/units/unit/{unit.pk}/change/",
        {"code": unit.code, "name": unit.name, "short_name": unit.short_name, "aliases": "[]",
         "kind": unit.kind, "email": "new@example.cn", "sort_order": 3},
    )  # fmt: skip
    assert response.status_code == 302
    # then the change is recorded: who, and the old and new value
    entry = entries_for(unit).last()
    assert entry.actor == admin
    assert entry.changes_dict["email"] == ["old@example.cn", "new@example.cn"]
    # and the administrator reads it in Chinese, on the trail and on the unit's own page
    listing = client.get("/admin/auditlog/logentry/").content.decode()
    assert "联系邮箱" in listing and "修改" in listing
    detail = client.get(f"/admin/auditlog/logentry/{entry.pk}/change/").content.decode()
    assert "old@example.cn" in detail and "new@example.cn" in detail and "原值" in detail
    assert client.get(f"/admin/units/unit/{unit.pk}/auditlog/").status_code == 200


@pytest.mark.django_db
def test_a_persons_role_change_is_recorded_and_their_password_never_is(client):
    admin = factories.AdminFactory()
    person = factories.UserFactory(username="staff-q")
    client.force_login(admin)
    person.role = "unit_head"
    from auditlog.context import set_actor

    with set_actor(admin):
        person.save()
        person.set_password("Another2026x")
        person.save()
    changes = [entry.changes_dict for entry in entries_for(person)]
    assert any(c.get("role") == ["unit_staff", "unit_head"] for c in changes)
    assert not any("password" in c for c in changes)
    assert "pbkdf2" not in json.dumps(changes) and "md5" not in json.dumps(changes)


@pytest.mark.django_db
def test_the_trail_cannot_be_edited_or_deleted_and_is_for_administrators(client):
    unit = factories.UnitFactory()
    unit.email = "x@example.cn"
    unit.save()
    entry = entries_for(unit).last()
    client.force_login(factories.AdminFactory())
    assert client.post(f"/admin/auditlog/logentry/{entry.pk}/change/", {}).status_code == 403
    assert client.post(f"/admin/auditlog/logentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()
    client.force_login(factories.LeaderFactory())
    assert client.get("/admin/auditlog/logentry/").status_code == 302  # to the admin's login


@pytest.mark.django_db
def test_a_plan_reload_is_recorded_as_the_systems(settings):
    plan_data = json.loads((settings.BASE_DIR / "fixtures" / "plan-2024.json").read_text(encoding="utf-8"))
    # given the loaded plan
    call_command("seed_demo", "--no-accounts", verbosity=0)
    item = WorkItem.objects.get(plan__year=2024, number=12)
    # when the document's data changes an item's title and is loaded again by the command
    data = copy.deepcopy(plan_data)
    data["items"][11]["title"] = "改过的标题"
    plan_load(data=data)
    # then the change is on the trail, without a person
    entry = entries_for(item).last()
    assert entry.actor is None
    assert entry.changes_dict["title"][1] == "改过的标题"
    assert Unit.objects.exists() and User.objects.count() == 0


@pytest.mark.django_db
def test_an_administrators_password_reset_is_recorded_and_offers_no_passwordless_account(client):
    person = factories.UserFactory(must_change_password=True)
    admin = factories.AdminFactory()
    client.force_login(admin)
    address = f"/admin/units/user/{person.pk}/password/"
    page = client.get(address).content.decode()
    assert "重置密码" in page
    assert "unset-password" not in page and "禁用基于密码的验证" not in page
    response = client.post(address, {"password1": "Reset2026xyz", "password2": "Reset2026xyz"})
    assert response.status_code == 302
    entry = entries_for(person).last()
    assert entry.actor == admin
    assert entry.changes_dict["password"] == ["——", "管理员重置（下次登录须修改）"]
    person.refresh_from_db()
    assert person.check_password("Reset2026xyz") and person.must_change_password
