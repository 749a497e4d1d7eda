"""Taking a filled template in: every row checked with the report form's own fields and written
through the report services (the same rules as the web form), all rows or none.

A row whose work item has no report yet becomes a new draft (report_start); a draft or returned
report is updated (report_update) if the template was made from its current version; an untouched
row is left alone. A dry run checks and writes everything, then takes it all back: the preview shows
exactly what confirming would do."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tasks.models import Obligation, TargetReporter
from tasks.periods import PeriodError, parse_period

from ..forms import ReportForm
from ..models import ProgressReport
from ..validation import field_key
from ..workflow import services
from ..workflow.rules import ReportStateError, may_start
from .template import PROGRESS_SHEET, TARGET_SHEET
from .upload import FilledRow, FilledTarget, TemplateRefused, open_template, read_template, where


@dataclass
class ImportRow:
    """What became of one row of the 进展 sheet (or of a 指标 row without one)."""

    row: int
    work_item: int | None
    period: str
    action: str = ""  # create, update, unchanged, skip; empty when refused
    title: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    period: str
    rows: list[ImportRow]
    dry_run: bool

    @property
    def ok(self) -> bool:
        return not any(r.errors for r in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action) if self.ok else 0

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")


@transaction.atomic
def template_import(*, user, upload, period: str = "", dry_run: bool = True) -> ImportResult:
    """Check the uploaded template of the user's unit and, unless `dry_run` or any row is refused,
    write its drafts. TemplateRefused for a file that cannot be taken as a whole; PermissionDenied
    for a user who may not fill the unit's reports."""
    unit = user.unit
    if not may_start(user, unit):
        raise PermissionDenied(_("只有本单位填报人可以上传填报模板。"))
    filled = read_template(open_template(upload))
    identity = filled.identity
    if identity.get("unit") != unit.pk:
        raise TemplateRefused(_("这不是本单位的填报模板，请下载本单位的模板后填写。"))
    own = parse_period(identity["period"])
    if period:
        try:
            chosen = parse_period(period)
        except PeriodError as exc:
            raise TemplateRefused(str(exc)) from exc
        if chosen.key != own.key:
            raise TemplateRefused(
                _("这是%(own)s的填报模板，与所选报送期（%(chosen)s）不符。")
                % {"own": own.label, "chosen": chosen.label}
            )
    rows = _apply(user=user, unit=unit, period=own, filled=filled, versions=identity.get("versions", {}))
    result = ImportResult(period=own.key, rows=rows, dry_run=dry_run)
    if dry_run or not result.ok:
        transaction.set_rollback(True)
    return result


def _apply(*, user, unit, period, filled, versions) -> list[ImportRow]:
    obligations = {
        o.work_item.number: o
        for o in Obligation.objects.filter(unit=unit, period=period.key).select_related("work_item__plan")
    }
    items = [o.work_item for o in obligations.values()]
    reported = {
        (r.target.work_item_id, r.target.name): r.target
        for r in TargetReporter.objects.filter(unit=unit, target__work_item__in=items).select_related(
            "target"
        )
    }
    reports = {
        r.work_item_id: r
        for r in ProgressReport.objects.filter(unit=unit, period=period.key, work_item__in=items)
    }
    results: list[ImportRow] = []
    seen: dict[int, ImportRow] = {}
    for filled_row in filled.progress:
        entry = ImportRow(row=filled_row.row, work_item=filled_row.number, period=period.key)
        entry.errors += filled_row.errors
        obligation = obligations.get(filled_row.number)
        if filled_row.number is not None and obligation is None:
            entry.errors.append(
                _("%(cell)s：本单位在%(period)s没有第 %(n)s 项任务的报送义务。")
                % {
                    "cell": where(PROGRESS_SHEET, "A", filled_row.row),
                    "period": period.label,
                    "n": filled_row.number,
                }
            )
        elif filled_row.number in seen:
            entry.errors.append(
                _("%(cell)s：第 %(n)s 项任务重复出现。")
                % {"cell": where(PROGRESS_SHEET, "A", filled_row.row), "n": filled_row.number}
            )
        if obligation is not None:
            entry.title = obligation.work_item.title
        seen.setdefault(filled_row.number, entry)
        results.append(entry)
    figures: dict[int, list[tuple[FilledTarget, object]]] = {}
    for figure in filled.figures:
        obligation = obligations.get(figure.number)
        target = reported.get((obligation.work_item_id, figure.name)) if obligation else None
        owner = seen.get(figure.number)
        errors = list(figure.errors)
        if figure.number is not None and owner is None:
            errors.append(
                _("%(cell)s：“进展”表中没有第 %(n)s 项任务，请勿删除或改动任务编号。")
                % {"cell": where(TARGET_SHEET, "A", figure.row), "n": figure.number}
            )
        elif obligation is not None and target is None and (figure.value is not None or figure.explanation):
            errors.append(
                _("%(cell)s：本单位不是第 %(n)s 项任务指标“%(name)s”的填报单位，不能填写该指标。")
                % {"cell": where(TARGET_SHEET, "B", figure.row), "n": figure.number, "name": figure.name}
            )
        if errors:
            if owner is None:
                owner = ImportRow(row=figure.row, work_item=figure.number, period=period.key)
                results.append(owner)
            owner.errors += errors
        elif target is not None:
            figures.setdefault(figure.number, []).append((figure, target))
    for filled_row, entry in zip(filled.progress, results, strict=False):
        if entry.errors:
            continue
        obligation = obligations[filled_row.number]
        _write(
            entry,
            user=user,
            obligation=obligation,
            report=reports.get(obligation.work_item_id),
            version=versions.get(str(obligation.work_item_id)),
            filled_row=filled_row,
            figures=figures.get(filled_row.number, []),
        )
    return results


