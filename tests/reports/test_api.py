"""The report list endpoint: a fixed number of queries however many reports it shows, and filters by
year, work item, unit, period and status that keep to what the user may see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.choices import ReportStatus
from reports.workflow import services
from tasks.choices import AssignmentRole
from tests import factories
from tests.helpers import new_token
from tests.uploads import pdf

URL = "/api/v1/progress-reports/"
# 长春's first report is submitted, so that everyone who reads 长春's reports (the lead unit's head and
# the leader see no drafts) has one to list
STATUSES = [ReportStatus.SUBMITTED, ReportStatus.DRAFT, ReportStatus.APPROVED, ReportStatus.RETURNED]


@pytest.fixture
def add_reports(world, make_report):
    """Add reports number `start` to `stop - 1`: 长春 and 吉林 in turn over 2024's months, each with
    values and a file, in every status in turn."""

    def build(start, stop):
        for n in range(start, stop):
            unit = world.resp if n % 2 == 0 else world.coop
            month = n // 2 + 1
            report = make_report(
                unit=unit, period=f"2024-{month:02d}", values={world.km: month * 10, world.rate: month}
            )
            services.attachment_add(report=report, user=world.staff(unit), upload=pdf(f"材料{n}.pdf"))
            status = STATUSES[n % 4]
            if status != ReportStatus.DRAFT:
                services.report_submit(report=report, user=world.staff(unit))
            if status == ReportStatus.APPROVED:
                services.report_approve(report=report, user=world.head(unit))
            if status == ReportStatus.RETURNED:
                services.report_return(report=report, user=world.head(unit), comment="请补充。")

    return build


def _count_list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), response.json()


@pytest.mark.parametrize("who", ["admin", "leader", "lead_head", "resp_head", "coop_staff"])
def test_list_runs_the_same_queries_for_2_and_20_reports(
    world, add_reports, api_as, django_assert_max_num_queries, who
):
    # given two reports, 长春's submitted and 吉林's draft
    add_reports(0, 2)
    client = api_as(getattr(world, who))
    few, body = _count_list_queries(client)
    shown_few = body["count"]
    assert shown_few >= 1

    # when eighteen more are added
    add_reports(2, 20)
    many, body = _count_list_queries(client)

    # then the list shows more but takes no more queries
    assert body["count"] > shown_few
    assert len(body["results"]) == body["count"]
    assert all(row["values"] and row["attachments"] for row in body["results"])
    assert many == few
    with django_assert_max_num_queries(9):  # one more since a report lists its flags
        client.get(URL)


def test_list_rows_carry_what_a_list_needs(world, make_report, api_as):
    # given 长春's late, submitted May report with a value
    report = make_report(period="2024-05", status=ReportStatus.SUBMITTED, values={world.km: 12})
    # when the head lists reports
    row = api_as(world.resp_head).get(URL).json()["results"][0]
    # then the row has the unit, item, period, status, values and lateness
    assert row["id"] == report.pk
    assert row["unit_name"] == "长春市"
    assert row["work_item_number"] == 3
    assert row["year"] == 2024
    assert (row["period"], row["kind"], row["status"]) == ("2024-05", "monthly", ReportStatus.SUBMITTED)
    assert row["values"] == [{"target": world.km.pk, "value": "12.00", "explanation": ""}]
    assert row["is_late"] is True
    assert "history" not in row


@pytest.fixture
def filter_world(world, make_report):
    """Reports spread over years, items, units, periods and statuses, each under a name."""
    plan_2025 = factories.PlanFactory(year=2025)
    item_2025 = factories.WorkItemFactory(
        section=factories.SectionFactory(plan=plan_2025, number=1), number=3, title="碳达峰碳中和工作"
    )
    factories.AssignmentFactory(work_item=item_2025, unit=world.resp, role=AssignmentRole.RESPONSIBLE)
    return {
        "cc_item3_may_approved": make_report(period="2024-05", status=ReportStatus.APPROVED),
        "cc_item3_june_submitted": make_report(period="2024-06", status=ReportStatus.SUBMITTED),
        "cc_item9_june_draft": make_report(item=world.other_item, period="2024-06"),
        "jl_item3_june_returned": make_report(
            unit=world.coop, period="2024-06", status=ReportStatus.RETURNED
        ),
        "cc_2025_item3_jan_draft": make_report(item=item_2025, period="2025-01"),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"cc_item3_may_approved", "cc_item3_june_submitted", "cc_item9_june_draft",
              "jl_item3_june_returned", "cc_2025_item3_jan_draft"}),
        ({"year": 2024}, {"cc_item3_may_approved", "cc_item3_june_submitted", "cc_item9_june_draft",
                          "jl_item3_june_returned"}),
        ({"year": 2025}, {"cc_2025_item3_jan_draft"}),
        ({"work_item": "other_item"}, {"cc_item9_june_draft"}),
        ({"unit": "coop"}, {"jl_item3_june_returned"}),
        ({"period": "2024-06"}, {"cc_item3_june_submitted", "cc_item9_june_draft", "jl_item3_june_returned"}),
        ({"status": ReportStatus.SUBMITTED}, {"cc_item3_june_submitted"}),
        ({"status": ReportStatus.DRAFT}, {"cc_item9_june_draft", "cc_2025_item3_jan_draft"}),
        ({"year": 2024, "work_item": "item", "unit": "resp", "period": "2024-05", "status": ReportStatus.APPROVED},
         {"cc_item3_may_approved"}),
    ],
)  # fmt: skip
def test_list_filters(world, filter_world, api_as, params, expected):
    # given reports over two years, two items, two units, several periods and statuses
    query = {
        key: getattr(world, value).pk if key in ("work_item", "unit") else value
        for key, value in params.items()
    }
    # when the administrator (who sees every report, the units' drafts too) filters the list
    response = api_as(world.admin).get(URL, query)
    # then exactly the matching reports are listed
    assert response.status_code == 200
    names = {report.pk: name for name, report in filter_world.items()}
    assert {names[row["id"]] for row in response.json()["results"]} == expected


def test_the_leaders_list_leaves_out_the_units_drafts(world, filter_world, api_as):
    # given the same reports, two of them drafts
    client = api_as(world.leader)
    names = {report.pk: name for name, report in filter_world.items()}
    # when the leader lists them, then the drafts are not among them, not even when asked for
    listed = {names[row["id"]] for row in client.get(URL).json()["results"]}
    assert listed == {"cc_item3_may_approved", "cc_item3_june_submitted", "jl_item3_june_returned"}
    assert client.get(URL, {"status": ReportStatus.DRAFT}).json()["count"] == 0


def test_filters_never_widen_what_a_user_sees(world, filter_world, api_as):
    # given 长春's staff, who may not see 吉林's reports
    client = api_as(world.resp_staff)
    # when they filter for 吉林's unit, then nothing is listed
    assert client.get(URL, {"unit": world.coop.pk}).json()["count"] == 0
    # and filtering for June lists only 长春's June reports
    rows = client.get(URL, {"period": "2024-06"}).json()["results"]
    assert {row["unit"] for row in rows} == {world.resp.pk}
    assert len(rows) == 2


def test_a_bad_filter_value_is_a_400(world, api_as):
    # when the list is filtered by a status that does not exist, then the API says so
    response = api_as(world.leader).get(URL, {"status": "finished"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_retrieve_runs_a_fixed_number_of_queries(world, make_report, api_as, django_assert_max_num_queries):
    # given a report with a long history
    report = make_report(status=ReportStatus.SUBMITTED, values={world.km: 1, world.rate: 2})
    for n in range(10):
        services.report_comment(report=report, user=world.resp_head, comment=f"意见{n}")
    client = api_as(world.lead_head)
    # when it is read, then the queries do not grow with its history
    with django_assert_max_num_queries(10):
        body = client.get(f"{URL}{report.pk}/").json()
    assert len(body["history"]) == 13  # create, save, submit and ten comments


def test_token_authentication_works_for_scripts(world, make_report, api_as):
    # given a head with an API token
    from rest_framework.test import APIClient

    report = make_report(status=ReportStatus.SUBMITTED)
    token = new_token(world.resp_head)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    # when a script approves through the API with it, then it works like the page
    response = client.post(f"{URL}{report.pk}/approve/", {}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == ReportStatus.APPROVED
    # and a wrong token is a 401
    client.credentials(HTTP_AUTHORIZATION="Token wrong")
    assert client.get(URL).status_code == 401
