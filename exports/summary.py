"""The summary workbook (汇总表) of a year as of a date: 总表, 指标, 单位, 碳达峰报送 and 明细.

Every figure comes from the dashboard's functions (the same lights, the same counts) and from
exports.selectors; the sheets (exports.sheets) write the rows they are given. Rows stream through
xlsxwriter's constant-memory mode (exports.workbook), so memory and the number of queries stay the
same whatever the number of reports."""

import datetime as dt

from django.utils import timezone

from reports.dashboard import dashboard

from . import selectors, sheets
from .scope import EVERYTHING, SummaryFilter
from .workbook import Book


def summary_write(out, *, user, plan, as_of: dt.date, only: SummaryFilter = EVERYTHING, progress=None) -> int:
    """Write the workbook to `out` (a path or a binary file); return the number of 明细 rows.
    `progress`, if given, is called with the number of 明细 rows written so far, every CHUNK rows."""
    board = dashboard(user=user, plan=plan, as_of=as_of)
    workbook = Book(out)
    stamp = f"{plan.title} · 截至{as_of.year}年{as_of.month}月{as_of.day}日 · 导出于{timezone.localtime():%Y-%m-%d %H:%M}"
    items = [row for row in board.items if not only.section or row.item.section.number == only.section]
    texts = selectors.latest_texts(user, plan, as_of, only)
    sheets.overview_sheet(workbook, stamp, items, selectors.assigned_names(plan), texts)
    sheets.targets_sheet(workbook, stamp, [(row.item, t) for row in items for t in row.targets])
    sheets.units_sheet(
        workbook, stamp, [u for u in board.units if not only.unit_id or u.unit.pk == only.unit_id]
    )
    sheets.summaries_sheet(workbook, stamp, selectors.summary_obligations(user, plan, as_of, only), as_of)
    flags = [
        f for f in board.flags
        if (not only.unit_id or f.unit_id == only.unit_id) and (not only.section or f.section == only.section)
    ]  # fmt: skip
    sheets.flags_sheet(workbook, stamp, flags)
    rows = sheets.details_sheet(workbook, stamp, selectors.detail_rows(user, plan, as_of, only), progress)
    workbook.close()
    return rows
