"""S07 执行依据被撤销未终结执行 (15 days)."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db


def _case_on_basis(data: Data, outcome: str, decided_on: dt.date):
    basis = f"(2023)沪0104民初{data.next()}号"
    case = data.case("沪0104", judge="J-7", basis_case_no=basis)
    data.basis_change(basis, decided_on, outcome)
    return case


def revoked_sixteen_days_ago(data: Data) -> Expect:
    case = _case_on_basis(data, "撤销", dt.date(2025, 6, 14))

    def check(found):
        assert found[0].severity == "高"
        assert found[0].evidence["依据变更"][0]["结果"] == "撤销"

    return Expect("S07", {case.case_no}, check)


def revoked_fifteen_days_ago_is_quiet(data: Data) -> Expect:
    _case_on_basis(data, "撤销", dt.date(2025, 6, 15))
    return Expect("S07", set())


def amended_counts(data: Data) -> Expect:
    case = _case_on_basis(data, "改判", dt.date(2025, 3, 1))
    return Expect("S07", {case.case_no})


def partly_amended_or_upheld_is_quiet(data: Data) -> Expect:
    _case_on_basis(data, "部分改判", dt.date(2025, 3, 1))
    _case_on_basis(data, "维持", dt.date(2025, 3, 1))
    return Expect("S07", set())


def terminated_case_is_quiet(data: Data) -> Expect:
    case = _case_on_basis(data, "撤销", dt.date(2025, 3, 1))
    data.closed(case, "终结执行", dt.date(2025, 3, 10))
    return Expect("S07", set())


CASES = [
    revoked_sixteen_days_ago,
    revoked_fifteen_days_ago_is_quiet,
    amended_counts,
    partly_amended_or_upheld_is_quiet,
    terminated_case_is_quiet,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s07(build, engine):  # noqa: F811
    verify(build, engine)
