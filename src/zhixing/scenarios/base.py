"""What a scenario (应用场景) is: one declared rule with its query, parameters and routing.

A scenario's query returns one row per finding (or several rows sharing a dedup key, which
are merged into one alert). Output column conventions the engine relies on:

- ``subject_id``: the resolved identity the alert is about (may be NULL);
- per case role with prefix ``p`` (see ``CaseRole``): ``{p}case_id``, ``{p}case_no``,
  ``{p}judge_id``, ``{p}court_id``;
- every column named in ``key``, ``evidence`` and ``details``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from zhixing.scenarios.effects import Effect

Row = Mapping[str, Any]
Params = Mapping[str, Any]

ValueKind = Literal["text", "date", "datetime", "money_fen", "int"]
RouteKind = Literal["judge", "chief", "centre"]

HIGH, MEDIUM, LOW = "高", "中", "低"


@dataclass(frozen=True)
class Param:
    """A tunable threshold. ``choices`` restricts text parameters (e.g. a day unit); ``label``
    is the short Chinese name the pages show (the name itself when none is given)."""

    name: str
    default: int | str
    description: str
    choices: tuple[str, ...] = ()
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.name)

    def coerce(self, value: Any, where: str) -> int | str:
        if isinstance(self.default, int):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{where}: {self.name} must be a whole number ≥ 0, got {value!r}")
            return int(value)
        if not isinstance(value, str) or (self.choices and value not in self.choices):
            allowed = "/".join(self.choices) or "text"
            raise ValueError(f"{where}: {self.name} must be one of {allowed}, got {value!r}")
        return value


@dataclass(frozen=True)
class CaseRole:
    """A case the alert is about, as the catalogue labels it (A, B, or unlabeled)."""

    label: str
    prefix: str

    def column(self, name: str) -> str:
        return f"{self.prefix}{name}"


@dataclass(frozen=True)
class Route:
    """A recipient rule: the judge of a case (the centre when the case has none), or the
    chief / centre of that case's court."""

    kind: RouteKind
    case: str  # CaseRole.label
    only_when: Callable[[Row], bool] | None = None

    @property
    def reason(self) -> str:
        base = {"judge": "judge", "chief": "chief", "centre": "centre"}[self.kind]
        return f"{base}({self.case})" if self.case else base


@dataclass(frozen=True)
class Field:
    """One evidence item: a Chinese label, the query column, how to render it."""

    label: str
    column: str
    kind: ValueKind = "text"


@dataclass(frozen=True)
class Details:
    """A list in the evidence built from the rows merged into one alert."""

    label: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Scenario:
    code: str
    name: str
    description: str
    legal_basis: str
    sql: str
    cases: tuple[CaseRole, ...]
    key: tuple[str, ...]
    recipients: tuple[Route, ...]
    severity: Callable[[Row, Params], str]
    evidence: tuple[Field, ...]
    handling: str
    params: tuple[Param, ...] = ()
    bind: Callable[[dt.date, Params], dict[str, Any]] = field(default=lambda as_of, p: {})
    details: Details | None = None
    enrich: Callable[[Row, Params], dict[str, Any]] | None = None
    # A test on one candidate row that SQL cannot state without date arithmetic between two
    # columns (S10: closed less than three months after filing). Candidates are few.
    keep: Callable[[Row, Params], bool] | None = None
    # Output columns, constant within a dedup key, that real-time evaluation filters on
    # (subject_id and/or {prefix}case_id). An alert is in a real-time scope when one of
    # them hits a touched identity or case; the same test decides which alerts may close.
    scope: tuple[str, ...] = ("subject_id",)
    enabled_by_default: bool = True
    # What its alerts do besides being read (zhixing.scenarios.effects), run by the alert layer.
    effects: tuple[Effect, ...] = ()

    def __post_init__(self) -> None:
        if not self.code or not self.sql.strip():
            raise ValueError("a scenario needs a code and a query")
        if not self.cases:
            raise ValueError(f"{self.code}: a scenario is about at least one case")
        labels = {c.label for c in self.cases}
        for route in self.recipients:
            if route.case not in labels:
                raise ValueError(f"{self.code}: recipient rule names unknown case {route.case!r}")
        for effect in self.effects:
            unknown = [label for label in effect.case_labels() if label not in labels]
            if unknown:
                raise ValueError(f"{self.code}: effect {effect!r} names unknown case {unknown[0]!r}")
        names = [p.name for p in self.params]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.code}: duplicate parameter names")

    def case_role(self, label: str) -> CaseRole:
        for role in self.cases:
            if role.label == label:
                return role
        raise KeyError(label)

    @property
    def anchor(self) -> CaseRole:
        """The case whose court's parameters govern a finding (the first declared)."""
        return self.cases[0]

    def defaults(self) -> dict[str, int | str]:
        return {p.name: p.default for p in self.params}
