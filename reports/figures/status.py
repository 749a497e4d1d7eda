"""Status lights (红黄绿灯): one function for a target's status and one for a work item's, used alike by
the dashboard, its API, the Excel summary and the reminders. The rules, as the README and the pages'
hover texts state them:

Target (量化指标), as of a date:
- done (已完成, green ✓): the actual meets the goal (a ≤ goal counts only once its due date is reached);
- alert (严重滞后, red): past its due date and unmet, or under PACE_ALERT % of the expected pace;
- behind (进度滞后, yellow): under PACE_BEHIND % of the expected pace;
- no_data (暂无数据, grey): no approved figure yet, while the expected pace is under NO_DATA_GRACE %;
  afterwards a target with no figure counts as 0 % done;
- on_track (正常推进, green) otherwise.
The expected pace (序时进度) is the share of the target's period already elapsed, from the first day of
the plan's first reporting month to the target's due date.

Work item (工作任务), as of a date:
- done (已完成): every target done, and every lead and responsible unit's latest approved report
  declares its part complete (本项工作已完成);
- alert (严重滞后): a target in alert; or the lead unit (牵头单位) has a report overdue (due, nothing
  submitted); or at least OVERDUE_ALERT_SHARE % of the units that report on the item have one;
- behind (进度滞后): a target behind; or fewer units than that have a report overdue; or a report
  returned and not yet resubmitted; or one submitted late in the last RECENT_LATE_DAYS days;
- on_track (正常推进) otherwise.

An item's progress (进度): the mean completion of its targets; for an item without targets, the share
of the year's reports on it already submitted (报送进度), 100 % once every lead and responsible unit
has declared its part complete.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tasks.choices import Comparator
from tasks.models import Plan, Target

from .targets import target_completion, target_is_met

PACE_BEHIND = 80  # under this % of the expected pace: behind (yellow)
PACE_ALERT = 50  # under this % of the expected pace: alert (red)
NO_DATA_GRACE = 25  # a target without figures is "no data" until this much of its period has passed
RECENT_LATE_DAYS = 30  # a late submission keeps its item yellow this many days after its due date
OVERDUE_ALERT_SHARE = 25  # this % of an item's reporting units with a report overdue turns it red


class Status(models.TextChoices):
    DONE = "done", _("已完成")
    ON_TRACK = "on_track", _("正常推进")
    BEHIND = "behind", _("进度滞后")
    ALERT = "alert", _("严重滞后")
    NO_DATA = "no_data", _("暂无数据")


# the light each status shows (CSS class suffix), and the order in which counts are listed
LIGHT = {
    Status.DONE: "done",
    Status.ON_TRACK: "green",
    Status.BEHIND: "yellow",
    Status.ALERT: "red",
    Status.NO_DATA: "grey",
}
ITEM_STATUSES = (Status.ALERT, Status.BEHIND, Status.ON_TRACK, Status.DONE)

RULES = {
    Status.DONE: _(
        "指标：实际值达到目标（“≤”类指标须到完成期限）。任务：各项指标均已达成，且牵头、责任单位最近一次通过审核的报告均声明本项工作已完成。"
    ),
    Status.ON_TRACK: format_lazy(
        _("指标：完成进度不低于序时进度的 {behind}%。任务：没有滞后或严重滞后的情形。"), behind=PACE_BEHIND
    ),
    Status.BEHIND: format_lazy(
        _(
            "指标：完成进度低于序时进度的 {behind}%。任务：有指标滞后；或有单位逾期未报（不足填报单位的 {share}%，且不是牵头单位）；或有报告被退回尚未重新提交；或近 {days} 天内有逾期报送。"
        ),
        behind=PACE_BEHIND,
        share=OVERDUE_ALERT_SHARE,
        days=RECENT_LATE_DAYS,
    ),
    Status.ALERT: format_lazy(
        _(
            "指标：完成进度低于序时进度的 {alert}%，或已过完成期限仍未达成。任务：有指标严重滞后；或牵头单位逾期未报；或逾期未报的单位达到填报单位的 {share}%。"
        ),
        alert=PACE_ALERT,
        share=OVERDUE_ALERT_SHARE,
    ),
    Status.NO_DATA: format_lazy(
        _("指标：尚无通过审核的填报值，且序时进度未过 {grace}%。"), grace=NO_DATA_GRACE
    ),
}
PROGRESS_RULE = _(
    "进度：有量化指标的任务取各指标完成进度的平均；没有指标的任务取全年应报报告中已提交的比例（报送进度），牵头、责任单位都声明完成时为 100%。"
)


def plan_start(plan: Plan) -> dt.date:
    """The first day of the plan's first reporting month: where every target's pace starts."""
    return dt.date(plan.year, plan.start_month, 1)


def expected_pct(*, start: dt.date, due: dt.date, as_of: dt.date) -> Decimal:
    """序时进度: the share (0–100) of the days from `start` to `due`, both included, elapsed by the end
    of `as_of`."""
    if as_of < start:
        return Decimal(0)
    if as_of >= due:
        return Decimal(100)
    elapsed = (as_of - start).days + 1
    return Decimal(100 * elapsed) / Decimal((due - start).days + 1)


@dataclass(frozen=True)
class TargetStatus:
    status: Status
    progress_pct: int | None  # target_completion: percent of the way to the goal, capped at 100
    expected_pct: Decimal  # 序时进度

    @property
    def light(self) -> str:
        return LIGHT[self.status]


def target_status(target: Target, value: Decimal | None, *, start: dt.date, as_of: dt.date) -> TargetStatus:
    """A target's status as of a date, from its actual (target_actuals) and the rules above."""
    expected = expected_pct(start=start, due=target.due_date, as_of=as_of)
    progress = target_completion(target, value)
    met = target_is_met(target, value)
    past_due = as_of > target.due_date

    def result(status):
        return TargetStatus(status=status, progress_pct=progress, expected_pct=expected)

    if target.comparator == Comparator.LTE:
        # a ceiling (以内, 不超过) is kept, not reached: judged only by whether it holds
        if value is None:
            return result(Status.ALERT if past_due else Status.NO_DATA)
        if not met:
            return result(Status.ALERT)
        return result(Status.DONE if as_of >= target.due_date else Status.ON_TRACK)
    if met:
        return result(Status.DONE)
    if past_due:
        return result(Status.ALERT)
    if value is None and expected < NO_DATA_GRACE:
        return result(Status.NO_DATA)
    done = Decimal(progress or 0)
    if done * 100 < expected * PACE_ALERT:
        return result(Status.ALERT)
    if done * 100 < expected * PACE_BEHIND:
        return result(Status.BEHIND)
    return result(Status.ON_TRACK)


