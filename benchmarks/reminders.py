"""`make bench`, third part: the daily reminder job at 1,000 and 10,000 units, each owing item 3's
half-year summary (due 30 June) and its monthly progress, with two people each. Prints, for the job
of 23 June (seven days before), the notices written, the SQL queries and the seconds; asserts nothing.
Sending is left to the delivery tasks (one per e-mail), as in production: this is the job itself.
The aim: linear or better, in a bounded number of queries per batch of units (BATCH)."""

import datetime as dt
import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks.common import throwaway_database  # noqa: E402

DAY = dt.date(2024, 6, 23)
SIZES = [int(n) for n in os.environ.get("BENCH_REMINDER_UNITS", "1000,10000").split(",")]


def add_units(upto: int) -> None:
    """Units (with a staff member and a head each) responsible for item 3, up to `upto` of them."""
    from tasks.choices import AssignmentRole
    from tasks.models import Assignment, Plan, WorkItem
    from tasks.obligations import obligations_sync
    from units.choices import Role, UnitKind
    from units.models import Unit, User

    have = Unit.objects.filter(code__startswith="bench-").count()
    new = [
        Unit(code=f"bench-{n}", name=f"测试单位{n}", short_name=f"单位{n}", kind=UnitKind.CITY_BUREAU,
             email=f"bench-{n}@example.cn", sort_order=10_000 + n)
        for n in range(have, upto)
    ]  # fmt: skip
    Unit.objects.bulk_create(new, batch_size=2000)
    units = list(Unit.objects.filter(code__in=[u.code for u in new]))
    User.objects.bulk_create(
        [
            User(username=f"{role}-{u.code}", unit=u, role=role, password="!")
            for u in units
            for role in (Role.UNIT_STAFF, Role.UNIT_HEAD)
        ],
        batch_size=2000,
    )
    item = WorkItem.objects.get(number=3)
    Assignment.objects.bulk_create(
        [Assignment(work_item=item, unit=u, role=AssignmentRole.RESPONSIBLE) for u in units], batch_size=2000
    )
    obligations_sync(plan=Plan.objects.get())


def main():
    from notices.models import Notice, Reminder
    from notices.reminders import reminders_run
    from tasks.models import Obligation

    with throwaway_database("bench_remind"):
        call_command("seed_demo", "--no-history", "--no-accounts", stdout=open(os.devnull, "w"))
        print(f"\nreminder job for {DAY}, database {connection.vendor}")
        print(f"  {'units':>8}{'obligations':>13}{'notices':>10}{'queries':>10}{'seconds':>10}")
        for size in SIZES:
            add_units(size)
            Reminder.objects.all().delete()
            Notice.objects.all().delete()
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                result = reminders_run(DAY, queue=False)
                seconds = time.perf_counter() - start
            print(
                f"  {size:>8}{Obligation.objects.count():>13}{len(result.notices):>10}"
                f"{len(queries.captured_queries):>10}{seconds:>10.1f}"
            )


if __name__ == "__main__":
    main()
