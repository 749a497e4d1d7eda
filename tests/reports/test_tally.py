"""The figures kept for today (reports.tally) against the rows themselves: after every workflow step,
every change to the obligations and every midnight, in random sequences (hypothesis). The expected
figures are counted here in plain Python from the obligations, reports and events the steps wrote,
by the rules of reports.obligations, never by the functions under test."""

import datetime as dt
import os
from dataclasses import asdict

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reports.choices import ReportAction, ReportStatus
from reports.dashboard import dashboard
from reports.dashboard.pairs import PairSource
from reports.figures.counts import COUNTED, FIGURES
from reports.models import ObligationTally, ProgressReport, ReportEvent
from reports.tally.services import kept_pairs, tally_new_day, tally_rebuild
from reports.workflow import services
from reports.workflow.rules import ReportStateError
from reports.workflow.services import ReportConflict
from tasks.choices import AssignmentRole
from tasks.models import Assignment, Obligation
from tasks.obligations import day_end, obligations_sync
from tests.uploads import race

EXAMPLES = int(os.environ.get("TALLY_EXAMPLES", "20"))
REFUSED = (ValidationError, PermissionDenied, ReportStateError, ReportConflict)


def expected_pairs(plan, day: dt.date) -> dict:
    """Each (item, unit) pair's figures as of `day`, from the rows, in Python."""
    cutoff = day_end(day)
    soon = day + dt.timedelta(days=max(django_settings.REMINDER_DAYS_BEFORE, default=0))
    reports = {
        (r.work_item_id, r.unit_id, r.period): r for r in ProgressReport.objects.filter(work_item__plan=plan)
    }
    pairs: dict = {}

    def pair(key):
        return pairs.setdefault(key, dict.fromkeys(FIGURES, 0) | {"declared": False})

    for o in Obligation.objects.filter(plan=plan):
        c = pair((o.work_item_id, o.unit_id))
        c["year"] += 1
        if o.period_start > day:
            continue
        r = reports.get((o.work_item_id, o.unit_id, o.period))
        submitted = r is not None and r.submitted_at is not None and r.submitted_at < cutoff
        late = (submitted and r.submitted_at >= o.due_end) or (not submitted and o.due_date < day)
        due = o.due_date <= day
        if submitted:
            state = "submitted"
            if r.status == ReportStatus.APPROVED and r.approved_at and r.approved_at < cutoff:
                state = "approved"
            elif r.status == ReportStatus.RETURNED:
                state = "returned"
        else:
            state = "overdue" if o.due_date < day else ("due_soon" if o.due_date <= soon else "not_due")
        c["owed"] += due
        c["submitted"] += due and submitted
        c["on_time"] += due and submitted and not late
        c["late"] += due and submitted and late
        c["overdue"] += state == "overdue"
        c["ahead"] += submitted and not due
        c["returned"] += state == "returned"
        c["late_recent"] += submitted and late and o.due_date >= day - dt.timedelta(days=30)
    latest: dict = {}
    for r in reports.values():
        if r.status != ReportStatus.APPROVED or r.approved_at >= cutoff:
            continue
        c = pair((r.work_item_id, r.unit_id))
        c["approved"] += 1
        returned = ReportEvent.objects.filter(report=r, action=ReportAction.RETURN, created_at__lt=cutoff)
        c["approved_first_time"] += not returned.exists()
        key = (r.work_item_id, r.unit_id)
        if key not in latest or (r.period_end, r.approved_at) > (
            latest[key].period_end,
            latest[key].approved_at,
        ):
            latest[key] = r
    for key, r in latest.items():
        pair(key)["declared"] = r.completed
    return pairs


def expected_item_sums(plan, pairs: dict) -> dict:
    """Per item, from the pairs counted above and the assignments: the figures added up, the units
    with a report overdue, whether a lead unit is one, the lead and responsible units that declared."""
    roles: dict = {}
    for a in Assignment.objects.filter(work_item__plan=plan):
        roles.setdefault((a.work_item_id, a.unit_id), set()).add(a.role)
    sums: dict = {}
    for (item_id, unit_id), c in pairs.items():
        s = sums.setdefault(
            item_id, {name: 0 for name in COUNTED} | {"units": 0, "lead": False, "declared": 0}
        )
        for name in COUNTED:
            s[name] += c[name]
        mine = roles.get((item_id, unit_id), set())
        s["units"] += c["overdue"] > 0
        s["lead"] |= c["overdue"] > 0 and AssignmentRole.LEAD in mine
        s["declared"] += c["declared"] and bool(mine & {AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE})
    return {item_id: s for item_id, s in sums.items() if any(s.values())}


