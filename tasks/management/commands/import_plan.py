import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tasks.choices import ROLE_SHORT, Comparator
from tasks.workpoints.imports import plan_import
from tasks.workpoints.parse import parse_document
from tasks.workpoints.read import DocumentRefused, document_text
from tasks.workpoints.resolve import draft_json, resolve_units


class Command(BaseCommand):
    help = (
        "从工作要点原文（.txt 或 .docx）导入某年度工作要点：解析出板块、任务、承担单位、量化指标和报送节点。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="工作要点原文，.txt（UTF-8 或 GB18030）或 .docx")
        parser.add_argument("--year", type=int, required=True, help="年度，如 2025")
        parser.add_argument("--dry-run", action="store_true", help="只解析并打印，不写入")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="打印格式")

    def handle(self, *args, file, year, dry_run=False, format="text", **options):
        path = Path(file)
        try:
            text = document_text(data=path.read_bytes(), name=path.name)
        except OSError as exc:
            raise CommandError(f"无法读取文件 {file}：{exc.strerror}") from exc
        except DocumentRefused as exc:
            raise CommandError(str(exc)) from exc
        draft = parse_document(text, year=year)
        resolution = resolve_units(draft)
        if format == "json":
            self.stdout.write(json.dumps(draft_json(draft, resolution), ensure_ascii=False, indent=2))
        else:
            self._print(draft, resolution)
        if draft.problems:
            raise CommandError("原文有问题，未导入：\n" + "\n".join(draft.problems))
        for warning in draft.warnings:
            self.stderr.write(self.style.WARNING(f"{warning}：导入后请在后台为该任务指定承担单位。"))
        if dry_run:
            return
        if resolution.unknown:
            raise CommandError(
                "以下单位名称无法识别，未导入：" + "、".join(resolution.unknown)
                + "。请在后台为对应单位添加别名或新建单位，或在网页“导入工作要点”中逐个选择。"
            )  # fmt: skip
        try:
            plan = plan_import(draft=draft, source_text=text)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stderr.write(self.style.SUCCESS(f"已导入 {plan.title}：{len(draft.items)} 项任务。"))

    def _print(self, draft, resolution):
        out = self.stdout
        out.write(f"{draft.title}（{draft.year} 年）")
        if draft.issuer or draft.doc_number:
            out.write(" ".join(filter(None, (draft.issuer, draft.doc_number))))
        for section in draft.sections:
            out.write(f"\n{section.number}. {section.title}")
            for item in (i for i in draft.items if i.section == section.number):
                units = "；".join(
                    f"{ROLE_SHORT[u.role]}:{u.name}{'' if u.unit else '（未识别）'}"
                    for u in resolution.items[item.number]
                )
                out.write(f"  {item.number}. {item.title}\n     单位 {units}")
                for t in item.targets:
                    goal = (f"{t.target_min}–{t.target_max}" if t.comparator == Comparator.RANGE
                            else f"{Comparator(t.comparator).label}{t.target_value}")  # fmt: skip
                    out.write(f"     指标 {t.name}：{goal}{t.measure_unit}，{t.due_date:%Y-%m-%d} 前")
                for d in item.deadlines:
                    out.write(f"     报送 {d.name}：{d.due_date:%Y-%m-%d} 前")
        if resolution.unknown:
            out.write(
                "\n未识别的单位："
                + "、".join(f"{n}（第{'、'.join(map(str, i))}项）" for n, i in resolution.unknown.items())
            )
