"""The demo's story (see portal.demo.history): what happens to each obligation, and when, drawn with one
`random.Random`, and what the units write. Pure planning: nothing here writes to the database."""

import datetime as dt
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reports.validation import ValueInput
from tasks.choices import ROUTINE_KINDS, AssignmentRole, PeriodKind
from tasks.models import Assignment, Deadline, Obligation
from tasks.obligations import day_end
from tasks.periods import parse_period
from units.choices import Role
from units.models import User

from . import texts
from .pdf import pdf_document
from .script import Clock, Script
from .values import ReportedTargets

LATE = 0.08  # share of reports submitted after the due date
RETURNED = 0.05  # share returned by the unit's head, then resubmitted
MISSING = 0.004  # share never submitted, outside the two weak units
WEAK_UNITS = 2
WEAK_LATE = 0.3
WEAK_MISSING = 0.35
DRAFT_FIRST = 0.1  # saved as a draft a few days before submitting, rather than in one go
EVIDENCE = 0.04  # routine reports with an evidence file
ANNUAL_IN = 2 / 3  # units whose annual summary is in by the date
UNREVIEWED = 5  # recent routine reports their heads have not reviewed yet
DONE_ITEMS = 4  # qualitative items whose units all declare their part complete
OPEN_ITEMS = 2  # qualitative items where only some units have done so
RECENT_DAYS = 35


