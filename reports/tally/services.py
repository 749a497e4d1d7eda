"""Keeping each plan's ObligationTally true for its day, and reading it.

The day kept is the one a leader lands on (reports.question.default_as_of): today while the plan's
reporting runs, its last due date once it is over. Three writers keep it:
- every workflow step refreshes its (item, unit) pair, in the step's transaction (`tally_refresh`);
- every change to a plan's obligations counts the plan afresh, in the change's transaction
  (`tally_rebuild`, on tasks.obligations.obligations_changed), and so do bulk loads and restores;
- after midnight the new day's counts replace the old (`tally_new_day`, a scheduled job), since
  obligations turn due soon and overdue with the date alone. Until then the old day's rows are not
  read for the new day: the dashboard counts live.

On PostgreSQL a rebuild holds the plan's row FOR UPDATE and a refresh holds it FOR KEY SHARE, so a
step never writes counts that a concurrent rebuild already replaced; two steps on one pair wait on the
pair's row and count after it is theirs, each seeing the other's committed work."""

import contextlib
import contextvars
import dataclasses
import datetime as dt
import logging

from django.db import IntegrityError, connection, transaction

from tasks.models import Obligation, Plan, WorkItem

from ..figures.counts import FIGURES, PairCounts, Pairs, pair_counts
from ..models import ProgressReport
from ..question import default_as_of
from .model import ObligationTally

log = logging.getLogger(__name__)
_paused = contextvars.ContextVar("tally_paused", default=False)


def tally_day(plan: Plan) -> dt.date:
    return default_as_of(plan)[0]


def _lock_plan(plan_id: int, *, exclusive: bool) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite lets one writer in at a time
    mode = "UPDATE" if exclusive else "KEY SHARE"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM tasks_plan WHERE id = %s FOR {mode}", [plan_id])


def _count(plan_id: int, day: dt.date, **pair) -> Pairs:
    reports = ProgressReport.objects.filter(work_item__plan_id=plan_id, **pair)
    return pair_counts(
        obligations=Obligation.objects.filter(plan_id=plan_id, **pair),
        reports=reports,
        declarations=reports,
        as_of=day,
    )


@transaction.atomic
def tally_rebuild(*, plan: Plan, day: dt.date | None = None) -> int:
    """Count the plan's pairs afresh as of `day` (the plan's tally day by default) and keep them in
    place of its rows. Returns the number of pairs kept."""
    day = day or tally_day(plan)
    _lock_plan(plan.pk, exclusive=True)
    pairs = _count(plan.pk, day)
    ObligationTally.objects.filter(plan=plan).delete()
    ObligationTally.objects.bulk_create(
        [
            ObligationTally(
                plan=plan, work_item_id=item_id, unit_id=unit_id, day=day, **dataclasses.asdict(c)
            )
            for (item_id, unit_id), c in pairs.items()
        ],
        batch_size=2000,
    )
    return len(pairs)


def obligations_recounted(sender, *, plan: Plan, **kwargs) -> None:
    """The plan's obligations changed (tasks.obligations.obligations_changed): count it afresh."""
    tally_rebuild(plan=plan)


@contextlib.contextmanager
def tally_paused(*, plan: Plan):
    """For a bulk load of steps (the demo's year of reports): the steps inside leave the tally alone,
    and the plan is counted afresh once at the end, unless the block fails."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)
    tally_rebuild(plan=plan)


@transaction.atomic
def tally_refresh(*, work_item_id: int, unit_id: int) -> None:
    """Count one pair afresh after a step on one of its reports, as of the plan's kept day. A plan
    that keeps no tally is left alone: its dashboard counts live until the next rebuild."""
    if _paused.get():
        return
    plan_id = WorkItem.objects.values_list("plan_id", flat=True).get(pk=work_item_id)
    _lock_plan(plan_id, exclusive=False)
    day = ObligationTally.objects.filter(plan_id=plan_id).values_list("day", flat=True).first()
    if day is None:
        return
    pair = {"work_item_id": work_item_id, "unit_id": unit_id}
    kept = ObligationTally.objects.select_for_update().filter(**pair)
    if not kept.exists():
        try:
            with transaction.atomic():
                ObligationTally.objects.create(plan_id=plan_id, day=day, **pair)
        except IntegrityError:
            pass  # another step created it first: its row is locked below, then counted
    row = kept.get()  # locked: counted now, after any step that held it has committed
    counts = _count(plan_id, day, **pair).get((work_item_id, unit_id), PairCounts())
    kept.filter(pk=row.pk).update(day=day, **dataclasses.asdict(counts))


def kept_pairs(*, plan: Plan, as_of: dt.date, **narrow) -> Pairs | None:
    """The plan's pairs (narrowed by `narrow`) as kept for `as_of`, or None when the tally is kept for
    another day or for none: the caller then counts live. Two queries at most."""
    kept = ObligationTally.objects.filter(plan=plan)
    if kept.values_list("day", flat=True).first() != as_of:
        return None
    rows = kept.filter(**narrow).values_list("work_item_id", "unit_id", *FIGURES)
    return {(item_id, unit_id): PairCounts(*figures) for item_id, unit_id, *figures in rows}


def tally_new_day(*, today: dt.date | None = None) -> list[tuple[str, dt.date]]:
    """Count afresh every plan whose kept day is not its tally day any more (after midnight, or a plan
    that keeps none yet). Returns (plan, day) for each plan counted."""
    counted = []
    for plan in Plan.objects.order_by("year", "pk"):
        day = default_as_of(plan, today=today)[0]
        kept = ObligationTally.objects.filter(plan=plan).values_list("day", flat=True).first()
        if kept == day or not Obligation.objects.filter(plan=plan).exists():
            continue
        tally_rebuild(plan=plan, day=day)
        counted.append((str(plan), day))
        log.info("tally of %s counted for %s", plan, day)
    return counted
