"""The Shanghai courts as demo sources: how many cases each gets, how its system exports,
and its enforcement staff."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zhixing.cases.enums import ASSISTANT, CENTRE, CHIEF, CLERK, FILING_JUDGE, JUDGE
from zhixing.cases.shanghai import SHANGHAI_COURTS
from zhixing.demo.names import staff_names

# Relative enforcement caseloads (the basic courts carry most of the city's cases).
_WEIGHTS = {
    "沪": 0.2, "沪01": 1.5, "沪02": 1.2, "沪03": 0.6, "沪72": 0.4, "沪73": 0.3, "沪74": 3.0,
    "沪7101": 1.0, "沪0101": 5.0, "沪0104": 5.0, "沪0105": 4.0, "沪0106": 6.0, "沪0107": 5.0,
    "沪0109": 4.0, "沪0110": 5.0, "沪0112": 9.0, "沪0113": 6.0, "沪0114": 5.0, "沪0115": 17.0,
    "沪0116": 2.5, "沪0117": 6.0, "沪0118": 4.0, "沪0120": 4.0, "沪0151": 2.0,
}
# How each court's case system exports (legacy systems: GB18030, old ID forms, full-width brackets).
GB18030_COURTS = frozenset({"沪0113", "沪0116", "沪0151"})
BOM_COURTS = frozenset({"沪0107", "沪0120", "沪02"})
JSONL_COURTS = frozenset({"沪0118"})
LEGACY_ID_COURTS = frozenset({"沪0116", "沪0120", "沪0151"})
FULLWIDTH_CASE_NO_COURTS = frozenset({"沪0109", "沪0151"})
BANKRUPTCY_COURT = "沪03"

# Abbreviations used in labour arbitration award numbers (徐劳人仲(2023)办字第12号).
ARBITRATION_PREFIX = {
    "沪0101": "黄劳人仲", "沪0104": "徐劳人仲", "沪0105": "长劳人仲", "沪0106": "静劳人仲",
    "沪0107": "普劳人仲", "沪0109": "虹劳人仲", "沪0110": "杨劳人仲", "沪0112": "闵劳人仲",
    "沪0113": "宝劳人仲", "沪0114": "嘉劳人仲", "沪0115": "浦劳人仲", "沪0116": "金劳人仲",
    "沪0117": "松劳人仲", "沪0118": "青劳人仲", "沪0120": "奉劳人仲", "沪0151": "崇劳人仲",
}


@dataclass(frozen=True)
class CourtInfo:
    code: str
    name: str
    level: str
    parent: str | None

    @property
    def encoding(self) -> str:
        if self.code in GB18030_COURTS:
            return "gb18030"
        return "utf-8-sig" if self.code in BOM_COURTS else "utf-8"

    @property
    def jsonl(self) -> bool:
        return self.code in JSONL_COURTS

    @property
    def legacy_ids(self) -> bool:
        return self.code in LEGACY_ID_COURTS

    @property
    def fullwidth_case_no(self) -> bool:
        return self.code in FULLWIDTH_CASE_NO_COURTS


COURTS: tuple[CourtInfo, ...] = tuple(CourtInfo(*row) for row in SHANGHAI_COURTS)
CODES = tuple(c.code for c in COURTS)
WEIGHTS = np.array([_WEIGHTS[c] for c in CODES])
WEIGHTS = WEIGHTS / WEIGHTS.sum()
INDEX = {code: i for i, code in enumerate(CODES)}
BASIC = np.array([c.level == "基层" for c in COURTS])
LEGACY = np.array([c.legacy_ids for c in COURTS])


def parent_index(court: np.ndarray) -> np.ndarray:
    """The court that reviews a court's judgments (the high court for the top courts)."""
    parents = np.array([INDEX[c.parent] if c.parent else 0 for c in COURTS])
    return parents[court]


# Staff roles, their id letter, and how many each court has.
ROLE_LETTERS = {JUDGE: "J", ASSISTANT: "A", CLERK: "S", CHIEF: "Z", CENTRE: "K", FILING_JUDGE: "L"}


@dataclass
class CourtStaff:
    """staff_id, name and role per court; judges and assistants are what cases refer to."""

    rows: list[tuple[str, str, str]]
    judges: list[str]
    assistants: list[str]


def judges_for(cases_in_court: int) -> int:
    return int(max(3, min(150, round(cases_in_court / 700))))


def build_staff(seed: int, court_cases: np.ndarray) -> list[CourtStaff]:
    result = []
    for i, court in enumerate(COURTS):
        rng = np.random.default_rng([seed, 0x57AF, i])
        n_judges = judges_for(int(court_cases[i]))
        counts = {JUDGE: n_judges, ASSISTANT: n_judges, CLERK: n_judges // 2 + 1,
                  CHIEF: 1, CENTRE: 2, FILING_JUDGE: 1}
        names = iter(staff_names(rng, sum(counts.values())))
        rows: list[tuple[str, str, str]] = []
        for role, count in counts.items():
            for k in range(1, count + 1):
                rows.append((f"{court.code}-{ROLE_LETTERS[role]}{k:03d}", next(names), role))
        result.append(CourtStaff(
            rows=rows,
            judges=[r[0] for r in rows if r[2] == JUDGE],
            assistants=[r[0] for r in rows if r[2] == ASSISTANT],
        ))
    return result
