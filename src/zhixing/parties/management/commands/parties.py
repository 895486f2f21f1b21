"""`zhixing parties show NUMBER`: the text form of a party's panoramic view."""

from __future__ import annotations

from typing import IO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from zhixing.audit.log import record_command
from zhixing.core.money import format_yuan
from zhixing.parties.queries import Panorama, find_identity, panorama


class Command(BaseCommand):
    help = "Show a party's identity, every name and number it was written under, and all its cases."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="panoramic view of one party by any of its numbers")
        show.add_argument("number", help="resident ID (15 or 18 digits), credit code or organisation code")

    def handle(self, *args, **options) -> None:
        identity = find_identity(options["number"])
        if identity is None:
            raise CommandError(f"no party is known under the number {options['number']}")
        _print(panorama(identity), Console(file=cast(IO[str], self.stdout), width=160))
        record_command("view_party", "identity", identity.pk, identity_id=identity.pk)


def _print(view: Panorama, console: Console) -> None:
    identity = view.identity
    status = "已核验" if identity.verified else "未核验"
    console.print(f"[bold]{identity.name}[/bold]  {identity.kind}  {identity.id_type} {identity.id_number} ({status})")
    names = Table(title="登记信息（各来源的写法）")
    for column in ("来源", "当事人编号", "名称", "证件类型", "证件号码", "校验"):
        names.add_column(column)
    for row in view.written_as:
        names.add_row(
            row["source"], row["party_key"], row["name"], row["id_type"], row["id_number"],
            "通过" if row["id_verified"] else "未通过",
        )
    console.print(names)
    cases = Table(title=f"全部案件（{len(view.cases)} 件）")
    for column in ("案号", "法院", "程序", "案由", "地位", "状态", "结案方式", "承办人", "欠款", "案款余额"):
        cases.add_column(column)
    for case in view.cases:
        cases.add_row(
            case.case_no, case.court_name, case.procedure, case.cause, case.role, case.status,
            case.closure_mode, case.judge_id,
            format_yuan(case.owed_amount) if case.owed_amount is not None else "",
            format_yuan(case.money_held) if case.money_held else "",
        )
    console.print(cases)
    for title, rows, keys in (
        ("控制措施", view.measures, ("case__case_no", "kind", "started_on", "term_ends_on", "lifted_on", "detail")),
        ("财产线索", view.findings, ("finding_source", "found_on", "description", "value")),
        ("羁押服刑", view.custody, ("facility", "kind", "from_on", "to_on")),
        ("消费记录", view.consumption, ("kind", "occurred_at", "place")),
        ("工商登记", view.registrations, ("status", "changed_on", "source")),
    ):
        if rows:
            table = Table(title=title)
            for key in keys:
                table.add_column(key.replace("case__", ""))
            for row in rows:
                table.add_row(*["" if row[k] is None else str(row[k]) for k in keys])
            console.print(table)
