import json

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.demo import demo_history_create
from reports.models import ProgressReport
from tasks.models import Plan
from tasks.services import plan_load
from units.choices import Role
from units.models import Unit, User
from units.services import unit_upsert_many, user_create

FIXTURES = settings.BASE_DIR / "fixtures"


class Command(BaseCommand):
    help = (
        "载入单位与 2024 年工作要点，创建演示账号，并以演示账号走一遍 2024 年的填报与审核（虚构的演示数据，"
        "截至 2025-01-15）。可重复运行，第二次不改变任何数据。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="DEBUG 关闭时仍创建演示账号")
        parser.add_argument(
            "--no-accounts",
            action="store_true",
            help="只载入单位和工作要点，不创建演示账号（也不生成演示填报记录）",
        )
        parser.add_argument(
            "--no-history", action="store_true", help="不生成 2024 年的演示填报记录（只有工作要点和演示账号）"
        )
        parser.add_argument(
            "--reload-plan",
            action="store_true",
            help="按 fixtures 重新载入已有的 2024 年工作要点（会覆盖管理员在后台对其任务、指标和填报单位的修改）",
        )

    def handle(self, *args, force=False, no_accounts=False, no_history=False, reload_plan=False, **options):
        if not settings.DEBUG and not (force or no_accounts):
            raise CommandError(
                "DEBUG 已关闭：为安全起见不创建演示账号。只载入数据请加 --no-accounts；确需演示账号请加 --force。"
            )
        with transaction.atomic():
            units = json.loads((FIXTURES / "units.json").read_text(encoding="utf-8"))["units"]
            created, updated = unit_upsert_many(data=units)
            self.stdout.write(f"单位：新增 {created}，更新 {updated}，共 {Unit.objects.count()} 个。")

            plan_data = json.loads((FIXTURES / "plan-2024.json").read_text(encoding="utf-8"))
            plan = Plan.objects.filter(year=plan_data["year"]).first()
            if plan is None or reload_plan:
                # loaded once: afterwards the plan is the administrators' (the web container runs this
                # command at every start, which must not undo their changes)
                source = (FIXTURES / plan_data["source"]).read_text(encoding="utf-8")
                plan = plan_load(data=plan_data, source_text=source)
                self.stdout.write(f"工作要点：{plan.title}，{plan.work_items.count()} 项任务。")
            else:
                self.stdout.write(
                    f"工作要点：{plan.title} 已存在，保持不变（按文件重新载入请加 --reload-plan）。"
                )

            if no_accounts:
                return
            made = self._accounts()
        password_note = "（密码为 DEMO_PASSWORD，默认 jilin2024）" if made else ""
        self.stdout.write(self.style.SUCCESS(f"演示账号：新建 {made} 个，已有账号保持不变{password_note}。"))
        if not no_history:
            self._history(plan)

    def _history(self, plan) -> None:
        """The invented reporting history, once: only while the plan has no report at all, so that a
        second run, or a portal where people have started reporting, is left as it is."""
        if ProgressReport.objects.filter(work_item__plan=plan).exists():
            self.stdout.write(f"演示填报记录：{plan.year} 年工作要点已有进展报告，保持不变。")
            return
        history = demo_history_create(plan=plan)
        labels = {"approved": "已通过", "submitted": "待审核", "returned": "已退回", "draft": "草稿"}
        parts = "、".join(
            f"{label} {history.by_status[k]}" for k, label in labels.items() if history.by_status.get(k)
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"演示填报记录（虚构）：按 {history.as_of:%Y-%m-%d} 当天的情形，经填报与审核流程创建进展报告 "
                f"{history.reports} 份（{parts}），当天逾期未报 {history.states.get('overdue', 0)} 份。"
            )
        )

    def _accounts(self) -> int:
        password_hash = make_password(settings.DEMO_PASSWORD)
        wanted = [("admin", Role.ADMIN, None, "系统", "管理员"), ("leader", Role.LEADER, None, "厅", "领导")]
        for unit in Unit.objects.order_by("sort_order"):
            wanted.append((f"staff-{unit.code}", Role.UNIT_STAFF, unit, unit.short_name, "填报人"))
            wanted.append((f"head-{unit.code}", Role.UNIT_HEAD, unit, unit.short_name, "负责人"))
        existing = set(User.objects.values_list("username", flat=True))
        made = 0
        for username, role, unit, last_name, first_name in wanted:
            if username in existing:
                continue
            user_create(
                username=username,
                password_hash=password_hash,
                role=role,
                unit=unit,
                last_name=last_name,
                first_name=first_name,
            )
            made += 1
        return made
