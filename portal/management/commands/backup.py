from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup.archive import BackupError, backup_write


class Command(BaseCommand):
    help = "备份整个门户：数据库全部记录（同一时刻）和全部文件（佐证材料、导出文件），写成一个 .tar.gz。"

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", required=True, help="备份文件，如 /backups/portal-2024-07-01.tar.gz"
        )

    def handle(self, *args, output, **options):
        try:
            summary = backup_write(Path(output))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"已备份到 {output}：{summary.rows} 条记录，{summary.files} 个文件（{summary.bytes} 字节）。"
            )
        )
