"""Checks across rows: keys repeated within a batch, references that must resolve."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from zhixing.cases.models import Case, Court
from zhixing.core.bulksql import rows_matching
from zhixing.exchange.errors import Problems
from zhixing.exchange.parsing import ParsedFile
from zhixing.exchange.spec import BY_NAME, Kind
from zhixing.parties.models import PartyRecord


def row_key(key_columns: Iterable[str], values: dict[str, Any]) -> tuple[Any, ...]:
    # Optional key columns (fees.kind, actions.staff_id …) are stored as "" when empty.
    return tuple("" if values.get(name) is None else values[name] for name in key_columns)


def merge_repeats(parsed: ParsedFile, problems: Problems) -> None:
    """Reject repeated keys; for keys the platform chose, drop rows identical to an earlier one."""
    spec = BY_NAME[parsed.entity]
    seen: dict[tuple[Any, ...], tuple[int, dict[str, Any]]] = {}
    kept = []
    # registrations are keyed by the normalised number: name the column the file has.
    shown_key = "+".join(spec.key).replace("id_key", "id_number")
    for line, values in parsed.rows:
        key = row_key(spec.key, values)
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = (line, values)
            kept.append((line, values))
        elif spec.contract_key:
            problems.add(parsed.label, line, shown_key, f"键重复：与第 {earlier[0]} 行相同")
        elif earlier[1] != values:
            problems.add(parsed.label, line, shown_key, f"键与第 {earlier[0]} 行相同但内容不同")
    parsed.rows = kept


@dataclass
class KnownInDatabase:
    """Ids of referenced rows that the batch does not bring but the database has."""

    courts: set[str] = field(default_factory=set)
    case_ids: dict[str, int] = field(default_factory=dict)
    party_ids: dict[str, int] = field(default_factory=dict)


def _references(files: dict[str, ParsedFile], kind: Kind) -> dict[str, list[tuple[str, int, str]]]:
    """value -> every (file, line, column) where a column of this kind names it."""
    places: dict[str, list[tuple[str, int, str]]] = {}
    for parsed in files.values():
        columns = [c.name for c in BY_NAME[parsed.entity].columns if c.kind is kind]
        for name in columns:
            for line, values in parsed.rows:
                value = values.get(name)
                if value is not None:
                    places.setdefault(value, []).append((parsed.label, line, name))
    return places


def _keys_of(files: dict[str, ParsedFile], entity: str, column: str) -> set[str]:
    parsed = files.get(entity)
    return {values[column] for _, values in parsed.rows} if parsed else set()


def check_references(files: dict[str, ParsedFile], source: str, problems: Problems) -> KnownInDatabase:
    known = KnownInDatabase()
    court_refs = _references(files, Kind.COURT_REF)
    missing = sorted(set(court_refs) - _keys_of(files, "courts", "code"))
    known.courts.update(code for (code,) in rows_matching(Court, ["code"], ((v,) for v in missing), ["code"]))
    _report(court_refs, missing, known.courts, problems, lambda v: f"法院代码 {v!r} 在本批次和数据库中都不存在")

    case_refs = _references(files, Kind.CASE_REF)
    missing = sorted(set(case_refs) - _keys_of(files, "cases", "case_no"))
    known.case_ids.update(rows_matching(Case, ["case_no"], ((v,) for v in missing), ["case_no", "id"]))
    _report(case_refs, missing, known.case_ids, problems, lambda v: f"案号 {v!r} 在本批次和数据库中都不存在")

    party_refs = _references(files, Kind.PARTY_REF)
    missing = sorted(set(party_refs) - _keys_of(files, "parties", "party_key"))
    wanted = ((source, v) for v in missing)
    known.party_ids.update(rows_matching(PartyRecord, ["source", "party_key"], wanted, ["party_key", "id"]))
    _report(
        party_refs,
        missing,
        known.party_ids,
        problems,
        lambda v: f"当事人 {v!r} 在本批次和数据库中（来源 {source}）都不存在",
    )
    check_own_court(files, source, problems)
    return known


# Rows that an agency may report about any court's case: they change nothing of the case.
_ANY_COURT = {"asset_findings"}


def check_own_court(files: dict[str, ParsedFile], source: str, problems: Problems) -> None:
    """A source writes only its own court's cases: its cases rows name its court, and no row
    changes a case the database holds for another court (asset findings excepted)."""
    cases = files.get("cases")
    if cases is not None:
        for line, values in cases.rows:
            if values["court_code"] != source:
                problems.add(cases.label, line, "court_code",
                             f"来源 {source} 只能报送本院的案件，不能报送法院 {values['court_code']} 的案件")
    places: dict[str, list[tuple[str, int, str]]] = {}
    for parsed in files.values():
        if parsed.entity in _ANY_COURT:
            continue
        for column in (c.name for c in BY_NAME[parsed.entity].columns if c.kind in (Kind.CASE_REF, Kind.CASE_NO)):
            for line, values in parsed.rows:
                if parsed.entity == "cases" and values["court_code"] != source:
                    continue  # already refused for naming another court
                if values.get(column) is not None:
                    places.setdefault(values[column], []).append((parsed.label, line, column))
    for case_no, court in rows_matching(Case, ["case_no"], ((v,) for v in sorted(places)), ["case_no", "court_id"]):
        if court == source:
            continue
        for label, line, column in places[case_no]:
            problems.add(label, line, column, f"案件 {case_no} 属于其他法院，来源 {source} 不能更改它")


def _report(
    places: dict[str, list[tuple[str, int, str]]],
    missing: list[str],
    found: Iterable[str],
    problems: Problems,
    reason: Callable[[str], str],
) -> None:
    found_set = set(found)
    for value in missing:
        if value in found_set:
            continue
        for label, line, column in places[value]:
            problems.add(label, line, column, reason(value))
