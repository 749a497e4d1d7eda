"""Workflow notices, the bell's inbox, 催办, and delivery: each notice reaches whom it concerns,
once, over each channel; failures are kept and retried; nobody reads another's notices."""

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from notices.delivery import DeliveryFailed, deliver, undelivered
from notices.jobs import deliver_notice
from notices.models import Channel, DeliveryStatus, Notice, NoticeKind, Urge
from notices.urges import urge_create
from reports.choices import ReportStatus
from reports.workflow import services
from tasks.models import Obligation


def inbox(user):
    return list(Notice.objects.filter(user=user, channel=Channel.INAPP).order_by("pk"))


# -- workflow


def test_a_submission_tells_the_head_and_a_return_tells_the_staff_with_the_comment(
    world, make_report, django_capture_on_commit_callbacks
):
    world.resp_staff.email = "cc-staff@example.cn"
    world.resp_staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(unit=world.resp, period="2024-06", status=ReportStatus.SUBMITTED)
    [to_head] = inbox(world.resp_head)
    assert to_head.kind == NoticeKind.SUBMITTED and "请审核" in to_head.body
    assert to_head.link == f"/reports/{report.pk}/"
    assert not inbox(world.resp_staff)  # the staff member submitted it: no notice to themself
    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(report=report, user=world.resp_head, comment="请补充六月的里程数据。")
    [returned] = inbox(world.resp_staff)
    assert returned.kind == NoticeKind.RETURNED and "请补充六月的里程数据。" in returned.body
    [message] = [m for m in mail.outbox if "cc-staff@example.cn" in m.to]
    assert "【已退回】" in message.subject and "请补充六月的里程数据。" in message.body


def test_an_approval_tells_the_staff_and_a_correction_tells_the_whole_unit(
    world, make_report, django_capture_on_commit_callbacks
):
    report = make_report(unit=world.resp, period="2024-06", status=ReportStatus.APPROVED)
    assert [n.kind for n in inbox(world.resp_staff)] == [NoticeKind.APPROVED]
    report.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_correct(
            report=report, user=world.admin, version=report.version, reason="里程数据录入有误。",
            done="更正后的进展。", problems="", next_steps="",
        )  # fmt: skip
    assert inbox(world.resp_staff)[-1].kind == NoticeKind.CORRECTED
    assert inbox(world.resp_head)[-1].kind == NoticeKind.CORRECTED
    [message] = [m for m in mail.outbox if world.resp.email in m.to]
    assert "里程数据录入有误。" in message.body


def test_a_refused_step_leaves_no_notice(world, make_report):
    report = make_report(unit=world.resp, period="2024-06", status=ReportStatus.SUBMITTED)
    before = Notice.objects.count()
    with pytest.raises(ValidationError):
        services.report_return(report=report, user=world.resp_head, comment="  ")
    assert Notice.objects.count() == before


# -- the inbox


def test_the_api_lists_ones_own_notices_newest_first_and_marks_them_read(world, make_report, api_client):
    make_report(unit=world.resp, period="2024-05", status=ReportStatus.SUBMITTED)
    make_report(unit=world.resp, period="2024-06", status=ReportStatus.SUBMITTED)
    api_client.force_login(world.resp_head)
    listed = api_client.get("/api/v1/notifications/?unread=true").json()
    assert [n["title"][-7:] for n in listed["results"]] == ["2024年6月", "2024年5月"]
    first = listed["results"][0]["id"]
    assert api_client.post(f"/api/v1/notifications/{first}/read/").json()["read"] is True
    assert len(api_client.get("/api/v1/notifications/?unread=true").json()["results"]) == 1
    assert api_client.post("/api/v1/notifications/read-all/").json() == {"read": 1}
    assert api_client.get("/api/v1/notifications/?unread=true").json()["results"] == []
    # another person's notice is not there for them
    api_client.force_login(world.resp_staff)
    assert api_client.post(f"/api/v1/notifications/{first}/read/").status_code == 404


