from django.core.management.base import BaseCommand

from tasks.models import Obligation, Plan
from tasks.obligations import obligations_sync


class Command(BaseCommand):
    help = "按工作要点的规则重新生成报送义务（载入工作要点和后台修改时会自动生成；升级后运行一次即可）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="只处理这一年度")

    def handle(self, *args, year=None, **options):
        plans = Plan.objects.all() if year is None else Plan.objects.filter(year=year)
        for plan in plans:
            result = obligations_sync(plan=plan)
            total = Obligation.objects.filter(plan=plan).count()
            self.stdout.write(
                f"{plan.year}：新增 {result.created}，更新 {result.updated}，删除 {result.deleted}，共 {total} 条。"
            )
