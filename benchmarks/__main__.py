"""`make bench`: figures for the pages and endpoints people use most, on a throwaway database filled
with ten years of plans and a full year of monthly reports. Prints figures; asserts nothing."""

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
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

RUNS = 7


def fill() -> int:
    from reports.choices import ReportStatus
    from reports.models import ProgressReport, TargetValue
    from reports.periods import parse_period
    from tasks.models import Assignment
    from tasks.services import plan_load
    from units.models import User

    settings.DEBUG = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    data = json.loads((settings.BASE_DIR / "fixtures" / "plan-2024.json").read_text(encoding="utf-8"))
    for year in range(2015, 2024):
        older = copy.deepcopy(data)
        older["year"], older["title"] = year, f"{year}年工作要点"
        plan_load(data=older)

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


def measure(client: Client, url: str) -> tuple[int, float, int]:
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
    return len(queries.captured_queries), statistics.median(timings), response.status_code


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        count = fill()
        print(f"database: {connection.vendor}; 10 plans, {count} reports\n")
        print(f"{'who':<18}{'request':<48}{'status':>7}{'queries':>9}{'median ms':>11}")
        cases = [
            ("leader", "/api/v1/work-items/?year=2024"),
            ("leader", "/api/v1/work-items/"),
            ("leader", "/api/v1/units/"),
            ("leader", "/api/v1/plans/"),
            ("leader", "/api/v1/progress-reports/?year=2024&limit=100"),
            ("staff-changchun", "/api/v1/progress-reports/?limit=100"),
            ("staff-changchun", "/my-work/"),
            ("head-yunshu-chu", "/review/"),
            ("leader", "/overview/"),
            ("leader", "/plan/"),
        ]
        for username, url in cases:
            from units.models import User

            client = Client()
            client.force_login(User.objects.get(username=username))
            queries, ms, status = measure(client, url)
            print(f"{username:<18}{url:<48}{status:>7}{queries:>9}{ms:>11.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