class Story:
    """The plan's obligations due by `until`, who acts on them (the demo accounts by unit), and the
    choices the story makes once for the whole year: the two weak units, the items declared complete,
    the pace of every target."""

    def __init__(self, *, plan, until: dt.date, rng: random.Random, clock: Clock):
        self.plan, self.until, self.rng, self.clock = plan, until, rng, clock
        self.cutoff = day_end(until)
        self.obligations = [
            o
            for o in Obligation.objects.filter(plan=plan, due_date__lte=until)
            .select_related("work_item__plan", "unit")
            .order_by("due_date", "period", "work_item__number", "unit__sort_order", "unit_id")
        ]
        self.staff, self.heads = self._accounts()
        roles = Assignment.objects.filter(work_item__plan=plan).values_list("work_item_id", "unit_id", "role")
        self.roles = {(item, unit): role for item, unit, role in roles}
        self.leads = {item: unit for (item, unit), role in self.roles.items() if role == AssignmentRole.LEAD}
        self.targets = ReportedTargets(plan=plan, rng=rng, last_month=self._last_month())
        self.weak = self._weak_units()
        self.declare_from = self._declarations()
        self.last_values: dict[tuple[int, int], Decimal] = {}
        # a summary's file is named after the plan's deadline (碳达峰碳中和半年工作总结)
        deadlines = Deadline.objects.filter(work_item__plan=plan).values_list(
            "work_item_id", "period", "name"
        )
        self.deadlines = {(item, parse_period(period).key): name for item, period, name in deadlines}

    def _accounts(self):
        codes = {o.unit.code for o in self.obligations}
        wanted = [f"staff-{c}" for c in codes] + [f"head-{c}" for c in codes]
        users = User.objects.filter(username__in=wanted, is_active=True)
        staff = {u.unit_id: u for u in users if u.role == Role.UNIT_STAFF and u.username.startswith("staff-")}
        heads = {u.unit_id: u for u in users if u.role == Role.UNIT_HEAD and u.username.startswith("head-")}
        return staff, heads

    def _last_month(self) -> int:
        """The last month whose progress is due within the plan year (November when monthly): where
        the targets' paces end, whatever the date the history stops at."""
        year_end = dt.date(self.plan.year, 12, 31)
        periods = self.plan.routine_periods()
        due = [p.end.month for p in periods if p.due_date(self.plan.report_due_day) <= year_end]
        return max(due, default=12)

    def _weak_units(self) -> set[int]:
        """Two units that miss and are late far more often than the rest; never one that reports a
        province-wide total or leads an item, whose figures and reviews the story needs."""
        excluded = set(self.targets.total_reporters) | set(self.leads.values())
        candidates = sorted({o.unit_id for o in self.obligations if o.unit_id not in excluded})
        return set(self.rng.sample(candidates, min(WEAK_UNITS, len(candidates))))

    def _declarations(self) -> dict[tuple[int, int], int]:
        """(item, unit) → the month from which the unit declares its part of a qualitative item done:
        every lead and responsible unit of DONE_ITEMS items, the first of them on OPEN_ITEMS more."""
        declarers: dict[int, list[int]] = {}
        for (item, unit), role in sorted(self.roles.items()):
            if role in (AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE):
                declarers.setdefault(item, []).append(unit)
        routine = {o.work_item_id for o in self.obligations if o.kind in ROUTINE_KINDS}
        summaries = {o.work_item_id for o in self.obligations if o.kind not in ROUTINE_KINDS}
        qualitative = [
            item
            for item, units in sorted(declarers.items())
            if item in routine
            and item not in summaries
            and item not in self.targets.items
            and len(units) <= 3
            and not self.weak & set(units)
        ]
        chosen = self.rng.sample(qualitative, min(DONE_ITEMS + OPEN_ITEMS, len(qualitative)))
        done, partly = chosen[:DONE_ITEMS], [i for i in chosen[DONE_ITEMS:] if len(declarers[i]) > 1]
        months = [m for m in (9, 10, 11) if m <= self._last_month()] or [self._last_month()]
        result = {}
        for item in done:
            for unit in declarers[item]:
                result[(item, unit)] = self.rng.choice(months)
        for item in partly:
            result[(item, declarers[item][0])] = self.rng.choice(months)
        return result

    # ---------------------------------------------------------------- what happens to each obligation

    def scripts(self) -> list[Script]:
        routine = [o for o in self.obligations if o.kind in ROUTINE_KINDS and self._has_accounts(o)]
        scripts = {o.pk: self._routine(o) for o in routine}
        recent = [
            o
            for o in routine
            if (self.until - o.due_date).days < RECENT_DAYS
            and not self._keeps_reporting(o)
            and o.unit_id not in self.weak
        ]
        for o in self.rng.sample(recent, min(UNREVIEWED, len(recent))):
            script = scripts[o.pk]
            if script.steps and script.steps[-1][0] == "approve":
                script.steps[-1] = ("approve", self.clock.after(script.steps[-2][1], 30, 40))
        for kind in (PeriodKind.HALF_YEAR_SUMMARY, PeriodKind.ANNUAL_SUMMARY):
            owed = [o for o in self.obligations if o.kind == kind and self._has_accounts(o)]
            for script in self._summaries(owed, annual=kind == PeriodKind.ANNUAL_SUMMARY):
                scripts[script.obligation.pk] = script
        return [scripts[o.pk] for o in self.obligations if o.pk in scripts]

    def lead_head(self, obligation):
        """The head of the obligation's item's lead unit (牵头单位)."""
        return self.heads.get(self.leads.get(obligation.work_item_id))

    def _has_accounts(self, obligation) -> bool:
        return obligation.unit_id in self.staff and obligation.unit_id in self.heads

    def _keeps_reporting(self, obligation) -> bool:
        """A unit whose figures or declaration the story needs approved every month."""
        key = (obligation.work_item_id, obligation.unit_id)
        return key in self.declare_from or obligation.unit_id in self.targets.total_reporters

    def _routine(self, obligation) -> Script:
        rng, clock = self.rng, self.clock
        script = Script(obligation=obligation, evidence=rng.random() < EVIDENCE)
        month = parse_period(obligation.period).end.month
        declared_from = self.declare_from.get((obligation.work_item_id, obligation.unit_id))
        script.completed = declared_from is not None and month >= declared_from
        weak = obligation.unit_id in self.weak
        steady = self._keeps_reporting(obligation)
        chance = rng.random()
        if not steady and chance < (WEAK_MISSING if weak else MISSING):
            if rng.random() < 0.3:  # started, never submitted
                script.steps.append(
                    ("draft", clock.before(obligation.due_date, 6, earliest=obligation.period_start))
                )
            return script
        if not script.completed and rng.random() < (WEAK_LATE if weak else LATE):
            submitted = clock.at(
                clock.workday(
                    obligation.due_date + dt.timedelta(days=rng.randint(1, 20 if weak else 9)), forward=True
                )
            )
        else:
            submitted = clock.before(obligation.due_date, 5, earliest=obligation.period_start)
        if rng.random() < DRAFT_FIRST:
            day = timezone.localtime(submitted).date() - dt.timedelta(days=rng.randint(1, 3))
            if day >= obligation.period_start:
                script.steps.append(("draft", clock.at(clock.workday(day, forward=False))))
        script.steps.append(("submit", submitted))
        if not script.completed and rng.random() < RETURNED:
            script.comment = rng.choice(texts.RETURN_COMMENTS)
            returned = clock.after(submitted, 1, 3)
            resubmitted = clock.after(returned, 1, 4)
            script.steps += [("return", returned), ("resubmit", resubmitted)]
            submitted = resubmitted
        script.steps.append(("approve", clock.after(submitted, 0, 3)))
        return script

    def _summaries(self, owed, *, annual: bool) -> list[Script]:
        """Item 3's summaries (or any summary the plan asks for). Half-year: in from nearly every unit,
        two late, the first weak unit's missing, two returned by the lead unit's head after approval.
        Annual: in from about two thirds by the due date, the rest late in January but for the second
        weak unit's, which is missing (perhaps in draft)."""
        rng, clock = self.rng, self.clock
        lead_returnable = [
            o for o in owed if self.roles.get((o.work_item_id, o.unit_id)) == AssignmentRole.RESPONSIBLE
        ]
        others = [o for o in owed if o.unit_id not in self.weak]
        if annual:
            missing = {o.pk for o in owed if o.unit_id in self.weak and o.unit_id == max(self.weak)}
            ins = {o.pk for o in owed} - missing
            in_time = [o.pk for o in others if o.pk in ins]
            lates = ins - set(rng.sample(in_time, min(len(in_time), round(ANNUAL_IN * len(owed)))))
        else:
            missing = {o.pk for o in owed if o.unit_id in self.weak and o.unit_id == min(self.weak)}
            ins = {o.pk for o in owed} - missing
            lates = set(rng.sample([o.pk for o in others], min(2, len(others))))
        candidates = [o.pk for o in lead_returnable if o.pk in ins and o.pk not in lates]
        returned = set(rng.sample(candidates, min(1 if annual else 2, len(candidates))))
        scripts = []
        for obligation in owed:
            script = Script(obligation=obligation)
            scripts.append(script)
            start = obligation.period_start
            if obligation.pk not in ins:
                if annual and rng.random() < 0.4:
                    script.steps.append(("draft", clock.before(obligation.due_date, 8, earliest=start)))
                continue
            if obligation.pk in lates:
                day = obligation.due_date + dt.timedelta(days=rng.randint(1, 8))
                submitted = clock.at(clock.workday(day, forward=True))
            else:
                submitted = clock.before(obligation.due_date, 14, earliest=start)
            approved = clock.after(submitted, 0, 4)
            script.steps += [("submit", submitted), ("approve", approved)]
            if obligation.pk in returned and obligation.work_item_id in self.leads:
                script.comment = rng.choice(texts.LEAD_RETURN_COMMENTS)
                lead_returned = clock.after(approved, 1, 4)
                resubmitted = clock.after(lead_returned, 2, 8)
                script.steps += [
                    ("lead_return", lead_returned),
                    ("resubmit", resubmitted),
                    ("approve", clock.after(resubmitted, 0, 2)),
                ]
        return scripts

    def content(self, script: Script) -> dict:
        """What the unit writes: texts, its target values (with a reason where one falls back), and
        `completed` once it declares its part done."""
        obligation = script.obligation
        item, unit = obligation.work_item, obligation.unit
        period = parse_period(obligation.period)
        if obligation.kind not in ROUTINE_KINDS:
            return texts.summary_text(self.rng, title=item.title, label=period.label, unit=unit.short_name)
        if script.completed:
            first = period.end.month == self.declare_from[(item.pk, unit.pk)]
            text = texts.completed_text(self.rng, title=item.title, label=period.label, first=first)
            return {**text, "completed": True}
        values, figures = [], []
        for target, total in self.targets.reported(item_id=item.pk, unit_id=unit.pk):
            value = self.targets.value(target, unit_id=unit.pk, total=total, month=period.end.month)
            last = self.last_values.get((target.pk, unit.pk))
            explanation = texts.DIP_EXPLANATION if last is not None and value < last else ""
            values.append(ValueInput(target=target, value=value, explanation=explanation))
            figures.append((target.name, f"{value.normalize():f}", target.measure_unit, total))
        text = texts.progress_text(
            self.rng,
            title=item.title,
            label=period.label,
            month=period.end.month,
            figures=texts.figures_sentence(period.label, figures),
        )
        return {**text, "values": values}

    def remember_values(self, obligation, content) -> None:
        """The values just submitted: the floor the next period's values are checked against."""
        for value in content.get("values", ()):
            self.last_values[(value.target.pk, obligation.unit_id)] = value.value

    def uploads(self, script: Script, action: str, content: dict) -> list:
        """The summary file with a summary's first save; an evidence file with some routine reports'
        first save, and with the resubmission when the unit's head asked for evidence."""
        obligation = script.obligation
        unit, item = obligation.unit, obligation.work_item
        period = parse_period(obligation.period)
        first = action == script.steps[0][0]
        if obligation.kind not in ROUTINE_KINDS:
            if not first:
                return []
            deadline = self.deadlines.get((item.pk, period.key))
            title = f"{period.start.year}年{deadline}" if deadline else period.report_title
        elif (first and script.evidence) or (action == "resubmit" and "佐证材料" in script.comment):
            title = f"{item.title}佐证材料（{period.label}）"
        else:
            return []
        paragraphs = [
            f"一、工作进展：{content['done'].replace(texts.SEE_FILE, '')}",
            f"二、存在问题：{content['problems']}",
            f"三、下步计划：{content['next_steps']}",
            "（演示数据，内容为虚构。）",
        ]
        body = pdf_document(f"{unit.name}{title}", paragraphs)
        return [SimpleUploadedFile(f"{unit.short_name}{title}.pdf", body, "application/pdf")]
