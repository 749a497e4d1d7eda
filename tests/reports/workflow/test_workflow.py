"""A report's life: draft → submitted → returned (with a comment) → submitted again → approved, every
step in the history with its actor, time, comment, version and a snapshot; late reports accepted and
marked; summaries need their file."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reports.choices import ReportAction, ReportStatus
from reports.figures import report_due_date, report_is_late
from reports.models import ProgressReport, ReportEvent
from reports.workflow import services
from tasks.choices import AssignmentRole, DeadlineKind
from tasks.models import Plan, WorkItem
from tests import factories
from tests.uploads import pdf
from units.choices import Role

URL = "/api/v1/progress-reports/"


def test_full_cycle_over_the_api_keeps_every_version(world, api_as):
    staff, head = api_as(world.resp_staff), api_as(world.resp_head)

    # given 长春's staff start June's report and fill it in
    created = staff.post(URL, {"work_item": world.item.pk, "period": "2024-06"}, format="json")
    assert created.status_code == 201
    report_id, version = created.json()["id"], created.json()["version"]
    first = staff.patch(
        f"{URL}{report_id}/",
        {
            "version": version,
            "done": "完成绿化 100 公里。",
            "values": [{"target": world.km.pk, "value": "100"}],
        },
        format="json",
    )
    assert first.status_code == 200

    # when they submit it
    submitted = staff.post(f"{URL}{report_id}/submit/", {"version": first.json()["version"]}, format="json")
    # then it waits for the head
    assert submitted.json()["status"] == ReportStatus.SUBMITTED
    assert submitted.json()["submitted_at"] is not None

    # when the head tries to return it without a comment
    refused = head.post(f"{URL}{report_id}/return/", {"comment": "   "}, format="json")
    # then it is refused with a message on the comment, and nothing changes
    assert refused.status_code == 400
    assert refused.json()["comment"] == ["退回时必须填写退回意见。"]
    assert ProgressReport.objects.get(pk=report_id).status == ReportStatus.SUBMITTED
    assert ProgressReport.objects.get(pk=report_id).version == submitted.json()["version"]

    # when the head returns it with a comment
    returned = head.post(f"{URL}{report_id}/return/", {"comment": "请补充分路段明细。"}, format="json")
    assert returned.json()["status"] == ReportStatus.RETURNED

    # and staff correct it and submit again
    fixed = staff.patch(
        f"{URL}{report_id}/",
        {"version": returned.json()["version"], "done": "完成绿化 120 公里，明细见附件。",
         "values": [{"target": world.km.pk, "value": "120"}]},
        format="json",
    )  # fmt: skip
    assert fixed.status_code == 200
    resubmitted = staff.post(f"{URL}{report_id}/submit/", {}, format="json")
    assert resubmitted.json()["status"] == ReportStatus.SUBMITTED
    # the first submission time is kept
    assert resubmitted.json()["submitted_at"] == submitted.json()["submitted_at"]

    # and the head approves
    approved = head.post(f"{URL}{report_id}/approve/", {"comment": "同意。"}, format="json")
    assert approved.status_code == 200
    body = approved.json()
    assert body["status"] == ReportStatus.APPROVED
    assert body["approved_at"] is not None

    # then the history holds every step with who, when, what comment and which version
    history = body["history"]
    assert [e["action"] for e in history] == [
        ReportAction.CREATE, ReportAction.SAVE, ReportAction.SUBMIT, ReportAction.RETURN,
        ReportAction.SAVE, ReportAction.SUBMIT, ReportAction.APPROVE,
    ]  # fmt: skip
    assert [e["actor"] for e in history] == [
        "changchun-staff", "changchun-staff", "changchun-staff", "changchun-head",
        "changchun-staff", "changchun-staff", "changchun-head",
    ]  # fmt: skip
    assert [e["version"] for e in history] == list(range(1, 8))
    assert body["version"] == 7
    assert all(e["created_at"] for e in history)
    assert history[3]["comment"] == "请补充分路段明细。"
    assert history[6]["comment"] == "同意。"
    # and two versions' contents both survive
    first_submit, second_submit = history[2]["snapshot"], history[5]["snapshot"]
    assert first_submit["done"] == "完成绿化 100 公里。"
    assert first_submit["values"][0]["value"] == "100"
    assert first_submit["status"] == ReportStatus.SUBMITTED
    assert second_submit["done"] == "完成绿化 120 公里，明细见附件。"
    assert second_submit["values"][0]["value"] == "120"
    assert history[3]["snapshot"]["status"] == ReportStatus.RETURNED


def test_every_service_step_records_actor_comment_version_and_snapshot(world, make_report):
    # given a submitted report
    report = make_report(status=ReportStatus.SUBMITTED, done="第一版。")
    # when the head comments and returns it
    services.report_comment(report=report, user=world.resp_head, comment="数据口径请说明。")
    services.report_return(report=report, user=world.resp_head, comment="请补充。")
    # then each step has its own event
    comment, returned = ReportEvent.objects.filter(report=report).order_by("-id")[:2][::-1]
    assert (comment.action, comment.actor, comment.comment) == (
        ReportAction.COMMENT, world.resp_head, "数据口径请说明。",
    )  # fmt: skip
    assert (returned.action, returned.actor, returned.comment) == (
        ReportAction.RETURN, world.resp_head, "请补充。",
    )  # fmt: skip
    # a comment changes nothing but the history
    assert returned.version == comment.version + 1
    assert comment.snapshot["done"] == "第一版。"
    assert returned.snapshot["status"] == ReportStatus.RETURNED
    assert comment.created_at <= returned.created_at


def test_return_without_comment_is_refused_and_changes_nothing(world, make_report):
    # given a submitted report
    report = make_report(status=ReportStatus.SUBMITTED)
    events = report.events.count()
    # when the head returns it with an empty comment
    with pytest.raises(ValidationError) as caught:
        services.report_return(report=report, user=world.resp_head, comment="")
    # then the message says a comment is needed and the report is as it was
    assert caught.value.message_dict == {"comment": ["退回时必须填写退回意见。"]}
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.events.count() == events


def test_empty_comment_is_refused(world, make_report):
    # given a submitted report
    report = make_report(status=ReportStatus.SUBMITTED)
    # when the head posts an empty comment, then it is refused
    with pytest.raises(ValidationError) as caught:
        services.report_comment(report=report, user=world.resp_head, comment=" ")
    assert caught.value.message_dict == {"comment": ["请填写意见内容。"]}


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (ReportStatus.DRAFT, "approve"),
        (ReportStatus.RETURNED, "approve"),
        (ReportStatus.APPROVED, "approve"),
        (ReportStatus.DRAFT, "return"),
        (ReportStatus.RETURNED, "return"),
        (ReportStatus.SUBMITTED, "submit"),
        (ReportStatus.APPROVED, "submit"),
    ],
)
def test_steps_the_status_does_not_allow_are_refused_over_the_api(world, make_report, api_as, status, step):
    # given a report in a status that does not allow the step
    report = make_report(status=status)
    user = world.resp_staff if step == "submit" else world.resp_head
    # when the step is tried
    response = api_as(user).post(f"{URL}{report.pk}/{step}/", {"comment": "意见。"}, format="json")
    # then the API answers 409 and nothing changes
    assert response.status_code == 409
    assert response.json()["detail"]
    assert ProgressReport.objects.get(pk=report.pk).version == report.version


def test_submit_needs_progress_text(world, make_report, api_as):
    # given a draft with no progress text
    report = make_report(done="")
    # when staff submit it
    response = api_as(world.resp_staff).post(f"{URL}{report.pk}/submit/", {}, format="json")
    # then the API names the missing field and the report stays a draft
    assert response.status_code == 400
    assert response.json()["done"] == ["请填写工作进展后再提交。"]
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_creating_an_existing_report_opens_it(world, make_report):
    # given 长春's June draft
    report = make_report()
    # when staff start June again, then they get the same report and no second "created" step
    again = services.report_create(
        user=world.resp_staff, work_item=world.item, unit=world.resp, period="2024-06"
    )
    assert again.pk == report.pk
    assert report.events.filter(action=ReportAction.CREATE).count() == 1


# ---------------------------------------------------------------- summaries need their file


def test_half_year_summary_needs_an_attachment_before_submit(world, api_as):
    # given 长春's 2024-H1 summary with text but no file
    staff = api_as(world.resp_staff)
    created = staff.post(
        URL,
        {"work_item": world.item.pk, "period": "2024-H1", "done": "上半年碳达峰工作总结。"},
        format="json",
    )
    assert created.status_code == 201
    report_id = created.json()["id"]
    assert created.json()["kind"] == "half_year_summary"

    # when staff submit it
    refused = staff.post(f"{URL}{report_id}/submit/", {}, format="json")
    # then the API asks for the summary file and it stays a draft
    assert refused.status_code == 400
    assert refused.json()["attachments"] == ["半年工作总结须上传总结文件后再提交。"]
    assert ProgressReport.objects.get(pk=report_id).status == ReportStatus.DRAFT

    # when they attach the file and submit again
    uploaded = staff.post(
        f"{URL}{report_id}/attachments/", {"file": pdf("上半年总结.pdf")}, format="multipart"
    )
    assert uploaded.status_code == 201
    assert uploaded.json()["name"] == "上半年总结.pdf"
    assert uploaded.json()["content_type"] == "application/pdf"
    accepted = staff.post(f"{URL}{report_id}/submit/", {}, format="json")
    # then it is submitted
    assert accepted.status_code == 200
    assert accepted.json()["status"] == ReportStatus.SUBMITTED
    assert [a["name"] for a in accepted.json()["attachments"]] == ["上半年总结.pdf"]


def test_monthly_report_needs_no_attachment(world, make_report):
    # given a monthly draft with text and no file
    report = make_report()
    # when it is submitted, then it goes through
    services.report_submit(report=report, user=world.resp_staff)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


# ---------------------------------------------------------------- late reports


def test_monthly_report_submitted_after_its_due_day_is_accepted_and_late(world, make_report, api_as):
    # given 长春's May 2024 report, due on 2024-06-05, submitted long after
    report = make_report(period="2024-05", status=ReportStatus.SUBMITTED)
    # when anyone reads it
    body = api_as(world.resp_head).get(f"{URL}{report.pk}/").json()
    # then it was accepted and is marked late
    assert body["status"] == ReportStatus.SUBMITTED
    assert body["due_date"] == "2024-06-05"
    assert body["is_late"] is True


def test_summary_submitted_after_its_plan_deadline_is_late(world, make_report, api_as):
    # given item 3's 2024-H1 summary, due by the plan on 2024-06-30, submitted long after
    report = make_report(period="2024-H1", status=ReportStatus.SUBMITTED)
    body = api_as(world.resp_staff).get(f"{URL}{report.pk}/").json()
    # then its due date is the plan's deadline and it is late
    assert body["due_date"] == "2024-06-30"
    assert body["is_late"] is True


@pytest.fixture
def this_year(db):
    """A plan for the current year, so that reports can be submitted on time today."""
    today = timezone.localdate()
    unit = factories.UnitFactory(code="baishan", name="白山市交通运输局", short_name="白山市")
    item = factories.WorkItemFactory(
        section=factories.SectionFactory(plan=factories.PlanFactory(year=today.year), number=1), number=3
    )
    factories.AssignmentFactory(work_item=item, unit=unit, role=AssignmentRole.RESPONSIBLE)
    factories.DeadlineFactory(
        work_item=item, name="年度工作总结", kind=DeadlineKind.ANNUAL_SUMMARY, period=f"{today.year}-Y",
        due_date=today + dt.timedelta(days=30),
    )  # fmt: skip
    staff = factories.UserFactory(username="baishan-staff", unit=unit, role=Role.UNIT_STAFF)
    return item, unit, staff, today


def test_monthly_report_submitted_on_time_is_not_late(this_year, api_as):
    # given this month's report, due on the 5th of next month
    item, _unit, staff, today = this_year
    client = api_as(staff)
    created = client.post(
        URL, {"work_item": item.pk, "period": f"{today:%Y-%m}", "done": "本月进展。"}, format="json"
    )
    assert created.status_code == 201, created.content.decode()
    assert created.json()["is_late"] is False
    # when it is submitted today
    body = client.post(f"{URL}{created.json()['id']}/submit/", {}, format="json").json()
    # then it is not late
    assert body["status"] == ReportStatus.SUBMITTED
    assert body["is_late"] is False


def test_summary_submitted_before_its_deadline_is_not_late(this_year, api_as):
    # given this year's annual summary, due by the plan in 30 days, with its file
    item, unit, staff, today = this_year
    report = services.report_create(user=staff, work_item=item, unit=unit, period=f"{today.year}-Y")
    services.report_update(
        report=report, user=staff, version=report.version, done="年度总结。", uploads=[pdf()]
    )
    # when it is submitted today
    services.report_submit(report=report, user=staff)
    body = api_as(staff).get(f"{URL}{report.pk}/").json()
    # then it is on time
    assert body["due_date"] == f"{today + dt.timedelta(days=30):%Y-%m-%d}"
    assert body["is_late"] is False


@pytest.mark.parametrize(
    ("submitted_local", "late"),
    [
        (dt.datetime(2024, 7, 5, 23, 30), False),  # on the due day, late in the evening (15:30 UTC)
        (dt.datetime(2024, 7, 6, 0, 10), True),  # the next morning in 吉林 (still 07-05 in UTC)
    ],
)
def test_late_is_judged_by_the_local_date_of_first_submission(world, make_report, submitted_local, late):
    # given June's report, due on 2024-07-05, first submitted at a given local time
    report = make_report(period="2024-06", status=ReportStatus.SUBMITTED)
    ProgressReport.objects.filter(pk=report.pk).update(submitted_at=timezone.make_aware(submitted_local))
    # when lateness is judged, then the due day itself is on time and the next day is late
    assert report_due_date(work_item=report.work_item, period="2024-06") == dt.date(2024, 7, 5)
    assert report_is_late(report) is late


def test_monthly_due_day_comes_from_the_plan(world, settings):
    # given the department moves the 2024 plan's monthly due day to the 10th
    Plan.objects.filter(pk=world.plan.pk).update(report_due_day=10)
    item = WorkItem.objects.select_related("plan").get(pk=world.item.pk)
    # then December's report is due on 10 January of the next year
    assert report_due_date(work_item=item, period="2024-12") == dt.date(2025, 1, 10)
    # and the setting, read when a plan is created, no longer moves a plan's due day
    settings.REPORT_MONTHLY_DUE_DAY = 20
    assert report_due_date(work_item=item, period="2024-12") == dt.date(2025, 1, 10)


def test_a_new_plan_takes_the_configured_due_day(db, settings):
    # given the department's configured monthly due day is the 10th when the 2025 plan is created
    settings.REPORT_MONTHLY_DUE_DAY = 10
    item = factories.WorkItemFactory(section=factories.SectionFactory(plan=factories.PlanFactory(year=2025)))
    settings.REPORT_MONTHLY_DUE_DAY = 5
    # then its monthly reports are due on the 10th, whatever the setting says later
    assert item.plan.report_due_day == 10
    assert report_due_date(work_item=item, period="2025-01") == dt.date(2025, 2, 10)


def test_late_report_can_still_be_approved(world, make_report):
    # given a late report
    report = make_report(period="2024-03", status=ReportStatus.SUBMITTED, values={world.km: Decimal("5")})
    assert report_is_late(report)
    # when the head approves it, then it counts like any other
    services.report_approve(report=report, user=world.resp_head)
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED


def test_draft_past_its_due_date_is_late_already(world, make_report):
    # given a draft for a month long past, never submitted
    report = make_report(period="2024-02")
    # then it is shown as late
    assert report_is_late(report) is True


def test_value_inputs_round_trip_through_history(world, make_report):
    # given a draft with both targets filled in
    report = make_report(values={world.km: "12.5", world.rate: "80"})
    # then the saved snapshot lists both in the targets' order with normalised numbers
    snapshot = report.events.last().snapshot
    assert [(v["name"], v["value"], v["unit"]) for v in snapshot["values"]] == [
        ("高速公路绿化里程", "12.5", "公里"),
        ("高速公路服务区快充覆盖率", "80", "%"),
    ]
