"""Date thresholds computed in Python so that scenario SQL holds no date arithmetic.

Each helper answers "which stored dates satisfy the rule?" with one bound date, so the
query compares a column with a parameter and every engine agrees."""

from __future__ import annotations

import datetime as dt

from zhixing.cases.time_limit import add_months
from zhixing.core.workdays import is_workday

DAY = dt.timedelta(days=1)


__all__ = ["add_months", "days_before", "earliest_start_reaching", "workdays_before"]


def days_before(as_of: dt.date, days: int) -> dt.date:
    """``x < days_before(D, n)`` ⇔ x is more than n calendar days before D."""
    return as_of - dt.timedelta(days=days)


def workdays_before(as_of: dt.date, workdays: int) -> dt.date:
    """``x < workdays_before(D, n)`` ⇔ more than n working days lie in (x, D].

    Walks back from D (inclusive) to the (n+1)-th working day. Raises UnknownCalendarYear
    when the calendar does not know a year it must cross."""
    seen = 0
    day = as_of
    while True:
        if is_workday(day):
            seen += 1
            if seen == workdays + 1:
                return day
        day -= DAY


def earliest_start_reaching(target: dt.date, months: int) -> dt.date:
    """The first start date s with ``add_months(s, months) >= target``.

    ``add_months`` never decreases as the start moves forward, so ``x < result`` ⇔
    ``add_months(x, months) < target``."""
    start = add_months(target, -months) - dt.timedelta(days=4)
    while add_months(start, months) >= target:
        start -= DAY
    while add_months(start, months) < target:
        start += DAY
    return start
