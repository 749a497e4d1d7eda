"""The form of a report not yet started (/reports/new/): it creates nothing until the first save, asks
only for the targets the unit reports (with their scope), and refuses what the unit does not owe."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from reports.choices import ReportStatus
from reports.models import ProgressReport, ReportEvent
from tests.uploads import pdf

JULY_3 = timezone.make_aware(dt.datetime(2024, 7, 3, 10))


@pytest.fixture(autouse=True)
def _on_3_july():
    with time_machine.travel(JULY_3, tick=False):
        yield


def new_url(world, period="2024-05", item=None):
    return f"/reports/new/?work_item={(item or world.item).pk}&period={period}"


def test_opening_the_form_creates_nothing(world, client):
    client.force_login(world.resp_staff)
    response = client.get(new_url(world))
    assert response.status_code == 200
    assert not ProgressReport.objects.exists() and not ReportEvent.objects.exists()


def test_the_form_asks_only_for_the_targets_the_unit_reports_with_their_scope(world, client):
    # given 综规处 reports km only, as its own part
    client.force_login(world.lead_staff)
    html = client.get(new_url(world)).content.decode()
    assert f'name="value_{world.km.pk}"' in html
    assert f'name="value_{world.rate.pk}"' not in html
    assert "本单位完成" in html
    # and 长春 reports the rate as the province total
    client.force_login(world.resp_staff)
    html = client.get(new_url(world)).content.decode()
    assert f'name="value_{world.rate.pk}"' in html
    assert "全省合计" in html


def test_the_first_save_creates_the_report_with_its_content(world, client):
    client.force_login(world.resp_staff)
    response = client.post(
        new_url(world),
        {"version": 0, "done": "补报五月进展。", f"value_{world.km.pk}": "1,200", "action": "save"},
    )
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/edit/"
    assert (report.period, report.status, report.done) == ("2024-05", ReportStatus.DRAFT, "补报五月进展。")
    assert report.values.get().value == Decimal("1200")


def test_save_and_submit_in_one_step(world, client):
    client.force_login(world.resp_staff)
    client.post(new_url(world, "2024-06"), {"version": 0, "done": "六月进展。", "action": "submit"})
    report = ProgressReport.objects.get()
    assert report.status == ReportStatus.SUBMITTED
    assert list(report.events.values_list("action", flat=True)) == ["create", "save", "submit"]


def test_a_failed_save_creates_nothing_and_keeps_the_input(world, client):
    client.force_login(world.resp_staff)
    # a summary cannot be submitted without its file
    response = client.post(
        new_url(world, "2024-H1"), {"version": 0, "done": "上半年总结。", "action": "submit"}
    )
    assert response.status_code == 200
    assert "上半年总结。" in response.content.decode()
    assert "须上传总结文件" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_summary_with_its_file_is_submitted(world, client):
    client.force_login(world.resp_staff)
    client.post(
        new_url(world, "2024-H1"),
        {"version": 0, "done": "上半年总结。", "action": "submit", "attachments": [pdf("总结.pdf")]},
    )
    report = ProgressReport.objects.get()
    assert (report.period, report.status, report.attachments.count()) == (
        "2024-H1",
        ReportStatus.SUBMITTED,
        1,
    )


def test_a_value_for_a_target_the_unit_does_not_report_is_refused(world, client):
    # given a hand-made post carrying the rate, which 综规处 does not report
    client.force_login(world.lead_staff)
    response = client.post(
        new_url(world),
        {"version": 0, "done": "进展。", f"value_{world.km.pk}": "5", f"value_{world.rate.pk}": "50"},
    )
    # then the rate is ignored by the form (not asked), and the km saved
    report = ProgressReport.objects.get()
    assert response.status_code == 302
    assert list(report.values.values_list("target_id", flat=True)) == [world.km.pk]


def test_a_colleague_who_started_it_first_is_not_overwritten(world, client, make_report):
    client.force_login(world.resp_staff)
    client.get(new_url(world))
    theirs = make_report(period="2024-05", done="同事的内容。")
    response = client.post(new_url(world), {"version": 0, "done": "我的内容。", "action": "save"})
    assert response.status_code == 302 and response["Location"] == f"/reports/{theirs.pk}/edit/"
    theirs.refresh_from_db()
    assert theirs.done == "同事的内容。"


def test_an_existing_report_opens_for_editing(world, client, make_report):
    report = make_report(period="2024-05")
    client.force_login(world.resp_staff)
    response = client.get(new_url(world))
    assert response["Location"] == f"/reports/{report.pk}/edit/"


@pytest.mark.parametrize(
    ("who", "period", "item", "status"),
    [
        ("resp_head", "2024-05", "item", 403),  # only staff report
        ("leader", "2024-05", "item", 403),
        ("resp_staff", "2024-13", "item", 404),  # no such period
        ("resp_staff", "2024-05", "missing", 404),
    ],
)
def test_who_and_what_may_not_open_the_form(world, client, who, period, item, status):
    client.force_login(world.user(who))
    item_id = world.item.pk if item == "item" else 999999
    response = client.get(f"/reports/new/?work_item={item_id}&period={period}")
    assert response.status_code == status


def test_a_period_the_unit_does_not_owe_goes_back_to_my_work_with_a_message(world, client):
    # given 长春 owes no half-year summary on item 9
    client.force_login(world.resp_staff)
    response = client.get(new_url(world, "2024-H1", item=world.other_item), follow=True)
    assert response.redirect_chain[-1][0] == "/my-work/"
    assert "本单位无需报送第 9 项任务的“2024年上半年工作总结”" in response.content.decode()
