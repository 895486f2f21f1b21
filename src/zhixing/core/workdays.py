"""Working days (工作日) on the official Chinese calendar.

chinese-calendar knows the State Council's holidays and make-up working days for the
years it was released with. For later years a deployment adds rows to
``WorkdayOverride`` (date, is_workday); a year neither knows raises ``UnknownCalendarYear``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar


class UnknownCalendarYear(LookupError):
    def __init__(self, year: int):
        super().__init__(
            f"the working-day calendar does not know {year}: add that year's holidays and "
            f"make-up days with `zhixing calendar set` (WorkdayOverride) once the State "
            f"Council publishes them"
        )
        self.year = year


def _override_years() -> dict[int, dict[dt.date, bool]]:
    from zhixing.core.models import WorkdayOverride

    table: dict[int, dict[dt.date, bool]] = {}
    for day, is_workday in WorkdayOverride.objects.values_list("day", "is_workday"):
        table.setdefault(day.year, {})[day] = is_workday
    return table


_overrides: dict[int, dict[dt.date, bool]] | None = None


def reset_cache() -> None:
    global _overrides
    _overrides = None
    _library_is_workday.cache_clear()


def _get_overrides() -> dict[int, dict[dt.date, bool]]:
    global _overrides
    if _overrides is None:
        _overrides = _override_years()
    return _overrides


@lru_cache(maxsize=8192)
def _library_is_workday(day: dt.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError as exc:
        raise UnknownCalendarYear(day.year) from exc


def is_workday(day: dt.date) -> bool:
    overrides = _get_overrides()
    if day.year in overrides:
        year = overrides[day.year]
        if day in year:
            return year[day]
        try:
            return _library_is_workday(day)
        except UnknownCalendarYear:
            # A year given by overrides only: unlisted weekdays work, weekends rest.
            return day.weekday() < 5
    return _library_is_workday(day)


def add_workdays(start: dt.date, count: int) -> dt.date:
    """The date ``count`` working days after ``start`` (before it when negative)."""
    step = 1 if count >= 0 else -1
    day = start
    remaining = abs(count)
    while remaining:
        day += dt.timedelta(days=step)
        if is_workday(day):
            remaining -= 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_workday(day):
            count += 1
    return count
