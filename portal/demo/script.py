"""The demo's time and its unit of story: office-hour moments on working days (Clock), and one
obligation's steps at their moments (Script)."""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import timezone

from tasks.models import Obligation


@dataclass
class Script:
    """One obligation's story: its steps ("draft", "submit", "return", "lead_return", "resubmit",
    "approve"), each at a moment; steps after the cutoff do not happen."""

    obligation: Obligation
    steps: list[tuple[str, dt.datetime]] = field(default_factory=list)
    completed: bool = False
    evidence: bool = False
    comment: str = ""


class Clock:
    """Office-hour moments on working days."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def at(self, day: dt.date) -> dt.datetime:
        minutes = self.rng.randint(8 * 60 + 30, 17 * 60 + 30)
        naive = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60, self.rng.randint(0, 59)))
        return timezone.make_aware(naive)

    @staticmethod
    def workday(day: dt.date, *, forward: bool) -> dt.date:
        while day.weekday() >= 5:
            day += dt.timedelta(days=1 if forward else -1)
        return day

    def before(self, due: dt.date, days: int, *, earliest: dt.date) -> dt.datetime:
        day = self.workday(due - dt.timedelta(days=self.rng.randint(0, days)), forward=False)
        return self.at(max(day, earliest))

    def after(self, moment: dt.datetime, low: int, high: int) -> dt.datetime:
        local = timezone.localtime(moment).date()
        day = self.workday(local + dt.timedelta(days=self.rng.randint(low, high)), forward=True)
        later = self.at(day)
        if later <= moment:
            later = moment + dt.timedelta(minutes=self.rng.randint(15, 120))
        return later
