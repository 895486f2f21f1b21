"""Evaluate one scenario on one engine as of a date: bind thresholds, run the query once
per parameter group, and merge the rows into findings (one per dedup key) with their
recipients and evidence. Nothing here reads the wall clock."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.dateparse import parse_datetime

from zhixing.cases.enums import CENTRE, CHIEF
from zhixing.core.clock import SHANGHAI, end_of_day
from zhixing.scenarios.base import Details, Field, Params, Route, Row, Scenario
from zhixing.scenarios.compile import (
    SCOPE_CASES,
    SCOPE_IDENTITIES,
    IdList,
    expanded,
    scope_lists,
    scoped,
    tables_used,
)
from zhixing.scenarios.engines import Engine
from zhixing.scenarios.params import parameter_groups

SEVERITY_RANK = {"高": 3, "中": 2, "低": 1}


@dataclass(frozen=True)
class CaseLink:
    case_id: int
    case_no: str
    label: str


@dataclass(frozen=True)
class Finding:
    """What one alert should say as of the scan date."""

    scenario: str
    dedup_key: str
    severity: str
    subject_id: int | None
    cases: tuple[CaseLink, ...]
    recipients: tuple[tuple[str, str], ...]  # (staff_id, reason)
    evidence: dict[str, Any]

    def case_ids(self, label: str) -> list[int]:
        """The cases the finding names under this label (CaseRole.label)."""
        return [c.case_id for c in self.cases if c.label == label]


@dataclass(frozen=True)
class Scope:
    """Touched identities and cases (real-time evaluation)."""

    identity_ids: frozenset[int] = frozenset()
    case_ids: frozenset[int] = frozenset()


@dataclass
class StaffDirectory:
    """Chiefs and command-centre staff per court, and staff names for the evidence. A scan
    loads every name at once; real-time evaluation (``every_name=False``) looks up only the
    judges its few findings name."""

    by_court_role: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    staff_names: dict[str, str] = field(default_factory=dict)
    court_names: dict[str, str] = field(default_factory=dict)
    every_name: bool = True

    @classmethod
    def load(cls, every_name: bool = True) -> StaffDirectory:
        from zhixing.cases.models import Court, Staff

        table: dict[tuple[str, str], list[str]] = defaultdict(list)
        names: dict[str, str] = {}
        rows = Staff.objects.order_by("staff_id")
        if not every_name:
            rows = rows.filter(role__in=(CHIEF, CENTRE))
        for staff_id, court_id, role, name in rows.values_list("staff_id", "court_id", "role", "name"):
            names[staff_id] = name
            if role in (CHIEF, CENTRE):
                table[(court_id, role)].append(staff_id)
        courts = dict(Court.objects.values_list("code", "name"))
        return cls(dict(table), names, courts, every_name)

    def learn_names(self, staff_ids: set[str]) -> None:
        """Make sure these staff members' names are known (one query for the missing ones)."""
        from zhixing.cases.models import Staff

        missing = {s for s in staff_ids if s and s not in self.staff_names}
        if missing and not self.every_name:
            self.staff_names.update(Staff.objects.filter(pk__in=missing).values_list("staff_id", "name"))

    def judge_label(self, staff_id: str | None) -> str | None:
        if not staff_id:
            return None
        name = self.staff_names.get(staff_id)
        return f"{name}（{staff_id}）" if name and name != staff_id else staff_id

    def staff(self, court: str | None, role: str) -> list[str]:
        return self.by_court_role.get((court or "", role), [])


