"""An alert's evidence as the alert page shows it: each value in Chinese conventions, by the
kind its scenario declares (money in fen rendered as yuan, dates, datetimes)."""

from __future__ import annotations

import datetime as dt
import re
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


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def format_value(value: Any, kind: str) -> str:
    """One evidence value; a value that does not parse as its kind is shown as written (an
    ISO date among the texts in Chinese form)."""
    if value is None or value == "":
        return "—"
    if kind == "text" and isinstance(value, str) and ISO_DATE.match(value):
        kind = "date"
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


STAFF_ID = re.compile(r"沪\d{2,4}-[A-Z]\d{3}")
COURT_CODE = re.compile(r"^沪\d{2,4}$")
NAMED_STAFF = re.compile(r"^(.+)（沪\d{2,4}-[A-Z]\d{3}）$")


def _internal(label: str) -> bool:
    """Source systems' row ids (措施编号 CK00000036406, 线索编号, 暂缓发放编号) mean nothing to
    a reader; the API keeps them."""
    return label.endswith("编号")


class _Names:
    """Staff ids and court codes in evidence, said as names (looked up once per page)."""

    def __init__(self) -> None:
        from zhixing.cases.models import Court, Staff

        self.courts = dict(Court.objects.values_list("code", "name"))
        self._staff = Staff.objects
        self.staff: dict[str, str] = {}

    def say(self, text: str) -> str:
        named = NAMED_STAFF.match(text)
        if named:
            return named.group(1)
        if COURT_CODE.match(text):
            return self.courts.get(text, text)
        if STAFF_ID.fullmatch(text):
            if text not in self.staff:
                self.staff[text] = self._staff.filter(pk=text).values_list("name", flat=True).first() or "—"
            return self.staff[text]
        return text


def evidence_rows(scenario_code: str, evidence: Any) -> list[EvidenceRow]:
    if not isinstance(evidence, dict):
        return [EvidenceRow("内容", format_value(evidence, "text"))]
    declared = scenario_text.scenario(scenario_code)
    kinds: dict[str, str] = {}
    if declared is not None:
        fields = list(declared.evidence) + list(declared.details.fields if declared.details else ())
        kinds = {f.label: f.kind for f in fields}
    rows = []
    names = _Names()
    for label, value in evidence.items():
        if _internal(label):
            continue
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            headings = [h for h in dict.fromkeys(k for item in value for k in item) if not _internal(h)]
            body = [[names.say(format_value(item.get(h), kinds.get(h, "text"))) for h in headings] for item in value]
            rows.append(EvidenceRow(label, table=[headings, *body]))
        elif label == PARAMETERS and isinstance(value, dict):
            shown = {scenario_text.parameter_label(scenario_code, k): v for k, v in value.items()}
            rows.append(EvidenceRow(label, format_value(shown, "text")))
        else:
            rows.append(EvidenceRow(label, names.say(format_value(value, kinds.get(label, "text")))))
    return rows
