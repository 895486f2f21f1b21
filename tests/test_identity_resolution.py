import datetime as dt

import pytest
from stdnum.cn import ric, uscc

from zhixing.core.idnumbers import org_check_digit
from zhixing.parties.models import CustodyRecord, Identity, PartyRecord, Registration
from zhixing.parties.resolution import (
    record_identity_fields,
    resolve_agency_rows,
    resolve_party_records,
)

pytestmark = pytest.mark.django_db

PERSON = "自然人"
COMPANY = "法人"


def resident_id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def credit_code(org_body8: str, prefix: str = "91310000") -> str:
    body = prefix + org_body8 + org_check_digit(org_body8)
    return body + uscc.calc_check_digit(body)


def record(source, key, name, id_type="", id_number="", kind=PERSON) -> PartyRecord:
    id_key, verified = record_identity_fields(id_type or None, id_number or None)
    return PartyRecord.objects.create(
        source=source, party_key=key, kind=kind, name=name, id_type=id_type,
        id_number=id_number, id_key=id_key, id_verified=verified,
    )


def resolve(*records: PartyRecord) -> set[int]:
    touched = resolve_party_records([r.id for r in records])
    for r in records:
        r.refresh_from_db()
    return touched


ZHU = resident_id("31010419700315201")
ZHU_OLD = ZHU[:6] + ZHU[8:17]


def test_old_fifteen_digit_and_new_eighteen_digit_ids_are_one_person():
    xuhui = record("沪0104", "P1", "朱某某", "居民身份证", ZHU)
    hongkou = record("沪0109", "D7", "朱某某", "居民身份证", ZHU_OLD)
    resolve(xuhui, hongkou)
    assert xuhui.identity_id == hongkou.identity_id
    identity = Identity.objects.get(pk=xuhui.identity_id)
    assert identity.id_number == ZHU and identity.verified


def test_credit_code_and_embedded_organisation_code_are_one_organisation():
    code = credit_code("MA1FL8X2")
    org = code[8:17]
    with_credit = record("沪0115", "C1", "上海甲乙贸易有限公司", "统一社会信用代码", code, COMPANY)
    hyphen = record("沪0112", "C9", "上海甲乙贸易有限公司", "组织机构代码", org[:8] + "-" + org[8], COMPANY)
    plain = record("沪0117", "E3", "上海甲乙贸易公司", "组织机构代码", org, COMPANY)
    resolve(with_credit, hyphen, plain)
    assert with_credit.identity_id == hyphen.identity_id == plain.identity_id
    assert Identity.objects.get(pk=plain.identity_id).id_number == code


def test_organisation_without_number_matches_by_normalised_name():
    code = credit_code("12345678")
    numbered = record("沪0104", "C1", "上海丙丁（集团）有限公司", "统一社会信用代码", code, COMPANY)
    resolve(numbered)
    unnumbered = record("沪0106", "X2", "上海丙丁 (集团) 有限公司", kind=COMPANY)
    resolve(unnumbered)
    assert unnumbered.identity_id == numbered.identity_id


def test_natural_persons_with_the_same_name_stay_apart():
    a = record("沪0104", "P1", "王伟", "居民身份证", resident_id("31011019850101123"))
    b = record("沪0109", "P2", "王伟", "居民身份证", resident_id("31011519900202456"))
    c = record("沪0112", "P3", "王伟")
    d = record("沪0113", "P4", "王伟")
    resolve(a, b, c, d)
    assert len({a.identity_id, b.identity_id, c.identity_id, d.identity_id}) == 4


def test_bad_check_digit_is_kept_unverified_and_matches_only_the_exact_number():
    good = resident_id("31010419881111222")
    bad = good[:17] + ("1" if good[17] != "1" else "2")
    verified = record("沪0104", "P1", "李娜", "居民身份证", good)
    legacy = record("沪0105", "P5", "李娜", "居民身份证", bad)
    same_bad = record("沪0107", "P8", "李娜", "居民身份证", bad)
    resolve(verified, legacy, same_bad)
    assert not legacy.id_verified and legacy.id_number == bad
    assert legacy.identity_id == same_bad.identity_id
    assert legacy.identity_id != verified.identity_id
    assert not Identity.objects.get(pk=legacy.identity_id).verified


def test_a_later_batch_merges_identities_incrementally():
    code = credit_code("87654321")
    org_only = record("沪0101", "C1", "上海戊己实业有限公司", "组织机构代码", code[8:17], COMPANY)
    resolve(org_only)
    first_identity = org_only.identity_id
    other = record("沪0120", "C2", "上海戊己实业有限公司", "统一社会信用代码", code, COMPANY)
    resolve(other)
    assert other.identity_id == first_identity
    assert Identity.objects.get(pk=first_identity).id_number == code


