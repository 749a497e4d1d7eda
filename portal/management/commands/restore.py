from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup.archive import BackupError, restore_read


class Command(BaseCommand):
    help = "从 backup 命令的备份文件恢复到已迁移的空数据库和存储，逐个核对文件；恢复后清空缓存。"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="备份文件（.tar.gz）")
        parser.add_argument("--force", action="store_true", help="数据库中已有数据时先清空再恢复")

    def handle(self, *args, archive, force=False, **options):
        try:
            summary = restore_read(Path(archive), force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"已恢复：{summary.rows} 条记录，{summary.files} 个文件（{summary.bytes} 字节），缓存已清空。"
            )
        )