def _to_shanghai(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite computed columns: naive UTC text
        parsed = parse_datetime(value)
        if parsed is None:
            raise ValueError(f"not a datetime: {value!r}")
        value = parsed
    if value.tzinfo is None:  # engines hand back aware values; text from SQLite is UTC
        value = value.replace(tzinfo=dt.UTC)
    shown: str = value.astimezone(SHANGHAI).isoformat(timespec="seconds")
    return shown


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _to_shanghai(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _datetime_columns(scenario: Scenario) -> set[str]:
    fields = list(scenario.evidence) + list(scenario.details.fields if scenario.details else ())
    return {f.column for f in fields if f.kind == "datetime"}


def normalise(columns: list[str], raw: tuple[Any, ...], datetimes: set[str]) -> dict[str, Any]:
    row = {}
    for name, value in zip(columns, raw, strict=True):
        row[name] = _to_shanghai(value) if name in datetimes else _plain(value)
    return row


def render(fld: Field, row: Row) -> Any:
    value = row.get(fld.column)
    if value is None:
        return None
    if fld.kind == "money_fen":
        return f"{Decimal(int(value)) / 100:.2f}"
    if fld.kind == "int":
        return int(value)
    return value if fld.kind in ("date", "datetime") else str(value)


def _sort_key(row: Row) -> tuple[Any, ...]:
    return tuple((v is None, str(v)) for _, v in sorted(row.items()))


def _route(scenario: Scenario, route: Route, row: Row, staff: StaffDirectory) -> list[tuple[str, str]]:
    if route.only_when is not None and not route.only_when(row):
        return []
    role = scenario.case_role(route.case)
    court = row.get(role.column("court_id"))
    suffix = f"({route.case})" if route.case else ""
    if route.kind == "judge":
        judge = row.get(role.column("judge_id"))
        if judge:
            return [(str(judge), route.reason)]
        return [(s, f"centre{suffix}") for s in staff.staff(court, CENTRE)]
    wanted = CHIEF if route.kind == "chief" else CENTRE
    return [(s, route.reason) for s in staff.staff(court, wanted)]


def _details(details: Details, rows: list[Row]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for row in rows:
        item = {f.label: render(f, row) for f in details.fields}
        if item not in items:
            items.append(item)
    return items


def _case_evidence(scenario: Scenario, rows: list[Row], staff: StaffDirectory) -> list[dict[str, Any]]:
    """Each case the alert names, with its court and judge, so nobody has to look them up."""
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        for role in scenario.cases:
            case_no = row.get(role.column("case_no"))
            if case_no is None or case_no in seen:
                continue
            court = row.get(role.column("court_id"))
            seen[case_no] = {
                "标签": role.label or None,
                "案号": case_no,
                "法院": staff.court_names.get(court or "", court),
                "承办法官": staff.judge_label(row.get(role.column("judge_id"))),
            }
    return [seen[k] for k in sorted(seen)]


def merge(scenario: Scenario, rows: list[tuple[Row, Params]], staff: StaffDirectory) -> list[Finding]:
    """One finding per dedup key, from rows sorted so every engine merges alike."""
    staff.learn_names({
        str(row[role.column("judge_id")])
        for row, _ in rows for role in scenario.cases if row.get(role.column("judge_id"))
    })
    grouped: dict[str, list[tuple[Row, Params]]] = defaultdict(list)
    for row, params in sorted(rows, key=lambda rp: _sort_key(rp[0])):
        key = "|".join("" if row[c] is None else str(row[c]) for c in scenario.key)
        grouped[key].append((row, params))
    findings = []
    for key in sorted(grouped):
        members = grouped[key]
        first, params = members[0]
        recipients: dict[str, str] = {}
        cases: dict[int, CaseLink] = {}
        severity = "低"
        for row, row_params in members:
            for route in scenario.recipients:
                for staff_id, reason in _route(scenario, route, row, staff):
                    recipients.setdefault(staff_id, reason)
            for role in scenario.cases:
                case_id = row.get(role.column("case_id"))
                if case_id is not None and case_id not in cases:
                    cases[case_id] = CaseLink(int(case_id), str(row[role.column("case_no")]), role.label)
            level = scenario.severity(row, row_params)
            if SEVERITY_RANK[level] > SEVERITY_RANK[severity]:
                severity = level
        evidence = {f.label: render(f, first) for f in scenario.evidence}
        evidence["案件"] = _case_evidence(scenario, [r for r, _ in members], staff)
        if scenario.details is not None:
            evidence[scenario.details.label] = _details(scenario.details, [r for r, _ in members])
        if scenario.enrich is not None:
            evidence.update(scenario.enrich(first, params))
        if params:
            evidence["规则参数"] = dict(sorted(params.items()))
        findings.append(
            Finding(
                scenario=scenario.code,
                dedup_key=key,
                severity=severity,
                subject_id=first.get("subject_id"),
                cases=tuple(sorted(cases.values(), key=lambda c: (c.case_no, c.label))),
                recipients=tuple(sorted(recipients.items())),
                evidence=evidence,
            )
        )
    return findings


def bound_parameters(scenario: Scenario, as_of: dt.date, values: Params) -> dict[str, Any]:
    return {"as_of": as_of, "as_of_end": end_of_day(as_of), **scenario.bind(as_of, values)}


_RENDERED: dict[tuple[Any, ...], str] = {}


def _scenario_sql(scenario: Scenario, engine: Engine, lists: dict[str, IdList] | None) -> str:
    """The scenario's SQL for this engine, rendered once per scope shape (real-time
    evaluation runs the same few shapes for every event)."""
    if lists is None:
        key: tuple[Any, ...] = (engine.name, scenario.sql)
    else:
        identity_columns = tuple(c for c in scenario.scope if not c.endswith("case_id"))
        case_columns = tuple(c for c in scenario.scope if c.endswith("case_id"))
        key = (
            engine.name, scenario.sql, identity_columns, case_columns,
            bool(lists[SCOPE_IDENTITIES]), bool(lists[SCOPE_CASES]),
        )
    if key not in _RENDERED:
        tree = expanded(scenario.sql) if lists is None else scoped(*key[1:])
        _RENDERED[key] = engine.render(tree)
    return _RENDERED[key]


def prepare_scoped_sql(scenarios: list[Scenario], engine: Engine) -> None:
    """Render every scope shape of these scenarios ahead of the first event (a server calls
    this at start-up, so the first requests do not pay for parsing and rendering)."""
    for scenario in scenarios:
        tables_used(scenario.sql)
        for has_identities in (False, True):
            for has_cases in (False, True):
                lists = {
                    SCOPE_IDENTITIES: IdList((0,) if has_identities else ()),
                    SCOPE_CASES: IdList((0,) if has_cases else ()),
                }
                _scenario_sql(scenario, engine, lists)


def evaluate(
    scenario: Scenario,
    as_of: dt.date,
    engine: Engine,
    staff: StaffDirectory,
    scope: Scope | None = None,
) -> list[Finding]:
    """Findings of one scenario as of ``as_of`` (restricted to ``scope`` when given).
    Raises UnknownCalendarYear when a working-day threshold needs an unknown year."""
    groups = parameter_groups(scenario)
    engine.prepare(tables_used(scenario.sql))
    lists = None if scope is None else scope_lists(scope.identity_ids, scope.case_ids)
    sql = _scenario_sql(scenario, engine, lists)
    datetimes = _datetime_columns(scenario)
    anchor_court = scenario.anchor.column("court_id")
    rows: list[tuple[Row, Params]] = []
    for group in groups:
        params = {**bound_parameters(scenario, as_of, group.values), **(lists or {})}
        columns, raw_rows = engine.fetch_sql(sql, params)
        for raw in raw_rows:
            row = normalise(columns, raw, datetimes)
            if len(groups) > 1 and not group.covers(row.get(anchor_court)):
                continue
            if scenario.keep is None or scenario.keep(row, group.values):
                rows.append((row, group.values))
    return merge(scenario, rows, staff)
