"""S16 破产企业欠缴诉讼费."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db


def _bankrupt_debtor(data: Data, accepted_on=dt.date(2025, 6, 1), deadline=dt.date(2025, 9, 1), judge="J-16"):
    e = data.identity("上海某某实业有限公司", kind="法人")
    bankruptcy = data.case("沪03", judge="J-B3", category="破产", procedure="破产清算", type_code="破")
    data.bankruptcy(bankruptcy, data.role(bankruptcy, e, "被申请人"), accepted_on,
                    administrator="上海某律师事务所", claims_deadline=deadline)
    fee_case = data.case("沪0104", judge=judge, category="民事", procedure="一审", type_code="民初")
    party = data.role(fee_case, e, "被告")
    return e, fee_case, party


def unpaid_fee_of_a_bankrupt_company(data: Data) -> Expect:
    e, fee_case, party = _bankrupt_debtor(data)
    data.fee(fee_case, party, "5300.00", "300.00")

    def check(found):
        [f] = found
        assert dict(f.recipients) == {"J-16": "judge"}
        assert f.evidence["管理人"] == "上海某律师事务所"
        assert f.evidence["债权申报期限"] == "2025-09-01"
        assert f.evidence["欠缴费用"] == [{"费用类型": "案件受理费", "应缴": "5300.00", "已缴": "300.00"}]

    return Expect("S16", {fee_case.case_no}, check)


def deadline_today_still_counts(data: Data) -> Expect:
    e, fee_case, party = _bankrupt_debtor(data, deadline=dt.date(2025, 6, 30))
    data.fee(fee_case, party, "100.00")
    return Expect("S16", {fee_case.case_no})


def deadline_passed_is_quiet(data: Data) -> Expect:
    e, fee_case, party = _bankrupt_debtor(data, deadline=dt.date(2025, 6, 29))
    data.fee(fee_case, party, "100.00")
    return Expect("S16", set())


def not_yet_accepted_is_quiet(data: Data) -> Expect:
    e, fee_case, party = _bankrupt_debtor(data, accepted_on=dt.date(2025, 7, 1))
    data.fee(fee_case, party, "100.00")
    return Expect("S16", set())


def paid_fee_is_quiet(data: Data) -> Expect:
    e, fee_case, party = _bankrupt_debtor(data)
    data.fee(fee_case, party, "100.00", "100.00")
    return Expect("S16", set())


def no_judge_goes_to_the_centre(data: Data) -> Expect:
    centre = f"Z-{data.next()}"
    data.staff(centre, "沪0104", role="指挥中心")
    e, fee_case, party = _bankrupt_debtor(data, deadline=None, judge="")
    data.fee(fee_case, party, "100.00")

    def check(found):
        assert dict(found[0].recipients)[centre] == "centre"

    return Expect("S16", {fee_case.case_no}, check)


CASES = [
    unpaid_fee_of_a_bankrupt_company,
    deadline_today_still_counts,
    deadline_passed_is_quiet,
    not_yet_accepted_is_quiet,
    paid_fee_is_quiet,
    no_judge_goes_to_the_centre,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s16(build, engine):  # noqa: F811
    verify(build, engine)
