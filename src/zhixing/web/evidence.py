"""An alert's evidence as the alert page shows it: each value in Chinese conventions, by the
kind its scenario declares (money in fen rendered as yuan, dates, datetimes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from zhixing.core.clock import SHANGHAI
from zhixing.core.money import format_yuan
from zhixing.web import scenario_text

PARAMETERS = "规则参数"


@dataclass
class EvidenceRow:
    label: str
    text: str = ""
    table: list[list[str]] = field(default_factory=list)  # first row: headings


def chinese_date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def format_value(value: Any, kind: str) -> str:
    """One evidence value; a value that does not parse as its kind is shown as written."""
    if value is None or value == "":
        return "—"
    if kind == "money_fen":
        try:
            return format_yuan(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    if kind == "date" and isinstance(value, str):
        try:
            return chinese_date(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return value
    if kind == "datetime" and isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        local = moment.astimezone(SHANGHAI) if moment.tzinfo else moment
        return f"{chinese_date(local.date())} {local:%H:%M}"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "；".join(f"{k}：{format_value(v, 'text')}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(format_value(v, "text") for v in value)
    return str(value)


def evidence_rows(scenario_code: str, evidence: Any) -> list[EvidenceRow]:
    if not isinstance(evidence, dict):
        return [EvidenceRow("内容", format_value(evidence, "text"))]
    declared = scenario_text.scenario(scenario_code)
    kinds: dict[str, str] = {}
    if declared is not None:
        fields = list(declared.evidence) + list(declared.details.fields if declared.details else ())
        kinds = {f.label: f.kind for f in fields}
    rows = []
    for label, value in evidence.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            headings = list(dict.fromkeys(k for item in value for k in item))
            body = [[format_value(item.get(h), kinds.get(h, "text")) for h in headings] for item in value]
            rows.append(EvidenceRow(label, table=[headings, *body]))
        else:
            rows.append(EvidenceRow(label, format_value(value, kinds.get(label, "text"))))
    return rows
