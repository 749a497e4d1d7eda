import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from exports.documents.content import default_draft_as_of, summary_draft
from exports.documents.layout import draft_docx
from tasks.models import Plan
from units.access import SYSTEM
from units.models import Unit


class Command(BaseCommand):
    help = "生成半年或年度碳达峰碳中和工作总结初稿（docx，GB/T 9704 公文格式），数据均来自已通过的进展报告。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="年度，如 2024")
        parser.add_argument(
            "--half", choices=["h1", "year"], default="h1", help="h1 上半年（默认），year 年度"
        )
        parser.add_argument("--unit", help="单位代码；不填为全厅")
        parser.add_argument("--as-of", help="截至日期 YYYY-MM-DD，默认该半年最后一期月报的截止日")
        parser.add_argument("-o", "--output", required=True, help="输出文件，如 总结.docx")

    def handle(self, *args, year, half, unit=None, as_of=None, output, **options):
        plan = Plan.objects.filter(year=year).first()
        if plan is None:
            raise CommandError(f"没有 {year} 年度的工作要点。")
        found = None
        if unit:
            found = Unit.objects.filter(code=unit).first()
            if found is None:
                raise CommandError(f"没有代码为 {unit} 的单位。")
        try:
            day = dt.date.fromisoformat(as_of) if as_of else default_draft_as_of(plan, half)
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{as_of}") from exc
        draft = summary_draft(user=SYSTEM, plan=plan, half=half, as_of=day, unit=found)
        draft_docx(draft, output)
        self.stdout.write(self.style.SUCCESS(f"已生成 {output}：{draft.title}，截至 {day:%Y-%m-%d}。"))
