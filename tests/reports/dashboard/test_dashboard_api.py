"""`GET /api/v1/dashboard/`: the page's figures as JSON, by the same functions; bad input named in
Chinese; the same number of queries for the API and the page whatever the size of the data."""

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.choices import ReportStatus
from tasks.choices import AssignmentRole, ReporterScope
from tasks.data_version import data_changed
from tasks.models import Assignment, TargetReporter
from tasks.obligations import obligations_sync
from tests import factories
from units.models import Unit

URL = "/api/v1/dashboard/"


def test_the_api_gives_items_targets_units_and_deadlines(world, api_client):
    api_client.force_login(world.leader)
    data = api_client.get(URL, {"year": 2024, "as_of": "2024-06-30"}).json()
    assert data["year"] == 2024 and data["as_of"] == "2024-06-30"
    assert [(i["number"], i["status"]) for i in data["items"]] == [(3, "alert"), (9, "alert")]
    km = next(t for t in data["targets"] if t["id"] == world.km.pk)
    assert (km["actual_value"], km["progress_pct"], km["status"]) == (None, None, "alert")
    assert km["expected_pct"] == "49.7"  # 182 of 366 days
    units = {u["code"]: u for u in data["units"]}
    # due by 30 June: January to May on both items, and the half-year summary due that very day
    assert (units["changchun"]["owed"], units["changchun"]["overdue"]) == (11, 10)
    assert [d["period"] for d in data["deadlines"]] == ["2024-H1", "2024-06"]
    assert data["counts"] == {"alert": 2, "behind": 0, "on_track": 0, "done": 0}


def test_a_unit_gets_its_own_rows_only(world, api_client):
    api_client.force_login(world.coop_staff)
    data = api_client.get(URL, {"as_of": "2024-06-30"}).json()
    assert [i["number"] for i in data["items"]] == [3]
    assert [u["code"] for u in data["units"]] == ["jilin"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"as_of": "2024-02-30"}, "as_of", "2024-02-30 不是有效的日期：2024年2月没有30日。"),
        ({"as_of": "30/06/2024"}, "as_of", "日期格式应为 2024-06-30。"),
        ({"as_of": "9999-12-31"}, "as_of", "日期应在 2000 年至 2099 年之间。"),
        ({"as_of": "0001-01-01"}, "as_of", "日期应在 2000 年至 2099 年之间。"),
        ({"year": "二〇二四"}, "year", "年度应为数字，如 2024。"),
        ({"year": "1999"}, "year", "年度应在 2000 至 2099 之间。"),
    ],
)
def test_bad_input_is_refused_with_a_chinese_message(world, api_client, params, field, message):
    api_client.force_login(world.leader)
    response = api_client.get(URL, params)
    assert response.status_code == 400 and response.json()[field] == [message]


def test_an_unknown_year_is_not_found(world, api_client):
    api_client.force_login(world.leader)
    assert api_client.get(URL, {"year": 2031}).status_code == 404


def test_the_page_and_the_api_agree(world, api_client, client, make_report):
    report = make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: "1000"})
    moment = timezone.make_aware(dt.datetime(2024, 6, 3, 10))
    type(report).objects.filter(pk=report.pk).update(submitted_at=moment, approved_at=moment)
    data_changed()  # as every bulk writer does
    api_client.force_login(world.leader)
    data = api_client.get(URL, {"as_of": "2024-06-10"}).json()
    client.force_login(world.leader)
    page = client.get(reverse("leader-home"), {"as_of": "2024-06-10"}).content.decode()
    for item in data["items"]:
        assert f'data-item="{item["number"]}" data-status="{item["status"]}"' in page
    for target in data["targets"]:
        assert f'data-target="{target["id"]}" data-status="{target["status"]}"' in page
        shown = f"{target['progress_pct']}%" if target["progress_pct"] is not None else "—"
        assert f'data-testid="progress-{target["id"]}">{shown}<' in page


# -- a constant number of queries


def grow(world, n: int):
    """n more units, each responsible for both items and reporting the km target, with an approved
    May report on item 3."""
    units = [factories.UnitFactory() for _ in range(n)]
    Assignment.objects.bulk_create(
        Assignment(work_item=item, unit=unit, role=AssignmentRole.RESPONSIBLE)
        for unit in units
        for item in (world.item, world.other_item)
    )
    TargetReporter.objects.bulk_create(
        TargetReporter(target=world.km, unit=unit, scope=ReporterScope.CONTRIBUTION) for unit in units
    )
    obligations_sync(plan=world.plan)
    moment = timezone.make_aware(dt.datetime(2024, 6, 3, 10))
    for unit in units:
        report = factories.ProgressReportFactory(
            work_item=world.item, unit=unit, period="2024-05", status=ReportStatus.APPROVED,
            submitted_at=moment, approved_at=moment,
        )  # fmt: skip
        factories.TargetValueFactory(report=report, target=world.km, value=Decimal("10"))


