"""`zhixing restore IN [--force]`: a backup back into the database, checked first."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhixing.ops.archive import BackupError
from zhixing.ops.backup import restore


class Command(BaseCommand):
    help = "从备份文件恢复整个数据库：先检查文件完整、类型相符，目标库有数据时须加 --force。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", metavar="IN", help="zhixing backup 写出的备份文件")
        parser.add_argument("--force", action="store_true", help="目标数据库已有数据时仍然覆盖")
        parser.add_argument("--database", default="default", help="Django 数据库别名")

    def handle(self, *args, **options) -> None:
        try:
            manifest = restore(options["path"], force=options["force"], using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"已从 {options['path']} 恢复 {manifest.database} 数据库（备份于 {manifest.created_at}）："
            f"{len(manifest.tables)} 张表，{manifest.total_rows} 行，行数与备份清单一致"
        )
