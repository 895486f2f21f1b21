"""The test world: a small two-court S01 world built with the ORM, and the builders the
tests share (cases, parties, staff, users, a logged-in client).

Case A (沪0104, judge 沪0104-J001): 某某公司 owes 张三.
Case B (沪0112, judge 沪0112-J019): 某某公司 is the applicant; ¥260,000.00 arrived for it.
Case C (沪0120, judge 沪0120-J007): unrelated.
One open S01 alert about (A, B) with its hold on B's money."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from zhixing.accounts.commands import create_user
from zhixing.alerts.models import Alert, AlertCase, AlertRecipient, Hold
from zhixing.cases.models import AccountTxn, Case, CaseParty, Court, Staff
from zhixing.cases.shanghai import SHANGHAI_COURTS
from zhixing.core.caseno import parse_case_no
from zhixing.core.clock import SHANGHAI
from zhixing.parties.models import Identity, PartyRecord

CREDIT_CODE = "91310104MA1FL2XQ3B"
PERSON_ID = "310104199001011237"
RAISED_AT = dt.datetime(2025, 6, 30, 9, 0, tzinfo=SHANGHAI)
PASSWORD = "correct-horse-battery-9"


@dataclass
class World:
    case_a: Case
    case_b: Case
    case_c: Case
    company: Identity
    person: Identity
    alert: Alert
    hold: Hold
    company_in_b: PartyRecord


def ensure_courts() -> None:
    """The migration seeds the courts; a transactional (browser) test's flush removes them."""
    for code, name, level, parent in SHANGHAI_COURTS:
        Court.objects.get_or_create(code=code, defaults={"name": name, "level": level, "parent_id": parent})


def make_case(
    case_no: str, court: str, judge: str, *, filed_on: dt.date = dt.date(2024, 3, 1),
    status: str = "在办", source: str | None = None, **extra: Any,
) -> Case:
    """An enforcement case (首次执行) of ``court``; ``extra`` sets any other field."""
    number = parse_case_no(case_no)
    return Case.objects.create(
        case_no=str(number), year=number.year, court_code_in_no=number.court_code,
        type_code=number.type_code, seq=number.seq, court_id=court,
        category="执行", procedure="首次执行", filed_on=filed_on, judge_id=judge,
        status=status, source=source or court, **extra,
    )


def make_party(source: str, key: str, identity: Identity) -> PartyRecord:
    return PartyRecord.objects.create(
        source=source, party_key=key, kind=identity.kind, name=identity.name,
        id_type=identity.id_type, id_number=identity.id_number, identity=identity,
    )


def make_staff() -> None:
    for staff_id, court, name, role in (
        ("沪0104-J001", "沪0104", "李法官", "执行法官"),
        ("沪0104-A001", "沪0104", "周助理", "法官助理"),
        ("沪0104-C001", "沪0104", "王局长", "执行局长"),
        ("沪0104-Z001", "沪0104", "指挥中心一", "指挥中心"),
        ("沪0112-J019", "沪0112", "陈法官", "执行法官"),
        ("沪0112-C001", "沪0112", "赵局长", "执行局长"),
        ("沪0120-J007", "沪0120", "孙法官", "执行法官"),
        ("沪0120-C001", "沪0120", "钱局长", "执行局长"),
    ):
        Staff.objects.create(staff_id=staff_id, court_id=court, name=name, role=role)


def make_users(password: str | None = None) -> dict[str, str]:
    """Username per label: judge_a, judge_b, judge_c, assistant_a, chief_a, chief_b, chief_c,
    centre_a, scenarios, admin. Login disabled unless a shared ``password`` is given."""
    specs = {
        "judge_a": ("沪0104", "执行法官", "沪0104-J001"),
        "assistant_a": ("沪0104", "法官助理", "沪0104-A001"),
        "chief_a": ("沪0104", "执行局长", "沪0104-C001"),
        "centre_a": ("沪0104", "指挥中心", "沪0104-Z001"),
        "judge_b": ("沪0112", "执行法官", "沪0112-J019"),
        "chief_b": ("沪0112", "执行局长", "沪0112-C001"),
        "judge_c": ("沪0120", "执行法官", "沪0120-J007"),
        "chief_c": ("沪0120", "执行局长", "沪0120-C001"),
        "scenarios": ("沪0104", "场景管理员", None),
        "admin": ("沪", "系统管理员", None),
    }
    for username, (court, role, staff_id) in specs.items():
        create_user(username, court_code=court, role=role, staff_id=staff_id, password=password)
    return {k: k for k in specs}


def build_world() -> World:
    ensure_courts()
    make_staff()
    company = Identity.objects.create(
        kind="法人", name="上海某某贸易有限公司", id_type="统一社会信用代码", id_number=CREDIT_CODE, verified=True
    )
    person = Identity.objects.create(
        kind="自然人", name="张三", id_type="居民身份证", id_number=PERSON_ID, verified=True
    )
    debtor_b = Identity.objects.create(kind="自然人", name="李四", id_type="居民身份证", id_number="310112198502023334")
    other = Identity.objects.create(kind="自然人", name="王五", id_type="居民身份证", id_number="310120197003035555")

    case_a = make_case("(2024)沪0104执100号", "沪0104", "沪0104-J001")
    case_b = make_case("(2024)沪0112执200号", "沪0112", "沪0112-J019")
    case_c = make_case("(2024)沪0120执300号", "沪0120", "沪0120-J007")
    CaseParty.objects.create(case=case_a, party=make_party("沪0104", "p1", company), role="被执行人", owed_amount=Decimal("500000.00"))
    CaseParty.objects.create(case=case_a, party=make_party("沪0104", "p2", person), role="申请执行人")
    company_in_b = make_party("沪0112", "q7", company)
    CaseParty.objects.create(case=case_b, party=company_in_b, role="申请执行人")
    CaseParty.objects.create(case=case_b, party=make_party("沪0112", "q8", debtor_b), role="被执行人")
    CaseParty.objects.create(case=case_c, party=make_party("沪0120", "r1", other), role="被执行人")
    AccountTxn.objects.create(
        source="沪0112", txn_id="T-B-1", case=case_b, direction="到账", amount=Decimal("260000.00"),
        occurred_at=dt.datetime(2025, 6, 28, 10, 0, tzinfo=SHANGHAI), beneficiary=company_in_b,
    )
    alert = Alert.objects.create(
        scenario="S01", dedup_key=f"{case_a.case_no}|{case_b.case_no}", severity="高",
        subject=company, case_nos=sorted([case_a.case_no, case_b.case_no]),
        evidence={"被执行人": company.name, "A案": case_a.case_no, "B案": case_b.case_no, "B案代管款": "260000.00"},
        as_of=dt.date(2025, 6, 30), raised_at=RAISED_AT, updated_at=RAISED_AT,
    )
    AlertCase.objects.create(alert=alert, case=case_a, label="A")
    AlertCase.objects.create(alert=alert, case=case_b, label="B")
    AlertRecipient.objects.create(alert=alert, staff_id="沪0104-J001", reason="judge(A)")
    AlertRecipient.objects.create(alert=alert, staff_id="沪0112-J019", reason="judge(B)")
    hold = Hold.objects.create(alert=alert, case=case_b, identity=company, held_at=RAISED_AT)
    return World(case_a, case_b, case_c, company, person, alert, hold, company_in_b)


def client_for(username: str) -> Client:
    """A Django test client logged in (session) as ``username``."""
    client = Client(REMOTE_ADDR="10.0.0.8")
    client.force_login(get_user_model().objects.get(username=username))
    return client
