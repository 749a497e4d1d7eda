"""Accounts: changing one's password, initial passwords, lockout, the idle timeout, deactivation."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from reports.models import ProgressReport, ReportEvent
from tests import factories
from units.models import User

GOOD = "Spring2026go"


def change_password(client, old, new1, new2=None):
    return client.post(
        "/account/password/", {"old_password": old, "new_password1": new1, "new_password2": new2 or new1}
    )


def log_in(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(factories.PERSON_BY_ROLE))
def test_everyone_finds_the_password_page_in_the_top_bar(client, role):
    client.force_login(factories.person(role, factories.UnitFactory()))
    page = client.get("/", follow=True).content.decode()
    assert 'href="/account/password/"' in page
    assert "修改密码" in client.get("/account/password/").content.decode()


@pytest.mark.django_db
def test_changing_the_password_keeps_the_session_and_the_new_one_logs_in(client):
    user = factories.UserFactory(username="staff-a")
    client.force_login(user)
    response = change_password(client, "pass12345", GOOD)
    assert response.status_code == 302
    assert "密码已修改" in client.get("/", follow=True).content.decode()
    client.logout()
    assert log_in(client, "staff-a", GOOD).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    "old, new, message",
    [
        ("wrong-old-1", GOOD, "旧密码不正确"),
        ("pass12345", "ab1", "密码长度太短"),
        ("pass12345", "20260601", "密码只包含数字"),
        ("pass12345", "onlyletters", "同时包含字母和数字"),
        ("pass12345", "password1", "太常见"),
    ],
)
def test_bad_new_passwords_are_refused_in_chinese_and_nothing_changes(client, old, new, message):
    user = factories.UserFactory()
    client.force_login(user)
    response = change_password(client, old, new)
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("pass12345")


@pytest.mark.django_db
def test_an_account_the_administrator_creates_must_change_its_password_first(client):
    # given an administrator who creates an account in the admin
    factories.PlanFactory()
    unit = factories.UnitFactory()
    client.force_login(factories.AdminFactory())
    response = client.post(
        "/admin/units/user/add/",
        {
            "username": "staff-new",
            "role": "unit_staff",
            "unit": unit.pk,
            "password1": GOOD,
            "password2": GOOD,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="staff-new").must_change_password
    # when the new person logs in, every page leads to the password change first
    client.logout()
    assert log_in(client, "staff-new", GOOD).status_code == 302
    for url in ["/", "/my-work/", "/reports/", "/plan/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/account/password/", url
    assert client.get("/api/v1/units/").status_code == 403
    page = client.get("/account/password/").content.decode()
    assert "初始密码" in page
    # then, once they have chosen their own, the portal opens
    assert change_password(client, GOOD, "Summer2026ok").status_code == 302
    assert client.get("/my-work/").status_code == 200
    assert not User.objects.get(username="staff-new").must_change_password


@pytest.mark.django_db
def test_an_administrators_reset_makes_the_person_change_it_again(client):
    user = factories.UserFactory()
    client.force_login(factories.AdminFactory())
    page = client.get(f"/admin/units/user/{user.pk}/password/").content.decode()
    assert 'name="usable_password"' not in page  # every account signs in with a password
    client.post(f"/admin/units/user/{user.pk}/password/", {"password1": GOOD, "password2": GOOD})
    user.refresh_from_db()
    assert user.must_change_password and user.check_password(GOOD)


@pytest.mark.django_db
@pytest.mark.parametrize("login_url", ["/login/", "/admin/login/"])
def test_repeated_wrong_passwords_lock_the_username_until_an_administrator_unlocks_it(
    client, settings, login_url
):
    # given an account (an administrator, so that the admin login would also take it)
    user = factories.AdminFactory(username="admin-x")
    # when someone tries wrong passwords up to the limit
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(login_url, {"username": "admin-x", "password": "guess-1"}).status_code == 200
    locked = client.post(login_url, {"username": "admin-x", "password": "guess-1"})
    # then the username is locked, with a Chinese message on the portal's login page
    assert locked.status_code == 403
    text = locked.content.decode()
    assert "连续 5 次密码错误" in text and "30 分钟" in text and "解除锁定" in text
    assert client.post("/login/", {"username": "admin-x", "password": "pass12345"}).status_code == 403
    # and the administrators' list shows it
    other_admin = factories.AdminFactory(username="admin-y")
    client.force_login(other_admin)
    listing = client.get("/admin/units/user/?q=admin-x").content.decode()
    assert '<td class="field-locked_out"><img src="/static/admin/img/icon-yes.svg" alt="True">' in listing
    # when an administrator unlocks it
    response = client.post(
        "/admin/units/user/", {"action": "unlock_logins", "_selected_action": [user.pk]}, follow=True
    )
    assert "已解除 1 个账号的登录锁定" in response.content.decode()
    client.logout()
    # then the right password works again
    assert log_in(client, "admin-x", "pass12345").status_code == 302


@pytest.mark.django_db
def test_a_session_ends_after_the_idle_time(client, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    factories.PlanFactory()
    client.force_login(factories.UserFactory())
    assert client.get("/my-work/").status_code == 200
    # when the session has not been used for longer than the idle time
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    # then the next page asks to log in again
    response = client.get("/my-work/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_each_request_moves_the_idle_end_forward(client):
    factories.PlanFactory()
    client.force_login(factories.UserFactory())
    session = client.session
    session["_last_seen"] -= 120  # the last recorded request was two minutes ago
    session.save()
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    client.get("/my-work/")
    assert Session.objects.get().expire_date > timezone.now() + dt.timedelta(minutes=29)


@pytest.mark.django_db
def test_deactivating_a_person_keeps_their_reports_and_history(client, django_user_model):
    # given a staff member who has written a report
    report = factories.ProgressReportFactory()
    author = report.unit.people.first() or factories.UserFactory(unit=report.unit)
    ReportEvent.objects.create(report=report, action="save", actor=author, version=1)
    client.force_login(factories.AdminFactory())
    # when an administrator deactivates them (there is no delete)
    assert client.get(f"/admin/units/user/{author.pk}/delete/").status_code == 403
    response = client.post(
        "/admin/units/user/", {"action": "deactivate", "_selected_action": [author.pk]}, follow=True
    )
    assert "已停用 1 个账号" in response.content.decode()
    # then they cannot log in, and their report and its history remain under their name
    author.refresh_from_db()
    assert not author.is_active
    assert ProgressReport.objects.filter(pk=report.pk).exists()
    assert ReportEvent.objects.get(report=report).actor == author
    client.logout()
    assert "该账号已停用" in log_in(client, author.username, "pass12345").content.decode() or (
        "用户名或密码不正确" in log_in(client, author.username, "pass12345").content.decode()
    )


@pytest.mark.django_db
def test_an_administrator_cannot_touch_the_superusers_account(client):
    superuser = factories.SuperuserFactory(username="root")
    client.force_login(factories.AdminFactory())
    # the account is not listed, and its pages (its password reset above all) are not there
    assert "root" not in client.get("/admin/units/user/").content.decode()
    assert client.get(f"/admin/units/user/{superuser.pk}/change/").status_code == 302  # "does not exist"
    response = client.post(
        f"/admin/units/user/{superuser.pk}/password/", {"password1": GOOD, "password2": GOOD}
    )
    assert response.status_code == 404
    superuser.refresh_from_db()
    assert superuser.check_password("pass12345")
