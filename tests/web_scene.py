"""A small two-court world for the web tests: an S01 alert between 徐汇 and 长宁, with users.

Built with the ORM (no scan): debtor 王建国 owes in 徐汇 case A and is applicant in 长宁
case B, whose account holds ¥300,000.00 for all applicants; an S01 alert links the two with
a hold on case B; case A has a 查封车辆 measure on plate 沪A·12345."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.test import Client

from world import ensure_courts, make_case
from zhixing.accounts.commands import create_user
from zhixing.accounts.models import CENTRE, CHIEF, JUDGE, SCENARIO_ADMIN
from zhixing.alerts.models import Alert, AlertCase, AlertRecipient, Hold
from zhixing.cases.models import (
    AccountTxn,
    Action,
    Auction,
    Case,
    CaseParty,
    Measure,
    Staff,
    StageHistory,
)
from zhixing.core.clock import SHANGHAI
from zhixing.parties.models import PartyRecord
from zhixing.parties.resolution.keys import record_identity_fields
from zhixing.parties.resolution.resolve import resolve_party_records

PASSWORD = "zhixing-web-test-2026"
AS_OF = dt.date(2026, 3, 16)
XUHUI, CHANGNING = "沪0104", "沪0105"


def resident_id(body17: str) -> str:
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    total = sum(int(d) * w for d, w in zip(body17, weights, strict=True))
    return body17 + "10X98765432"[total % 11]


DEBTOR_ID = resident_id("31010419800101123")
APPLICANT_ID = resident_id("31010519750505432")


@dataclass
class Scene:
    case_a: Case
    case_b: Case
    case_c: Case
    s01: Alert
    s18: Alert
    hold: Hold
    debtor_identity_id: int


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)


def _party(source: str, key: str, name: str, number: str) -> PartyRecord:
    id_key, verified = record_identity_fields("居民身份证", number)
    return PartyRecord.objects.create(
        source=source, party_key=key, kind="自然人", name=name, id_type="居民身份证",
        id_number=number, id_key=id_key, id_verified=verified,
    )


def build(*, alerts: bool = True) -> Scene:
    """The world; ``alerts=False`` leaves the alerts to a real scan."""
    ensure_courts()
    Staff.objects.bulk_create([
        Staff(staff_id="XH-J1", court_id=XUHUI, name="李明", role=JUDGE),
        Staff(staff_id="XH-CH", court_id=XUHUI, name="赵局长", role=CHIEF),
        Staff(staff_id="XH-CC", court_id=XUHUI, name="指挥中心甲", role=CENTRE),
        Staff(staff_id="CN-J2", court_id=CHANGNING, name="陈静", role=JUDGE),
        Staff(staff_id="CN-J3", court_id=CHANGNING, name="周强", role=JUDGE),
    ])
    users = [
        ("judge-a", XUHUI, JUDGE, "XH-J1"), ("chief", XUHUI, CHIEF, "XH-CH"), ("centre", XUHUI, CENTRE, "XH-CC"),
        ("judge-b", CHANGNING, JUDGE, "CN-J2"), ("judge-other", CHANGNING, JUDGE, "CN-J3"),
        ("scenarios", XUHUI, SCENARIO_ADMIN, None),
    ]
    for username, court, role, staff in users:
        create_user(username, court_code=court, role=role, staff_id=staff, full_name=username, password=PASSWORD)

    case_a = make_case("(2025)沪0104执1001号", XUHUI, "XH-J1", filed_on=dt.date(2025, 1, 6), cause="借款合同纠纷",
                   applied_amount=Decimal("500000.00"), stage="实施", stage_since=dt.date(2025, 3, 1))
    case_b = make_case("(2025)沪0105执2002号", CHANGNING, "CN-J2", filed_on=dt.date(2025, 6, 2), cause="买卖合同纠纷",
                   applied_amount=Decimal("300000.00"))
    case_c = make_case("(2025)沪0104执1500号", XUHUI, "XH-J1", filed_on=dt.date(2025, 9, 1), status="已结",
                   closed_on=dt.date(2026, 2, 20), closure_mode="执行完毕", applied_amount=Decimal("80000.00"))

    debtor_xh = _party("沪0104", "P-1", "王建国", DEBTOR_ID)
    debtor_cn = _party("沪0105", "Q-9", "王建国", DEBTOR_ID)
    creditor = _party("沪0104", "P-2", "上海甲贸易有限公司", "")
    seller = _party("沪0105", "Q-3", "刘芳", APPLICANT_ID)
    resolve_party_records([debtor_xh.pk, debtor_cn.pk, creditor.pk, seller.pk])
    debtor_xh.refresh_from_db()
    CaseParty.objects.bulk_create([
        CaseParty(case=case_a, party=creditor, role="申请执行人"),
        CaseParty(case=case_a, party=debtor_xh, role="被执行人", owed_amount=Decimal("500000.00")),
        CaseParty(case=case_b, party=debtor_cn, role="申请执行人"),
        CaseParty(case=case_b, party=seller, role="被执行人", owed_amount=Decimal("300000.00")),
        CaseParty(case=case_c, party=creditor, role="申请执行人"),
        CaseParty(case=case_c, party=debtor_xh, role="被执行人", owed_amount=Decimal("80000.00")),
    ])
    AccountTxn.objects.create(source="沪0105", txn_id="T1", case=case_b, direction="到账",
                              amount=Decimal("300000.00"), occurred_at=at(dt.date(2026, 3, 10)), channel="银行转账")
    AccountTxn.objects.create(source="沪0104", txn_id="T2", case=case_c, direction="到账",
                              amount=Decimal("80000.00"), occurred_at=at(dt.date(2026, 2, 10)), channel="扣划")
    Measure.objects.create(source="沪0104", measure_id="M1", case=case_a, party=debtor_xh, kind="查封车辆",
                           started_on=dt.date(2025, 2, 1), detail="小型轿车 沪A·12345")
    Measure.objects.create(source="沪0104", measure_id="M2", case=case_a, party=debtor_xh, kind="冻结存款",
                           started_on=dt.date(2025, 2, 3), amount=Decimal("1234567.00"), detail="工商银行账户")
    Action.objects.create(case=case_a, action="网络查控", done_on=dt.date(2025, 1, 8), staff_id="XH-J1")
    StageHistory.objects.create(case=case_a, stage="立案", entered_on=dt.date(2025, 1, 6))
    StageHistory.objects.create(case=case_a, stage="实施", entered_on=dt.date(2025, 3, 1))
    Auction.objects.create(source="沪0104", auction_id="AU1", case=case_a, item="沪A·12345 小型轿车", round="一拍",
                           announced_on=dt.date(2025, 5, 1), starts_on=dt.date(2025, 6, 1), result="流拍")

    if not alerts:
        return Scene(case_a, case_b, case_c, None, None, None, debtor_xh.identity_id)  # type: ignore[arg-type]
    raised = at(AS_OF, 9)
    s01 = Alert.objects.create(
        scenario="S01", dedup_key=f"{case_a.pk}:{case_b.pk}", severity="高", subject=debtor_xh.identity,
        case_nos=sorted([case_a.case_no, case_b.case_no]), as_of=AS_OF, raised_at=raised, updated_at=raised,
        evidence={"被执行人": "王建国", "A案欠款": "¥500,000.00", "B案账户为其保留": "¥300,000.00"},
    )
    AlertCase.objects.create(alert=s01, case=case_a, label="A")
    AlertCase.objects.create(alert=s01, case=case_b, label="B")
    AlertRecipient.objects.create(alert=s01, staff_id="XH-J1", reason="judge(A)")
    AlertRecipient.objects.create(alert=s01, staff_id="CN-J2", reason="judge(B)")
    hold = Hold.objects.create(alert=s01, case=case_b, identity=debtor_xh.identity, held_at=raised)

    s18 = Alert.objects.create(
        scenario="S18", dedup_key="M2", severity="中", subject=debtor_xh.identity, case_nos=[case_a.case_no],
        as_of=AS_OF, raised_at=at(AS_OF, 8), updated_at=at(AS_OF, 8), evidence={"措施": "冻结存款"},
    )
    AlertCase.objects.create(alert=s18, case=case_a, label="")
    AlertRecipient.objects.create(alert=s18, staff_id="XH-J1", reason="judge", state="已读")
    return Scene(case_a, case_b, case_c, s01, s18, hold, debtor_xh.identity_id)


def login(username: str) -> Client:
    """A test client signed in as one of the scene's users."""
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client
