"""Reports whose period was stored as typed (２０２４-06, ٢٠٢٤-06, 2024-Ｈ1) get the canonical key (2024-06,
2024-H1) that tasks.periods.parse_period now builds, so that the unique constraint on (work item, unit,
period) holds for the month, not for its spelling.

Where a report has a twin, another report of the same unit and item for the same period under another
spelling, neither can be renamed without deciding which one counts: the migration stops, changes
nothing, and names the reports an administrator must reconcile (merge into one, delete the other) before
running `migrate` again.
"""

import re
import unicodedata

from django.core.management.base import CommandError
from django.db import migrations

# The rule as it stood when this migration was written, kept here so that the migration does the same
# thing whenever it runs, whatever parse_period becomes later.
_PATTERN = re.compile(r"(\d{4})-(?:(\d{2})|H(\d)|(Y))")


def canonical_period(period: str) -> str | None:
    """The canonical key of a stored period, or None for text that is no period at all."""
    match = _PATTERN.fullmatch(unicodedata.normalize("NFKC", period or "").strip())
    if not match:
        return None
    year, month, half, annual = match.groups()
    year = int(year)
    if month is not None and 1 <= int(month) <= 12:
        return f"{year:04d}-{int(month):02d}"
    if half is not None and int(half) in (1, 2):
        return f"{year:04d}-H{int(half)}"
    return f"{year:04d}-Y" if annual else None


def canonicalise_periods(apps, schema_editor):
    ProgressReport = apps.get_model("reports", "ProgressReport")
    groups: dict[tuple, list[tuple[int, str]]] = {}
    for pk, work_item_id, unit_id, period in ProgressReport.objects.order_by("pk").values_list(
        "pk", "work_item_id", "unit_id", "period"
    ):
        key = canonical_period(period)
        if key is not None:
            groups.setdefault((work_item_id, unit_id, key), []).append((pk, period))

    to_rewrite = {}
    twins = []
    for (_item, _unit, key), rows in groups.items():
        if len(rows) > 1:
            twins.append((key, rows))
        elif rows[0][1] != key:
            to_rewrite[rows[0][0]] = key
    if twins:
        listed = "；".join(
            "、".join(f"报告 {pk}（“{period}”）" for pk, period in rows) + f" 同为 {key}"
            for key, rows in twins
        )
        raise CommandError(
            "以下报告是同一单位、同一工作任务、同一报送期的重复报告（报送期写法不同），迁移已停止，"
            f"未改动任何报告。请管理员核对后合并或删除重复的报告，再重新执行 migrate：{listed}。"
        )
    for pk, key in to_rewrite.items():
        ProgressReport.objects.filter(pk=pk).update(period=key)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_initial")]

    operations = [migrations.RunPython(canonicalise_periods, migrations.RunPython.noop)]
