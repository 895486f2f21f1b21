from decimal import Decimal

import pytest
from stdnum.cn import ric

from zhixing.core.caseno import CaseNumberError, normalise_case_no, parse_case_no
from zhixing.core.idnumbers import mask_id_number, normalise_id
from zhixing.core.money import AmountError, format_yuan, parse_amount


def with_check(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


@pytest.mark.parametrize(
    "written",
    ["(2024)沪0104执1234号", "（2024）沪0104执1234号", " ( 2024 ) 沪0104执1234号", "（２０２４）沪0104执1234号"],
)
def test_case_number_bracket_and_width_variants_normalise_alike(written):
    assert normalise_case_no(written) == "(2024)沪0104执1234号"


@pytest.mark.parametrize(
    ("written", "court", "type_code"),
    [
        ("(2023)沪0120执恢33号", "沪0120", "执恢"),
        ("(2024)沪01执复5号", "沪01", "执复"),
        ("(2024)沪7101执保12号", "沪7101", "执保"),
        ("(2022)沪0112民初778号", "沪0112", "民初"),
        ("(2021)沪03破1号", "沪03", "破"),
        ("(2024)沪执异2号", "沪", "执异"),
    ],
)
def test_case_number_parts(written, court, type_code):
    parsed = parse_case_no(written)
    assert (parsed.court_code, parsed.type_code) == (court, type_code)


@pytest.mark.parametrize("bad", ["", "2024沪0104执1234号", "(2024)沪0104执号", "(24)沪0104执1号"])
def test_malformed_case_numbers_are_refused(bad):
    with pytest.raises(CaseNumberError):
        parse_case_no(bad)


def test_fifteen_digit_resident_id_becomes_its_eighteen_digit_form():
    eighteen = with_check("31010419650317123")
    fifteen = eighteen[:6] + eighteen[8:17]
    old = normalise_id("居民身份证", fifteen)
    assert old is not None and old.value == eighteen and old.verified


def test_resident_id_with_wrong_check_digit_is_kept_unverified():
    good = with_check("31010419900101123")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    result = normalise_id("居民身份证", bad)
    assert result is not None and result.value == bad and not result.verified


def test_credit_code_embeds_the_organisation_code_with_or_without_hyphen():
    credit = normalise_id("统一社会信用代码", "91350100M000100Y43")
    assert credit is not None and credit.verified and credit.org_code == "M000100Y4"
    hyphen = normalise_id("组织机构代码", "M000100Y-4")
    plain = normalise_id("组织机构代码", "M000100Y4")
    assert hyphen == plain and plain is not None and plain.value == "M000100Y4"


def test_masking_keeps_the_first_six_and_last_four():
    assert mask_id_number("31010419900101123X") == "310104********123X"


@pytest.mark.parametrize("bad", ["5O000.00", "12,3a", "-1.00", "1.234", ""])
def test_bad_amounts_are_refused(bad):
    with pytest.raises(AmountError):
        parse_amount(bad)


def test_amounts_are_decimal_yuan():
    assert parse_amount("260000.5") == Decimal("260000.50")
    assert format_yuan(Decimal("1234567")) == "¥1,234,567.00"


def test_money_adds_exactly():
    assert parse_amount("0.10") + parse_amount("0.20") == Decimal("0.30")


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("小型轿车 沪F·09406", "沪F09406"),
        ("沪L·D2726 轻型厢式货车", "沪LD2726"),
        ("轿车沪a-12345号", "沪A12345"),
        ("沪AD12345", "沪AD12345"),
        ("沪A1234 车牌不全", ""),
        ("房屋一套", ""),
    ],
)
def test_the_plate_in_a_vehicle_seizure_is_found_and_written_one_way(text, plate):
    from zhixing.core.plates import plate_in

    assert plate_in(text) == plate
