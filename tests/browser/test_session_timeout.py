"""No typed work lost to the idle timeout: a clerk whose session ends in the middle of a report is told
why the save did not happen, logs in again, lands back on the form and gets the text back; before the
session ends, a warning offers to keep it alive."""

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from reports.models import ProgressReport

from .test_report_cycle import plan_with_unit  # noqa: F401 - shared fixture
from .test_report_form import draft, open_draft  # noqa: F401 - shared fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "完成高速公路绿化 120 公里，补植乔木 3.2 万株。"


def test_text_typed_before_the_session_ended_comes_back_after_logging_in(page, login, nav, shot, draft):  # noqa: F811
    report, _target = draft
    open_draft(page, login, nav, "staff-changchun")
    page.get_by_label("工作进展").fill(TEXT)
    # the session ends while the clerk is typing (30 minutes without a request)
    Session.objects.all().delete()
    page.get_by_role("button", name="保存草稿").click()
    # the login page says why nothing was saved, and where the text is
    expect(page.get_by_test_id("unsaved")).to_contain_text("没有保存到平台")
    report.refresh_from_db()
    assert report.done == ""
    page.get_by_label("用户名").fill("staff-changchun")
    page.get_by_label("密码").fill("pass12345")
    page.get_by_role("button", name="登录").click()
    # back on the form, which offers the text back
    page.wait_for_url("**/edit/")
    offer = page.get_by_test_id("draft-offer")
    expect(offer).to_contain_text("尚未保存到平台")
    shot("20-draft-offer")
    offer.get_by_role("button", name="恢复").click()
    expect(page.get_by_label("工作进展")).to_have_value(TEXT)
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("草稿已保存").wait_for()
    report.refresh_from_db()
    assert report.done == TEXT
    # saved: the kept copy is gone, the form offers nothing any more
    page.reload()
    expect(page.get_by_label("工作进展")).to_have_value(TEXT)
    assert page.get_by_test_id("draft-offer").count() == 0


def test_a_warning_before_the_timeout_keeps_the_session_alive(page, login, nav, settings, draft):  # noqa: F811
    settings.SESSION_COOKIE_AGE = 4  # the warning comes half-way, 2 s before the end
    open_draft(page, login, nav, "staff-changchun")
    warning = page.get_by_test_id("idle-warning")
    expect(warning).to_be_visible(timeout=5_000)
    expect(warning).to_contain_text("登录即将失效")
    warning.get_by_role("button", name="继续保持登录").click()
    expect(warning).to_be_hidden()
    # the session was kept: the page still saves
    page.get_by_label("工作进展").fill("推进中。")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_text("草稿已保存").wait_for()
    assert ProgressReport.objects.get(pk=draft[0].pk).done == "推进中。"
