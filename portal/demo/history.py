"""The demo's reporting history (演示填报记录): what the units of a plan reported, when, and how it was
reviewed, up to a date (by default the plan year's 31 December). Every report is written through the
workflow services as the demo accounts would write it (staff-<unit code> fill in and submit, head-<unit
code> approve or return, the head of an item's lead unit returns a responsible unit's summary); afterwards
the reports, their history and their files are dated to the simulated moments, since the services stamp
the real time.

The story (story.py), drawn from the plan's obligations due by that date with `random.Random(seed)`:
- most units report a few days before the due date and are approved within a few days;
- about one report in ten is late, one in twenty is returned with a comment and resubmitted; two units
  (drawn at random) are late and miss reports far more often than the rest, so that units rank apart;
- a few recent reports await review; the annual summary is in from about two thirds of the units;
- reporter units (填报单位) enter cumulative target values that grow over the year at each target's pace
  (values.py): some targets are met, some on pace, some clearly behind;
- late in the year the units of a few qualitative items declare their part complete (本项工作已完成).
Nothing is due after the date, so nothing after it is reported (December's progress is due in January).
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from notices.events import quiet
from reports.models import Attachment, ProgressReport, ReportEvent
from reports.obligations import obligations_as_of
from reports.tally.services import tally_paused
from reports.workflow import services
from tasks.data_version import data_changed
from tasks.models import Obligation, Plan

from . import texts
from .script import Clock, Script
from .story import Story


@dataclass(frozen=True)
class DemoHistory:
    """What demo_history_create made: reports, and the obligations due by `as_of` by state."""

    as_of: dt.date
    reports: int
    by_status: dict[str, int]
    states: dict[str, int]


@dataclass
class _Dates:
    """The simulated moments of one report's events and uploads, in the order the services made them."""

    events: list[dt.datetime] = field(default_factory=list)
    uploads: list[dt.datetime] = field(default_factory=list)
    saved: dt.datetime | None = None
    submitted: dt.datetime | None = None
    approved: dt.datetime | None = None

    def add(self, at: dt.datetime, *, events: int, uploads=(), saved: bool = False) -> None:
        """One service call at `at`: the events it records a few seconds apart, in their order."""
        self.events += [at + dt.timedelta(seconds=3 * n) for n in range(events)]
        self.uploads += [at + dt.timedelta(seconds=2)] * len(uploads)
        if saved:
            self.saved = at + dt.timedelta(seconds=3)


@transaction.atomic
def demo_history_create(*, plan: Plan, until: dt.date | None = None, seed: int = 2024) -> DemoHistory:
    """Create the demo's reporting history of `plan` as of `until` (by default 15 January after the
    plan's year, so that December's progress and the annual summaries are in, or missing, as a closed
    year's would be): reports for the obligations due by then, written through the workflow services as the demo
    accounts, then dated to the simulated moments. One transaction for all. The same seed gives the same
    history. Units without active demo accounts (staff-<code>, head-<code>) are left out. It sends no
    notices: an invented past is news to nobody."""
    until = until or dt.date(plan.year + 1, 1, 15)
    rng = random.Random(seed)
    story = Story(plan=plan, until=until, rng=rng, clock=Clock(rng))
    written: list[str] = []
    try:
        dates = {}
        # the steps are taken now and dated back afterwards: the tally is counted once, after that
        with quiet(), tally_paused(plan=plan):
            for script in story.scripts():
                report, moments = _play(story, script, written)
                if report is not None:
                    dates[report.pk] = moments
            _backdate(dates)
    except BaseException:
        # the transaction takes the rows back; the files written so far go too
        for name in written:
            default_storage.delete(name)
        raise
    return demo_history_summary(plan=plan, as_of=until)


def demo_history_summary(*, plan: Plan, as_of: dt.date) -> DemoHistory:
    """The plan's reports by status, and its obligations due by `as_of` by state as of that date."""
    reports = ProgressReport.objects.filter(work_item__plan=plan)
    by_status = dict(reports.values_list("status").annotate(n=Count("pk")).order_by())
    owed = obligations_as_of(as_of, Obligation.objects.filter(plan=plan, due_date__lte=as_of))
    states = dict(owed.values_list("state").annotate(n=Count("pk")).order_by())
    return DemoHistory(as_of=as_of, reports=sum(by_status.values()), by_status=by_status, states=states)