def kept_item_sums_now(world) -> dict:
    source = PairSource(
        user=world.leader, plan=world.plan, obligations=Obligation.objects.all(), as_of=timezone.localdate()
    )
    assert source.kept
    sums = source.item_sums([world.item.pk, world.other_item.pk])
    found = {
        item_id: {name: getattr(s.counts, name) for name in COUNTED}
        | {"units": s.overdue_units, "lead": s.lead_overdue, "declared": s.declared}
        for item_id, s in sums.items()
    }
    return {item_id: s for item_id, s in found.items() if any(s.values())}


def kept_now(plan) -> dict | None:
    kept = kept_pairs(plan=plan, as_of=timezone.localdate())
    return None if kept is None else {key: asdict(c) for key, c in kept.items()}


def without_empty(pairs: dict) -> dict:
    return {key: c for key, c in pairs.items() if any(c.values())}


STEP = st.one_of(
    st.tuples(st.just("submit"), st.integers(0, 3), st.integers(1, 12), st.booleans()),
    st.tuples(st.just("approve"), st.integers(0, 3), st.integers(1, 12), st.booleans()),
    st.tuples(st.just("return"), st.integers(0, 3), st.integers(1, 12), st.booleans()),
    st.tuples(st.just("correct"), st.integers(0, 3), st.integers(1, 12), st.booleans()),
    st.tuples(st.just("hours"), st.integers(1, 40 * 24), st.just(0), st.just(False)),
    st.tuples(st.just("cooperating"), st.just(0), st.just(0), st.booleans()),
)


def take(step, world) -> None:
    """One step through the services; a step the workflow refuses changes nothing."""
    kind, pair_index, month, flag = step
    item, unit = [
        (world.item, world.resp), (world.item, world.lead), (world.item, world.coop), (world.other_item, world.resp)
    ][pair_index]  # fmt: skip
    staff, head = world.staff(unit), world.head(unit)
    period = f"2024-{month:02d}"
    report = ProgressReport.objects.filter(work_item=item, unit=unit, period=period).first()
    with transaction.atomic():
        if kind == "submit":
            if report is None:
                report = services.report_create(user=staff, work_item=item, unit=unit, period=period)
            services.report_update(
                report=report, user=staff, version=report.version, done="进展。", completed=flag
            )
            services.report_submit(report=report, user=staff)
        elif kind == "approve" and report is not None:
            services.report_approve(report=report, user=head)
        elif kind == "return" and report is not None:
            reviewer = world.head(world.lead) if flag else head
            services.report_return(report=report, user=reviewer, comment="请补充。")
        elif kind == "correct" and report is not None:
            services.report_correct(
                report=report, user=world.admin, version=report.version, reason="更正。", done="更正后的进展。",
                problems="", next_steps="", completed=flag,
            )  # fmt: skip
        elif kind == "cooperating":
            world.item.cooperating_units_report = flag
            world.item.save(update_fields=["cooperating_units_report"])
            obligations_sync(plan=world.plan)


@pytest.mark.django_db(transaction=False)
@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.integers(0, 200), steps=st.lists(STEP, min_size=1, max_size=12))
# a declaration made, then withdrawn by a correction; an approved report returned by the lead unit's head
@example(
    start=60,
    steps=[
        ("submit", 0, 1, True),
        ("approve", 0, 1, False),
        ("correct", 0, 1, False),
        ("hours", 30 * 24, 0, False),
    ],
)
@example(start=10, steps=[("submit", 0, 1, False), ("approve", 0, 1, False), ("return", 0, 1, True)])
def test_the_kept_figures_equal_the_rows_after_every_step_and_every_midnight(world, start, steps):
    # given the 2024 plan on a day of its year, its tally counted for that day
    with (
        transaction.atomic(),
        time_machine.travel(dt.datetime(2024, 2, 1, 9, tzinfo=dt.UTC), tick=False) as clock,
    ):
        clock.shift(dt.timedelta(days=start))
        tally_new_day()
        for step in steps:
            # when a step is taken (or the clock moves on, past midnight perhaps)
            if step[0] == "hours":
                clock.shift(dt.timedelta(hours=step[1]))
            else:
                try:
                    take(step, world)
                except REFUSED:
                    pass
            today = timezone.localdate()
            kept = kept_now(world.plan)
            # then what is kept for today is what the rows say; kept for another day, it is not read
            if kept is not None:
                assert without_empty(kept) == without_empty(expected_pairs(world.plan, today)), step
            elif step[0] != "hours":
                assert ObligationTally.objects.filter(plan=world.plan).exclude(day=today).exists()
            # and after midnight's job it is kept for today and true again, and so are the items' sums
            tally_new_day()
            expected = expected_pairs(world.plan, today)
            assert without_empty(kept_now(world.plan)) == without_empty(expected)
            assert kept_item_sums_now(world) == expected_item_sums(world.plan, expected), step
        transaction.set_rollback(True)


