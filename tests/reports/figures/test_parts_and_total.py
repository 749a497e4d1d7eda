"""Where units report their parts of a target and one unit the province total (item 9's greening by
road type, for example), the parts, their sum, the reported total and the gap are shown side by side:
on the item page, in the API and in the workbook's 指标 sheet."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.utils import timezone

from reports.choices import ReportStatus
from tasks.choices import Comparator, ReporterScope
from tests import factories

# Approved and read on one fixed day: a run that crosses midnight in Asia/Shanghai would otherwise read
# the figures as of the day before they were approved.
NOW = timezone.make_aware(dt.datetime(2024, 12, 10, 9))
TODAY = "2024-12-10"


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def shrubs(fixed_day, world, make_report):
    """补植灌木: 长春 60 and 吉林 55 万丛 as parts, 综规处 100 万丛 as the province total, all approved."""
    target = factories.TargetFactory(
        work_item=world.item, name="补植灌木", measure_unit="万丛", comparator=Comparator.GTE,
        target_value=Decimal("130"), sort_order=3,
    )  # fmt: skip
    for unit, scope, value in (
        (world.resp, "contribution", 60),
        (world.coop, "contribution", 55),
        (world.lead, "total", 100),
    ):
        factories.TargetReporterFactory(target=target, unit=unit, scope=ReporterScope(scope))
        make_report(unit=unit, period="2024-06", status=ReportStatus.APPROVED, values={target: value})
    return target


def test_the_item_page_shows_the_parts_sum_the_total_and_the_gap(world, shrubs, client):
    client.force_login(world.leader)
    html = client.get(f"/items/{world.item.pk}/", {"as_of": TODAY}).content.decode()  # approved today
    row = html[html.index(f'<tr data-target="{shrubs.pk}">', html.index('data-testid="parts-and-total"')) :]
    row = row[: row.index("</tr>")]
    assert "115万丛" in row and "100万丛" in row  # 60 + 55, and the total
    assert f'data-testid="gap-{shrubs.pk}">15万丛<' in row


def test_the_api_and_the_workbook_carry_them_too(world, shrubs, api_as, client):
    [target] = [
        t for t in api_as(world.leader).get("/api/v1/targets/", {"year": 2024}).json() if t["id"] == shrubs.pk
    ]
    assert (target["contribution_sum"], target["total"], target["gap"]) == ("115.00", "100.00", "15.00")
    client.force_login(world.leader)
    response = client.get("/reports/export/summary.xlsx", {"year": 2024, "as_of": TODAY})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))["指标"]
    header = [c.value for c in sheet[2]]
    [row] = [[c.value for c in r] for r in sheet.iter_rows(min_row=3) if r[1].value == "补植灌木"]
    assert [row[header.index(name)] for name in ("分项合计", "全省合计", "差额")] == [115, 100, 15]