# ---------------------------------------------------------------- through the services


def _play(story: Story, script: Script, written: list[str]) -> tuple[ProgressReport | None, _Dates]:
    """Take the script's steps up to the cutoff through the workflow services, as the unit's staff and
    head (and the lead unit's head); return the report (None if nothing happened) and the moments to
    date it with. `written` collects the names of the files stored."""
    obligation = script.obligation
    staff, head = story.staff[obligation.unit_id], story.heads[obligation.unit_id]
    report, dates = None, _Dates()
    steps = [(action, at) for action, at in script.steps if at < story.cutoff]
    if not steps:
        return report, dates
    content = story.content(script)
    start = {
        "user": staff,
        "work_item": obligation.work_item,
        "unit": obligation.unit,
        "period": obligation.period,
    }
    for action, at in steps:
        uploads = story.uploads(script, action, content)
        if action == "draft":
            report = services.report_start(
                **start, today=timezone.localtime(at).date(), uploads=uploads, **content
            )
            dates.add(at, events=2, uploads=uploads, saved=True)  # created, saved
        elif action in ("submit", "resubmit"):
            if action == "resubmit":
                content = {**content, "done": f"{content['done']}{texts.REVISED}"}
            if report is None:
                report = services.report_start(
                    **start, submit=True, today=timezone.localtime(at).date(), uploads=uploads, **content
                )
                dates.add(at, events=3, uploads=uploads, saved=True)  # created, saved, submitted
            else:
                services.report_save_and_submit(
                    report=report, user=staff, version=report.version, uploads=uploads, **content
                )
                dates.add(at, events=2, uploads=uploads, saved=True)  # saved, submitted
            dates.submitted = dates.submitted or dates.events[-1]
            story.remember_values(obligation, content)
        elif action == "approve":
            comment = story.rng.choice(texts.APPROVE_COMMENTS)
            services.report_approve(report=report, user=head, comment=comment)
            dates.add(at, events=1)
            dates.approved = at
        else:  # "return" by the unit's head, "lead_return" by the head of the item's lead unit
            reviewer = story.lead_head(obligation) if action == "lead_return" else head
            services.report_return(report=report, user=reviewer, comment=script.comment)
            dates.add(at, events=1)
            dates.approved = None
        if uploads:
            written += [attachment.file.name for attachment in report.attachments.all()]
    return report, dates


# ---------------------------------------------------------------- dating


def _backdate(dates: dict[int, _Dates]) -> None:
    """Give the reports, their history and their files the simulated moments instead of the services'
    timezone.now(): the services ran in order, so the n-th event of a report is its n-th step."""
    reports, events, files = [], [], []
    by_report: dict[int, list[ReportEvent]] = {}
    for event in (
        ReportEvent.objects.filter(report_id__in=dates).only("pk", "report_id").order_by("report_id", "pk")
    ):
        by_report.setdefault(event.report_id, []).append(event)
    uploads: dict[int, list[Attachment]] = {}
    for attachment in (
        Attachment.objects.filter(report_id__in=dates).only("pk", "report_id").order_by("report_id", "pk")
    ):
        uploads.setdefault(attachment.report_id, []).append(attachment)
    for pk, moments in dates.items():
        first = moments.events[0]
        reports.append(
            ProgressReport(
                pk=pk,
                created_at=first,
                updated_at=moments.saved or first,
                submitted_at=moments.submitted,
                approved_at=moments.approved,
            )
        )
        for n, event in enumerate(by_report.get(pk, [])):
            event.created_at = moments.events[min(n, len(moments.events) - 1)]
            events.append(event)
        for n, attachment in enumerate(uploads.get(pk, [])):
            attachment.uploaded_at = (
                moments.uploads[min(n, len(moments.uploads) - 1)] if moments.uploads else first
            )
            files.append(attachment)
    ProgressReport.objects.bulk_update(
        reports, ["created_at", "updated_at", "submitted_at", "approved_at"], batch_size=500
    )
    ReportEvent.objects.bulk_update(events, ["created_at"], batch_size=500)
    Attachment.objects.bulk_update(files, ["uploaded_at"], batch_size=500)
    data_changed()  # bulk writes send no post_save
