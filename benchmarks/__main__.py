"""`make bench`: figures for the pages and endpoints people use most, on a throwaway database filled
with ten years of plans (26 items each), 40 units and a full year of monthly reports. Prints the SQL
queries and the median milliseconds per request over several runs; asserts nothing.

The database is the test database of the settings in use: SQLite in memory by default, a throwaway
`bench_portal` on PostgreSQL when DATABASE_URL points there. API requests carry a token, pages a session.
"""

import copy
import json
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from benchmarks.common import measure, throwaway_database  # noqa: E402

RUNS = 7
UNITS = 40


def fill() -> int:
    from reports.choices import ReportStatus
    from reports.models import ProgressReport, TargetValue
    from tasks.choices import AssignmentRole
    from tasks.models import Assignment, WorkItem
    from tasks.periods import parse_period
    from tasks.services import plan_load
    from units.choices import UnitKind
    from units.models import Unit, User

    settings.DEBUG = True
    call_command("seed_demo", "--no-history", stdout=open(os.devnull, "w"))
    data = json.loads((settings.BASE_DIR / "fixtures" / "plan-2024.json").read_text(encoding="utf-8"))
    for year in range(2015, 2024):
        older = copy.deepcopy(data)
        older["year"], older["title"] = year, f"{year}年工作要点"
        plan_load(data=older)

    # units beyond the 2024 roster, each cooperating (配合单位) on every item of the older plans
    extra = [
        Unit(
            code=f"county{n}",
            name=f"县级交通运输局{n}",
            short_name=f"县局{n}",
            kind=UnitKind.CITY_BUREAU,
            sort_order=100 + n,
        )
        for n in range(UNITS - Unit.objects.count())
    ]
    Unit.objects.bulk_create(extra)
    extra = list(Unit.objects.filter(code__startswith="county"))
    older_items = list(WorkItem.objects.exclude(plan__year=2024).values_list("pk", flat=True))
    Assignment.objects.bulk_create(
        [
            Assignment(work_item_id=pk, unit=unit, role=AssignmentRole.COOPERATING)
            for pk in older_items
            for unit in extra
        ],
        batch_size=2000,
    )

    author = User.objects.get(username="admin")
    reports = []
    assignments = list(Assignment.objects.filter(work_item__plan__year=2024).select_related("work_item"))
    for month in range(1, 13):
        period = parse_period(f"2024-{month:02d}")
        for a in assignments:
            reports.append(
                ProgressReport(
                    work_item=a.work_item,
                    unit_id=a.unit_id,
                    period=period.key,
                    period_end=period.end,
                    status=ReportStatus.APPROVED,
                    done="按计划推进。",
                    created_by=author,
                    submitted_at=django.utils.timezone.now(),
                    approved_at=django.utils.timezone.now(),
                )
            )
    ProgressReport.objects.bulk_create(reports, batch_size=2000)
    values = []
    for report in ProgressReport.objects.filter(work_item__targets__isnull=False).distinct():
        month = int(report.period[-2:])
        for target in report.work_item.targets.all():
            values.append(TargetValue(report=report, target=target, value=month * 10))
    TargetValue.objects.bulk_create(values, batch_size=2000)
    return len(reports)


CASES = [
    ("leader", "/api/v1/work-items/?year=2024"),
    ("leader", "/api/v1/work-items/"),
    ("staff-changchun", "/api/v1/work-items/?unit={changchun}"),
    ("leader", "/api/v1/units/"),
    ("leader", "/api/v1/plans/"),
    ("leader", "/api/v1/progress-reports/?year=2024&limit=100"),
    ("staff-changchun", "/api/v1/progress-reports/?limit=100"),
    ("staff-changchun", "/my-work/"),
    ("head-yunshu-chu", "/review/"),
    ("leader", "/overview/"),
    ("leader", "/plan/"),
    ("leader", "/api/v1/obligations/?year=2024&as_of=2024-07-06&limit=100"),
    ("leader", "/api/v1/obligations/?state=overdue&as_of=2024-12-31&limit=100"),
    ("staff-changchun", "/api/v1/obligations/?as_of=2024-07-06&limit=100"),
    ("leader", "/api/v1/targets/?year=2024"),
]


def obligation_counts() -> None:
    """Every plan's obligations counted by state as of a date: the one aggregate the dashboard,
    reminders and exports build on."""
    import datetime as dt

    from django.db.models import Count

    from reports.obligations import obligations_as_of
    from tasks.models import Obligation

    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        counts = dict(
            obligations_as_of(dt.date(2024, 12, 31)).values_list("state").annotate(n=Count("id")).order_by()
        )
        timings.append((time.perf_counter() - start) * 1000)
    print(
        f"\nobligations by state, all plans ({Obligation.objects.count()} rows, 1 query): "
        f"{statistics.median(timings):.1f} ms median; {counts}"
    )


def main():
    from knox.models import AuthToken

    from tasks.models import Assignment, Plan, WorkItem
    from units.models import Unit, User

    with throwaway_database("bench"):
        count = fill()
        print(
            f"database: {connection.vendor}; {Plan.objects.count()} plans, {WorkItem.objects.count()} items, "
            f"{Unit.objects.count()} units, {Assignment.objects.count()} assignments, {count} reports; "
            f"median of {RUNS} runs\n"
        )
        print(f"{'who':<18}{'request':<66}{'status':>7}{'queries':>9}{'median ms':>11}")
        changchun = Unit.objects.get(code="changchun").pk
        for username, url in CASES:
            url = url.format(changchun=changchun)
            user = User.objects.get(username=username)
            client = Client()
            if url.startswith("/api/"):
                client.defaults["HTTP_AUTHORIZATION"] = f"Token {AuthToken.objects.create(user=user)[1]}"
            else:
                client.force_login(user)
            queries, ms, status = measure(client, url, RUNS)
            print(f"{username:<18}{url:<66}{status:>7}{queries:>9}{ms:>11.1f}")
        obligation_counts()


if __name__ == "__main__":
    main()
