"""Identity numbers: resident ID (居民身份证), unified social credit code (统一社会信用代码)
and organisation code (组织机构代码).

``normalise_id`` turns whatever a source wrote into a canonical form plus a flag saying
whether the check digits hold. A number whose check digit is wrong is still returned
(legacy data has them) but ``verified`` is False: it may only match by exact equality.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from stdnum.cn import ric, uscc

RESIDENT_ID = "居民身份证"
CREDIT_CODE = "统一社会信用代码"
ORG_CODE = "组织机构代码"
PASSPORT = "护照"
HMT_PERMIT = "港澳台居民证件"
OTHER = "其他"
ID_TYPES = (RESIDENT_ID, CREDIT_CODE, ORG_CODE, PASSPORT, HMT_PERMIT, OTHER)

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_BODY = re.compile(r"^[0-9A-Z]{8}$")


@dataclass(frozen=True)
class NormalisedId:
    """``scheme`` is ric, uscc, org or raw; ``org_code`` is the embedded 9-character code."""

    scheme: str
    value: str
    verified: bool
    org_code: str | None = None

    @property
    def key(self) -> str:
        return f"{self.scheme}:{self.value}"


def _compact(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-–—]", "", text).upper()


def org_check_digit(body: str) -> str:
    """GB 11714 check character for the 8-character body of an organisation code."""
    total = sum(_ORG_ALPHABET.index(ch) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def is_valid_org_code(code: str) -> bool:
    return len(code) == 9 and bool(_ORG_BODY.match(code[:8])) and org_check_digit(code[:8]) == code[8]


def ric_15_to_18(number: str) -> str:
    body = number[:6] + "19" + number[6:]
    return body + ric.calc_check_digit(body + "0")


def _birth_date_ok(number18: str) -> bool:
    try:
        dt.date(int(number18[6:10]), int(number18[10:12]), int(number18[12:14]))
    except ValueError:
        return False
    return True


def normalise_resident_id(text: str) -> NormalisedId:
    number = _compact(text)
    if len(number) == 15 and number.isdigit():
        converted = ric_15_to_18(number)
        return NormalisedId("ric", converted, _birth_date_ok(converted))
    if len(number) == 18 and number[:17].isdigit():
        ok = _birth_date_ok(number) and ric.calc_check_digit(number) == number[17]
        return NormalisedId("ric", number, ok)
    return NormalisedId("raw", f"{RESIDENT_ID}:{number}", False)


def normalise_credit_code(text: str) -> NormalisedId:
    code = _compact(text)
    if len(code) == 9:
        return normalise_org_code(code)
    if len(code) != 18:
        return NormalisedId("raw", f"{CREDIT_CODE}:{code}", False)
    embedded = code[8:17]
    valid = uscc.is_valid(code) and is_valid_org_code(embedded)
    return NormalisedId("uscc", code, valid, embedded if valid else None)


def normalise_org_code(text: str) -> NormalisedId:
    code = _compact(text)
    if len(code) == 18:
        return normalise_credit_code(code)
    if is_valid_org_code(code):
        return NormalisedId("org", code, True, code)
    return NormalisedId("org", code, False) if len(code) == 9 else NormalisedId(
        "raw", f"{ORG_CODE}:{code}", False
    )


def normalise_id(id_type: str | None, id_number: str | None) -> NormalisedId | None:
    """Canonical form of a number as written under ``id_type``; None when no number is given."""
    if not id_number or not id_number.strip():
        return None
    if id_type == RESIDENT_ID:
        return normalise_resident_id(id_number)
    if id_type == CREDIT_CODE:
        return normalise_credit_code(id_number)
    if id_type == ORG_CODE:
        return normalise_org_code(id_number)
    if not id_type:
        return _guess_scheme(id_number)
    return NormalisedId("raw", f"{id_type}:{_compact(id_number)}", False)


def _guess_scheme(id_number: str) -> NormalisedId:
    """Agency feeds sometimes give a number without its type; recognise it by its shape."""
    code = _compact(id_number)
    if len(code) in (15, 18) and code[:15].isdigit():
        return normalise_resident_id(code)
    if len(code) == 18:
        return normalise_credit_code(code)
    if len(code) == 9:
        return normalise_org_code(code)
    return NormalisedId("raw", f"?:{code}", False)


def mask_id_number(number: str | None) -> str:
    """310104199001011234 -> 310104********123X style: keep the first 6 and last 4. A short
    number (passports, permits, legacy codes) keeps at most a quarter at each end, and one
    of four characters or fewer shows none."""
    if not number:
        return ""
    if len(number) <= 10:
        keep = 0 if len(number) <= 4 else min(2, len(number) // 4)
        return number[:keep] + "*" * (len(number) - 2 * keep) + (number[-keep:] if keep else "")
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
