"""Plausibility flags (数据疑点): each rule at its edge (just under, at and over), computed on save
from the figures the test writes; a flag never blocks a save; the clerk sees it on the form, the
reviewer beside the report, who marks it explained with a comment kept in the history; the API lists
flags; the overview counts them and its link lists as many; a fill-in template upload raises one."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from reports.choices import ReportAction, ReportStatus
from reports.flag import Flag, FlagRule
from reports.models import TargetValue
from reports.plausibility import flags_refresh
from reports.workflow.flags import flag_explain
from tasks.choices import Comparator, ReporterScope
from tests import factories
from tests.helpers import dated


def rules_of(report) -> set[str]:
    return set(Flag.objects.filter(report=report).values_list("rule", flat=True))


@pytest.fixture
def shrubs(world):
    """补植灌木 130 万丛 on item 3: 长春 and 吉林 report their parts, 综规处 the province total."""
    target = factories.TargetFactory(
        work_item=world.item, name="补植灌木", measure_unit="万丛", comparator=Comparator.GTE,
        target_value=Decimal("130"), sort_order=3,
    )  # fmt: skip
    for unit in (world.resp, world.coop):
        factories.TargetReporterFactory(target=target, unit=unit, scope=ReporterScope.CONTRIBUTION)
    factories.TargetReporterFactory(target=target, unit=world.lead, scope=ReporterScope.TOTAL)
    return target


@pytest.mark.parametrize(
    ("value", "flagged"),
    [("129.99", set()), ("130", set()), ("130.01", {FlagRule.OVER_WHOLE}), ("1000", {FlagRule.OVER_WHOLE, FlagRule.FAR_OVER})],
)  # fmt: skip
def test_a_units_part_over_the_whole_provinces_goal(world, make_report, shrubs, value, flagged):
    # when 长春 enters its part of the shrubs (the 1000 万丛 case against 130 万丛)
    report = make_report(values={shrubs: value})
    # then it is saved, and flagged only past the province's goal
    assert TargetValue.objects.get(report=report, target=shrubs).value == Decimal(value)
    assert rules_of(report) == flagged


@pytest.mark.parametrize(("value", "flagged"), [("9261", False), ("9261.01", True)])  # 3 × 3087 = 9261
def test_a_figure_over_three_times_its_goal(world, make_report, value, flagged):
    report = make_report(unit=world.lead, values={world.km: value})  # km: 3087, the lead's part
    assert (FlagRule.FAR_OVER in rules_of(report)) is flagged


@pytest.mark.parametrize(("value", "flagged"), [("1543499.99", False), ("1543500", True)])  # 500 × 3087
def test_a_figure_that_suggests_the_wrong_measure_unit(world, make_report, value, flagged):
    report = make_report(values={world.km: value})
    assert (FlagRule.WRONG_UNIT in rules_of(report)) is flagged
    if flagged:
        [flag] = Flag.objects.filter(report=report, rule=FlagRule.WRONG_UNIT)
        assert "以“公里”计" in flag.message


@pytest.mark.parametrize(("value", "flagged"), [("100", False), ("100.01", True)])
def test_a_rate_over_100_percent(world, make_report, value, flagged):
    # a rate over 100 cannot be saved through the form; one that came in another way is still flagged
    report = make_report(values={world.rate: "99"})
    TargetValue.objects.filter(report=report, target=world.rate).update(value=Decimal(value))
    flags_refresh(report)
    assert (FlagRule.RATE_OVER_100 in rules_of(report)) is flagged


@pytest.mark.parametrize(("value", "flagged"), [("100", False), ("99.99", True)])
def test_a_cumulative_figure_below_the_units_last_approved_one(world, make_report, value, flagged):
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: "100"})
    june = make_report(period="2024-06", values={world.km: (value, "剔除重复统计的路段。")})
    assert (FlagRule.DECREASE in rules_of(june)) is flagged
    if flagged:
        assert Flag.objects.get(report=june, rule=FlagRule.DECREASE).message.startswith(
            "比本单位上期已通过的 100公里 少 0.01公里"
        )


@pytest.mark.parametrize(("value", "flagged"), [("2887", False), ("2887.01", True)])
def test_one_periods_increase_over_what_was_left_of_the_years_goal(world, make_report, value, flagged):
    # given by May 长春 reported 100 km and 综规处 200 km (both approved): 3087 − 300 = 2787 left
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: "100"})
    make_report(unit=world.lead, period="2024-05", status=ReportStatus.APPROVED, values={world.km: "200"})
    # when 长春's June adds value − 100
    june = make_report(period="2024-06", values={world.km: value})
    # then an increase over 2787 is flagged
    assert (FlagRule.JUMP in rules_of(june)) is flagged


@pytest.mark.parametrize(("value", "flagged"), [("40", False), ("40.01", True)])
def test_the_parts_adding_up_to_more_than_the_province_total(world, make_report, shrubs, value, flagged):
    # given the province total is 100 万丛 and 长春's approved part 60
    make_report(unit=world.lead, period="2024-05", status=ReportStatus.APPROVED, values={shrubs: "100"})
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={shrubs: "60"})
    # when 吉林 reports its part
    report = make_report(unit=world.coop, period="2024-06", values={shrubs: value})
    assert (FlagRule.PARTS_OVER_TOTAL in rules_of(report)) is flagged


def test_a_flag_goes_when_the_figure_is_corrected_and_stays_with_its_explanation_while_it_holds(
    world, make_report, shrubs
):
    report = make_report(status=ReportStatus.SUBMITTED, values={shrubs: "1000"})
    flag = Flag.objects.get(report=report, rule=FlagRule.OVER_WHOLE)
    # the staff member cannot mark it explained; the head must give a reason
    with pytest.raises(PermissionDenied):
        flag_explain(flag=flag, user=world.resp_staff, comment="没问题")
    with pytest.raises(ValidationError):
        flag_explain(flag=flag, user=world.resp_head, comment="  ")
    flag_explain(flag=flag, user=world.resp_head, comment="含往年结转，已核对台账。")
    flag.refresh_from_db()
    assert (flag.explained_by, flag.comment) == (world.resp_head, "含往年结转，已核对台账。")
    event = report.events.get(action=ReportAction.EXPLAIN)
    assert (
        event.actor == world.resp_head
        and event.comment == "单位数超过全省目标（补植灌木）：含往年结转，已核对台账。"
    )


def test_the_clerk_sees_the_flag_after_saving_and_the_reviewer_marks_it_explained(
    world, make_report, shrubs, client
):
    report = make_report(values={shrubs: "1"})
    client.force_login(world.resp_staff)
    page = client.post(
        f"/reports/{report.pk}/edit/",
        {"version": report.version, "done": "补植灌木。", f"value_{shrubs.pk}": "1000", "action": "save"},
        follow=True,
    )
    html = page.content.decode()
    assert "有 1 处数据疑点" in html or "有 2 处数据疑点" in html
    assert 'data-rule="over_whole"' in html and "超过全省目标 130万丛" in html
    # submitted, the head sees it beside the report and marks it explained there
    client.post(f"/reports/{report.pk}/submit/")
    client.force_login(world.resp_head)
    html = client.get(f"/reports/{report.pk}/").content.decode()
    flag = Flag.objects.get(report=report, rule=FlagRule.OVER_WHOLE)
    assert f'action="/reports/{report.pk}/flags/{flag.pk}/explain/"' in html
    client.post(f"/reports/{report.pk}/flags/{flag.pk}/explain/", {"comment": "单位为丛，已改。"})
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert "已核实（" in html and "单位为丛，已改。" in html


def test_the_api_lists_flags_and_marks_one_explained(world, make_report, shrubs, api_as):
    report = make_report(status=ReportStatus.SUBMITTED, values={shrubs: "131"})
    url = f"/api/v1/progress-reports/{report.pk}/"
    [flag] = api_as(world.resp_head).get(url).json()["flags"]
    assert flag["rule"] == "over_whole" and flag["explained_by"] is None and "超过全省目标" in flag["message"]
    explained = api_as(world.resp_head).post(
        f"{url}flags/{flag['id']}/explain/", {"comment": "已核实。"}, format="json"
    )
    assert explained.status_code == 200
    [flag] = explained.json()["flags"]
    assert (flag["explained_by"], flag["comment"]) == ("changchun-head", "已核实。") and flag["explained_at"]
    refused = api_as(world.resp_staff).post(
        f"{url}flags/{flag['id']}/explain/", {"comment": "x"}, format="json"
    )
    assert refused.status_code == 403


def test_the_overview_counts_the_flags_and_its_link_lists_as_many(world, make_report, shrubs, client):
    # given by 10 July: 长春's June over the province's goal (submitted), 吉林's June draft over it too
    # (not submitted: not counted), and 综规处, which owes the shrubs total, has never sent it
    submitted = make_report(status=ReportStatus.SUBMITTED, values={shrubs: "200"})
    dated(submitted, submitted=dt.date(2024, 7, 3))
    make_report(unit=world.coop, values={shrubs: "500"})
    client.force_login(world.leader)
    html = client.get("/overview/", {"year": 2024, "as_of": "2024-07-10"}).content.decode()
    link = re.search(
        r'href="(/flags/\?[^"]+)" data-testid="flag-count".*?fs-3 fw-semibold[^>]*>(\d+)<', html, re.S
    )
    listed = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    rows = re.findall(r'data-testid="flag-row" data-rule="(\w+)"', listed)
    # then the count is the rows its link lists: 长春's 200 万丛 over the 130 goal (not three times it),
    # and the figures owed and never sent (among them 综规处's shrubs total); 吉林's draft is not there
    assert int(link.group(2)) == len(rows)
    assert rows.count("over_whole") == 1
    assert "never_reported" in rows
    # once the head has explained it, as of a later date it no longer counts
    flag_explain(flag=Flag.objects.get(report=submitted), user=world.resp_head, comment="已核实。")
    later = client.get("/flags/", {"year": 2024, "as_of": timezone.localdate().isoformat()}).content.decode()
    assert 'data-rule="over_whole"' not in later
