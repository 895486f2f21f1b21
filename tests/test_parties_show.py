import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from stdnum.cn import ric

from zhixing.cases.models import AccountTxn, Case, CaseParty
from zhixing.core.caseno import parse_case_no
from zhixing.parties.models import PartyRecord
from zhixing.parties.resolution import record_identity_fields, resolve_party_records

pytestmark = pytest.mark.django_db

BODY = "31010419700315201"
ZHU = BODY + ric.calc_check_digit(BODY + "0")
ZHU_OLD = ZHU[:6] + ZHU[8:17]


def party(source, key, name, number):
    id_key, verified = record_identity_fields("居民身份证", number)
    return PartyRecord.objects.create(
        source=source, party_key=key, kind="自然人", name=name, id_type="居民身份证",
        id_number=number, id_key=id_key, id_verified=verified,
    )


def case(case_no, **extra):
    parsed = parse_case_no(case_no)
    fields = dict(
        case_no=str(parsed), year=parsed.year, court_code_in_no=parsed.court_code,
        type_code=parsed.type_code, seq=parsed.seq, court_id=parsed.court_code, category="执行",
        procedure="首次执行", filed_on=dt.date(2024, 3, 1), status="在办", source=parsed.court_code,
    )
    fields.update(extra)
    return Case.objects.create(**fields)


def show(number: str) -> str:
    out = io.StringIO()
    call_command("parties", "show", number, stdout=out)
    return out.getvalue()


@pytest.fixture
def zhu_in_two_courts():
    xuhui_party = party("沪0104", "P1", "朱某", ZHU)
    hongkou_party = party("沪0109", "A3", "朱某", ZHU_OLD)
    stranger = party("沪0109", "A4", "朱某", "")
    resolve_party_records([xuhui_party.id, hongkou_party.id, stranger.id])
    debt = case("(2023)沪0104执3345号", judge_id="沪0104-J004", status="已结",
                closure_mode="终结本次执行程序", closed_on=dt.date(2024, 1, 5))
    credit = case("（2024）沪0109执778号", judge_id="沪0109-J019")
    other = case("(2024)沪0109执779号")
    CaseParty.objects.create(case=debt, party=xuhui_party, role="被执行人", owed_amount=Decimal("260000.00"))
    CaseParty.objects.create(case=credit, party=hongkou_party, role="申请执行人")
    CaseParty.objects.create(case=other, party=stranger, role="被执行人")
    AccountTxn.objects.create(
        source="沪0109", txn_id="T1", case=credit, direction="到账", amount=Decimal("80000.00"),
        occurred_at=dt.datetime(2024, 6, 1, 10, tzinfo=dt.UTC),
    )


def test_show_gives_cases_in_every_court_with_the_role_in_each(zhu_in_two_courts):
    text = show(ZHU_OLD)
    assert "(2023)沪0104执3345号" in text and "被执行人" in text
    assert "(2024)沪0109执778号" in text and "申请执行人" in text
    assert "¥80,000.00" in text, "money held for the party in the other court is shown"
    assert "(2024)沪0109执779号" not in text, "a same-name stranger's case is not shown"
    assert ZHU_OLD in text and ZHU in text, "every number the party was written under is listed"


def test_show_of_an_unknown_number_says_so(zhu_in_two_courts):
    with pytest.raises(CommandError, match="no party is known"):
        show("310104199901011234")


def test_every_look_from_the_command_line_is_audited(zhu_in_two_courts):
    from zhixing.audit.models import AuditEvent

    show(ZHU)
    call_command("alerts", "--format", "jsonl", stdout=io.StringIO())
    events = list(AuditEvent.objects.order_by("pk").values_list("action", "username", "identity__id_number"))
    assert [(action, who.startswith("命令行:"), number) for action, who, number in events] == [
        ("view_party", True, ZHU), ("list_alerts", True, None),
    ]
