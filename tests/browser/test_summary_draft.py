"""The summary draft in a real browser: a unit's head opens 工作总结 from the menu and downloads the
unit's half-year draft; a leader goes from the overview's 生成总结初稿 to the department's annual one."""

import datetime as dt
import io

import pytest
import time_machine
from django.utils import timezone
from docx import Document

from reports.choices import ReportStatus
from reports.models import ProgressReport
from reports.workflow import services
from tests import factories
from tests.browser.test_report_cycle import plan_with_unit  # noqa: F401 (a fixture)
from units.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def paragraphs(path) -> list[str]:
    return [p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs if p.text.strip()]


@time_machine.travel(timezone.make_aware(dt.datetime(2024, 12, 20, 9)), tick=True)
def test_a_head_and_a_leader_download_their_drafts(page, login, nav, shot, plan_with_unit, tmp_path):  # noqa: F811
    item, _target = plan_with_unit
    staff, head = User.objects.get(username="staff-changchun"), User.objects.get(username="head-changchun")
    report = services.report_create(user=staff, work_item=item, unit=staff.unit, period="2024-05")
    services.report_save_and_submit(report=report, user=staff, version=report.version, done="五月补植乔木。")
    services.report_approve(report=ProgressReport.objects.get(pk=report.pk), user=head)
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.APPROVED
    factories.LeaderFactory(username="leader", password="pass12345")

    # a head: 工作总结 in the menu, the half-year draft of their own unit
    login("head-changchun")
    nav("工作总结")
    shot("summary-draft-desktop")
    assert page.get_by_label("单位").input_value() == "长春市交通运输局"
    page.get_by_label("截至日期").fill("2024-12-20")  # May was approved today, after the half's default date
    with page.expect_download() as waiting:
        page.get_by_test_id("draft-download").click()
    download = waiting.value
    assert download.suggested_filename == "长春市2024年上半年工作总结初稿（截至2024-12-20）.docx"
    path = tmp_path / "head.docx"
    download.save_as(path)
    lines = paragraphs(path)
    assert lines[0] == "长春市交通运输局2024年上半年碳达峰碳中和工作总结"
    assert "1. 长春市交通运输局（2024年5月）：五月补植乔木。" in lines

    # a leader: from the overview to the department's annual draft
    login("leader")
    page.get_by_test_id("draft").click()
    page.wait_for_url("**/summaries/draft/")
    page.get_by_label("总结类型").select_option("year")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("summary-draft-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_download() as waiting:
        page.get_by_test_id("draft-download").click()
    path = tmp_path / "leader.docx"
    waiting.value.save_as(path)
    lines = paragraphs(path)
    assert lines[0] == "吉林省交通运输厅2024年度碳达峰碳中和工作总结"
    assert "1. 长春市交通运输局（2024年5月）：五月补植乔木。" in lines
