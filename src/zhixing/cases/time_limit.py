"""A case's deadline (审限), said once: the approved deadline (``deadline_on``, set when the
limit is extended), else six months from filing, for enforcement cases (首次执行, 恢复执行).

S08 and the case page read it from here; the dashboard's 法定审限内结案率 states the same
rule in SQL (``web.queries.sql.SixMonthsAfter``)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from zhixing.cases.enums import ENFORCEMENT_PROCEDURES

LIMIT_MONTHS = 6
EXTENDED = "延长审限"
FROM_FILING = "立案之日起六个月"


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later (earlier when negative), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Deadline:
    on: dt.date
    basis: str  # EXTENDED or FROM_FILING


def case_deadline(procedure: str, filed_on: dt.date | None, deadline_on: dt.date | None) -> Deadline | None:
    """The deadline of a case, None when it has none (a case of another procedure without an
    approved deadline, or no filing date)."""
    if deadline_on is not None:
        return Deadline(deadline_on, EXTENDED)
    if filed_on is None or procedure not in ENFORCEMENT_PROCEDURES:
        return None
    return Deadline(add_months(filed_on, LIMIT_MONTHS), FROM_FILING)
