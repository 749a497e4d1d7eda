"""Small helpers the test modules share."""

import datetime as dt

from django.utils import timezone
from knox.models import AuthToken


def new_token(user) -> str:
    """A fresh API token for `user` (what POST /api/v1/auth/token/ hands out)."""
    return AuthToken.objects.create(user=user)[1]


def authenticate(api_client, user, auth: str) -> None:
    """Log `user` in on an API client by `auth`: "token" (Authorization: Token ...) or "session"."""
    if auth == "token":
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {new_token(user)}")
    else:
        api_client.force_login(user)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def dated(report, *, submitted=None, approved=None):
    """Move a report's submission, approval and history to the dates a test is about."""
    from reports.models import ProgressReport, ReportEvent
    from tasks.data_version import data_changed

    ProgressReport.objects.filter(pk=report.pk).update(
        submitted_at=at(submitted) if submitted else None, approved_at=at(approved) if approved else None
    )
    ReportEvent.objects.filter(report=report).update(created_at=at(submitted or approved))
    data_changed()  # as every bulk writer does
    report.refresh_from_db()
    return report
