"""`make bench`, second part: the dashboard (总览) and its API on the real 2024 plan with one year of
reports, then with 100× the units, obligations and reports. Prints each one's server time at both
sizes and their ratio; asserts nothing. The aim: 100× the data costs under 3× the time.

Runs on the test database of the settings in use (SQLite in memory, or PostgreSQL when DATABASE_URL
points there)."""

import datetime as dt
import os
import random
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.common import measure, throwaway_database  # noqa: E402

RUNS = 5
AS_OF = "2024-12-31"
PAST = "2024-12-30"
GROWTH = int(os.environ.get("BENCH_DASHBOARD_GROWTH", "100"))


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def report_everything(rng: random.Random) -> int:
    """A report for every obligation due by the end of 2024 that has none: most approved on time, some
    late, a few missing; with a cumulative figure for every target the unit reports."""
    from reports.choices import ReportStatus
    from reports.models import ProgressReport, TargetValue
    from tasks.models import Obligation, Target, TargetReporter
    from tasks.periods import parse_period
    from units.models import User

    author = User.objects.get(username="admin")
    reported = set(ProgressReport.objects.values_list("work_item_id", "unit_id", "period"))
    reports = []
    for o in Obligation.objects.filter(due_date__lte=dt.date(2024, 12, 31)).iterator(chunk_size=5000):
        if (o.work_item_id, o.unit_id, o.period) in reported or rng.random() < 0.03:
            continue  # already there, or missing
        late = rng.random() < 0.1
        submitted = o.due_date + dt.timedelta(days=rng.randint(1, 9) if late else -rng.randint(0, 4))
        reports.append(
            ProgressReport(
                work_item_id=o.work_item_id,
                unit_id=o.unit_id,
                period=o.period,
                period_end=parse_period(o.period).end,
                status=ReportStatus.APPROVED,
                done="按计划推进。",
                created_by=author,
                submitted_at=_moment(submitted, 10),
                approved_at=_moment(submitted + dt.timedelta(days=1), 16),
            )
        )
    ProgressReport.objects.bulk_create(reports, batch_size=5000)
    reporters = {}
    for target_id, unit_id in TargetReporter.objects.values_list("target_id", "unit_id"):
        reporters.setdefault(unit_id, []).append(target_id)
    targets_of_item = {}
    for pk, item_id in Target.objects.values_list("pk", "work_item_id"):
        targets_of_item.setdefault(item_id, set()).add(pk)
    values = []
    fresh = ProgressReport.objects.filter(period__regex=r"^\d{4}-\d{2}$", values__isnull=True)
    for pk, item_id, unit_id, period in fresh.values_list(
        "pk", "work_item_id", "unit_id", "period"
    ).iterator():
        for target_id in targets_of_item.get(item_id, set()) & set(reporters.get(unit_id, ())):
            values.append(TargetValue(report_id=pk, target_id=target_id, value=int(period[-2:]) * 3))
    TargetValue.objects.bulk_create(values, batch_size=5000)
    return len(reports)


def grow(factor: int) -> None:
    """factor − 1 copies of every unit of the plan, each with the original's assignments and target
    reporters; then the plan's obligations follow."""
    from tasks.models import Assignment, Plan, TargetReporter
    from tasks.obligations import obligations_sync
    from units.models import Unit

    originals = list(Unit.objects.all())
    copies = [
        Unit(code=f"{u.code}-{n}", name=f"{u.name}（{n}）", short_name=f"{u.short_name}{n}", kind=u.kind,
             sort_order=1000 * n + u.sort_order)
        for n in range(1, factor)
        for u in originals
    ]  # fmt: skip
    Unit.objects.bulk_create(copies, batch_size=5000)
    copies_of = {}
    for unit in Unit.objects.filter(code__contains="-"):
        base = unit.code.rsplit("-", 1)[0]
        copies_of.setdefault(base, []).append(unit.pk)
    code_of = {u.pk: u.code for u in originals}
    Assignment.objects.bulk_create(
        [
            Assignment(work_item_id=a.work_item_id, unit_id=copy, role=a.role)
            for a in Assignment.objects.all()
            for copy in copies_of.get(code_of[a.unit_id], ())
        ],
        batch_size=5000,
    )
    TargetReporter.objects.bulk_create(
        [
            TargetReporter(target_id=r.target_id, unit_id=copy, scope=r.scope)
            for r in TargetReporter.objects.all()
            for copy in copies_of.get(code_of[r.unit_id], ())
        ],
        batch_size=5000,
    )
    for plan in Plan.objects.all():
        obligations_sync(plan=plan)


