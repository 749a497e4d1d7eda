import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notices.delivery import DeliveryFailed, deliver
from notices.models import Channel
from notices.reminders import reminders_run


class Command(BaseCommand):
    help = "发送某一天的截止提醒、逾期通知和逾期汇总（与每日定时任务同一套代码，在本进程内发完再返回）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="日期 YYYY-MM-DD（本地日期），默认今天")
        parser.add_argument("--dry-run", action="store_true", help="只列出将发送的通知，不发送、不记录")

    def handle(self, *args, date=None, dry_run=False, **options):
        try:
            day = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from exc
        result = reminders_run(day, dry_run=dry_run, queue=False)
        failed = 0
        for notice in result.notices:
            status = "将发送" if dry_run else "已发送"
            if not dry_run and notice.channel != Channel.INAPP:
                try:
                    deliver(notice.pk)
                except DeliveryFailed as exc:
                    failed += 1
                    status = f"发送失败（{exc}）"
            to = notice.address if notice.channel != Channel.INAPP else notice.user.username
            self.stdout.write(f"{status} · {Channel(notice.channel).label} · {to} · {notice.title}")
        counts = "，".join(f"{label} {result.count(c)} 条" for c, label in Channel.choices)
        verb = "将发送" if dry_run else "共发送"
        self.stdout.write(
            self.style.SUCCESS(f"{day:%Y-%m-%d}：{verb}{counts}。")
            if not failed
            else f"{day:%Y-%m-%d}：{verb}{counts}；失败 {failed} 条，见后台“通知与发送记录”。"
        )
