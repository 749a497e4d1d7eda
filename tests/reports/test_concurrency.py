"""Two reviewers acting on the same report at the same moment: the unit's head approves while the lead
unit's head returns it. Only one of them may win; the other is told the status has changed. Needs real
concurrent transactions, so it runs on PostgreSQL only (SQLite locks the whole file)."""

import threading
import time

import pytest
from django.db import connection, transaction

from reports.choices import ReportAction, ReportStatus
from reports.models import ProgressReport
from reports.workflow import services

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
    ),
]


def test_approve_while_the_lead_head_returns_only_one_wins(world, make_report):
    # given 长春's submitted report
    report = make_report(status=ReportStatus.SUBMITTED)
    returned = threading.Event()
    outcome = {}

    def lead_head_returns():
        try:
            with transaction.atomic():
                services.report_return(
                    report=ProgressReport.objects.get(pk=report.pk),
                    user=world.lead_head,
                    comment="口径不一致。",
                )
                returned.set()
                # the return is written but not yet committed while the head approves
                time.sleep(0.5)
        finally:
            connection.close()

    def head_approves():
        returned.wait(5)
        try:
            services.report_approve(report=ProgressReport.objects.get(pk=report.pk), user=world.resp_head)
            outcome["approve"] = "done"
        except services.ReportStateError:
            outcome["approve"] = "refused"
        finally:
            connection.close()

    # when both act at once
    threads = [threading.Thread(target=lead_head_returns), threading.Thread(target=head_approves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    # then the approval, which came second, is refused and the report stays returned
    assert outcome["approve"] == "refused"
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.approved_at is None
    assert list(report.events.values_list("action", flat=True))[-1] == ReportAction.RETURN
