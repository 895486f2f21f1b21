"""Pieces the catalogue modules share: case roles, column lists, simple rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from zhixing.core.clock import SHANGHAI
from zhixing.scenarios.base import CaseRole, Field, Params, Row

CASE = CaseRole("", "c_")
CASE_A = CaseRole("A", "a_")
CASE_B = CaseRole("B", "b_")

SUBJECT_NAME = Field("当事人", "subject_name")

CLOSED_FOR_GOOD = ("执行完毕", "终结执行", "执行和解", "不予执行", "驳回申请", "销案")
ZHONGBEN = "终结本次执行程序"


def case_columns(alias: str, prefix: str) -> str:
    """The four routing columns of a case role (identifiers only, never values)."""
    return (
        f"{alias}.case_id AS {prefix}case_id, {alias}.case_no AS {prefix}case_no, "
        f"{alias}.judge_id AS {prefix}judge_id, {alias}.court_id AS {prefix}court_id"
    )


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight in Shanghai: ``occurred_at < start_of_day(d)`` ⇔ it happened before day d."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=SHANGHAI)


def fixed(level: str) -> Callable[[Row, Params], str]:
    return lambda row, params: level
