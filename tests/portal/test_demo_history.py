"""The demo's 2024 reporting history (portal.demo), created by `manage.py seed_demo`, as a leader sees it on
31 December 2024: through the obligations' states and the targets' actuals, the figures the dashboard shows.

seed_demo runs once for the module, in a transaction rolled back at its end; each test runs inside it."""

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import override_settings

from reports.choices import ObligationState, ReportAction, ReportStatus
from reports.figures.targets import target_actuals, target_completion, target_is_met
from reports.models import Attachment, ProgressReport, ReportEvent, TargetValue
from reports.obligations import obligations_as_of
from tasks.choices import AssignmentRole, PeriodKind
from tasks.models import Assignment, Obligation, Target
from tasks.obligations import day_end

YEAR_END = dt.date(2024, 12, 31)
UNTIL = dt.date(2025, 1, 15)  # the day the history stops: December's progress was due on 5 January
SUBMITTED = (ObligationState.SUBMITTED, ObligationState.SUBMITTED_LATE, ObligationState.APPROVED)


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    """Where the history's files go (each test has its own MEDIA_ROOT; this one outlives them)."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def seed_output(django_db_setup, django_db_blocker, demo_media):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        with transaction.atomic():
            out = StringIO()
            # --force: the demo accounts with DEBUG off, as the test settings have it (no query log)
            call_command("seed_demo", "--force", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


@pytest.fixture
def owed(seed_output, db):
    """The 2024 obligations due by the day the history stops, as of that day."""
    return obligations_as_of(UNTIL, Obligation.objects.filter(plan__year=2024, due_date__lte=UNTIL))


def shares(owed) -> dict[str, float]:
    total = owed.count()
    counts = dict(owed.values_list("state").annotate(n=Count("pk")).order_by())
    on_time = owed.filter(state__in=SUBMITTED, late=False).count()
    late = owed.filter(late=True, submitted_at__isnull=False).count()
    return {
        "on_time": on_time / total,
        "late": late / total,
        "overdue": counts.get(ObligationState.OVERDUE, 0) / total,
    }


def test_seed_demo_says_what_it_made_and_the_day_it_stands_for(seed_output):
    line = [line for line in seed_output.splitlines() if line.startswith("演示填报记录")]
    assert len(line) == 1
    assert "2025-01-15" in line[0] and "进展报告" in line[0]


def test_most_reports_come_on_time_some_late_a_few_never(owed):
    result = shares(owed)
    assert result["on_time"] > 0.8
    assert 0.05 < result["late"] < 0.15
    assert 0.01 < result["overdue"] < 0.04
    # the missing reports are concentrated: a ranking of units shows it
    overdue = Counter(owed.filter(state=ObligationState.OVERDUE).values_list("unit_id", flat=True))
    two_worst = sum(n for _, n in overdue.most_common(2))
    assert two_worst >= 0.6 * sum(overdue.values())


def test_a_handful_of_recent_reports_await_review(owed):
    waiting = owed.filter(state__in=(ObligationState.SUBMITTED, ObligationState.SUBMITTED_LATE))
    assert 3 <= waiting.count() <= 15
    assert all((UNTIL - o.due_date).days < 40 for o in waiting)


def test_some_reports_were_returned_with_a_comment_then_approved(owed):
    returns = ReportEvent.objects.filter(action=ReportAction.RETURN, report__work_item__plan__year=2024)
    assert all(comment.strip() for comment in returns.values_list("comment", flat=True))
    returned_then_approved = ProgressReport.objects.filter(
        pk__in=returns.values("report_id"), status=ReportStatus.APPROVED
    ).count()
    assert 0.02 * owed.count() < returned_then_approved < 0.08 * owed.count()
    # the head of item 3's lead unit sent back a responsible unit's summary after its own head approved it
    lead_heads = Assignment.objects.filter(work_item__number=3, role=AssignmentRole.LEAD).values("unit_id")
    by_lead = returns.filter(report__work_item__number=3, actor__unit_id__in=lead_heads)
    assert by_lead.exclude(report__unit_id__in=lead_heads).exists()


def test_the_half_year_summaries_are_in_from_most_units_the_annual_from_about_two_thirds(owed, demo_media):
    half = owed.filter(kind=PeriodKind.HALF_YEAR_SUMMARY)
    assert half.count() == 27
    assert half.filter(state__in=SUBMITTED).count() >= 25
    assert half.filter(state=ObligationState.OVERDUE).count() == 1
    assert half.filter(late=True, submitted_at__isnull=False).count() == 2
    # the annual summary: about two thirds in on 31 December, the day it is due; all but one by mid-January
    annual = Obligation.objects.filter(plan__year=2024, kind=PeriodKind.ANNUAL_SUMMARY)
    on_the_day = obligations_as_of(YEAR_END, annual)
    assert 0.55 < on_the_day.filter(state__in=SUBMITTED).count() / annual.count() < 0.75
    assert not on_the_day.filter(state=ObligationState.OVERDUE).exists()  # due that very day
    assert owed.filter(kind=PeriodKind.ANNUAL_SUMMARY, state=ObligationState.OVERDUE).count() == 1
    # every summary handed in carries its summary file, a real PDF
    summaries = ProgressReport.objects.filter(period__in=("2024-H1", "2024-Y")).exclude(
        status=ReportStatus.DRAFT
    )
    assert summaries.exists()
    assert not summaries.filter(attachments__isnull=True).exists()
    attachment = Attachment.objects.filter(report__in=summaries).first()
    content = (demo_media / attachment.file.name).read_bytes()
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")


def test_decembers_progress_comes_in_in_january(seed_output, db):
    december = Obligation.objects.filter(plan__year=2024, period="2024-12")
    at_year_end = obligations_as_of(YEAR_END, december)
    assert at_year_end.exists() and not at_year_end.filter(state=ObligationState.OVERDUE).exists()
    later = obligations_as_of(UNTIL, december)
    assert later.filter(state__in=SUBMITTED).count() > 0.9 * later.count()


def test_some_targets_are_met_others_far_behind(seed_output, db):
    targets = {t.name: t for t in Target.objects.filter(work_item__plan__year=2024)}
    actuals = target_actuals(targets.values(), as_of=YEAR_END)

    def met(name):
        return target_is_met(targets[name], actuals[targets[name].pk].value)

    def completion(name):
        return target_completion(targets[name], actuals[targets[name].pk].value)

    assert met("高速公路快充覆盖率") and met("客运班线公交化改造")
    assert not met("农村公路绿化里程") and 50 <= completion("农村公路绿化里程") <= 70
    on_pace = [n for n in targets if not met(n) and completion(n) >= 80]
    assert on_pace


def test_cumulative_values_grow_and_a_drop_is_explained(seed_output, db):
    rows = (
        TargetValue.objects.filter(report__status__in=(ReportStatus.SUBMITTED, ReportStatus.APPROVED))
        .order_by("target_id", "report__unit_id", "report__period_end")
        .values_list("target_id", "report__unit_id", "value", "explanation")
    )
    last, dips = {}, 0
    for target, unit, value, explanation in rows:
        previous = last.get((target, unit))
        if previous is not None and value < previous:
            assert explanation.strip()
            dips += 1
        last[(target, unit)] = value
    assert len(last) >= 20  # every reporter of every target
    assert dips >= 1  # a rate that fell back one month, with the reason


def test_a_few_qualitative_items_are_declared_complete_and_some_only_in_part(seed_output, db):
    declarers = Assignment.objects.filter(
        work_item__plan__year=2024, role__in=(AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE)
    )
    # each lead or responsible unit's latest approved report on its item
    latest = {}
    approved = ProgressReport.objects.filter(status=ReportStatus.APPROVED, approved_at__lt=day_end(YEAR_END))
    for item, unit, completed in approved.order_by("period_end").values_list(
        "work_item_id", "unit_id", "completed"
    ):
        latest[(item, unit)] = completed
    by_item: dict[int, list[bool]] = {}
    for item, unit in declarers.values_list("work_item_id", "unit_id"):
        by_item.setdefault(item, []).append(latest.get((item, unit), False))
    done = [item for item, flags in by_item.items() if all(flags)]
    partly = [item for item, flags in by_item.items() if any(flags) and not all(flags)]
    assert 2 <= len(done) <= 6 and partly
    assert not Target.objects.filter(work_item_id__in=done).exists()


def test_it_went_through_the_workflow_as_the_demo_accounts_at_simulated_moments(seed_output, db):
    reports = ProgressReport.objects.filter(work_item__plan__year=2024).select_related("unit", "created_by")
    assert all(r.created_by.username == f"staff-{r.unit.code}" for r in reports)
    approvals = ReportEvent.objects.filter(action=ReportAction.APPROVE).select_related(
        "actor", "report__unit"
    )
    assert all(e.actor.username == f"head-{e.report.unit.code}" for e in approvals)
    start, cutoff = day_end(dt.date(2023, 12, 31)), day_end(UNTIL)
    assert not reports.filter(Q(created_at__lt=start) | Q(created_at__gte=cutoff)).exists()
    assert not reports.filter(Q(updated_at__gte=cutoff) | Q(submitted_at__gte=cutoff)).exists()
    assert not reports.filter(approved_at__gte=cutoff).exists()
    assert not ReportEvent.objects.filter(Q(created_at__lt=start) | Q(created_at__gte=cutoff)).exists()
    for report in reports.filter(status=ReportStatus.APPROVED)[:200]:
        assert report.created_at <= report.submitted_at <= report.approved_at
    # a report's history reads in the order it happened
    for report in reports.filter(events__action=ReportAction.RETURN).distinct()[:20]:
        actions = list(report.events.values_list("action", flat=True))  # ordered by time
        assert actions[0] == ReportAction.CREATE
        assert actions.index(ReportAction.SUBMIT) < actions.index(ReportAction.RETURN)


def test_a_second_seed_demo_adds_no_report(seed_output, db):
    reports, events = ProgressReport.objects.count(), ReportEvent.objects.count()
    out = StringIO()
    call_command("seed_demo", "--force", stdout=out)
    assert (ProgressReport.objects.count(), ReportEvent.objects.count()) == (reports, events)
    assert "保持不变" in out.getvalue()


# -- the leader's picture of the demo year: one basis for every count, progress that means something


@pytest.mark.parametrize("as_of", [dt.date(2024, 6, 30), YEAR_END])
def test_on_the_demo_no_part_exceeds_its_whole(seed_output, db, as_of):
    from reports.dashboard import dashboard
    from tasks.models import Plan
    from units.models import User

    board = dashboard(user=User.objects.get(username="leader"), plan=Plan.objects.get(year=2024), as_of=as_of)
    assert len(board.items) == 26
    for row in board.items:
        assert row.submitted + row.facts.overdue <= row.owed, row.item.number
    for row in board.units:
        assert row.on_time + row.late == row.submitted and row.submitted + row.overdue <= row.owed, row.unit
    # by the year's last due date every item whose units reported shows progress, none 0 %
    if as_of == YEAR_END:
        final = dashboard(user=User.objects.get(username="leader"), plan=board.plan, as_of=UNTIL)
        assert all(row.progress_pct > 0 for row in final.items)


def test_on_the_demo_every_number_on_the_overview_lists_as_many_rows(seed_output, db, client):
    import re
    from html import unescape

    from units.models import User

    client.force_login(User.objects.get(username="leader"))
    html = client.get("/overview/", {"year": 2024, "as_of": "2024-12-31"}).content.decode()
    links = re.findall(r'<a[^>]*href="(/obligations/\?[^"]+)"[^>]*data-count="(\w+)"[^>]*>(\d+)</a>', html)
    assert len(links) > 50
    for href, _kind, number in links:
        page = client.get(unescape(href)).content.decode()
        assert re.search(r'data-testid="row-total">共 (\d+) 份', page).group(1) == number, href


def test_on_the_demo_the_kept_figures_are_what_the_rows_say(seed_output, db):
    # given the demo year, loaded with its tally paused and counted once at the end
    from reports.models import ObligationTally
    from reports.tally.services import kept_pairs
    from tests.reports.test_tally import expected_pairs, without_empty

    plan = Obligation.objects.first().plan
    day = ObligationTally.objects.filter(plan=plan).values_list("day", flat=True).first()
    # when the overview reads the figures kept for that day
    kept = {key: vars(counts) for key, counts in kept_pairs(plan=plan, as_of=day).items()}
    # then they are the rows' own
    assert without_empty(kept) == without_empty(expected_pairs(plan, day))
    assert sum(c["approved"] for c in kept.values()) > 1000