@pytest.mark.parametrize("where", ["api", "page", "item", "units"])
def test_the_dashboard_runs_the_same_queries_at_two_sizes(
    world, api_client, client, django_assert_num_queries, settings, where
):
    settings.DASHBOARD_CACHE_SECONDS = 0  # the computation itself, not the copy kept in the cache
    api_client.force_login(world.leader)
    client.force_login(world.leader)

    def fetch():
        if where == "api":
            return api_client.get(URL, {"as_of": "2024-06-10"})
        if where == "item":  # every reporter of the km target listed, each unit's obligations
            return client.get(reverse("work-item-detail", args=[world.item.pk]), {"as_of": "2024-06-10"})
        if where == "units":
            return client.get(reverse("unit-ranking"), {"as_of": "2024-06-10"})
        return client.get(reverse("leader-home"), {"as_of": "2024-06-10"})

    grow(world, 2)
    assert fetch().status_code == 200  # warm: sessions, content types
    with CaptureQueriesContext(connection) as small:
        fetch()
    grow(world, 12)
    with django_assert_num_queries(len(small.captured_queries)):
        response = fetch()
    assert response.status_code == 200


def test_the_unit_ranking_shows_fifty_units_a_page_and_ranks_on_across_pages(world, client):
    # given 60 units besides the world's three, each with an approved May report on item 3
    grow(world, 60)
    client.force_login(world.leader)
    # when a leader opens the ranking and follows the link to the next page
    first = client.get(reverse("unit-ranking"), {"as_of": "2024-06-10", "sort": "overdue"}).content.decode()
    next_link = unescape(re.search(r'href="\?([^"]*page=2)"', first).group(1))
    second = client.get(reverse("unit-ranking") + "?" + next_link).content.decode()
    # then page 1 ranks 1–50 and page 2 ranks 51–63, the sort kept, every unit once
    ranks = [
        int(n) for page in (first, second) for n in re.findall(r'<tr data-unit="[^"]+"><td>(\d+)</td>', page)
    ]
    units = [code for page in (first, second) for code in re.findall(r'<tr data-unit="([^"]+)">', page)]
    assert ranks == list(range(1, 64))
    assert len(set(units)) == 63 == Assignment.objects.values("unit").distinct().count()
    assert "sort=overdue" in next_link and "as_of=2024-06-10" in next_link
    assert "第 2 / 2 页，共 63 个单位" in second


def test_the_api_gives_its_units_a_page_at_a_time_in_the_plans_order(world, api_client, monkeypatch):
    # given 5 units besides the world's three, and two units to a page
    grow(world, 5)
    monkeypatch.setattr("reports.dashboard.UNITS_PER_PAGE", 2)
    api_client.force_login(world.leader)
    # when a client reads every page
    first = api_client.get(URL, {"as_of": "2024-06-10"}).json()
    pages = [first] + [
        api_client.get(URL, {"as_of": "2024-06-10", "units_page": n}).json()
        for n in range(2, first["units_pages"] + 1)
    ]
    # then each unit comes once, in the plan's order, and the count is the units the plan names
    expected = list(
        Unit.objects.filter(assignments__work_item__plan=world.plan)
        .distinct()
        .order_by("sort_order", "pk")
        .values_list("code", flat=True)
    )
    assert [u["code"] for page in pages for u in page["units"]] == expected
    assert first["unit_count"] == len(expected) == 8 and first["units_pages"] == 4
    assert [len(page["units"]) for page in pages] == [2, 2, 2, 2]
    assert [page["units_page"] for page in pages] == [1, 2, 3, 4]
    # and the items' figures are the same on every page
    assert all(page["items"] == first["items"] for page in pages)


@pytest.mark.parametrize("value", ["0", "二", "-1", "1.5"])
def test_a_bad_units_page_is_refused_in_chinese(world, api_client, value):
    api_client.force_login(world.leader)
    response = api_client.get(URL, {"units_page": value})
    assert response.status_code == 400
    assert response.json()["units_page"] == ["页码应为正整数，如 2。"]
