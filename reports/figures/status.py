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
- alert (严重滞后): a target in alert, or an obligation overdue (due, nothing submitted);
- behind (进度滞后): a target behind, or a report returned and not yet resubmitted, or one submitted
  late in the last RECENT_LATE_DAYS days;
- on_track (正常推进) otherwise.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from tasks.choices import Comparator
from tasks.models import Plan, Target

from .targets import target_completion, target_is_met

PACE_BEHIND = 80  # under this % of the expected pace: behind (yellow)
PACE_ALERT = 50  # under this % of the expected pace: alert (red)
NO_DATA_GRACE = 25  # a target without figures is "no data" until this much of its period has passed
RECENT_LATE_DAYS = 30  # a late submission keeps its item yellow this many days after its due date


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
        "目标值已达成（“≤”类指标须到完成期限）；任务：各项指标均已达成，且牵头、责任单位最近一次通过审核的报告均声明本项工作已完成。"
    ),
    Status.ON_TRACK: _("完成进度不低于序时进度的 80%，且无逾期未报。"),
    Status.BEHIND: _("完成进度低于序时进度的 80%；或有报告被退回尚未重新提交，或近 30 天内有逾期报送。"),
    Status.ALERT: _("完成进度低于序时进度的 50%，或已过完成期限仍未达成；或有报送义务逾期未报。"),
    Status.NO_DATA: _("尚无通过审核的填报值，且序时进度未过 25%。"),
}


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
    """What an item's status is judged by, as of a date, each an aggregate computed in SQL."""

    target_statuses: tuple[Status, ...] = ()
    overdue: int = 0  # obligations due with nothing submitted
    returned: int = 0  # reports returned and not yet resubmitted
    late_recent: int = 0  # submitted late, due within the last RECENT_LATE_DAYS days
    declarers: int = 0  # lead and responsible units
    declared: int = 0  # of them, those whose latest approved report declares their part complete


def item_status(facts: ItemFacts) -> Status:
    """A work item's status as of a date, by the rules above."""
    targets = facts.target_statuses
    if facts.declarers and facts.declared >= facts.declarers and all(s == Status.DONE for s in targets):
        return Status.DONE
    if facts.overdue or Status.ALERT in targets:
        return Status.ALERT
    if facts.returned or facts.late_recent or Status.BEHIND in targets:
        return Status.BEHIND
    return Status.ON_TRACK


def item_progress(facts: ItemFacts, target_progress: list[int | None]) -> int:
    """An item's progress (0–100): the mean progress of its targets (none yet counts 0); for an item
    without targets, the share of its lead and responsible units that have declared their part done."""
    if target_progress:
        return round(sum(p or 0 for p in target_progress) / len(target_progress))
    if not facts.declarers:
        return 0
    return round(100 * min(facts.declared, facts.declarers) / facts.declarers)
