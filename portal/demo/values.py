"""The target values the demo's reporter units (填报单位) enter: cumulative figures that grow over the year
at each target's pace, so that on 31 December some targets are met, some on pace and some clearly behind.
A contribution (本单位完成) is the unit's share of the province's figure, a total (全省合计) the figure
itself."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from tasks.choices import Comparator, ReporterScope
from tasks.models import Target, TargetReporter


@dataclass(frozen=True)
class Profile:
    """How a target's province-wide figure moves: from `start` to `end` (shares of the goal) along the
    months' weights (construction season for greening), reaching `end` in month `by` (default: the last
    month reported). `dip`: a month whose figure falls back a little, with an explanation."""

    end: float
    start: float = 0.0
    seasonal: bool = False
    by: int | None = None
    dip: int | None = None


PROFILES = {
    "服务区污水、油烟设施完好率": Profile(start=0.86, end=1.0, by=9),
    "高速公路废旧沥青路面材料循环利用率": Profile(start=95.4 / 95, end=96.9 / 95, dip=7),
    "高速公路绿化单项里程": Profile(end=1.02, seasonal=True, by=10),
    "国省干线公路绿化里程": Profile(end=1.04, seasonal=True, by=10),
    "农村公路绿化里程": Profile(end=0.6, seasonal=True),
    "补植乔木": Profile(end=0.93, seasonal=True),
    "补植灌木": Profile(end=0.88, seasonal=True),
    "高速公路快充覆盖率": Profile(start=0.7, end=1.03, by=10),
    "客运班线公交化改造": Profile(end=1.02, by=10),
    "培育规上多式联运企业": Profile(end=1.0, by=9),
    "打造多式联运线路": Profile(end=0.875),
    "长春国际陆港多式联运示范工程创建": Profile(end=1.0, by=10),
}
# a target the table does not name: met, on pace or behind
OTHER_PROFILES = (Profile(end=1.03, by=10), Profile(end=0.9), Profile(end=0.65))
SEASON = {4: 6, 5: 16, 6: 18, 7: 15, 8: 13, 9: 15, 10: 14, 11: 3}  # planting and building months


class ReportedTargets:
    """The plan's targets, who reports them, and each reporter's cumulative value in a month."""

    def __init__(self, *, plan, rng, last_month: int):
        self.last_month = last_month
        targets = list(
            Target.objects.filter(work_item__plan=plan).order_by("work_item__number", "sort_order", "pk")
        )
        self.items = {t.work_item_id for t in targets}
        self.profiles = {t.pk: PROFILES.get(t.name) or rng.choice(OTHER_PROFILES) for t in targets}
        reporters = TargetReporter.objects.filter(target__in=targets).order_by(
            "target_id", "unit__sort_order", "unit_id"
        )
        self.by_unit: dict[tuple[int, int], list[tuple[Target, bool]]] = {}
        self.shares: dict[tuple[int, int], float] = {}
        by_pk = {t.pk: t for t in targets}
        weights: dict[int, dict[int, float]] = {}
        self.total_reporters: set[int] = set()
        for reporter in reporters:
            target = by_pk[reporter.target_id]
            total = reporter.scope == ReporterScope.TOTAL
            self.by_unit.setdefault((target.work_item_id, reporter.unit_id), []).append((target, total))
            if total:
                self.total_reporters.add(reporter.unit_id)
            else:
                weights.setdefault(target.pk, {})[reporter.unit_id] = rng.uniform(0.5, 1.5)
        for target_id, units in weights.items():
            whole = sum(units.values())
            for unit_id, weight in units.items():
                self.shares[(target_id, unit_id)] = weight / whole

    def reported(self, *, item_id: int, unit_id: int) -> list[tuple[Target, bool]]:
        """The targets of an item the unit reports, each with whether its figure is the province total."""
        return self.by_unit.get((item_id, unit_id), [])

    def value(self, target: Target, *, unit_id: int, total: bool, month: int) -> Decimal:
        """The unit's cumulative figure at the end of `month`: the province's along the target's
        profile, or the unit's share of it; kept within what validation accepts (no negative value, no
        rate over 100, an "=" goal not overshot), to the decimals its measure unit is counted in."""
        profile = self.profiles[target.pk]
        goal = target.target_min if target.comparator == Comparator.RANGE else target.target_value
        weights = SEASON if profile.seasonal else dict.fromkeys(range(1, 13), 1)
        by = min(profile.by or self.last_month, self.last_month)
        reached = sum(w for m, w in weights.items() if m <= month)
        whole = sum(w for m, w in weights.items() if m <= by) or 1
        share = profile.start + (profile.end - profile.start) * min(1.0, reached / whole)
        value = float(goal) * share
        if month == profile.dip:
            value -= 0.6
        if target.comparator == Comparator.EQ:
            value = min(value, float(goal))
        if target.is_rate:
            value = min(value, 100.0)
        elif not total:
            value *= self.shares.get((target.pk, unit_id), 1.0)
        places = Decimal("0.1") if target.measure_unit in ("%", "公里") else Decimal("1")
        if target.measure_unit.startswith("万"):
            places = Decimal("0.01")
        return Decimal(str(round(max(value, 0.0), 6))).quantize(places, rounding=ROUND_DOWN)