def test_a_leader_reads_the_same_dashboard_from_the_tally_as_from_the_rows(world, make_report):
    # given reports in several states, and the tally kept for 2024-08-10
    make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: "900"})
    make_report(unit=world.lead, period="2024-06", status=ReportStatus.RETURNED)
    make_report(item=world.other_item, period="2024-07", status=ReportStatus.SUBMITTED)
    day = dt.date(2024, 8, 10)
    live = dashboard(user=world.leader, plan=world.plan, as_of=day)
    tally_rebuild(plan=world.plan, day=day)
    ObligationTally.objects.filter(plan=world.plan).update(owed=0)  # what is read now is the tally
    # when a leader looks at that day
    kept = dashboard(user=world.leader, plan=world.plan, as_of=day)
    # then only what was changed in the tally differs
    assert [row.owed for row in kept.items] == [0, 0]
    assert [u.owed for u in kept.units] == [0, 0, 0]
    tally_rebuild(plan=world.plan, day=day)
    kept = dashboard(user=world.leader, plan=world.plan, as_of=day)
    assert [(r.status, r.progress_pct, r.facts, r.owed, r.submitted) for r in kept.items] == [
        (r.status, r.progress_pct, r.facts, r.owed, r.submitted) for r in live.items
    ]
    assert [vars(u) for u in kept.units] == [vars(u) for u in live.units]
    # and a day the tally is not kept for is counted live
    other = dashboard(user=world.leader, plan=world.plan, as_of=day - dt.timedelta(days=1))
    assert sum(row.owed for row in other.items) > 0


def approving(report, head):
    return lambda: services.report_approve(report=ProgressReport.objects.get(pk=report.pk), user=head)


def assert_kept_approvals(world, approved: int) -> None:
    """The tally kept for 10 August 2024 holds `approved` approvals of 长春 on item 3 and is the rows' own."""
    kept = kept_now(world.plan)
    assert kept[(world.item.pk, world.resp.pk)]["approved"] == approved
    assert without_empty(kept) == without_empty(expected_pairs(world.plan, dt.date(2024, 8, 10)))


ON_POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
)


@ON_POSTGRES
@pytest.mark.django_db(transaction=True)
def test_two_approvals_on_one_pair_at_once_both_count(world, make_report):
    # given two submitted reports of one pair, and the tally kept for the day
    with time_machine.travel(dt.datetime(2024, 8, 10, 9, tzinfo=dt.UTC), tick=False):
        june = make_report(period="2024-06", status=ReportStatus.SUBMITTED)
        july = make_report(period="2024-07", status=ReportStatus.SUBMITTED)
        tally_new_day()
        # when the unit's head approves both at the same moment, in two transactions
        outcome = race(
            approving(june, world.resp_head),
            approving(july, world.resp_head),
            refused=ReportStateError,
        )
        # then both count: the second waited for the first and counted after it
        assert outcome == {"first": "done", "second": "done"}
        assert_kept_approvals(world, 2)


@ON_POSTGRES
@pytest.mark.django_db(transaction=True)
def test_an_approval_during_a_recount_is_not_lost(world, make_report):
    # given a submitted report, and the tally kept for the day
    with time_machine.travel(dt.datetime(2024, 8, 10, 9, tzinfo=dt.UTC), tick=False):
        june = make_report(period="2024-06", status=ReportStatus.SUBMITTED)
        tally_new_day()
        # when the plan is counted afresh while the unit's head approves the report
        outcome = race(
            lambda: tally_rebuild(plan=world.plan),
            approving(june, world.resp_head),
            refused=ReportStateError,
        )
        # then the approval is in the tally once both are done
        assert outcome == {"first": "done", "second": "done"}
        assert_kept_approvals(world, 1)