def _write(entry: ImportRow, *, user, obligation, report, version, filled_row: FilledRow, figures) -> None:
    """Check one row with the report form's fields and write it through the services, in a savepoint
    so that a refused row leaves nothing behind while the other rows are checked."""
    targets = [target for _f, target in figures]
    data = {
        "version": report.version if report else 0,
        "done": filled_row.done,
        "problems": filled_row.problems,
        "next_steps": filled_row.next_steps,
    }
    completed = filled_row.completed.strip()
    if completed not in ("", "是", "否"):
        entry.errors.append(
            _("%(cell)s：请填写“是”或“否”。") % {"cell": where(PROGRESS_SHEET, "I", filled_row.row)}
        )
    elif completed == "是":
        data["completed"] = "on"
    cells = {
        "done": ("F", filled_row.row),
        "problems": ("G", filled_row.row),
        "next_steps": ("H", filled_row.row),
    }
    figure_cells = {}
    for figure, target in figures:
        data[field_key("value", target)] = figure.value or ""
        data[field_key("explanation", target)] = figure.explanation
        figure_cells[field_key("value", target)] = ("G", figure.row)
        figure_cells[field_key("explanation", target)] = ("H", figure.row)
    form = ReportForm(data, targets=targets)
    del form.fields["attachments"]
    if not form.is_valid():
        _errors(entry, form.errors, cells, figure_cells, filled_row.row)
    if entry.errors:
        return
    content = form.content()
    if report is None and filled_row.is_empty and not content["values"]:
        entry.action = "skip"
        return
    if report is not None and _unchanged(report, content):
        entry.action = "unchanged"
        return
    if report is not None and version != report.version:
        entry.errors.append(
            _("%(cell)s：第 %(n)s 项任务的报告在模板下载后已在门户中修改，请重新下载模板。")
            % {"cell": where(PROGRESS_SHEET, "A", filled_row.row), "n": obligation.work_item.number}
        )
        return
    try:
        with transaction.atomic():
            if report is None:
                services.report_start(
                    user=user,
                    work_item=obligation.work_item,
                    unit=obligation.unit,
                    period=obligation.period,
                    **content,
                )
                entry.action = "create"
            else:
                services.report_update(report=report, user=user, version=version, **content)
                entry.action = "update"
    except ValidationError as exc:
        _errors(
            entry,
            exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages},
            cells,
            figure_cells,
            filled_row.row,
        )
    except (PermissionDenied, ReportStateError, services.ReportConflict) as exc:
        entry.errors.append(f"{where(PROGRESS_SHEET, 'A', filled_row.row)}：{exc}")


def _errors(entry, errors, cells, figure_cells, row) -> None:
    for key, messages in errors.items():
        sheet, (column, n) = (
            (TARGET_SHEET, figure_cells[key])
            if key in figure_cells
            else (PROGRESS_SHEET, cells.get(key, ("A", row)))
        )
        entry.errors += [f"{where(sheet, column, n)}：{message}" for message in messages]


def _unchanged(report, content) -> bool:
    saved = {v.target_id: (v.value, v.explanation) for v in report.values.all()}
    given = {v.target.pk: (v.value, v.explanation.strip()) for v in content["values"]}
    return (
        report.done == content["done"]
        and report.problems == content["problems"]
        and report.next_steps == content["next_steps"]
        and report.completed == content["completed"]
        and saved == given
    )
