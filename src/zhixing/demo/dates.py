"""Dates as integer day numbers (days since 1970-01-01) so numpy can do the arithmetic.

Text is produced by table lookup; ``NULL`` (-1) becomes an empty cell.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

EPOCH = dt.date(1970, 1, 1)
NULL = -1
_FIRST = dt.date(2010, 1, 1)
_LAST = dt.date(2035, 12, 31)
_FIRST_DAY = (_FIRST - EPOCH).days
_SPAN = (_LAST - _FIRST).days + 1
# Index -1 (NULL) lands on the trailing empty string.
_DATE_TEXT = np.array(
    [(_FIRST + dt.timedelta(days=i)).isoformat() for i in range(_SPAN)] + [""], dtype=object
)
_TIME_TEXT = np.array(
    [f"T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}+08:00" for s in range(0, 86400, 60)],
    dtype=object,
)


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


def to_date(number: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(number))


def date_text(days: np.ndarray) -> np.ndarray:
    days = np.asarray(days, dtype=np.int64)
    index = np.where(days == NULL, -1, days - _FIRST_DAY)
    if index.size and (index.max() >= _SPAN or index[index >= 0].min(initial=0) < 0):
        raise ValueError("date outside the range the demo generator supports (2010-2035)")
    return _DATE_TEXT[index]


def datetime_text(days: np.ndarray, minute_of_day: np.ndarray) -> np.ndarray:
    """ISO 8601 with the +08:00 offset; minutes are clipped into the day."""
    return date_text(days) + _TIME_TEXT[np.clip(minute_of_day, 0, 1439)]


def weekday(days: np.ndarray) -> np.ndarray:
    """Monday = 0; 1970-01-01 was a Thursday."""
    return (np.asarray(days) + 3) % 7


def next_weekday(days: np.ndarray) -> np.ndarray:
    """Move Saturdays and Sundays to the following Monday (courts file on working days)."""
    wd = weekday(days)
    return days + np.where(wd == 5, 2, np.where(wd == 6, 1, 0))


def add_months(days: np.ndarray, months: int) -> np.ndarray:
    """Calendar months, clipping the day of month (31 January + 1 month = 28/29 February)."""
    as_dates = np.asarray(days).astype("datetime64[D]")
    month_start = as_dates.astype("datetime64[M]")
    day_in_month = (as_dates - month_start.astype("datetime64[D]")).astype(np.int64)
    target = month_start + months
    month_len = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    result = target.astype("datetime64[D]") + np.minimum(day_in_month, month_len - 1)
    return result.astype(np.int64)
