import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from exports.scope import SummaryFilter
from exports.summary import summary_write
from tasks.models import Plan
from units.access import SYSTEM
from units.models import Unit, User


class Command(BaseCommand):
    help = "导出某年度工作要点的汇总表（Excel：总表、指标、单位、碳达峰报送、明细）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="年度，如 2024")
        parser.add_argument("--as-of", help="截至日期 YYYY-MM-DD，默认今天")
        parser.add_argument("--section", type=int, help="只导出某一板块（序号）")
        parser.add_argument("--unit", help="只导出某一单位（代码）")
        parser.add_argument("--period", default="", help="明细只列某一报送期，如 2024-06")
        parser.add_argument("-o", "--output", required=True, help="输出文件，如 汇总.xlsx")
        parser.add_argument("--user", help="以某人的身份导出（只含其可见范围），默认以系统身份导出全部")

    def handle(
        self, *args, year, as_of=None, section=None, unit=None, period="", output, user=None, **options
    ):
        plan = Plan.objects.filter(year=year).first()
        if plan is None:
            raise CommandError(f"没有 {year} 年度的工作要点。")
        try:
            day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{as_of}") from exc
        unit_id = None
        if unit:
            found = Unit.objects.filter(code=unit).first()
            if found is None:
                raise CommandError(f"没有代码为 {unit} 的单位。")
            unit_id = found.pk
        # a named person sees what they see on their pages; the operator's command, everything
        reader = SYSTEM
        if user:
            reader = User.objects.filter(username=user, is_active=True).first()
            if reader is None:
                raise CommandError(f"没有用户名为 {user} 的在用账号。")
        rows = summary_write(
            output,
            user=reader,
            plan=plan,
            as_of=day,
            only=SummaryFilter(section=section, unit_id=unit_id, period=period),
        )
        self.stdout.write(
            self.style.SUCCESS(f"已导出 {output}：{plan.title}，截至 {day:%Y-%m-%d}，明细 {rows} 行。")
        )