@dataclass(frozen=True)
class ItemFacts:
    """What an item's status and progress are judged by, as of a date, each an aggregate in SQL."""

    target_statuses: tuple[Status, ...] = ()
    overdue: int = 0  # obligations due with nothing submitted
    overdue_units: int = 0  # units with at least one of them
    lead_overdue: bool = False  # the lead unit (牵头单位) is among them
    reporters: int = 0  # units that report on the item
    returned: int = 0  # reports returned and not yet resubmitted
    late_recent: int = 0  # submitted late, due within the last RECENT_LATE_DAYS days
    declarers: int = 0  # lead and responsible units
    declared: int = 0  # of them, those whose latest approved report declares their part complete
    year_owed: int = 0  # the year's obligations on the item, due or not
    reported: int = 0  # of them, those submitted by the as-of date

    @property
    def many_overdue(self) -> bool:
        return self.overdue_units * 100 >= max(self.reporters, 1) * OVERDUE_ALERT_SHARE


def item_status(facts: ItemFacts) -> Status:
    """A work item's status as of a date, by the rules above."""
    targets = facts.target_statuses
    if facts.declarers and facts.declared >= facts.declarers and all(s == Status.DONE for s in targets):
        return Status.DONE
    if Status.ALERT in targets or facts.lead_overdue or (facts.overdue_units and facts.many_overdue):
        return Status.ALERT
    if facts.overdue or facts.returned or facts.late_recent or Status.BEHIND in targets:
        return Status.BEHIND
    return Status.ON_TRACK


def item_reasons(facts: ItemFacts) -> list[str]:
    """Why an item is not on track, in a leader's words (shown under its light)."""
    reasons = []
    alert = sum(1 for s in facts.target_statuses if s == Status.ALERT)
    behind = sum(1 for s in facts.target_statuses if s == Status.BEHIND)
    if alert:
        reasons.append(_("%(n)s 个指标严重滞后") % {"n": alert})
    if behind:
        reasons.append(_("%(n)s 个指标滞后") % {"n": behind})
    if facts.lead_overdue:
        reasons.append(_("牵头单位逾期未报"))
    if facts.overdue_units:
        reasons.append(
            _("%(a)s/%(b)s 个填报单位逾期未报")
            % {"a": facts.overdue_units, "b": max(facts.reporters, facts.overdue_units)}
        )
    if facts.returned:
        reasons.append(_("%(n)s 份报告退回待重报") % {"n": facts.returned})
    if facts.late_recent:
        reasons.append(_("近 %(d)s 天 %(n)s 份逾期报送") % {"d": RECENT_LATE_DAYS, "n": facts.late_recent})
    return reasons


def item_progress(facts: ItemFacts, target_progress: list[int | None]) -> int:
    """An item's progress (0–100) by PROGRESS_RULE: the mean progress of its targets (none yet counts
    0); for an item without targets, 100 once every lead and responsible unit has declared its part
    complete, else the share of the year's reports on it already submitted."""
    if target_progress:
        return round(sum(p or 0 for p in target_progress) / len(target_progress))
    if facts.declarers and facts.declared >= facts.declarers:
        return 100
    if not facts.year_owed:
        return 0
    return round(100 * min(facts.reported, facts.year_owed) / facts.year_owed)