def test_custody_record_with_new_id_links_to_a_party_written_with_the_old_id():
    person = resident_id("31010519771203334")
    old = person[:6] + person[8:17]
    with_old = record("沪0105", "P1", "陈某", "居民身份证", old)
    resolve(with_old)
    unrelated_name = record("沪0110", "P2", "陈某")
    resolve(unrelated_name)
    custody = CustodyRecord.objects.create(
        source="上海市监狱管理局", record_id="R1", name="陈某", id_type="居民身份证",
        id_number=person, facility="提篮桥监狱", from_on=dt.date(2024, 1, 1),
    )
    resolve_agency_rows(CustodyRecord, [custody.id])
    custody.refresh_from_db()
    assert custody.identity_id == with_old.identity_id
    assert unrelated_name.identity_id != with_old.identity_id


def test_resolving_again_changes_nothing():
    rows = [
        record("沪0104", "P1", "赵六", "居民身份证", ZHU),
        record("沪0104", "P2", "赵七"),
        record("沪0104", "C1", "上海某公司", kind=COMPANY),
    ]
    resolve(*rows)
    before = list(PartyRecord.objects.order_by("id").values_list("id", "identity_id"))
    identities = Identity.objects.count()
    resolve(*rows)
    assert list(PartyRecord.objects.order_by("id").values_list("id", "identity_id")) == before
    assert Identity.objects.count() == identities


def test_agency_registration_links_by_credit_code_to_a_court_party():
    code = credit_code("A1B2C3D4")
    party = record("沪0115", "C1", "上海庚辛建设有限公司", "组织机构代码", code[8:17], COMPANY)
    resolve(party)
    reg = Registration.objects.create(
        source="上海市市场监督管理局", name="上海庚辛建设有限公司", id_number=code,
        id_key=record_identity_fields(None, code)[0], status="吊销",
    )
    resolve_agency_rows(Registration, [reg.id])
    reg.refresh_from_db()
    assert reg.identity_id == party.identity_id


def test_a_row_that_bridges_two_identities_merges_them_and_repoints_every_row():
    code = credit_code("QW12ER34")
    by_name = record("沪0109", "C1", "上海壬癸物流有限公司", kind=COMPANY)
    by_org = record("沪0113", "C2", "壬癸物流", "组织机构代码", code[8:17], COMPANY)
    resolve(by_name, by_org)
    assert by_name.identity_id != by_org.identity_id
    bridge = record("沪0114", "C3", "上海壬癸物流有限公司", "统一社会信用代码", code, COMPANY)
    touched = resolve(bridge)
    by_name.refresh_from_db()
    by_org.refresh_from_db()
    assert by_name.identity_id == by_org.identity_id == bridge.identity_id
    assert touched == {bridge.identity_id}
    loser = Identity.objects.exclude(pk=bridge.identity_id).get(merged_into=bridge.identity_id)
    assert not loser.records.exists() and not loser.keys.exists()


def test_a_merge_repoints_agency_rows_so_scenarios_see_them_under_the_survivor():
    code = credit_code("MN34KL56")
    by_name = record("沪0109", "C1", "上海子丑贸易有限公司", kind=COMPANY)
    by_org = record("沪0113", "C2", "子丑贸易", "组织机构代码", code[8:17], COMPANY)
    resolve(by_name, by_org)
    registration = Registration.objects.create(
        source="上海市市场监督管理局", name="子丑贸易", id_number=code[8:17],
        id_key=record_identity_fields("组织机构代码", code[8:17])[0], status="注销",
    )
    resolve_agency_rows(Registration, [registration.id])
    registration.refresh_from_db()
    before = registration.identity_id
    bridge = record("沪0114", "C3", "上海子丑贸易有限公司", "统一社会信用代码", code, COMPANY)
    resolve(bridge)
    registration.refresh_from_db()
    assert registration.identity_id == bridge.identity_id
    merged = Identity.objects.filter(merged_into=bridge.identity_id).values_list("id", flat=True)
    assert before == bridge.identity_id or before in merged


def test_one_batch_that_bridges_several_pairs_merges_each_pair_into_its_own_survivor():
    pairs = []
    for body in ("AB12CD34", "EF56GH78"):
        code = credit_code(body)
        by_name = record("沪0109", f"N{body}", f"上海{body}有限公司", kind=COMPANY)
        by_org = record("沪0113", f"O{body}", f"{body}", "组织机构代码", code[8:17], COMPANY)
        resolve(by_name, by_org)
        pairs.append((code, by_name, by_org))
    earlier = Identity.objects.create(kind=COMPANY, name="早先并入的", merged_into_id=pairs[0][2].identity_id)
    bridges = [
        record("沪0114", f"B{i}", f"上海{code[8:16]}有限公司", "统一社会信用代码", code, COMPANY)
        for i, (code, _, _) in enumerate(pairs)
    ]
    resolve(*bridges)
    for (_, by_name, by_org), bridge in zip(pairs, bridges, strict=True):
        by_name.refresh_from_db()
        by_org.refresh_from_db()
        assert by_name.identity_id == by_org.identity_id == bridge.identity_id
    assert bridges[0].identity_id != bridges[1].identity_id
    survivors = {bridge.identity_id for bridge in bridges}
    merged = Identity.objects.filter(merged_into__isnull=False).exclude(pk=earlier.pk)
    assert {identity.merged_into_id for identity in merged} == survivors and merged.count() == 2
    earlier.refresh_from_db()
    assert earlier.merged_into_id == bridges[0].identity_id, "an identity merged before follows the merge"
