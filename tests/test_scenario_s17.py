"""S17 被执行人享有到期债权: declared, disabled by default, still correct when enabled."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, Expect, case_id, verify
from zhixing.scenarios.params import is_enabled
from zhixing.scenarios.registry import REGISTRY

pytestmark = pytest.mark.django_db


def _pair(data: Data):
    p = data.identity("陈晨")
    a = data.case("沪0104", judge="J-A17")
    data.debtor(a, p)
    b = data.case("沪0105", judge="J-B17")
    data.applicant(b, p)
    return a, b


def nothing_received_yet(data: Data) -> Expect:
    a, b = _pair(data)

    def check(found):
        assert dict(found[0].recipients) == {"J-A17": "judge(A)"} and found[0].severity == "低"

    return Expect("S17", {f"{a.case_no}|{b.case_no}"}, check)


def money_received_is_quiet(data: Data) -> Expect:
    a, b = _pair(data)
    data.txn(b, "到账", "1.00", dt.date(2025, 6, 1))
    return Expect("S17", set())


CASES = [nothing_received_yet, money_received_is_quiet]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s17(build, engine):  # noqa: F811
    verify(build, engine)


def test_s17_is_disabled_by_default_and_can_be_enabled(settings):
    s17 = REGISTRY.get("S17")
    assert is_enabled(s17) is False
    settings.ZHIXING_SCENARIO_PARAMETERS = {"S17": {"enabled": True}}
    assert is_enabled(s17) is True
