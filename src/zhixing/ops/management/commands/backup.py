"""`zhixing backup OUT`: the whole database into one checked file (docs/security.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhixing.ops.archive import BackupError
from zhixing.ops.backup import backup


class Command(BaseCommand):
    help = "备份整个数据库到一个文件（SQLite 在线备份，PostgreSQL 用 pg_dump），文件里记录格式、数据库类型、时间、各表行数与 SHA-256。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="备份文件路径（不能已存在）")
        parser.add_argument("--database", default="default", help="Django 数据库别名")

    def handle(self, *args, **options) -> None:
        try:
            manifest = backup(options["out"], using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"已备份 {manifest.database} 数据库到 {options['out']}：{len(manifest.tables)} 张表，"
            f"{manifest.total_rows} 行，SHA-256 {manifest.dump_sha256}"
        )
