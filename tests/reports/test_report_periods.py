"""One report per unit, item and period, however the period is typed: ２０２４-06 and ٢٠٢٤-06 are June 2024,
stored as 2024-06, so the unique constraint sees the duplicate and the existing report is opened. A year
outside 2000–2099 is refused in Chinese, not a server error. The data migration gives reports stored
under another spelling the canonical key, and stops, naming them, where two reports turn out to be one."""

import importlib

import pytest
from django.apps import apps
from django.core.management.base import CommandError

from reports.choices import ReportStatus
from reports.models import ProgressReport
from reports.workflow import services
from tests import factories

URL = "/api/v1/progress-reports/"
YEAR_RANGE = "报送期的年份须在 2000 至 2099 年之间。"

migration = importlib.import_module("reports.migrations.0003_canonical_periods")


@pytest.mark.parametrize("typed", ["２０２４-06", "٢٠٢٤-٠٦", "２０２４－０６"])
def test_api_create_with_other_digits_opens_the_existing_report(world, make_report, api_as, typed):
    # given 长春's June report
    june = make_report(period="2024-06")
    # when staff create June again, typed with other digits
    response = api_as(world.resp_staff).post(
        URL, {"work_item": world.item.pk, "period": typed}, format="json"
    )
    # then they get the existing report, as for any existing one, and there is still one
    assert response.status_code == 201
    assert response.json()["id"] == june.pk
    assert response.json()["period"] == "2024-06"
    assert ProgressReport.objects.filter(work_item=world.item, unit=world.resp).count() == 1


def test_a_new_report_typed_with_other_digits_is_stored_under_the_canonical_key(world):
    # when staff start the half-year summary typed with full-width characters
    report = services.report_create(
        user=world.resp_staff, work_item=world.item, unit=world.resp, period="２０２４-Ｈ１"
    )
    # then it is the 2024-H1 summary, with its plan deadline
    assert report.period == "2024-H1"
    assert report.title == "2024年上半年工作总结"
    # and starting it again with ASCII digits opens the same report
    again = services.report_create(
        user=world.resp_staff, work_item=world.item, unit=world.resp, period="2024-H1"
    )
    assert again.pk == report.pk


def test_the_new_report_form_with_other_digits_opens_the_existing_report(world, make_report, client):
    june = make_report(period="2024-06")
    client.force_login(world.resp_staff)
    response = client.get("/reports/new/", {"work_item": world.item.pk, "period": "٢٠٢٤-06"})
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{june.pk}/edit/"
    assert ProgressReport.objects.count() == 1


@pytest.mark.parametrize("period", ["0000-06", "9999-12"])
def test_api_refuses_a_year_out_of_range_in_chinese(world, api_as, period):
    response = api_as(world.resp_staff).post(
        URL, {"work_item": world.item.pk, "period": period}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"period": [YEAR_RANGE]}
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_new_report_form_refuses_a_year_out_of_range_in_chinese(world, client, method):
    # a period no obligation can have is no form: the portal's Chinese "not found" page, not an error
    client.force_login(world.resp_staff)
    url = f"/reports/new/?work_item={world.item.pk}&period=0000-06"
    response = getattr(client, method)(url, {"version": 0, "done": "进展。"} if method == "post" else None)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_the_list_finds_a_period_typed_with_other_digits(world, make_report, client, api_as):
    # submitted, so that the leader, who sees no unit's drafts, sees them
    june = make_report(period="2024-06", status=ReportStatus.SUBMITTED)
    make_report(period="2024-05", status=ReportStatus.SUBMITTED)
    client.force_login(world.leader)
    page = client.get("/reports/", {"period": "２０２４-06"})
    assert [r.pk for r in page.context["reports"]] == [june.pk]
    api = api_as(world.leader).get(URL, {"period": "٢٠٢٤-٠٦"})
    assert [row["id"] for row in api.json()["results"]] == [june.pk]


# ---------------------------------------------------------------- the data migration


def stored(period, **kwargs):
    """A report stored with `period` as it was typed, as the portal did before the key was canonical."""
    return factories.ProgressReportFactory(period=period, **kwargs)


@pytest.mark.django_db
def test_migration_rewrites_periods_that_have_no_twin():
    # given reports stored under other spellings, and one already canonical
    unit = factories.UnitFactory()
    item = factories.WorkItemFactory()
    june = stored("２０２４-06", unit=unit, work_item=item)
    may = stored("٢٠٢٤-٠٥", unit=unit, work_item=item)
    summary = stored("2024-Ｈ1", unit=unit, work_item=item)
    canonical = stored("2024-07", unit=unit, work_item=item)
    # when the migration runs
    migration.canonicalise_periods(apps, None)
    # then each has its canonical key, and the canonical one is as it was
    periods = dict(ProgressReport.objects.values_list("pk", "period"))
    assert periods == {june.pk: "2024-06", may.pk: "2024-05", summary.pk: "2024-H1", canonical.pk: "2024-07"}


@pytest.mark.django_db
def test_migration_stops_and_names_the_twins_without_changing_anything():
    # given June stored twice for one unit and item (once in full-width digits), and another report
    # under another spelling that has no twin
    unit = factories.UnitFactory()
    item = factories.WorkItemFactory()
    june = stored("2024-06", unit=unit, work_item=item)
    twin = stored("２０２４-06", unit=unit, work_item=item)
    may = stored("٢٠٢٤-05", unit=unit, work_item=item)
    other_unit = stored("2024-06", work_item=item)
    before = dict(ProgressReport.objects.values_list("pk", "period"))
    # when the migration runs, then it stops with a Chinese message naming both twins
    with pytest.raises(CommandError) as caught:
        migration.canonicalise_periods(apps, None)
    message = str(caught.value)
    assert "迁移已停止" in message and "管理员" in message
    assert f"报告 {june.pk}（“2024-06”）" in message
    assert f"报告 {twin.pk}（“２０２４-06”）" in message
    assert f"报告 {may.pk}" not in message and f"报告 {other_unit.pk}" not in message
    # and no report was changed, not even the one without a twin
    assert dict(ProgressReport.objects.values_list("pk", "period")) == before


@pytest.mark.django_db
def test_migration_counts_two_other_spellings_of_one_period_as_twins():
    unit = factories.UnitFactory()
    item = factories.WorkItemFactory()
    first = stored("２０２４-06", unit=unit, work_item=item)
    second = stored("٢٠٢٤-06", unit=unit, work_item=item)
    with pytest.raises(CommandError, match=f"报告 {first.pk}.*报告 {second.pk}"):
        migration.canonicalise_periods(apps, None)
    assert set(ProgressReport.objects.values_list("period", flat=True)) == {"２０２４-06", "٢٠٢٤-06"}
