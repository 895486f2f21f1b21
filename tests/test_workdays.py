import datetime as dt

import pytest

from zhixing.core.models import WorkdayOverride
from zhixing.core.workdays import UnknownCalendarYear, add_workdays, is_workday, workdays_between

pytestmark = pytest.mark.django_db


def test_national_day_holiday_is_not_a_working_day():
    assert not is_workday(dt.date(2025, 10, 3))


def test_make_up_saturday_is_a_working_day():
    # 2025-09-28 (Sunday) was worked to make up for the National Day holiday.
    assert is_workday(dt.date(2025, 9, 28))


def test_three_working_days_skip_the_spring_festival():
    # 2025-01-27 is the Monday before the 28 Jan - 4 Feb Spring Festival holiday.
    assert add_workdays(dt.date(2025, 1, 27), 3) == dt.date(2025, 2, 7)
    assert workdays_between(dt.date(2025, 1, 27), dt.date(2025, 2, 7)) == 3


@pytest.mark.django_db
def test_unknown_year_raises_a_clear_error_until_overridden():
    with pytest.raises(UnknownCalendarYear, match="2031"):
        is_workday(dt.date(2031, 5, 1))
    WorkdayOverride.objects.create(day=dt.date(2031, 5, 1), is_workday=False, note="劳动节")
    from zhixing.core import workdays

    workdays.reset_cache()
    assert not is_workday(dt.date(2031, 5, 1))
    assert is_workday(dt.date(2031, 5, 6))
