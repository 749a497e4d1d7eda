"""`GET /api/v1/targets/`: each target with its reporters and its actual as reported."""

import pytest

from reports.choices import ReportStatus
from tasks.choices import ReporterScope
from tests import factories


def test_contract_with_contributions_and_a_total(world, make_report, api_as):
    world.km.reporters.filter(unit=world.lead).update(scope=ReporterScope.TOTAL)
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: 100})
    make_report(unit=world.coop, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 40})
    make_report(unit=world.lead, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 150})
    rows = api_as(world.coop_staff).get("/api/v1/targets/?year=2024").json()
    km = next(r for r in rows if r["id"] == world.km.pk)
    assert km == {
        "id": world.km.pk, "work_item": world.item.pk, "name": "高速公路绿化里程", "measure_unit": "公里",
        "comparator": "gte", "target_value": "3087.00", "target_min": None, "target_max": None,
        "due_date": "2024-12-31",
        "reporters": [
            {"unit": world.resp.pk, "scope": "contribution"},
            {"unit": world.coop.pk, "scope": "contribution"},
            {"unit": world.lead.pk, "scope": "total"},
        ],
        "actual_value": "150.00", "as_of": "2024-06-30",
        "contributions": [
            {"unit": world.lead.pk, "scope": "total", "value": "150.00", "period": "2024-06"},
            {"unit": world.resp.pk, "scope": "contribution", "value": "100.00", "period": "2024-05"},
            {"unit": world.coop.pk, "scope": "contribution", "value": "40.00", "period": "2024-06"},
        ],
        # the parts (100 + 40) against the province total (150): 10 short
        "contribution_sum": "140.00", "total": "150.00", "gap": "-10.00",
    }  # fmt: skip
    rate = next(r for r in rows if r["id"] == world.rate.pk)
    assert (rate["actual_value"], rate["as_of"], rate["contributions"]) == (None, None, [])


def test_year_filter_and_a_bad_year(world, api_as):
    client = api_as(world.leader)
    assert client.get("/api/v1/targets/?year=2023").json() == []
    response = client.get("/api/v1/targets/?year=二〇二四")
    assert response.status_code == 400 and "请输入数字" in response.content.decode()


@pytest.mark.parametrize("size", [2, 20])
def test_the_same_queries_at_any_size(world, api_as, django_assert_num_queries, size):
    for n in range(size):
        target = factories.TargetFactory(work_item=world.item, name=f"指标{n}")
        factories.TargetReporterFactory(target=target, unit=world.resp)
    client = api_as(world.leader)
    client.get("/api/v1/targets/")
    # session, user, targets, their reporters, the actuals
    with django_assert_num_queries(5):
        assert len(client.get("/api/v1/targets/?year=2024").json()) == size + 2
