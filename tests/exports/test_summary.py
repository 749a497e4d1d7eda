"""The summary workbook: what it holds equals the database and the dashboard, text as staff write it
never breaks it or runs as a formula, its queries do not grow with the reports, and who sees what."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from knox.models import AuthToken

from exports.summary import summary_write
from reports.cells import CELL_MAX
from reports.choices import ReportStatus
from reports.models import ProgressReport

URL = "/reports/export/summary.xlsx"


def reported(make_report, **kwargs):
    with time_machine.travel(dt.datetime(2024, 7, 3, 2, tzinfo=dt.UTC)):
        return make_report(**kwargs)


def workbook_of(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(min_row=3, values_only=True)]


def test_the_workbook_holds_what_the_database_and_the_dashboard_hold(world, make_report, client):
    report = reported(
        make_report, unit=world.resp, period="2024-06", status=ReportStatus.APPROVED,
        values={world.km: 1200, world.rate: 62}, done="完成绿化 1200 公里。",
    )  # fmt: skip
    client.force_login(world.admin)
    book = workbook_of(client.get(URL, {"year": 2024, "as_of": "2024-07-10"}))
    assert book.sheetnames == ["总表", "指标", "单位", "碳达峰报送", "数据疑点", "明细"]
    # the title row names the plan and the date
    assert book["明细"]["A1"].value.startswith("2024年全省交通运输生态环境保护工作要点 · 截至2024年7月10日")
    [detail] = rows(book["明细"])
    assert detail[:6] == ["长春市", 3, "碳达峰碳中和工作", "2024年6月", "已通过", "完成绿化 1200 公里。"]
    assert detail[8] == "高速公路绿化里程：1200公里\n高速公路服务区快充覆盖率：62%"
    report.refresh_from_db()
    local = report.approved_at.astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert detail[10] == local.replace(tzinfo=None, microsecond=0)
    # units, counted from what the test wrote: by 10 July, January to June (due by 5 July) and item 3's
    # half-year summary (due 30 June) are owed; 长春 reported June on 3 July, on time, and nothing else
    units = {r[0]: r[1:8] for r in rows(book["单位"])}
    # assigned, owed, submitted, on time, late, overdue, ahead
    assert units == {
        "综规处": [1, 7, 0, 0, 0, 7, 0],  # lead on item 3: six months and the summary
        "长春市": [2, 13, 1, 1, 0, 12, 0],  # item 3 (seven) and item 9 (six months)
        "吉林市": [1, 7, 0, 0, 0, 7, 0],  # cooperating on item 3, which asks its cooperators to report
    }
    targets = {r[1]: r for r in rows(book["指标"])}
    assert targets["高速公路绿化里程"][4] == 1200 and targets["高速公路绿化里程"][7] in (
        "正常推进",
        "进度滞后",
        "严重滞后",
    )
    assert targets["高速公路服务区快充覆盖率"][4] == pytest.approx(0.62)
    overview = {r[1]: r for r in rows(book["总表"])}
    assert overview[3][4] == "综规处" and overview[3][5] == "长春市" and overview[3][6] == "吉林市"
    assert "【长春市 · 2024年6月】完成绿化 1200 公里。" in overview[3][8]
    # the half-year summaries: every unit on item 3, none submitted by then
    summaries = rows(book["碳达峰报送"])
    assert {(r[0], r[2], r[4]) for r in summaries} >= {("长春市", "2024年上半年工作总结", "已逾期")}


def test_text_that_looks_like_a_formula_stays_text_and_control_characters_go(world, make_report, client):
    report = reported(make_report, unit=world.resp, period="2024-06", status=ReportStatus.SUBMITTED)
    # longer than a cell holds: more than the portal lets anyone type now (TEXT_MAX), as older rows or
    # an administrator's bulk load may hold
    ProgressReport.objects.filter(pk=report.pk).update(
        done='=HYPERLINK("http://evil.example","点击")\x07完成 🌲' + "长" * (CELL_MAX + 10)
    )
    client.force_login(world.leader)
    sheet = workbook_of(client.get(URL, {"as_of": "2024-07-10"}))["明细"]
    done = sheet["F3"]
    assert done.data_type == "s"  # a string: never run as a formula
    assert done.value.startswith('=HYPERLINK("http://evil.example","点击")完成 🌲')
    # Excel counts a cell's characters in UTF-16 units (the tree emoji is two)
    assert "\x07" not in done.value and len(done.value.encode("utf-16-le")) // 2 == CELL_MAX
    assert done.value.endswith("已截断）")


def test_a_unit_sees_its_own_rows_and_a_bad_date_is_named(world, make_report, client):
    reported(make_report, unit=world.resp, period="2024-06", status=ReportStatus.SUBMITTED)
    reported(make_report, unit=world.coop, period="2024-06", status=ReportStatus.SUBMITTED)
    client.force_login(world.coop_staff)
    book = workbook_of(client.get(URL, {"as_of": "2024-07-10"}))
    assert [r[0] for r in rows(book["明细"])] == ["吉林市"]
    assert {r[0] for r in rows(book["单位"])} == {"吉林市"}
    response = client.get(URL, {"as_of": "2024-13-01"})
    assert response.status_code == 400 and response.json() == {
        "as_of": ["2024-13-01 不是有效的日期：月份应为 1–12。"]
    }


def test_an_api_token_downloads_it_too(world, client):
    token = AuthToken.objects.create(user=world.leader)[1]
    response = client.get(URL, HTTP_AUTHORIZATION=f"Token {token}")
    assert workbook_of(response).sheetnames[0] == "总表"
    assert client.get(URL).status_code in (302, 401, 403)  # nobody logged in


def test_the_export_runs_the_same_queries_however_many_reports(world, make_report, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0

    def report_months(months):
        for month in months:
            for unit in (world.resp, world.coop, world.lead):
                reported(make_report, unit=unit, period=f"2024-{month:02d}", status=ReportStatus.APPROVED,
                         values={world.km: 10 * month})  # fmt: skip

    def queries_of_an_export() -> int:
        with CaptureQueriesContext(connection) as queries:
            summary_write(io.BytesIO(), user=world.admin, plan=world.plan, as_of=dt.date(2024, 7, 10))
        return len(queries.captured_queries)

    report_months([1])
    one_month = queries_of_an_export()
    report_months(range(2, 7))
    assert ProgressReport.objects.count() == 18
    assert queries_of_an_export() == one_month


def test_the_buttons_lead_to_the_download(world, client):
    client.force_login(world.leader)
    assert f"{reverse('summary-export')}?year=2024" in client.get(reverse("leader-home")).content.decode()
    assert reverse("summary-export") in client.get(reverse("report-list")).content.decode()


def test_the_command_exports_everything_or_what_one_person_sees(world, make_report, tmp_path):
    from django.core.management import call_command

    reported(make_report, unit=world.resp, period="2024-06", status=ReportStatus.SUBMITTED)
    reported(make_report, unit=world.coop, period="2024-06", status=ReportStatus.SUBMITTED)
    everything, own = tmp_path / "all.xlsx", tmp_path / "own.xlsx"
    call_command(
        "export_summary",
        "--year",
        "2024",
        "--as-of",
        "2024-07-10",
        "-o",
        str(everything),
        stdout=io.StringIO(),
    )
    call_command("export_summary", "--year", "2024", "--as-of", "2024-07-10", "--user", "jilin-staff",
                 "-o", str(own), stdout=io.StringIO())  # fmt: skip
    assert sorted(r[0] for r in rows(openpyxl.load_workbook(everything)["明细"])) == ["吉林市", "长春市"]
    assert [r[0] for r in rows(openpyxl.load_workbook(own)["明细"])] == ["吉林市"]


def test_the_details_csv_opens_in_excel_and_runs_no_formula(world, make_report, client):
    report = reported(
        make_report, unit=world.resp, period="2024-06", status=ReportStatus.APPROVED,
        done="=1+1 完成, 含逗号\n第二行", values={world.km: 1200},
    )  # fmt: skip
    reported(make_report, unit=world.coop, period="2024-06", status=ReportStatus.SUBMITTED, done="@SUM(A1)")
    client.force_login(world.admin)
    response = client.get("/reports/export/details.csv", {"as_of": "2024-07-10"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    data = b"".join(response.streaming_content)
    assert data.startswith("\ufeff单位,任务,任务名称".encode())  # UTF-8 with BOM: Excel reads the Chinese
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines[0][:5] == ["单位", "任务", "任务名称", "报送期", "状态"]
    by_unit = {line[0]: line for line in lines[1:]}
    assert by_unit["长春市"][4:6] == ["已通过", "'=1+1 完成, 含逗号\n第二行"]  # text, not a formula
    assert by_unit["长春市"][8] == "高速公路绿化里程：1200公里"
    report.refresh_from_db()
    assert (
        by_unit["长春市"][10]
        == f"{report.approved_at.astimezone(dt.timezone(dt.timedelta(hours=8))):%Y-%m-%d %H:%M:%S}"
    )
    assert by_unit["吉林市"][5] == "'@SUM(A1)"
    # a unit's staff get their own unit's lines only
    client.force_login(world.coop_staff)
    data = b"".join(client.get("/reports/export/details.csv", {"as_of": "2024-07-10"}).streaming_content)
    assert [line[0] for line in csv.reader(io.StringIO(data.decode("utf-8-sig")))][1:] == ["吉林市"]
