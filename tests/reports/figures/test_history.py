"""A target's history (reports.figures.history.target_history): at each period's end, each reporter's
latest approved figure carried forward, contributions added and the latest total standing for the
province, by the same rule as today's actual."""

from decimal import Decimal

from reports.choices import ReportStatus
from reports.figures import target_actuals
from reports.figures.history import target_history
from tasks.periods import parse_period


def periods(*keys):
    return [parse_period(k) for k in keys]


def test_each_period_carries_each_reporters_latest_figure(world, make_report):
    # given 长春 approved 5 km for January and 8 km for March, 吉林 3 km for February
    make_report(period="2024-01", status=ReportStatus.APPROVED, values={world.km: 5})
    make_report(period="2024-03", status=ReportStatus.APPROVED, values={world.km: 8})
    make_report(unit=world.coop, period="2024-02", status=ReportStatus.APPROVED, values={world.km: 3})
    # and figures that do not count: 吉林's submitted April, 综规处's draft March
    make_report(unit=world.coop, period="2024-04", status=ReportStatus.SUBMITTED, values={world.km: 90})
    make_report(unit=world.lead, period="2024-03", values={world.km: 70})
    # when the history is read from January to April
    [history] = target_history([world.km], periods=periods("2024-01", "2024-02", "2024-03", "2024-04"))
    # then each month adds what each unit had approved by its end
    assert history.actual == [Decimal(5), Decimal(8), Decimal(11), Decimal(11)]
    assert history.by_unit[world.resp.short_name] == [Decimal(5), Decimal(5), Decimal(8), Decimal(8)]
    assert history.by_unit[world.coop.short_name] == [None, Decimal(3), Decimal(3), Decimal(3)]
    assert history.by_unit[world.lead.short_name] == [None, None, None, None]


def test_a_total_is_the_latest_period_s_total_by_then(world, make_report):
    # given 长春 reported a 40 % rate for January and 吉林 50 % for February, 长春 again 45 % for March
    make_report(period="2024-01", status=ReportStatus.APPROVED, values={world.rate: 40})
    make_report(unit=world.coop, period="2024-02", status=ReportStatus.APPROVED, values={world.rate: 50})
    make_report(period="2024-03", status=ReportStatus.APPROVED, values={world.rate: 45})
    # when the history is read
    [history] = target_history([world.rate], periods=periods("2024-01", "2024-02", "2024-03"))
    # then each month's rate is the latest period's total, never a sum
    assert history.actual == [Decimal(40), Decimal(50), Decimal(45)]


def test_the_last_period_agrees_with_todays_actual(world, make_report):
    # given a few approved figures of both kinds
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: 100, world.rate: 60})
    make_report(unit=world.coop, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 40})
    make_report(unit=world.lead, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 7})
    # then the history's June is the actual as computed for today
    histories = target_history([world.km, world.rate], periods=periods("2024-05", "2024-06"))
    actuals = target_actuals([world.km, world.rate])
    assert [h.actual[-1] for h in histories] == [actuals[world.km.pk].value, actuals[world.rate.pk].value]
    assert histories[0].actual == [Decimal(100), Decimal(147)]
