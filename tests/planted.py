"""A multi-court data set with one planted instance of every enabled scenario, built so
that nothing else fires as of PLANTED_AS_OF. ``plant`` returns the expected alerts:
{(scenario, dedup_key): {staff_id, …}}."""

from __future__ import annotations

import datetime as dt

from scenario_data import ZHONGBEN, Data, at

PLANTED_AS_OF = dt.date(2025, 6, 30)
FILED = dt.date(2025, 3, 3)  # recent enough for S08 to stay quiet
D = dt.date

ALL_ACTIONS = ("发送执行通知书", "发出报告财产令", "网络查控", "限制消费", "现场调查", "约谈申请执行人")


class Planted:
    def __init__(self, data: Data):
        self.data = data
        self.expected: dict[tuple[str, str], set[str]] = {}
        self.handles: dict[str, object] = {}

    def case(self, court: str, judge: str, **fields):
        fields.setdefault("filed_on", FILED)
        return self.data.case(court, judge=judge, **fields)

    def expect(self, code: str, key: str, *staff: str) -> None:
        self.expected[(code, key)] = set(staff)


def plant(data: Data) -> Planted:
    p = Planted(data)
    staff = {
        "K-0110": ("沪0110", "执行局长"), "K-0114": ("沪0114", "执行局长"),
        "K-0117": ("沪0117", "执行局长"), "K-0115": ("沪0115", "执行局长"),
        "Z-0116": ("沪0116", "指挥中心"), "Z-0112": ("沪0112", "指挥中心"),
    }
    for staff_id, (court, role) in staff.items():
        data.staff(staff_id, court, role=role)

    # S01: debtor in A (徐汇), money held for him in B (闵行)
    p1 = data.identity("张伟")
    a = p.case("沪0104", "J01")
    data.debtor(a, p1)
    b = p.case("沪0112", "J02")
    payee = data.applicant(b, p1)
    data.txn(b, "到账", "5000.00", D(2025, 6, 20), beneficiary=payee)
    p.expect("S01", f"{a.case_no}|{b.case_no}", "J01", "J02")
    p.handles.update(s01_a=a, s01_b=b, s01_p=p1)

    # S02: debtor settles his own claim in another court after A was filed
    p2 = data.identity("李强")
    a2 = p.case("沪0105", "J03")
    data.debtor(a2, p2)
    b2 = p.case("沪0115", "J04", filed_on=D(2025, 1, 2))
    data.applicant(b2, p2)
    data.closed(b2, "执行和解", D(2025, 4, 1))
    p.expect("S02", f"{a2.case_no}|{b2.case_no}", "J03", "J04")

    # S03: debtor in prison
    p3 = data.identity("赵磊")
    c3 = p.case("沪0106", "J05")
    data.debtor(c3, p3)
    data.custody(p3, D(2025, 1, 1))
    p.expect("S03", c3.case_no, "J05")
    p.handles["s03_case"] = c3

    # S04: reference price set, no auction
    c4 = p.case("沪0107", "J06")
    data.auction(c4, "静安区某路2号", reference_price_on=D(2025, 6, 1))
    p.expect("S04", f"{c4.case_no}|静安区某路2号", "J06")

    # S05: money held for 76 days
    c5 = p.case("沪0109", "J07")
    data.txn(c5, "到账", "1200.00", D(2025, 4, 15))
    p.expect("S05", c5.case_no, "J07")

    # S06: completed, restriction still on
    c6 = p.case("沪0110", "J08", filed_on=D(2024, 11, 1))
    data.measure(c6, data.debtor(c6, data.identity("孙丽")), "限制消费", D(2024, 12, 1))
    data.closed(c6, "执行完毕", D(2025, 5, 6))
    p.expect("S06", c6.case_no, "J08", "K-0110")

    # S07: basis revoked
    c7 = p.case("沪0113", "J09", basis_case_no="(2024)沪0113民初77号")
    data.basis_change("(2024)沪0113民初77号", D(2025, 5, 1), "撤销")
    p.expect("S07", c7.case_no, "J09")

    # S08: over the six-month limit
    c8 = p.case("沪0114", "J10", filed_on=D(2024, 12, 20))
    p.expect("S08", c8.case_no, "J10", "K-0114")

    # S09: too long in 快执
    c9 = p.case("沪0116", "J11", stage="快执", stage_since=D(2025, 4, 1))
    p.expect("S09", c9.case_no, "J11", "Z-0116")

    # S10: 终本 less than three months after filing, nothing done
    c10 = p.case("沪0117", "J12")
    data.closed(c10, ZHONGBEN, D(2025, 5, 1))
    p.expect("S10", c10.case_no, "J12", "K-0117")

    # S11: property found after 终本 (re-queried, so S12 stays quiet)
    p11 = data.identity("钱进")
    c11 = p.case("沪0118", "J13", filed_on=D(2024, 5, 6))
    debtor11 = data.debtor(c11, p11)
    for action in ALL_ACTIONS:
        data.action(c11, action, D(2024, 6, 1))
    data.action(c11, "网络查控", D(2025, 2, 1))
    data.closed(c11, ZHONGBEN, D(2024, 10, 8))
    data.finding(debtor11, D(2025, 6, 1), "1000.00")
    p.expect("S11", c11.case_no, "J13")

    # S12: 终本 a year ago, never re-queried
    c12 = p.case("沪0120", "J14", filed_on=D(2023, 12, 1))
    for action in ALL_ACTIONS:
        data.action(c12, action, D(2024, 1, 10))
    data.closed(c12, ZHONGBEN, D(2024, 6, 3))
    p.expect("S12", c12.case_no, "J14")

    # S13: flight while restricted
    p13 = data.identity("冯涛")
    c13 = p.case("沪0151", "J15")
    data.measure(c13, data.debtor(c13, p13), "限制消费", D(2025, 3, 10))
    record = data.consumption(p13, at(D(2025, 4, 1)))
    p.expect("S13", f"{c13.case_no}|{record.source}|{record.record_id}", "J15")

    # S14: new property of a debtor with two owed cases
    p14 = data.identity("上海某某建材有限公司", kind="法人")
    c14a, c14b = p.case("沪0101", "J16"), p.case("沪0104", "J17")
    data.debtor(c14a, p14)
    data.debtor(c14b, p14)
    finding = data.finding(data.party(p14, source="总对总"), D(2025, 6, 15), "0.00")
    p.expect("S14", f"{finding.source}|{finding.finding_id}", "J16", "J17")

    # S15: employer with three labour cases and nothing to seize
    e15 = data.identity("上海某某餐饮管理有限公司", kind="法人")
    for court, judge in (("沪0115", "J18"), ("沪0115", "J19"), ("沪0112", "J20")):
        data.debtor(p.case(court, judge, cause="劳动争议"), e15)
    p.expect("S15", str(e15.id), "K-0115", "Z-0112")

    # S16: bankrupt company owing a court fee
    e16 = data.identity("上海某某实业有限公司", kind="法人")
    bk = p.case("沪03", "J21", category="破产", procedure="破产清算", type_code="破")
    data.bankruptcy(bk, data.role(bk, e16, "被申请人"), D(2025, 6, 1),
                    administrator="上海某律师事务所", claims_deadline=D(2025, 9, 1))
    fee_case = p.case("沪0104", "J22", category="民事", procedure="一审", type_code="民初")
    data.fee(fee_case, data.role(fee_case, e16, "被告"), "3000.00")
    p.expect("S16", fee_case.case_no, "J22")

    # S18: a bank freeze ends in ten days
    c18 = p.case("沪0105", "J23")
    measure = data.measure(c18, data.debtor(c18, data.identity("何平")), "冻结存款", D(2024, 7, 10))
    p.expect("S18", f"{measure.source}|{measure.measure_id}", "J23")
    return p
