"""A target's actual (reports.figures.target_actuals): the reporters' (填报单位) latest approved figures,
the latest total (全省合计) where there is one, otherwise the sum of the contributions (本单位完成);
nothing approved means no figure; a unit that does not report the target counts for nothing; and the
whole computation is one query however many targets and reports there are."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from reports.choices import ReportStatus
from reports.figures import target_actuals, target_completion, target_is_met, target_progress
from reports.models import ProgressReport
from reports.validation import ValueInput
from reports.workflow import services
from tasks.choices import AssignmentRole, Comparator, ReporterScope
from tests import factories
from units.choices import Role


def test_no_approved_data_means_no_figure(world, make_report):
    # given only a draft, a submitted and a returned report
    make_report(period="2024-04", values={world.km: 5, world.rate: 50})
    make_report(period="2024-05", status=ReportStatus.SUBMITTED, values={world.km: 10})
    make_report(unit=world.coop, period="2024-05", status=ReportStatus.RETURNED, values={world.km: 20})
    # when the actuals are computed
    actuals = target_actuals([world.km, world.rate])
    # then neither target has a figure
    for target in (world.km, world.rate):
        actual = actuals[target.pk]
        assert actual.value is None
        assert actual.has_data is False
        assert actual.unit_count == 0
        assert actual.as_of is None


def test_contributions_only_add_each_reporters_latest_approved_value(world, make_report):
    # given 长春 approved 100 km by May and 150 km by June, 吉林 approved 40 km by June
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: 100})
    make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: 150})
    make_report(unit=world.coop, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 40})
    # and figures that do not count: 长春's July draft, 吉林's submitted July, 综规处's returned June
    make_report(period="2024-07", values={world.km: 900})
    make_report(unit=world.coop, period="2024-07", status=ReportStatus.SUBMITTED, values={world.km: 800})
    make_report(unit=world.lead, period="2024-06", status=ReportStatus.RETURNED, values={world.km: 700})
    # when the actual is computed
    actual = target_actuals([world.km])[world.km.pk]
    # then it is 长春's June (not May) plus 吉林's June, each kept as a contribution
    assert actual.value == Decimal("190")
    assert (actual.total, actual.contribution_sum) == (None, Decimal("190"))
    assert actual.unit_count == 2
    assert [(c.unit_id, c.value, c.period) for c in actual.contributions] == [
        (world.resp.pk, Decimal("150"), "2024-06"),
        (world.coop.pk, Decimal("40"), "2024-06"),
    ]
    assert actual.as_of == dt.date(2024, 6, 30)


def test_sum_latest_period_wins_even_when_an_older_one_is_approved_later(world, make_report):
    # given 长春's June (150 km) is approved, and its May (100 km) only afterwards
    june = make_report(period="2024-06", status=ReportStatus.SUBMITTED, values={world.km: 150})
    may = make_report(period="2024-05", status=ReportStatus.SUBMITTED, values={world.km: 100})
    services.report_approve(report=june, user=world.resp_head)
    services.report_approve(report=may, user=world.resp_head)
    # then June's figure stands
    assert target_actuals([world.km])[world.km.pk].value == Decimal("150")


def test_a_total_takes_the_most_recent_approved_total(world, make_report):
    # given 长春 approved a 60 % rate for May and 吉林 70 % for June
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.rate: 60})
    make_report(unit=world.coop, period="2024-06", status=ReportStatus.APPROVED, values={world.rate: 70})
    # and 长春's July (85 %) is still only submitted
    make_report(period="2024-07", status=ReportStatus.SUBMITTED, values={world.rate: 85})
    # then the rate is 吉林's June figure, not a sum
    actual = target_actuals([world.rate])[world.rate.pk]
    assert actual.value == Decimal("70")
    assert actual.as_of == dt.date(2024, 6, 30)

    # when 长春's July is approved, then it is the figure
    july = ProgressReport.objects.get(unit=world.resp, work_item=world.item, period="2024-07")
    services.report_approve(report=july, user=world.resp_head)
    assert target_actuals([world.rate])[world.rate.pk].value == Decimal("85")


def test_totals_of_the_same_period_the_later_approval_wins(world, make_report):
    # given both units report June's rate; 吉林's is approved after 长春's
    changchun = make_report(period="2024-06", status=ReportStatus.SUBMITTED, values={world.rate: 80})
    jilin = make_report(
        unit=world.coop, period="2024-06", status=ReportStatus.SUBMITTED, values={world.rate: 75}
    )
    services.report_approve(report=changchun, user=world.resp_head)
    services.report_approve(report=jilin, user=world.coop_head)
    # then the later approval's figure is the rate
    assert target_actuals([world.rate])[world.rate.pk].value == Decimal("75")


def test_a_total_is_the_actual_and_the_contributions_are_kept_beside_it(world, make_report):
    # given 厅综规处 reports the province total of km and 长春, 吉林 their own parts
    world.km.reporters.filter(unit=world.lead).update(scope=ReporterScope.TOTAL)
    make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: 150})
    make_report(unit=world.coop, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 40})
    make_report(unit=world.lead, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 200})
    # when the actual is computed
    actual = target_actuals([world.km])[world.km.pk]
    # then the total is the actual, and the contributions' sum is kept: their gap is information
    assert (actual.value, actual.total, actual.contribution_sum) == (
        Decimal("200"),
        Decimal("200"),
        Decimal("190"),
    )
    assert actual.from_total
    assert {c.unit_id: c.is_total for c in actual.contributions} == {
        world.lead.pk: True, world.resp.pk: False, world.coop.pk: False,
    }  # fmt: skip


def test_a_total_alone_is_the_actual(world, make_report):
    # given only the total reporter has an approved figure
    world.km.reporters.filter(unit=world.lead).update(scope=ReporterScope.TOTAL)
    make_report(unit=world.lead, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 429})
    actual = target_actuals([world.km])[world.km.pk]
    assert (actual.value, actual.total, actual.contribution_sum) == (Decimal("429"), Decimal("429"), None)


def test_the_same_province_wide_figure_from_two_units_is_not_counted_twice(world, make_report):
    # given (item 9 of 2024) the supervising office reports the province total and the bureau that does
    # the work its own part, and both entered the same province-wide 410 km
    world.km.reporters.filter(unit=world.lead).update(scope=ReporterScope.TOTAL)
    world.km.reporters.filter(unit=world.coop).delete()
    make_report(unit=world.lead, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 410})
    make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: 410})
    # then the actual is 410 km, not 820
    assert target_actuals([world.km])[world.km.pk].value == Decimal("410")


def test_a_unit_that_does_not_report_the_target_counts_for_nothing(world, make_report):
    # given 吉林 reported km while it was a reporter, then stopped being one
    make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: 150})
    make_report(unit=world.coop, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 40})
    world.km.reporters.filter(unit=world.coop).delete()
    # then only 长春's figure counts
    actual = target_actuals([world.km])[world.km.pk]
    assert (actual.value, actual.unit_count) == (Decimal("150"), 1)


def test_actuals_as_of_a_date_count_only_approvals_by_then(world, make_report):
    # given 长春's June approved now
    make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: 150})
    # then as of a day before the approval there is no figure yet
    today = timezone.localdate()  # the portal's own day: UTC's is a day behind from 16:00 UTC
    assert target_actuals([world.km], as_of=today - dt.timedelta(days=1))[world.km.pk].value is None
    assert target_actuals([world.km], as_of=today)[world.km.pk].value == Decimal("150")


def test_returning_an_approved_report_takes_its_figure_out(world, make_report):
    # given 长春's approved June of 150 km over an approved May of 100 km
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: 100})
    june = make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: 150})
    assert target_actuals([world.km])[world.km.pk].value == Decimal("150")
    # when the lead unit's head returns June
    services.report_return(report=june, user=world.lead_head, comment="口径不一致。")
    # then May's figure is 长春's latest approved value again
    assert target_actuals([world.km])[world.km.pk].value == Decimal("100")


def test_admin_correction_changes_the_actual(world, make_report):
    # given 长春's approved June of 150 km
    june = make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: 150})
    # when the administrator corrects it to 120 km
    services.report_correct(
        report=june, user=world.admin, version=june.version, reason="重复计算。", done=june.done,
        problems="", next_steps="", values=[ValueInput(world.km, Decimal("120"), "剔除重复。")],
    )  # fmt: skip
    # then the actual follows
    assert target_actuals([world.km])[world.km.pk].value == Decimal("120")


def test_summary_figures_count_like_monthly_ones(world, make_report):
    # given 长春's approved May (100 km) and its approved half-year summary (130 km, period ending 30 June)
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: 100})
    make_report(period="2024-H1", status=ReportStatus.APPROVED, values={world.km: 130})
    # then the summary, the later period, is 长春's figure
    assert target_actuals([world.km])[world.km.pk].value == Decimal("130")


def test_progress_says_whether_the_goal_is_met(world, make_report):
    # given 3087 km is the goal and 1543.5 km approved; 90 % is the rate's goal and 95 % approved
    make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: "1543.5", world.rate: 95})
    # when progress is computed
    rows = {row.target.pk: row for row in target_progress([world.km, world.rate])}
    # then the km target is half way and not met; the rate is met
    assert (rows[world.km.pk].met, rows[world.km.pk].completion) == (False, 50)
    assert (rows[world.rate.pk].met, rows[world.rate.pk].completion) == (True, 100)


@pytest.mark.parametrize(
    ("comparator", "goal", "value", "met"),
    [
        (Comparator.GTE, {"target_value": Decimal("10")}, Decimal("10"), True),
        (Comparator.GTE, {"target_value": Decimal("10")}, Decimal("9.99"), False),
        (Comparator.LTE, {"target_value": Decimal("5")}, Decimal("5"), True),
        (Comparator.LTE, {"target_value": Decimal("5")}, Decimal("6"), False),
        (Comparator.EQ, {"target_value": Decimal("3")}, Decimal("3"), True),
        (Comparator.RANGE, {"target_min": Decimal("2"), "target_max": Decimal("3")}, Decimal("2"), True),
        (Comparator.RANGE, {"target_min": Decimal("2"), "target_max": Decimal("3")}, Decimal("4"), False),
        (Comparator.GTE, {"target_value": Decimal("10")}, None, False),
    ],
)
def test_target_is_met_by_comparator(world, comparator, goal, value, met):
    # given a target with the comparator and goal; when a value is judged, then it is met or not
    target = factories.TargetFactory.build(comparator=comparator, **{"target_value": None, **goal})
    assert target_is_met(target, value) is met
    if value is None:
        assert target_completion(target, value) is None


@pytest.mark.parametrize("size", [2, 20])
def test_actuals_take_two_queries_however_many_targets_and_reports(
    world, django_assert_max_num_queries, size
):
    # given `size` targets on one item, each with approved reports of `size` units over two months
    item = factories.WorkItemFactory(section=world.section_green, number=50 + size)
    staff_head = []
    for n in range(size):
        unit = factories.UnitFactory(code=f"city{size}-{n}")
        factories.AssignmentFactory(work_item=item, unit=unit, role=AssignmentRole.RESPONSIBLE)
        staff_head.append(
            (
                unit,
                factories.UserFactory(username=f"s{size}-{n}", unit=unit, role=Role.UNIT_STAFF),
                factories.HeadFactory(username=f"h{size}-{n}", unit=unit),
            )
        )
    targets = [factories.TargetFactory(work_item=item, name=f"指标{n}") for n in range(size)]
    for n, target in enumerate(targets):
        # odd targets: every unit reports its part; even ones: every unit reports a total
        scope = ReporterScope.CONTRIBUTION if n % 2 else ReporterScope.TOTAL
        for unit, _staff, _head in staff_head:
            factories.TargetReporterFactory(target=target, unit=unit, scope=scope)
    for period, amount in (("2024-05", 1), ("2024-06", 2)):
        for unit, staff, head in staff_head:
            report = services.report_create(user=staff, work_item=item, unit=unit, period=period)
            services.report_update(
                report=report, user=staff, version=report.version, done="进展。",
                values=[ValueInput(t, Decimal(amount)) for t in targets],
            )  # fmt: skip
            services.report_submit(report=report, user=staff)
            services.report_approve(report=report, user=head)

    # when the actuals are computed, then it takes two queries (the reporters, their latest figures)
    with django_assert_max_num_queries(2):
        actuals = target_actuals(targets)
    # and each contributions target adds every unit's June figure, each total one takes a June figure
    for n, target in enumerate(targets):
        expected = Decimal(2 * size) if n % 2 else Decimal(2)
        assert actuals[target.pk].value == expected
        assert actuals[target.pk].unit_count == size
