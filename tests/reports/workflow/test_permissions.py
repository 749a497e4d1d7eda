"""Who may do what to a responsible unit's (长春) report on item 3, through the services and over the
API. Roles: administrator, leader, the report unit's staff and head, the lead unit's (综规处) head and
staff, and the cooperating unit's (吉林) staff and head, who stand for "another unit"."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from reports.choices import ReportAction, ReportStatus
from reports.models import Attachment, ProgressReport, ReportEvent, TargetValue
from reports.validation import ValueInput
from reports.workflow import services
from tests.uploads import pdf
from tests.world import WORLD_ROLES
from units.access import restrict

ROLES = WORLD_ROLES

# Who may do each operation to 长春's report; everyone else is refused.
ALLOWED = {
    "view": {"admin", "leader", "resp_staff", "resp_head", "lead_head"},
    "edit": {"resp_staff"},
    "submit": {"resp_staff"},
    "attach": {"resp_staff"},
    "approve": {"resp_head"},
    "return": {"resp_head", "lead_head"},
    "comment": {"resp_head", "lead_head"},
    "correct": {"admin"},
    "create": {"resp_staff"},
}
# The status each operation starts from.
# A draft is its unit's own: leaders and the lead unit's head see a report once it is submitted.
DRAFT_VIEWERS = ALLOWED["view"] - {"leader", "lead_head"}


def viewers(status: str) -> set[str]:
    return DRAFT_VIEWERS if status == ReportStatus.DRAFT else ALLOWED["view"]


START = {
    "view": ReportStatus.SUBMITTED,
    "edit": ReportStatus.DRAFT,
    "submit": ReportStatus.DRAFT,
    "attach": ReportStatus.DRAFT,
    "approve": ReportStatus.SUBMITTED,
    "return": ReportStatus.SUBMITTED,
    "comment": ReportStatus.SUBMITTED,
    "correct": ReportStatus.APPROVED,
}


# ---------------------------------------------------------------- services


def _run_service(op, *, report, user, world):
    if op == "edit":
        return services.report_update(
            report=report, user=user, version=report.version, done="改写的进展。",
            values=[ValueInput(world.km, Decimal("12"))],
        )  # fmt: skip
    if op == "submit":
        return services.report_submit(report=report, user=user)
    if op == "attach":
        return services.attachment_add(report=report, user=user, upload=pdf())
    if op == "approve":
        return services.report_approve(report=report, user=user)
    if op == "return":
        return services.report_return(report=report, user=user, comment="请补充明细。")
    if op == "comment":
        return services.report_comment(report=report, user=user, comment="注意数据口径。")
    if op == "correct":
        return services.report_correct(
            report=report, user=user, version=report.version, reason="数据录入错误。", done="更正后的进展。",
            problems="", next_steps="", values=[ValueInput(world.km, Decimal("15"))],
        )  # fmt: skip
    raise AssertionError(op)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("op", [op for op in START if op != "view"])
def test_service_allows_exactly_the_roles_in_the_matrix(world, make_report, role, op):
    # given 长春's report in the status the operation starts from
    report = make_report(status=START[op], values={world.km: 10})
    user = world.user(role)
    before = (report.version, report.status, ReportEvent.objects.filter(report=report).count())

    if role in ALLOWED[op]:
        # when an allowed role acts, then the report moves on and the step is in its history
        _run_service(op, report=report, user=user, world=world)
        report.refresh_from_db()
        last = report.events.last()
        assert last.actor == user
        assert report.events.count() == before[2] + 1
    else:
        # when anyone else tries, then they are refused and nothing changes
        with pytest.raises(PermissionDenied):
            _run_service(op, report=report, user=user, world=world)
        report.refresh_from_db()
        assert (report.version, report.status, report.events.count()) == before


@pytest.mark.parametrize("role", ROLES)
def test_service_create_only_by_the_units_own_staff(world, role):
    # given 长春 has no report for May yet
    user = world.user(role)
    if role in ALLOWED["create"]:
        # when its staff start one, then a draft exists
        report = services.report_create(user=user, work_item=world.item, unit=world.resp, period="2024-05")
        assert report.status == ReportStatus.DRAFT
    else:
        # when anyone else tries to start it for 长春, then they are refused
        with pytest.raises(PermissionDenied):
            services.report_create(user=user, work_item=world.item, unit=world.resp, period="2024-05")
        assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_restrict_shows_the_report_only_to_those_who_may_see_it(world, make_report, role):
    # given 长春's submitted report with a value and an attachment
    report = make_report(status=ReportStatus.SUBMITTED, values={world.km: 10})
    Attachment.objects.create(
        report=report,
        file="reports/x.pdf",
        name="x.pdf",
        content_type="application/pdf",
        size=1,
        uploaded_by=world.resp_staff,
    )
    user = world.user(role)
    # when each role's querysets are narrowed
    visible = ProgressReport.objects.restrict(user).filter(pk=report.pk).exists()
    # then the report, its values, events and attachments are visible exactly to the matrix's roles
    expected = role in ALLOWED["view"]
    assert visible is expected
    for model in (TargetValue, ReportEvent, Attachment):
        assert restrict(model.objects.filter(report=report), user).exists() is expected, model


def test_restrict_hides_everything_from_anonymous(world, make_report):
    # given a report
    make_report()
    # when an anonymous visitor's queryset is narrowed, then it is empty
    from django.contrib.auth.models import AnonymousUser

    assert not ProgressReport.objects.restrict(AnonymousUser()).exists()


def test_lead_head_does_not_see_a_cooperating_units_report(world, make_report):
    # given 吉林 (cooperating, not responsible) has a report on the item 综规处 leads
    report = make_report(unit=world.coop, status=ReportStatus.SUBMITTED)
    # when the lead unit's head looks, then it is not theirs to review
    assert not ProgressReport.objects.restrict(world.lead_head).filter(pk=report.pk).exists()
    with pytest.raises(PermissionDenied):
        services.report_return(report=report, user=world.lead_head, comment="请补充。")


def test_inactive_user_sees_nothing_and_may_do_nothing(world, make_report):
    # given 长春's head has been deactivated
    report = make_report(status=ReportStatus.SUBMITTED)
    head = world.resp_head
    head.is_active = False
    head.save()
    # when they try to look or approve, then nothing is visible and the approval is refused
    assert not ProgressReport.objects.restrict(head).exists()
    with pytest.raises(PermissionDenied):
        services.report_approve(report=report, user=head)


# ---------------------------------------------------------------- API


URL = "/api/v1/progress-reports/"


def _api_call(op, client, report, world):
    detail = f"{URL}{report.pk}/"
    if op == "retrieve":
        return client.get(detail)
    if op == "edit":
        payload = {
            "version": report.version,
            "done": "改写的进展。",
            "values": [{"target": world.km.pk, "value": "12"}],
        }
        return client.patch(detail, payload, format="json")
    if op == "submit":
        return client.post(f"{detail}submit/", {}, format="json")
    if op == "attach":
        return client.post(f"{detail}attachments/", {"file": pdf()}, format="multipart")
    if op in ("approve", "comment"):
        return client.post(f"{detail}{op}/", {"comment": "同意。"}, format="json")
    if op == "return":
        return client.post(f"{detail}return/", {"comment": "请补充明细。"}, format="json")
    if op == "correct":
        payload = {"version": report.version, "reason": "数据录入错误。", "done": "更正后的进展。"}
        return client.post(f"{detail}correct/", payload, format="json")
    raise AssertionError(op)


API_OPS = ["retrieve", "edit", "submit", "attach", "approve", "return", "comment", "correct"]


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
@pytest.mark.parametrize("op", API_OPS)
def test_api_answers_each_role_and_operation(world, make_report, api_as, role, op):
    # given 长春's report in the status the operation starts from
    status = START.get(op, ReportStatus.SUBMITTED)
    report = make_report(status=status, values={world.km: 10})
    before = (report.version, report.status, report.events.count(), Attachment.objects.count())
    user = world.user(role)

    # when the role calls the endpoint
    response = _api_call(op, api_as(user), report, world)

    # then: anonymous 401; cannot see it 404; may see but not act 403; allowed 200 (201 for a file)
    allowed = ALLOWED["view" if op == "retrieve" else op]
    if role == "anonymous":
        expected = 401
    elif role not in viewers(status):
        expected = 404
    elif role in allowed:
        expected = 201 if op == "attach" else 200
    else:
        expected = 403
    assert response.status_code == expected, response.content.decode()
    report.refresh_from_db()
    after = (report.version, report.status, report.events.count(), Attachment.objects.count())
    if expected >= 400:
        assert after == before
    elif op != "retrieve":
        assert after != before
    if expected == 404:
        assert "报告不存在或您无权查看" in response.json()["detail"]


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_api_list_holds_the_report_only_for_those_who_may_see_it(world, make_report, api_as, role):
    # given reports of 长春 and of 吉林 on item 3
    report = make_report(status=ReportStatus.SUBMITTED)
    coop_report = make_report(unit=world.coop, status=ReportStatus.SUBMITTED)
    # when the role lists reports
    response = api_as(world.user(role)).get(URL)
    if role == "anonymous":
        assert response.status_code == 401
        return
    # then 长春's report is listed exactly for the roles that may see it
    ids = {row["id"] for row in response.json()["results"]}
    assert (report.pk in ids) is (role in ALLOWED["view"])
    # and 吉林's for the administrator, the leader and 吉林's own people
    assert (coop_report.pk in ids) is (role in {"admin", "leader", "coop_staff", "coop_head"})


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_api_create_only_by_the_units_own_staff(world, api_as, role):
    # given 长春 has no report for May
    payload = {"work_item": world.item.pk, "unit": world.resp.pk, "period": "2024-05", "done": "开展了工作。"}
    # when the role asks to start one for 长春
    response = api_as(world.user(role)).post(URL, payload, format="json")
    # then only 长春's staff may; the rest are refused (the plan's units are public, so 403, not 404)
    expected = {"anonymous": 401, "resp_staff": 201}.get(role, 403)
    assert response.status_code == expected, response.content.decode()
    assert ProgressReport.objects.exists() is (expected == 201)
    if expected == 201:
        assert response.json()["status"] == ReportStatus.DRAFT
        assert response.json()["done"] == "开展了工作。"


def test_api_create_without_unit_uses_the_staff_members_unit(world, api_as):
    # given a staff member of 长春
    client = api_as(world.resp_staff)
    # when they start a report without naming a unit
    response = client.post(URL, {"work_item": world.other_item.pk, "period": "2024-05"}, format="json")
    # then it is their unit's
    assert response.status_code == 201
    assert response.json()["unit"] == world.resp.pk


def test_api_create_refused_for_an_item_the_unit_is_not_assigned(world, api_as):
    # given 吉林 has no part in item 9
    client = api_as(world.coop_staff)
    # when its staff try to report on it
    response = client.post(URL, {"work_item": world.other_item.pk, "period": "2024-05"}, format="json")
    # then they are refused and nothing is created
    assert response.status_code == 403
    assert "本单位未承担该项工作任务" in response.json()["detail"]
    assert not ProgressReport.objects.exists()


# ---------------------------------------------------------------- an approved report


def test_approved_report_is_read_only_for_its_staff(world, make_report, api_as):
    # given 长春's approved report
    report = make_report(status=ReportStatus.APPROVED, values={world.km: 10})
    client = api_as(world.resp_staff)
    before = report.version

    # when its staff read it, then they may
    assert client.get(f"{URL}{report.pk}/").status_code == 200
    # but a change is refused because of the status (409), not of who they are
    edit = client.patch(f"{URL}{report.pk}/", {"version": report.version, "done": "改了。"}, format="json")
    assert edit.status_code == 409
    assert "已通过" in edit.json()["detail"]
    assert client.post(f"{URL}{report.pk}/submit/", {}, format="json").status_code == 409
    upload = client.post(f"{URL}{report.pk}/attachments/", {"file": pdf()}, format="multipart")
    assert upload.status_code == 409
    # and the head, who may not edit at all, is refused for who they are (403)
    head_edit = api_as(world.resp_head).patch(
        f"{URL}{report.pk}/", {"version": report.version, "done": "改了。"}, format="json"
    )
    assert head_edit.status_code == 403
    report.refresh_from_db()
    assert report.version == before
    assert report.done == "完成了部分工作。"
    assert not report.attachments.filter(name="佐证材料.pdf").exists()


def test_approved_report_is_read_only_through_the_services(world, make_report):
    # given 长春's approved report
    report = make_report(status=ReportStatus.APPROVED)
    # when its staff try to change it, then the status forbids it
    with pytest.raises(services.ReportStateError):
        services.report_update(report=report, user=world.resp_staff, version=report.version, done="改了。")
    with pytest.raises(services.ReportStateError):
        services.attachment_add(report=report, user=world.resp_staff, upload=pdf())
    # and the unit's own head may not return an approved report (only a submitted one)
    with pytest.raises(services.ReportStateError):
        services.report_return(report=report, user=world.resp_head, comment="再看看。")


def test_admin_corrects_an_approved_report_and_history_keeps_both_versions(world, make_report, api_as):
    # given 长春's approved report of 10 km
    report = make_report(status=ReportStatus.APPROVED, done="完成绿化 10 公里。", values={world.km: 10})
    approved_version = report.version

    # when the administrator corrects it to 12 km, giving a reason
    response = api_as(world.admin).post(
        f"{URL}{report.pk}/correct/",
        {"version": report.version, "reason": "市局来函更正里程。", "done": "完成绿化 12 公里。",
         "values": [{"target": world.km.pk, "value": "12"}]},
        format="json",
    )  # fmt: skip

    # then the report carries the correction and stays approved
    assert response.status_code == 200, response.content.decode()
    body = response.json()
    assert body["status"] == ReportStatus.APPROVED
    assert body["done"] == "完成绿化 12 公里。"
    assert body["version"] == approved_version + 1
    # and the history holds the correction with its reason beside the approved original
    history = body["history"]
    correction = history[-1]
    assert correction["action"] == ReportAction.CORRECT
    assert correction["actor"] == "admin"
    assert correction["comment"] == "市局来函更正里程。"
    assert correction["snapshot"]["done"] == "完成绿化 12 公里。"
    assert correction["snapshot"]["values"][0]["value"] == "12"
    approval = next(e for e in history if e["action"] == ReportAction.APPROVE)
    assert approval["version"] == approved_version
    assert approval["snapshot"]["done"] == "完成绿化 10 公里。"
    assert approval["snapshot"]["values"][0]["value"] == "10"


def test_correction_needs_a_reason(world, make_report, api_as):
    # given an approved report
    report = make_report(status=ReportStatus.APPROVED)
    # when the administrator corrects it without a reason
    response = api_as(world.admin).post(
        f"{URL}{report.pk}/correct/", {"version": report.version, "reason": " ", "done": "x"}, format="json"
    )
    # then it is refused with a message on the reason and nothing changes
    assert response.status_code == 400
    assert "reason" in response.json()
    report.refresh_from_db()
    assert report.done == "完成了部分工作。"


def test_correction_only_of_an_approved_report(world, make_report):
    # given a submitted report
    report = make_report(status=ReportStatus.SUBMITTED)
    # when the administrator tries to correct it, then the unit should be asked instead
    with pytest.raises(services.ReportStateError):
        services.report_correct(
            report=report, user=world.admin, version=report.version, reason="x", done="y", problems="",
            next_steps="",
        )  # fmt: skip


def test_lead_head_may_return_a_responsible_units_approved_report(world, make_report, api_as):
    # given 长春's report on item 3 was approved by 长春's head
    report = make_report(status=ReportStatus.APPROVED, values={world.km: 10})
    # when the head of the lead unit (综规处) returns it with a comment
    response = api_as(world.lead_head).post(
        f"{URL}{report.pk}/return/", {"comment": "与省级统计口径不一致，请核实。"}, format="json"
    )
    # then it goes back to 长春 and no longer counts as approved
    assert response.status_code == 200
    assert response.json()["status"] == ReportStatus.RETURNED
    assert response.json()["approved_at"] is None
    assert response.json()["history"][-1]["comment"] == "与省级统计口径不一致，请核实。"


@pytest.mark.parametrize("role", ["leader", "lead_head"])
def test_a_draft_is_its_units_own_until_submitted(world, make_report, client, api_as, role):
    # given 长春's draft with evidence, on the item 综规处 leads
    draft = make_report(period="2024-06", values={world.km: 10})
    services.attachment_add(report=draft, user=world.resp_staff, upload=pdf())
    attachment = draft.attachments.get()
    user = world.user(role)
    client.force_login(user)
    # then the leader and the lead unit's head see nothing of it: page, list, API, evidence
    assert client.get(f"/reports/{draft.pk}/").status_code == 404
    assert client.get(f"/reports/{draft.pk}/attachments/{attachment.pk}/").status_code == 404
    assert f"/reports/{draft.pk}/" not in client.get("/reports/").content.decode()
    assert api_as(user).get(f"/api/v1/progress-reports/{draft.pk}/").status_code == 404
    assert draft.pk not in [r["id"] for r in api_as(user).get("/api/v1/progress-reports/").json()["results"]]
    # while the unit's own head and the administrator do
    for own in (world.resp_head, world.admin):
        assert api_as(own).get(f"/api/v1/progress-reports/{draft.pk}/").status_code == 200
    # when the unit submits it, then it is theirs to read
    services.report_submit(report=draft, user=world.resp_staff)
    assert client.get(f"/reports/{draft.pk}/").status_code == 200
    assert api_as(user).get(f"/api/v1/progress-reports/{draft.pk}/").status_code == 200