def test_opening_a_notice_reads_it_and_leads_to_its_report(world, make_report, client):
    report = make_report(unit=world.resp, period="2024-06", status=ReportStatus.SUBMITTED)
    [notice] = inbox(world.resp_head)
    client.force_login(world.resp_head)
    page = client.get(reverse("notice-list")).content.decode()
    assert 'data-testid="bell-count">1<' in page
    response = client.get(reverse("notice-open", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    assert 'data-testid="bell-count"' not in client.get(reverse("notice-list")).content.decode()


def test_email_preference_needs_an_address(world, client):
    client.force_login(world.resp_staff)
    response = client.post(reverse("notice-settings"), {"email": "", "email_notices": "on"})
    assert "要接收邮件通知，请填写电子邮箱。" in response.content.decode()
    client.post(reverse("notice-settings"), {"email": "cc@example.cn"})
    world.resp_staff.refresh_from_db()
    assert (world.resp_staff.email, world.resp_staff.email_notices) == ("cc@example.cn", False)


# -- 催办


def overdue_july(world):
    return Obligation.objects.get(unit=world.resp, work_item=world.other_item, period="2024-07")


def test_a_leader_urges_an_overdue_report_and_the_unit_hears_of_it(world, django_capture_on_commit_callbacks):
    obligation = overdue_july(world)
    with django_capture_on_commit_callbacks(execute=True):
        urge = urge_create(user=world.leader, obligation=obligation, note="请本周内报送。")
    for person in (world.resp_staff, world.resp_head):
        [notice] = inbox(person)
        assert notice.urged and notice.kind == NoticeKind.URGED and "请本周内报送。" in notice.body
    [message] = [m for m in mail.outbox if world.resp.email in m.to]
    assert message.subject.startswith("【催办】")
    assert Urge.objects.get() == urge and urge.by == world.leader


def test_only_leaders_and_administrators_urge_and_only_what_is_overdue(world, make_report, client):
    with pytest.raises(PermissionDenied):
        urge_create(user=world.resp_head, obligation=overdue_july(world))
    with time_machine.travel(dt.datetime(2024, 8, 1, 10, tzinfo=dt.UTC)):
        make_report(unit=world.resp, item=world.other_item, period="2024-07", status=ReportStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="只能催办已逾期且尚未报送的报告"):
        urge_create(user=world.leader, obligation=overdue_july(world))
    client.force_login(world.admin)
    august = Obligation.objects.get(unit=world.resp, work_item=world.other_item, period="2024-08")
    response = client.post(reverse("obligation-urge", args=[august.pk]), {"note": "长" * 501})
    assert "附言不能超过 500 字。" in response.content.decode() and not Urge.objects.exists()
    client.post(reverse("obligation-urge", args=[august.pk]), {"note": "请尽快。"})
    page = client.get(reverse("obligation-urge", args=[august.pk])).content.decode()
    assert "请尽快。" in page and "admin" in page  # recorded: who, and the note


def test_the_api_urges_for_leaders(world, api_client):
    obligation = overdue_july(world)
    api_client.force_login(world.resp_head)
    assert api_client.post(f"/api/v1/obligations/{obligation.pk}/urge/", {"note": "x"}).status_code == 403
    api_client.force_login(world.leader)
    response = api_client.post(
        f"/api/v1/obligations/{obligation.pk}/urge/", {"note": "请尽快报送。"}, format="json"
    )
    assert response.status_code == 201 and response.json()["note"] == "请尽快报送。"


# -- delivery


def pending_email(world):
    return Notice.objects.create(
        channel=Channel.EMAIL, kind=NoticeKind.REMINDER, key="test:1", recipient=f"unit:{world.resp.pk}",
        unit=world.resp, address=world.resp.email, title="【截止提醒】测试", body="内容",
    )  # fmt: skip


def test_smtp_failure_is_kept_and_the_next_attempt_sends_once(world, settings):
    notice = pending_email(world)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2  # nothing listens
    with pytest.raises(DeliveryFailed):
        deliver(notice.pk)
    notice.refresh_from_db()
    assert notice.status == DeliveryStatus.FAILED and notice.attempts == 1 and notice.error
    assert undelivered() == [notice.pk]
    # the mail server is back
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    deliver_notice.delay(notice.pk)
    deliver_notice.delay(notice.pk)  # a retried task finds it sent
    notice.refresh_from_db()
    assert notice.status == DeliveryStatus.SENT and notice.error == "" and notice.attempts == 2
    assert len(mail.outbox) == 1 and undelivered() == []


def test_a_claim_left_by_a_killed_worker_expires_and_the_notice_goes_then(world):
    notice = pending_email(world)
    Notice.objects.filter(pk=notice.pk).update(
        status=DeliveryStatus.SENDING, claimed_until=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    )
    assert deliver(notice.pk) is False and not mail.outbox  # another worker holds it
    Notice.objects.filter(pk=notice.pk).update(
        claimed_until=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    )
    assert deliver(notice.pk) is True and len(mail.outbox) == 1


class Robot(BaseHTTPRequestHandler):
    received: list = []
    answer = b'{"errcode": 0, "errmsg": "ok"}'

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Robot.received.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(Robot.answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def robot():
    Robot.received, Robot.answer = [], b'{"errcode": 0, "errmsg": "ok"}'
    server = HTTPServer(("127.0.0.1", 0), Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/cgi-bin/webhook/send?key=test"
    server.shutdown()


def test_a_units_work_group_robot_gets_the_text_message(world, robot):
    world.resp.webhook_url = robot
    world.resp.save()
    call_command("send_reminders", "--date", "2024-06-23", stdout=open("/dev/null", "w"))
    [(content_type, payload)] = Robot.received
    assert content_type.startswith("application/json")
    assert payload["msgtype"] == "text" and "【截止提醒】3号任务" in payload["text"]["content"]
    assert Notice.objects.get(channel=Channel.WEBHOOK).status == DeliveryStatus.SENT


def test_a_robot_that_answers_an_error_code_is_a_failure(world, robot):
    Robot.answer = b'{"errcode": 93000, "errmsg": "invalid webhook url"}'
    notice = Notice.objects.create(
        channel=Channel.WEBHOOK, kind=NoticeKind.URGED, key="test:2", recipient=f"unit:{world.resp.pk}",
        unit=world.resp, address=robot, title="【催办】测试", body="内容",
    )  # fmt: skip
    with pytest.raises(DeliveryFailed, match="93000"):
        deliver(notice.pk)
    notice.refresh_from_db()
    assert notice.status == DeliveryStatus.FAILED and "93000" in notice.error


def test_an_administrator_resends_a_failed_email_from_the_admin(
    world, client, django_capture_on_commit_callbacks
):
    notice = pending_email(world)
    Notice.objects.filter(pk=notice.pk).update(
        status=DeliveryStatus.FAILED, attempts=8, error="SMTPException"
    )
    client.force_login(world.admin)
    changelist = client.get("/admin/notices/notice/?status__exact=failed").content.decode()
    assert "【截止提醒】测试" in changelist and "发送失败" in changelist
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/notices/notice/", {"action": "resend", "_selected_action": [notice.pk]}, follow=True
        )
    notice.refresh_from_db()
    assert notice.status == DeliveryStatus.SENT and len(mail.outbox) == 1


def test_the_overview_and_the_unit_page_offer_催办_to_leaders_only(world, client):
    urge_link = reverse("obligation-urge", args=[overdue_july(world).pk])
    client.force_login(world.leader)
    assert urge_link in client.get(reverse("leader-home")).content.decode()
    assert urge_link in client.get(reverse("unit-detail", args=[world.resp.code])).content.decode()
    client.force_login(world.resp_head)
    assert urge_link not in client.get(reverse("leader-home")).content.decode()
    assert urge_link not in client.get(reverse("unit-detail", args=[world.resp.code])).content.decode()
    assert client.get(urge_link).status_code == 403


def test_the_admin_lists_the_emails_that_have_not_gone_out(world, client):
    from notices.models import Channel, DeliveryStatus, Notice

    waiting = Notice.objects.create(
        user=world.resp_head, kind="returned", channel=Channel.EMAIL, address="head@x.example", title="待发",
        status=DeliveryStatus.FAILED, key="probe:1",
    )  # fmt: skip
    sent = Notice.objects.create(
        user=world.resp_head, kind="returned", channel=Channel.EMAIL, address="head@x.example", title="已发",
        status=DeliveryStatus.SENT, key="probe:2",
    )  # fmt: skip
    client.force_login(world.admin)
    listed = client.get("/admin/notices/notice/", {"undelivered": "yes"}).content.decode()
    assert f"/admin/notices/notice/{waiting.pk}/change/" in listed
    assert f"/admin/notices/notice/{sent.pk}/change/" not in listed
