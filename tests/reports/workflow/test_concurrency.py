"""Two reviewers acting on the same report at the same moment: the unit's head approves while the lead
unit's head returns it. Only one of them may win; the other is told the status has changed. Needs real
concurrent transactions, so it runs on PostgreSQL only (SQLite locks the whole file)."""

import pytest
from django.db import connection

from reports.choices import ReportAction, ReportStatus
from reports.models import ProgressReport
from reports.workflow import services
from tests.uploads import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
    ),
]


def test_approve_while_the_lead_head_returns_only_one_wins(world, make_report):
    # given 长春's submitted report
    report = make_report(status=ReportStatus.SUBMITTED)
    # when the lead unit's head returns it and, before that is committed, the unit's head approves
    outcome = race(
        lambda: services.report_return(
            report=ProgressReport.objects.get(pk=report.pk), user=world.lead_head, comment="口径不一致。"
        ),
        lambda: services.report_approve(
            report=ProgressReport.objects.get(pk=report.pk), user=world.resp_head
        ),
        refused=services.ReportStateError,
    )

    # then the approval, which came second, is refused and the report stays returned
    assert outcome == {"first": "done", "second": "refused"}
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.approved_at is None
    assert list(report.events.values_list("action", flat=True))[-1] == ReportAction.RETURN
