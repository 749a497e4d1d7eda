"""Accounts in a real browser: a new account's first login, the lockout message, and pages that run
under the Content-Security-Policy without a single violation (the API docs included)."""

import pytest

from tests import factories
from units.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def csp_violations(page):
    found = []
    page.on(
        "console",
        lambda msg: (
            found.append(f"{page.url}: {msg.text}") if "Content Security Policy" in msg.text else None
        ),
    )
    return found


def test_a_new_account_changes_its_initial_password_first(page, login, nav, shot, csp_violations):
    # given an account an administrator has just created
    factories.PlanFactory()
    unit = factories.UnitFactory(name="长春市交通运输局", short_name="长春市")
    factories.UserFactory(
        username="staff-new", unit=unit, role=Role.UNIT_STAFF, last_name="王", first_name="新",
        must_change_password=True,
    )  # fmt: skip
    # when the person logs in with the initial password
    login("staff-new")
    # then the portal asks for a new password before anything else
    page.wait_for_url("**/account/password/")
    assert page.get_by_text("请先修改密码再继续使用平台").is_visible()
    shot("password-change-first-login")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("password-change-first-login-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    # a password that breaks the rules is explained next to the field
    page.get_by_label("旧密码").fill("pass12345")
    page.get_by_label("新密码", exact=True).fill("onlyletters")
    page.get_by_label("新密码确认").fill("onlyletters")
    page.get_by_role("button", name="保存新密码").click()
    assert page.get_by_text("密码必须同时包含字母和数字。").first.is_visible()
    # a good one opens the portal
    page.get_by_label("旧密码").fill("pass12345")
    page.get_by_label("新密码", exact=True).fill("Spring2026go")
    page.get_by_label("新密码确认").fill("Spring2026go")
    page.get_by_role("button", name="保存新密码").click()
    assert page.get_by_text("密码已修改").is_visible()
    nav("我的工作")
    assert page.get_by_role("heading", name="我的工作").first.is_visible()
    assert csp_violations == []


def test_repeated_wrong_passwords_show_the_lockout_in_chinese(page, live_server, shot):
    factories.UserFactory(username="staff-x")
    page.goto(f"{live_server.url}/login/")
    for _ in range(5):
        page.get_by_label("用户名").fill("staff-x")
        page.get_by_label("密码").fill("wrong-guess-1")
        page.get_by_role("button", name="登录").click()
    message = page.get_by_test_id("locked-out")
    assert "该账号已被锁定 30 分钟" in message.inner_text()
    shot("login-locked-out")


def test_pages_and_the_api_docs_run_under_the_content_security_policy(page, login, nav, csp_violations, shot):
    factories.PlanFactory()
    factories.LeaderFactory(username="leader")
    login("leader")
    for name in ["总览", "进展报告", "工作要点"]:
        nav(name)
    # the API docs are the portal's own: Swagger UI loads from the portal, under the same policy
    page.get_by_role("link", name="接口文档").click()
    page.wait_for_url("**/api/docs/")
    page.get_by_text("交通运输生态环境保护工作平台 API").first.wait_for()
    shot("api-docs")
    assert csp_violations == []
