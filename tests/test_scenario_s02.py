"""S02 申请执行人与被执行人和解逃避他案债务."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import AS_OF, Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db


def _pair(data: Data, mode: str, closed_on: dt.date, namesake: bool = False):
    p = data.identity("李强")
    a = data.case("沪0104", judge="J-A", filed_on=dt.date(2024, 3, 1))
    data.debtor(a, p)
    b = data.case("沪0115", judge="J-B", filed_on=dt.date(2023, 5, 1))
    data.applicant(b, data.identity("李强") if namesake else p)
    data.closed(b, mode, closed_on)
    return a, b


def settled_after_a_was_filed(data: Data) -> Expect:
    a, b = _pair(data, "执行和解", dt.date(2024, 3, 2))

    def check(found):
        assert dict(found[0].recipients) == {"J-A": "judge(A)", "J-B": "judge(B)"}
        assert found[0].severity == "高"

    return Expect("S02", {f"{a.case_no}|{b.case_no}"}, check)


def withdrawn_counts(data: Data) -> Expect:
    a, b = _pair(data, "撤回申请", dt.date(2025, 2, 1))
    return Expect("S02", {f"{a.case_no}|{b.case_no}"})


def completed_without_money_through_the_court(data: Data) -> Expect:
    a, b = _pair(data, "执行完毕", dt.date(2025, 2, 1))
    return Expect("S02", {f"{a.case_no}|{b.case_no}"})


def completed_with_money_through_the_court_is_quiet(data: Data) -> Expect:
    a, b = _pair(data, "执行完毕", dt.date(2025, 2, 1))
    data.txn(b, "到账", "300.00", dt.date(2025, 1, 20))
    return Expect("S02", set())


def settled_on_the_day_a_was_filed_is_quiet(data: Data) -> Expect:
    _pair(data, "执行和解", dt.date(2024, 3, 1))
    return Expect("S02", set())


def settled_after_the_as_of_date_is_quiet(data: Data) -> Expect:
    _pair(data, "执行和解", AS_OF + dt.timedelta(days=1))
    return Expect("S02", set())


def other_closures_are_quiet(data: Data) -> Expect:
    _pair(data, "终结本次执行程序", dt.date(2025, 2, 1))
    return Expect("S02", set())


def paid_off_debt_is_quiet(data: Data) -> Expect:
    a, b = _pair(data, "执行和解", dt.date(2025, 2, 1))
    data.closed(a, "执行完毕", dt.date(2025, 3, 1))
    return Expect("S02", set())


def same_name_different_person_is_quiet(data: Data) -> Expect:
    _pair(data, "执行和解", dt.date(2025, 2, 1), namesake=True)
    return Expect("S02", set())


CASES = [
    settled_after_a_was_filed,
    withdrawn_counts,
    completed_without_money_through_the_court,
    completed_with_money_through_the_court_is_quiet,
    settled_on_the_day_a_was_filed_is_quiet,
    settled_after_the_as_of_date_is_quiet,
    other_closures_are_quiet,
    paid_off_debt_is_quiet,
    same_name_different_person_is_quiet,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s02(build, engine):  # noqa: F811
    verify(build, engine)
