"""`make bench`, fourth part: the summary workbook's 明细 at 10,000 and 100,000 report rows. For each
size, wall time and peak memory (the process's maximum resident size, each run in a fresh process)
of:
- this export (xlsxwriter in constant-memory mode, streamed from the database: exports.workbook);
- the same rows through django-import-export's xlsx export (the peer a Django developer would use);
- the floor: the same writer writing the same rows, already fetched, with no database.
Asserts nothing; prints the goals as BENCH lines (speed against the peer, peak memory, memory at the
largest size against the smallest). The rows live in a throwaway SQLite file that the runs share."""

import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = [int(n) for n in os.environ.get("BENCH_EXCEL_ROWS", "10000,100000").split(",")]
WORDS = "推进公路两侧造林绿化完成高速公路绿化里程加强服务区污水处理设施运维管理开展生态环保宣传教育"


def setup_django(db: Path):
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    import django

    django.setup()


def fill(db: Path, rows: int) -> None:
    """The real plan, its units, and `rows` submitted reports with Chinese text and two figures each."""
    setup_django(db)
    from django.core.management import call_command

    from reports.choices import ReportStatus
    from reports.models import ProgressReport, TargetValue
    from tasks.models import Obligation, Target
    from tasks.periods import parse_period
    from units.models import User

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--no-history", "--no-accounts", stdout=open(os.devnull, "w"))
    author = User.objects.create(username="bench", role="admin", password="!")
    rng = random.Random(rows)
    owed = list(Obligation.objects.values_list("work_item_id", "unit_id", "period"))
    reports, seen = [], set()
    moment = dt.datetime(2024, 7, 1, tzinfo=dt.UTC)
    year = 2024
    while len(reports) < rows:
        for item_id, unit_id, period in owed:
            if len(reports) >= rows:
                break
            key = (item_id, unit_id, period if year == 2024 else f"{year}{period[4:]}")
            if key in seen or not key[2][5:].isdigit():
                continue
            seen.add(key)
            text = "".join(rng.choice(WORDS) for _ in range(rng.randint(60, 200)))
            reports.append(
                ProgressReport(
                    work_item_id=item_id, unit_id=unit_id, period=key[2], period_end=parse_period(key[2]).end,
                    status=ReportStatus.APPROVED, done=text, problems=text[:40], next_steps=text[-40:],
                    created_by=author, submitted_at=moment, approved_at=moment,
                )
            )  # fmt: skip
        year += 1  # more periods than one year holds: the same units in later years' months
    ProgressReport.objects.bulk_create(reports, batch_size=2000)
    targets = {}
    for target in Target.objects.all():
        targets.setdefault(target.work_item_id, []).append(target.pk)
    TargetValue.objects.bulk_create(
        [
            TargetValue(report_id=pk, target_id=t, value=rng.randint(1, 3000))
            for pk, item_id in ProgressReport.objects.values_list("pk", "work_item_id")
            for t in targets.get(item_id, [])[:2]
        ],
        batch_size=5000,
    )


def run(db: Path, variant: str) -> dict:
    setup_django(db)
    from exports.scope import SummaryFilter
    from exports.selectors import detail_reports, detail_rows
    from exports.sheets import DETAIL_COLUMNS
    from exports.sheets import details_sheet as _details
    from exports.workbook import Book, cell, row_append, sheet_start
    from tasks.models import Plan
    from units.models import User

    user = User.objects.get(username="bench")
    plan = Plan.objects.get()
    as_of = dt.date(2100, 1, 1)
    out = tempfile.TemporaryFile()
    start = time.perf_counter()
    if variant == "portal":
        workbook = Book(out)
        rows = _details(workbook, "明细", detail_rows(user, plan, as_of, SummaryFilter()))
        workbook.close()
    elif variant == "import-export":
        from import_export import fields, resources

        from reports.models import ProgressReport

        class DetailResource(resources.ModelResource):
            unit = fields.Field(attribute="unit__short_name", column_name="单位")
            number = fields.Field(attribute="work_item__number", column_name="任务")
            title = fields.Field(attribute="work_item__title", column_name="任务名称")

            class Meta:
                model = ProgressReport
                fields = ("unit", "number", "title", "period", "status", "done", "problems", "next_steps",
                          "submitted_at", "approved_at")  # fmt: skip

        queryset = detail_reports(user, plan, as_of, SummaryFilter()).select_related("unit", "work_item")
        dataset = DetailResource().export(queryset=queryset)
        rows = len(dataset)
        out.write(dataset.export("xlsx"))
    else:  # the floor: the same values, fetched first, then written with no database
        fetched = list(
            detail_reports(user, plan, as_of, SummaryFilter()).values_list(
                "unit__short_name", "work_item__number", "work_item__title", "period", "status", "done",
                "problems", "next_steps", "submitted_at", "approved_at",
            )
        )  # fmt: skip
        start = time.perf_counter()
        workbook = Book(out)
        sheet = sheet_start(workbook, "明细", heading="明细", columns=DETAIL_COLUMNS)
        for row in fetched:
            row_append(sheet, [cell(sheet, v) for v in row])
        workbook.close()
        rows = len(fetched)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "seconds": seconds, "peak_mb": peak_mb}


def main():
    if len(sys.argv) > 1:  # a child: one run
        print(json.dumps(run(Path(sys.argv[2]), sys.argv[1])))
        return
    print("\nsummary workbook, 明细 sheet (SQLite; each run in a fresh process)")
    print(f"  {'rows':>8}  {'variant':<28}{'seconds':>9}{'peak MB':>9}")
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            db = Path(folder) / f"excel-{size}.sqlite3"
            subprocess.run([sys.executable, "-c", f"from benchmarks.excel import fill; from pathlib import Path; fill(Path({str(db)!r}), {size})"], check=True)  # fmt: skip
            for variant, label in (
                ("portal", "this export"),
                ("import-export", "django-import-export"),
                ("floor", "the same writer, no database"),
            ):
                answer = subprocess.run(
                    [sys.executable, "-m", "benchmarks.excel", variant, str(db)],
                    check=True, capture_output=True, text=True,
                )  # fmt: skip
                result = json.loads(answer.stdout.strip().splitlines()[-1])
                results[size, variant] = result
                print(f"  {result['rows']:>8}  {label:<28}{result['seconds']:>9.1f}{result['peak_mb']:>9.0f}")
    load = os.getloadavg()[0]
    for size in SIZES:
        ours, peer = results[size, "portal"], results[size, "import-export"]
        name = f"{size // 1000}k"
        print(
            f"BENCH excel_{name}_vs_import_export={peer['seconds'] / ours['seconds']:.2f} aim>=2 load={load:.1f}"
        )
        print(f"BENCH excel_{name}_peak_mb={ours['peak_mb']:.0f} import_export_peak_mb={peer['peak_mb']:.0f} "
              f"share={ours['peak_mb'] / peer['peak_mb']:.2f} aim<=0.20")  # fmt: skip
    small, large = min(SIZES), max(SIZES)
    if small != large:
        growth = results[large, "portal"]["peak_mb"] / results[small, "portal"]["peak_mb"]
        print(f"BENCH excel_memory_{large // 1000}k_vs_{small // 1000}k={growth:.2f} aim<=1.10")


if __name__ == "__main__":
    main()
