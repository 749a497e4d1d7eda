"""The daily reminder job: who is reminded of what on which day, once; overdue notices and the
leaders' digest; local dates at their edges; the command and the Celery task run the same code."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from notices.jobs import daily_reminders
from notices.models import Channel, Notice, NoticeKind, Reminder
from notices.reminders import occasion_of, reminders_run
from reports.choices import ReportStatus
from tasks.choices import AssignmentRole
from tests import factories


def send(day: str) -> str:
    out = StringIO()
    call_command("send_reminders", "--date", day, stdout=out)
    return out.getvalue()


def inbox(user):
    return list(Notice.objects.filter(user=user, channel=Channel.INAPP).order_by("pk"))


def mails_to(address: str):
    return [m for m in mail.outbox if address in m.to]


# -- who, on which day


def test_seven_days_before_the_half_year_summary_every_unit_owing_it_is_reminded_once(world):
    # 2024-06-23 is 7 days before 2024-06-30: item 3's three units owe the summary
    out = send("2024-06-23")
    for unit in (world.lead, world.resp, world.coop):
        [message] = mails_to(unit.email)
        assert "3号任务" in message.subject and "2024年上半年" in message.subject
        assert "还有 7 天" in message.body and "/reports/new/?work_item=" in message.body
        for person in (world.staff(unit), world.head(unit)):
            [notice] = inbox(person)
            assert notice.kind == NoticeKind.REMINDER and "2024年6月30日截止" in notice.body
    # six people, and the leader's digest of what is overdue
    assert "共发送站内通知 7 条，电子邮件 3 条" in out
    # a second run the same day sends nothing
    assert "共发送站内通知 0 条，电子邮件 0 条" in send("2024-06-23")
    assert len(mail.outbox) == 3


def test_offsets_are_the_configured_days_and_the_day_itself(world, settings):
    settings.REMINDER_DAYS_BEFORE = [15, 7, 3, 1, 0]
    summary = world.resp.obligations.get(period="2024-H1")
    assert occasion_of(summary, dt.date(2024, 6, 15)) == (NoticeKind.REMINDER, "before:15")
    assert occasion_of(summary, dt.date(2024, 6, 30)) == (NoticeKind.REMINDER, "before:0")
    assert occasion_of(summary, dt.date(2024, 6, 16)) is None  # 14 days before: not an offset
    # overdue: the day after, then every seventh day
    assert occasion_of(summary, dt.date(2024, 7, 1)) == (NoticeKind.OVERDUE, "overdue:2024-07-01")
    assert occasion_of(summary, dt.date(2024, 7, 2)) is None
    assert occasion_of(summary, dt.date(2024, 7, 8)) == (NoticeKind.OVERDUE, "overdue:2024-07-08")


def test_a_deadline_on_a_weekend_is_still_that_date(world):
    # 2024-06-30 is a Sunday: reminded on the Sunday itself, not moved to a working day
    assert dt.date(2024, 6, 30).weekday() == 6
    reminders_run(dt.date(2024, 6, 30), queue=False)
    [notice] = inbox(world.resp_staff)[-1:]
    assert "今天是最后一天" in notice.body


def test_no_reminder_to_a_unit_that_submitted_nor_to_a_cooperating_unit_that_owes_nothing(world, make_report):
    # 长春 has submitted its half-year summary; 四平 cooperates on item 9, which owes no reports
    with time_machine.travel(dt.datetime(2024, 6, 20, 10, tzinfo=dt.UTC)):
        make_report(unit=world.resp, period="2024-H1", status=ReportStatus.SUBMITTED)
    siping = factories.UnitFactory(code="siping", short_name="四平市")
    factories.AssignmentFactory(work_item=world.other_item, unit=siping, role=AssignmentRole.COOPERATING)
    factories.UserFactory(username="siping-staff", unit=siping)
    send("2024-06-23")
    assert not mails_to(world.resp.email) and not mails_to(siping.email)
    assert mails_to(world.lead.email) and mails_to(world.coop.email)


def test_a_draft_is_not_a_submission(world, make_report):
    make_report(unit=world.resp, period="2024-H1", status=ReportStatus.DRAFT)
    send("2024-06-23")
    assert mails_to(world.resp.email)


def test_overdue_notices_the_day_after_then_weekly_and_a_digest_to_leaders(world):
    # item 9's June progress was due on 5 July; nothing came
    send("2024-07-06")
    [notice] = [n for n in inbox(world.resp_staff) if n.kind == NoticeKind.OVERDUE]
    assert "9号任务" in notice.title or "逾期" in notice.title
    assert "逾期 1 天" in notice.body
    [digest] = inbox(world.leader)
    assert digest.kind == NoticeKind.DIGEST and "逾期未报" in digest.body and "长春市" in digest.body
    mail.outbox.clear()
    send("2024-07-07")  # not a week on: no overdue notice for that one, a new digest
    assert not [n for n in inbox(world.resp_staff) if "逾期 2 天" in n.body]
    assert len(inbox(world.leader)) == 2
    send("2024-07-13")
    assert [n for n in inbox(world.resp_staff) if "逾期 8 天" in n.body]


def test_a_person_who_wants_no_email_still_gets_the_notice(world):
    world.resp_staff.email, world.resp_staff.email_notices = "cc-staff@example.cn", False
    world.resp_staff.save()
    world.resp_head.email = "cc-head@example.cn"
    world.resp_head.save()
    send("2024-06-23")
    [message] = mails_to(world.resp.email)
    assert "cc-head@example.cn" in message.to and "cc-staff@example.cn" not in message.to
    assert inbox(world.resp_staff)


def test_a_dry_run_lists_and_sends_nothing(world):
    out = StringIO()
    call_command("send_reminders", "--date", "2024-06-23", "--dry-run", stdout=out)
    assert "将发送 · 电子邮件" in out.getvalue()
    assert not mail.outbox and not Notice.objects.exists() and not Reminder.objects.exists()


def test_a_bad_date_is_refused_in_chinese(world):
    with pytest.raises(Exception, match="日期格式应为 YYYY-MM-DD"):
        call_command("send_reminders", "--date", "2024-6-31")


# -- local dates


@pytest.mark.parametrize(
    ("utc", "local_day"),
    [
        # 15:59 UTC on 22 June is 23:59 in Shanghai: still the 22nd there
        ("2024-06-22T15:59:00+00:00", dt.date(2024, 6, 22)),
        # 16:00 UTC on 22 June is midnight in Shanghai: the 23rd, seven days before 30 June
        ("2024-06-22T16:00:00+00:00", dt.date(2024, 6, 23)),
    ],
)
def test_the_job_takes_the_day_in_shanghai_whatever_the_servers_clock(world, utc, local_day):
    with time_machine.travel(dt.datetime.fromisoformat(utc), tick=False):
        assert timezone.localdate() == local_day
        daily_reminders.delay()
    reminded = Reminder.objects.filter(occasion="before:7").exists()
    assert reminded == (local_day == dt.date(2024, 6, 23))


def test_the_schedule_fires_at_nine_in_shanghai_not_nine_utc(world):
    task = PeriodicTask.objects.get(task="reports.daily_reminders")
    schedule = task.schedule
    last_run = dt.datetime(2024, 6, 22, 1, 0, tzinfo=dt.UTC)  # 09:00 Shanghai on the 22nd
    with time_machine.travel(dt.datetime(2024, 6, 23, 0, 59, tzinfo=dt.UTC), tick=False):
        due, _next = schedule.is_due(last_run)
        assert not due  # 08:59 in Shanghai
    with time_machine.travel(dt.datetime(2024, 6, 23, 1, 0, 30, tzinfo=dt.UTC), tick=False):
        due, _next = schedule.is_due(last_run)
        assert due  # 09:00 in Shanghai, 01:00 UTC
    with time_machine.travel(dt.datetime(2024, 6, 23, 8, 59, tzinfo=dt.UTC), tick=False):
        # had it been 09:00 UTC the job would still be waiting here; it has long been due
        assert schedule.is_due(last_run)[0]


# -- exactly once


def test_the_task_run_twice_and_the_command_after_it_give_one_email_and_one_notice_each(world):
    daily_reminders.delay("2024-06-23")
    daily_reminders.delay("2024-06-23")
    send("2024-06-23")
    assert len(mails_to(world.resp.email)) == 1
    assert len(inbox(world.resp_staff)) == 1


def test_the_database_refuses_a_second_reminder_record(world):
    reminders_run(dt.date(2024, 6, 23), queue=False)
    record = Reminder.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(
            obligation=record.obligation, occasion=record.occasion, channel=record.channel,
            recipient=record.recipient, notice=record.notice,
        )  # fmt: skip