def keep_tally() -> None:
    """The plan's figures kept for the day measured, as they are kept for today in service."""
    from reports.tally.services import tally_rebuild
    from tasks.models import Plan

    for plan in Plan.objects.all():
        tally_rebuild(plan=plan, day=dt.date.fromisoformat(AS_OF))


def page_urls() -> list[tuple[str, str]]:
    """The pages whose output is bounded (or should be), on the plan's first routine item."""
    from tasks.models import WorkItem

    item = WorkItem.objects.filter(plan__year=2024, number=9).first()
    return [
        ("reports", "/reports/"),
        ("obligations_overdue", f"/obligations/?state=overdue&as_of={AS_OF}"),
        ("item", f"/items/{item.pk}/?as_of={AS_OF}"),
        ("units", f"/units/?as_of={AS_OF}"),
        ("work_items_api", "/api/v1/work-items/"),
    ]


def timed(client: Client, url: str, before=None) -> tuple[int, float]:
    queries, ms, status = measure(client, url, RUNS, before=before)
    assert status == 200, (url, status)
    return queries, ms


def size_line(label: str) -> str:
    from reports.models import ProgressReport
    from tasks.models import Obligation
    from units.models import Unit

    return (
        f"{label}: {Unit.objects.count()} units, {Obligation.objects.count()} obligations, "
        f"{ProgressReport.objects.count()} reports"
    )


def main():
    from knox.models import AuthToken

    from tasks.data_version import data_changed
    from units.models import User

    with throwaway_database("bench_dash"):
        settings.DEBUG = True
        call_command("seed_demo", "--no-history", stdout=open(os.devnull, "w"))
        rng = random.Random(2024)
        leader = User.objects.get(username="leader")
        page, api = Client(), Client()
        page.force_login(leader)
        api.defaults["HTTP_AUTHORIZATION"] = f"Token {AuthToken.objects.create(user=leader)[1]}"
        cases = [
            (f"{name} {how}", client, url, before)
            for name, client, url in (
                ("overview page", page, f"/overview/?as_of={AS_OF}"),
                ("dashboard API", api, f"/api/v1/dashboard/?as_of={AS_OF}"),
            )
            for how, before in (("computed", data_changed), ("kept", None))
        ]
        # a date the tally is not kept for: counted live from the rows
        cases.append(("overview page past", page, f"/overview/?as_of={PAST}", data_changed))
        cases += [
            (f"page {name}", api if name.endswith("_api") else page, url, data_changed)
            for name, url in page_urls()
        ]

        report_everything(rng)
        keep_tally()
        print(f"\ndashboard, database {connection.vendor}, median of {RUNS} runs")
        print(size_line("  1×"))
        small = {name: timed(client, url, before) for name, client, url, before in cases}
        start = time.perf_counter()
        grow(GROWTH)
        report_everything(rng)
        keep_tally()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # what autovacuum does after a load this size
        print(size_line(f"  {GROWTH}×") + f" (filled in {time.perf_counter() - start:.0f} s)")
        large = {name: timed(client, url, before) for name, client, url, before in cases}
        print(
            f"  {'':<24}{'queries 1×':>12}{'ms 1×':>10}{f'queries {GROWTH}×':>14}{f'ms {GROWTH}×':>10}{'ratio':>8}"
        )
        for name, *_ in cases:
            (q1, t1), (q2, t2) = small[name], large[name]
            print(f"  {name:<24}{q1:>12}{t1:>10.0f}{q2:>14}{t2:>10.0f}{t2 / t1:>8.1f}")
        # for a script: each case's ratio at GROWTH× the data, against the aim (≤3×, same queries)
        load = os.getloadavg()[0]
        for name, *_ in cases:
            (q1, t1), (q2, t2) = small[name], large[name]
            slug = name.replace("overview page", "overview").replace("dashboard API", "api").replace(" ", "_")
            family = "" if slug.startswith("page_") else "dashboard_"
            ratio = t2 / t1
            verdict = "met" if ratio <= 3 and q1 == q2 else f"missed_by={ratio / 3:.1f}x"
            print(
                f"BENCH {family}{slug}_{GROWTH}x_ratio={ratio:.1f} aim<=3 {verdict} queries_1x={q1} "
                f"queries_{GROWTH}x={q2} load={load:.1f}"
            )
        print("  why the missed ones miss: README.md, 总览与状态灯 / Dashboard, make bench 的结果")


if __name__ == "__main__":
    main()
