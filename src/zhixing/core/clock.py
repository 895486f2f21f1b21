"""The only place that reads the wall clock. Scenarios never call it: they take an as-of date."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> dt.datetime:
    return dt.datetime.now(tz=SHANGHAI)


def today() -> dt.date:
    return now().date()


def end_of_day(day: dt.date) -> dt.datetime:
    """The last instant of a day in Shanghai: an as-of date includes the whole day."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=SHANGHAI)


def shanghai_date(moment: dt.datetime) -> dt.date:
    """The calendar date in Shanghai of an aware moment (a naive one is taken as Shanghai time)."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(SHANGHAI).date()
