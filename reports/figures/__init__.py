"""Figures derived from reports, each computed by one function."""

from .deadlines import report_due_date, report_is_late, report_lateness
from .targets import (
    TargetActual,
    TargetProgress,
    target_actuals,
    target_completion,
    target_is_met,
    target_progress,
)

__all__ = [
    "TargetActual",
    "TargetProgress",
    "report_due_date",
    "report_is_late",
    "report_lateness",
    "target_actuals",
    "target_completion",
    "target_is_met",
    "target_progress",
]
