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

# Schemes of the numbers whose form and check digits are known; any other number is kept
# under the ID type it was written with (UNTYPED when the source gave none).
RIC, USCC, ORG = "ric", "uscc", "org"
CHECKED_SCHEMES = {RIC: RESIDENT_ID, USCC: CREDIT_CODE, ORG: ORG_CODE}
UNTYPED = "?"

# Which of the numbers written for one identity it shows as its own, best first: the
# resident ID, the credit code, a passport or permit number, the organisation code. Then an
# unverified number, then none.
_CANONICAL_ORDER = {RESIDENT_ID: 0, CREDIT_CODE: 1, ORG_CODE: 3}
_OTHER_VERIFIED_RANK, UNVERIFIED_RANK, NO_NUMBER_RANK = 2, 8, 9


def canonical_rank(id_type: str, id_number: str, verified: bool) -> int:
    """Lower is better: whether a number of this type replaces the one an identity shows."""
    if not id_number:
        return NO_NUMBER_RANK
    if not verified:
        return UNVERIFIED_RANK
    return _CANONICAL_ORDER.get(id_type, _OTHER_VERIFIED_RANK)

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_BODY = re.compile(r"^[0-9A-Z]{8}$")


@dataclass(frozen=True, order=True)
class IdKey:
    """A matching key: the scheme its value was normalised under, and the value (identity
    resolution adds ``orgname`` for an organisation's normalised name)."""

    scheme: str
    value: str


@dataclass(frozen=True)
class NormalisedId:
    """``scheme`` is ric, uscc or org for numbers of those forms, else the ID type the number
    was written under (``UNTYPED`` when none); ``org_code`` is the embedded 9-character code."""

    scheme: str
    value: str
    verified: bool
    org_code: str | None = None

    @property
    def key(self) -> IdKey:
        return IdKey(self.scheme, self.value)

    @property
    def checked(self) -> bool:
        """The number has a known form (its check digits were tested)."""
        return self.scheme in CHECKED_SCHEMES

    @property
    def id_type(self) -> str:
        """The exchange format's ID type of the canonical number."""
        return CHECKED_SCHEMES.get(self.scheme, self.scheme)


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
        return NormalisedId(RIC, converted, _birth_date_ok(converted))
    if len(number) == 18 and number[:17].isdigit():
        ok = _birth_date_ok(number) and ric.calc_check_digit(number) == number[17]
        return NormalisedId(RIC, number, ok)
    return NormalisedId(RESIDENT_ID, number, False)


def normalise_credit_code(text: str) -> NormalisedId:
    code = _compact(text)
    if len(code) == 9:
        return normalise_org_code(code)
    if len(code) != 18:
        return NormalisedId(CREDIT_CODE, code, False)
    embedded = code[8:17]
    valid = uscc.is_valid(code) and is_valid_org_code(embedded)
    return NormalisedId(USCC, code, valid, embedded if valid else None)


def normalise_org_code(text: str) -> NormalisedId:
    code = _compact(text)
    if len(code) == 18:
        return normalise_credit_code(code)
    if is_valid_org_code(code):
        return NormalisedId(ORG, code, True, code)
    return NormalisedId(ORG, code, False) if len(code) == 9 else NormalisedId(ORG_CODE, code, False)


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
    return NormalisedId(id_type, _compact(id_number), False)


def _guess_scheme(id_number: str) -> NormalisedId:
    """Agency feeds sometimes give a number without its type; recognise it by its shape."""
    code = _compact(id_number)
    if len(code) in (15, 18) and code[:15].isdigit():
        return normalise_resident_id(code)
    if len(code) == 18:
        return normalise_credit_code(code)
    if len(code) == 9:
        return normalise_org_code(code)
    return NormalisedId(UNTYPED, code, False)


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


class IdKeyed:
    """A row that keeps its normalised number in ``id_scheme`` and ``id_value`` columns."""

    id_scheme: str
    id_value: str

    @property
    def id_key(self) -> IdKey | None:
        return IdKey(self.id_scheme, self.id_value) if self.id_scheme else None

    @id_key.setter
    def id_key(self, key: IdKey | None) -> None:
        self.id_scheme, self.id_value = (key.scheme, key.value) if key else ("", "")
