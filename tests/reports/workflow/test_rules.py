"""The workflow table answers what each person may do to a report now; the services, the page's buttons
and the API's `actions` list all follow it."""

import re

import pytest

from reports.choices import ReportStatus
from reports.workflow import services
from reports.workflow.rules import STEPS, ReportStateError, available_actions, check
from tests.world import WORLD_ROLES

STAFF = ["save", "attach", "detach", "submit"]
# (status of 长春's report on item 3, role) → the steps open to that role; roles not listed get none
EXPECTED = {
    # a draft is its unit's own: the lead unit's head has nothing to do with it until it is submitted
    ReportStatus.DRAFT: {"resp_staff": STAFF, "resp_head": ["comment"]},
    # its reviewers mark plausibility flags explained once it has been submitted
    ReportStatus.SUBMITTED: {
        "resp_head": ["approve", "return", "comment", "explain"],
        "lead_head": ["return", "comment", "explain"],
    },
    ReportStatus.RETURNED: {
        "resp_staff": STAFF,
        "resp_head": ["comment", "explain"],
        "lead_head": ["comment", "explain"],
    },
    ReportStatus.APPROVED: {
        "resp_head": ["comment", "explain"],
        "lead_head": ["return", "comment", "explain"],
        "admin": ["correct"],
    },
}
ROLES = WORLD_ROLES


@pytest.mark.parametrize("status", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_available_actions_follow_the_table(world, make_report, status, role):
    # given 长春's report in a status
    report = make_report(status=status)
    # when a role asks what it may do, then the answer is the table's, in the table's order
    assert available_actions(world.user(role), report) == EXPECTED[status].get(role, [])


@pytest.mark.parametrize("status", list(EXPECTED))
def test_a_step_the_table_does_not_list_is_refused_by_the_services_too(world, make_report, status):
    # given 长春's head and a report in a status that does not allow approving (all but submitted)
    report = make_report(status=status)
    allowed = "approve" in available_actions(world.resp_head, report)
    # when the head approves through the service, then it works exactly when the table lists it
    if allowed:
        services.report_approve(report=report, user=world.resp_head)
        report.refresh_from_db()
        assert report.status == ReportStatus.APPROVED
    else:
        with pytest.raises(ReportStateError) as exc:
            services.report_approve(report=report, user=world.resp_head)
        assert str(exc.value) == str(STEPS["approve"].refused) % {"s": report.get_status_display()}


def test_check_names_the_status_in_chinese(world, make_report):
    report = make_report(status=ReportStatus.APPROVED)
    with pytest.raises(ReportStateError, match="报告当前状态为“已通过”，不能修改。"):
        check(world.resp_staff, "save", report)


@pytest.mark.parametrize("role", ["resp_staff", "resp_head", "lead_head", "admin", "leader"])
def test_the_api_lists_each_reports_actions(world, make_report, api_as, role):
    # given 长春's submitted and approved reports
    submitted = make_report(period="2024-06", status=ReportStatus.SUBMITTED)
    approved = make_report(period="2024-05", status=ReportStatus.APPROVED)
    client = api_as(world.user(role))
    # when the role lists and opens them over the API
    rows = {row["id"]: row["actions"] for row in client.get("/api/v1/progress-reports/").json()["results"]}
    detail = client.get(f"/api/v1/progress-reports/{approved.pk}/").json()["actions"]
    # then each carries what the table allows that role now
    assert rows[submitted.pk] == EXPECTED[ReportStatus.SUBMITTED].get(role, [])
    assert rows[approved.pk] == detail == EXPECTED[ReportStatus.APPROVED].get(role, [])


BUTTONS = {"approve": "审核通过", "return": "退回修改", "comment": "仅记录意见", "correct": "管理员更正"}


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED])
@pytest.mark.parametrize("role", ["resp_head", "lead_head", "admin", "leader"])
def test_the_report_page_shows_exactly_the_allowed_buttons(world, make_report, client, status, role):
    # given 长春's report
    report = make_report(status=status)
    client.force_login(world.user(role))
    # when the role opens its page
    html = client.get(f"/reports/{report.pk}/").content.decode()
    # then the review buttons on it are those the table allows
    shown = {
        action
        for action, label in BUTTONS.items()
        if re.search(rf"<(?:button|a)\b[^>]*>\s*{label}\s*</(?:button|a)>", html)
    }
    assert shown == set(EXPECTED[status].get(role, [])) & set(BUTTONS)
