"""Several courts' batches in all three formats plus agency feeds, imported in turn: the
panoramic view must join each tricky identity across courts and keep strangers apart."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from batches import credit_code, org_code, resident_id, resident_id_15, write_batch
from zhixing.exchange.commands.batches import import_batch
from zhixing.parties.models import Identity

pytestmark = pytest.mark.django_db

ZHU = resident_id("31010419700315201")
WANG_1 = resident_id("31011019850101123")
WANG_2 = resident_id("31011519900202456")
LI_GOOD = resident_id("31010419881111222")
LI_BAD = LI_GOOD[:17] + ("1" if LI_GOOD[17] != "1" else "2")
JIAYI = credit_code("310115", "MA1FL8X2")
JIAYI_ORG = org_code("MA1FL8X2")


def enforcement(case_no, court, judge, status="在办", closure=None, closed_on=None, filed=dt.date(2024, 3, 1)):
    return {"case_no": case_no, "court_code": court, "category": "执行", "procedure": "首次执行",
            "cause": "民间借贷纠纷", "filed_on": filed, "judge_id": judge, "status": status,
            "closed_on": closed_on, "closure_mode": closure}


def person(key, name, number=None):
    return {"party_key": key, "kind": "自然人", "name": name,
            "id_type": "居民身份证" if number else None, "id_number": number}


def company(key, name, id_type=None, number=None):
    return {"party_key": key, "kind": "法人", "name": name, "id_type": id_type, "id_number": number}


def role(case_no, key, role_name, owed=None):
    return {"case_no": case_no, "party_key": key, "role": role_name, "owed_amount": owed}


def judge(staff_id, court):
    return {"staff_id": staff_id, "court_code": court, "name": "承办法官", "role": "执行法官"}


@pytest.fixture
def multicourt(tmp_path):
    xuhui = write_batch(tmp_path, "沪0104", {
        "staff": [judge("沪0104-J004", "沪0104")],
        "parties": [person("P1", "朱某", ZHU), person("P2", "王伟", WANG_1), person("P3", "李娜", LI_GOOD),
                    company("P4", "上海甲乙贸易（集团） 有限公司")],
        "cases": [enforcement("(2023)沪0104执3345号", "沪0104", "沪0104-J004", "已结", "终结本次执行程序",
                              dt.date(2024, 1, 5), dt.date(2023, 6, 1)),
                  enforcement("(2024)沪0104执100号", "沪0104", "沪0104-J004")],
        "case_parties": [role("(2023)沪0104执3345号", "P1", "被执行人", Decimal("260000.00")),
                         role("(2023)沪0104执3345号", "P3", "申请执行人"),
                         role("(2024)沪0104执100号", "P2", "被执行人", Decimal("5000.00")),
                         role("(2024)沪0104执100号", "P4", "申请执行人")],
    }, fmt="csv", encoding="utf-8")
    hongkou = write_batch(tmp_path, "沪0109", {
        "staff": [judge("沪0109-J019", "沪0109")],
        "parties": [person("A3", "朱某", resident_id_15(ZHU)), person("A4", "王伟", WANG_2)],
        "cases": [enforcement("（2024）沪0109执778号", "沪0109", "沪0109-J019"),
                  enforcement("(2024)沪0109执900号", "沪0109", "沪0109-J019")],
        "case_parties": [role("(2024)沪0109执778号", "A3", "申请执行人"),
                         role("(2024)沪0109执778号", "A4", "被执行人", Decimal("90000.00")),
                         role("(2024)沪0109执900号", "A4", "被执行人", Decimal("1000.00"))],
        "account_txns": [{"txn_id": "T1", "case_no": "(2024)沪0109执778号", "direction": "到账",
                          "amount": Decimal("80000.00"), "occurred_at": "2025-06-01T10:00:00",
                          "counterparty_key": "A4", "beneficiary_key": "A3", "channel": "网银"}],
    }, fmt="csv", encoding="gb18030")
    minhang = write_batch(tmp_path, "沪0112", {
        "parties": [company("C9", "上海甲乙贸易(集团)有限公司", "组织机构代码", JIAYI_ORG[:8] + "-" + JIAYI_ORG[8]),
                    person("C10", "李娜", LI_BAD), person("C11", "王伟")],
        "cases": [enforcement("(2024)沪0112执66号", "沪0112", "沪0112-J001")],
        "case_parties": [role("(2024)沪0112执66号", "C9", "申请执行人"),
                         role("(2024)沪0112执66号", "C10", "被执行人", Decimal("300.00")),
                         role("(2024)沪0112执66号", "C11", "被执行人", Decimal("700.00"))],
    }, fmt="jsonl")
    pudong = write_batch(tmp_path, "沪0115", {
        "parties": [company("E1", "上海甲乙贸易(集团)有限公司", "统一社会信用代码", JIAYI)],
        "cases": [enforcement("(2024)沪0115执55号", "沪0115", "沪0115-J002")],
        "case_parties": [role("(2024)沪0115执55号", "E1", "被执行人", Decimal("1200000.00"))],
    }, fmt="xlsx")
    agencies = [
        write_batch(tmp_path, "上海市监狱管理局", {"custody": [
            {"record_id": "R1", "name": "朱某", "id_type": "居民身份证", "id_number": ZHU,
             "facility": "提篮桥监狱", "kind": "服刑", "from_on": dt.date(2025, 1, 1), "to_on": None},
            {"record_id": "R2", "name": "李娜", "id_type": "居民身份证", "id_number": LI_BAD,
             "facility": "上海市女子监狱", "kind": "服刑", "from_on": dt.date(2025, 2, 1), "to_on": None}]}),
        write_batch(tmp_path, "点对点-民航", {"consumption": [
            {"record_id": "F1", "name": "王伟", "id_type": "居民身份证", "id_number": WANG_1,
             "kind": "乘坐飞机", "occurred_at": "2025-05-01T08:00:00", "place": "虹桥机场"}]}),
        write_batch(tmp_path, "上海市市场监督管理局", {"registrations": [
            {"id_number": JIAYI, "name": "上海甲乙贸易(集团)有限公司", "status": "吊销",
             "changed_on": dt.date(2025, 3, 1)}]}),
    ]
    for folder in [*agencies[:1], xuhui, hongkou, minhang, pudong, *agencies[1:]]:
        import_batch(folder)


def show(number):
    out = io.StringIO()
    call_command("parties", "show", number, stdout=out)
    return out.getvalue()


def test_debtor_here_creditor_there_is_one_person_with_money_held(multicourt):
    text = show(resident_id_15(ZHU))
    assert "(2023)沪0104执3345号" in text and "(2024)沪0109执778号" in text
    assert "¥80,000.00" in text
    assert "提篮桥监狱" in text, "a custody record filed before any court batch joined later"


def test_company_under_credit_code_org_code_and_bare_name_is_one_organisation(multicourt):
    text = show(JIAYI_ORG)
    for case_no in ("(2024)沪0115执55号", "(2024)沪0112执66号", "(2024)沪0104执100号"):
        assert case_no in text
    assert "吊销" in text
    assert Identity.objects.get(id_number=JIAYI).kind == "法人"


def test_people_sharing_a_name_stay_apart(multicourt):
    text = show(WANG_1)
    assert "(2024)沪0104执100号" in text and "乘坐飞机" in text
    assert "(2024)沪0109执900号" not in text and "(2024)沪0112执66号" not in text
    assert "(2024)沪0109执900号" in show(WANG_2)


def test_a_number_with_a_bad_check_digit_joins_only_its_exact_twin(multicourt):
    text = show(LI_BAD)
    assert "未核验" in text and "(2024)沪0112执66号" in text and "上海市女子监狱" in text
    assert "(2023)沪0104执3345号" not in text
    assert "(2024)沪0112执66号" not in show(LI_GOOD)
