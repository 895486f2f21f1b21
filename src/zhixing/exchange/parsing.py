"""Raw cells to typed values, column by column, as the file specifications declare them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zhixing.core.caseno import CaseNumberError, normalise_loose, parse_case_no
from zhixing.exchange.errors import Problems
from zhixing.exchange.readers import RawFile
from zhixing.exchange.spec import Column, FileSpec, Kind
from zhixing.exchange.values import BadValue, to_amount, to_date, to_datetime, to_key, to_text
from zhixing.parties.resolution import record_identity_fields

Values = dict[str, Any]
ParsedRow = tuple[int, Values]
# Files whose rows name a person or company by number: they get id_key (an IdKey) / id_verified.
IDENTIFIED = ("parties", "custody", "consumption", "registrations")


@dataclass
class ParsedFile:
    entity: str
    label: str
    rows: list[ParsedRow] = field(default_factory=list)
    read: int = 0  # rows in the file, before identical repeats are merged


# Case.seq is an INTEGER column.
MAX_CASE_SEQ = 2**31 - 1


def _case_no(raw: Any) -> str:
    text = to_text(raw)
    try:
        number = parse_case_no(text)
    except CaseNumberError:
        raise BadValue(f"案号无法识别：{text!r}（应如 (2024)沪0104执1234号）") from None
    if number.seq > MAX_CASE_SEQ:
        raise BadValue(f"案号序号过大：{text!r}")
    return str(number)


def _judgment_no(raw: Any) -> str:
    """Matched against cases.basis_case_no and keying basis_changes: a key's rules apply."""
    return normalise_loose(to_key(raw))


_CONVERTERS: dict[Kind, Callable[[Any], Any]] = {
    Kind.TEXT: to_text,
    Kind.ENUM: to_text,
    Kind.DATE: to_date,
    Kind.DATETIME: to_datetime,
    Kind.AMOUNT: to_amount,
    Kind.CASE_NO: _case_no,
    Kind.CASE_REF: _case_no,
    Kind.JUDGMENT_NO: _judgment_no,
    Kind.PARTY_REF: to_text,
    Kind.COURT_REF: to_text,
}


@dataclass(frozen=True)
class _Plan:
    column: Column
    convert: Callable[[Any], Any]
    max_length: int | None
    known_values: frozenset[str] | None


def _plans(spec: FileSpec) -> list[_Plan]:
    return [
        _Plan(
            column,
            to_key if spec.is_key(column) else _CONVERTERS[column.kind],
            spec.max_length(column),
            frozenset(column.values) if column.kind is Kind.ENUM else None,
        )
        for column in spec.columns
    ]


def parse_file(
    spec: FileSpec, raw: RawFile, problems: Problems, warnings: list[str]
) -> ParsedFile:
    parsed = ParsedFile(spec.name, raw.label, read=len(raw.rows))
    if raw.columns is not None:
        missing = [name for name in spec.required if name not in raw.columns]
        for name in missing:
            problems.add(raw.label, 1, name, "缺少必填列")
        if missing:
            return parsed
    plans = _plans(spec)
    if raw.columns is not None:
        # A column missing from the header is empty on every row: decide it once.
        absent = {p.column.name: None for p in plans if p.column.name not in raw.columns}
        plans = [p for p in plans if p.column.name not in absent]
    else:
        absent = {}
    identified = spec.name in IDENTIFIED
    for line, cells in raw.rows:
        values: Values = dict(absent)
        ok = True
        for plan in plans:
            name = plan.column.name
            cell = cells.get(name)
            if cell is None or (cell.__class__ is str and not cell.strip()):
                if plan.column.required:
                    problems.add(raw.label, line, name, "必填字段为空")
                    ok = False
                values[name] = None
                continue
            try:
                value = plan.convert(cell)
            except BadValue as exc:
                problems.add(raw.label, line, name, str(exc))
                ok = False
                continue
            if plan.max_length is not None and len(value) > plan.max_length:
                problems.add(raw.label, line, name, f"长度 {len(value)} 超过上限 {plan.max_length} 个字符")
                ok = False
                continue
            if plan.known_values is not None and value not in plan.known_values:
                allowed = "/".join(plan.column.values)
                if plan.column.required:
                    problems.add(raw.label, line, name, f"未知取值 {value!r}，应为 {allowed} 之一")
                    ok = False
                    continue
                warnings.append(f"{raw.label}:{line}: {name}: 未知取值 {value!r}，按原样保存（已知取值：{allowed}）")
            values[name] = value
        if not ok:
            continue
        if identified:
            values["id_key"], values["id_verified"] = record_identity_fields(
                values.get("id_type"), values.get("id_number")
            )
        parsed.rows.append((line, values))
    return parsed
