"""Party keys per court batch and the ``parties`` rows written at the end.

Each court numbers its own parties: a pool member's key in a court is an affine permutation
of its pool index (different per court), so no mapping table is kept. The registry remembers
which pool members each court used, and writes exactly those.
"""

from __future__ import annotations

import numpy as np

from zhixing.demo import courts, ids
from zhixing.demo.population import (
    PERSON,
    Pools,
    company_address,
    landline,
    mobile_phone,
    person_address,
)
from zhixing.demo.text import digits

_MODULUS = 99_999_989  # prime, larger than any pool
RESIDENT_ID = "居民身份证"
CREDIT_CODE = "统一社会信用代码"
ORG_CODE = "组织机构代码"
# Courts whose system writes names with half-width brackets, or with a space after 上海.
HALF_WIDTH_NAME_COURTS = frozenset({"沪0110", "沪0118", "沪0151"})
SPACED_NAME_COURTS = frozenset({"沪0105"})


def _bad_digit_mask(court: int, idx: np.ndarray, protected: np.ndarray) -> np.ndarray:
    """About three rows in a thousand carry a wrong check digit (a typo in the court's system)."""
    h = (idx.astype(np.int64) * 2654435761 + (court + 1) * 40503) % 1000
    return (h < 3) & ~protected[idx]


class PartyRegistry:
    def __init__(self, seed: int, pools: Pools) -> None:
        self.pools = pools
        rng = np.random.default_rng([seed, 0x4E7])
        n_courts = len(courts.CODES)
        self.mult = rng.integers(1_000_003, _MODULUS - 1, size=n_courts)
        self.add = rng.integers(0, _MODULUS, size=n_courts)
        self.used = (
            np.zeros((n_courts, pools.persons.size), dtype=bool),
            np.zeros((n_courts, pools.companies.size), dtype=bool),
        )
        self.bad_numbers: list[tuple[str, str, str]] = []

    def keys(self, court: np.ndarray, kind: np.ndarray, idx: np.ndarray) -> np.ndarray:
        """The party_key of each (court, kind, pool index), marking it used in that court."""
        court = np.asarray(court, dtype=np.int64)
        kind = np.asarray(kind)
        idx = np.asarray(idx, dtype=np.int64)
        persons = kind == PERSON
        self.used[0][court[persons], idx[persons]] = True
        self.used[1][court[~persons], idx[~persons]] = True
        return self._render(court, kind, idx)

    def _render(self, court: np.ndarray, kind: np.ndarray, idx: np.ndarray) -> np.ndarray:
        number = (idx * self.mult[court] + self.add[court]) % _MODULUS
        prefix = np.where(kind == PERSON, "R", "E").astype(object)
        return prefix + digits(number, 8)

    def person_rows(self, court: int) -> dict[str, np.ndarray]:
        pool = self.pools.persons
        idx = np.flatnonzero(self.used[0][court])
        info = courts.COURTS[court]
        numbers = pool.id18[idx]
        id_type = np.full(len(idx), RESIDENT_ID, dtype=object)
        if info.legacy_ids:
            old = pool.born_1900s[idx]
            numbers = np.where(old, ids.to_15_digits(numbers) if len(idx) else numbers, numbers)
        spoil = _bad_digit_mask(court, idx, pool.protected) & (np.char.str_len(numbers.astype(str)) == 18)
        if spoil.any():
            numbers[spoil] = ids.spoil_check_character(numbers[spoil])
        keys = self._render(np.full(len(idx), court), np.full(len(idx), PERSON), idx)
        self.bad_numbers += [(info.code, str(k), str(n)) for k, n in zip(keys[spoil], numbers[spoil], strict=True)]
        # A few rows have no number at all; never for a planted party.
        missing = ((idx * 7 + court) % 211 == 0) & ~pool.protected[idx]
        numbers = np.where(missing, "", numbers)
        id_type = np.where(missing, "", id_type)
        phone = np.where(idx % 5 != 0, mobile_phone(idx), "")
        address = np.where(idx % 10 < 7, person_address(idx), "")
        return {
            "party_key": keys, "kind": np.full(len(idx), "自然人", dtype=object),
            "name": pool.names.render(idx), "id_type": id_type, "id_number": numbers,
            "phone": phone, "address": address,
        }

    def company_rows(self, court: int) -> dict[str, np.ndarray]:
        pool = self.pools.companies
        idx = np.flatnonzero(self.used[1][court])
        info = courts.COURTS[court]
        names = pool.name[idx]
        if info.code in HALF_WIDTH_NAME_COURTS:
            names = np.array([n.replace("（", "(").replace("）", ")") for n in names], dtype=object)
        if info.code in SPACED_NAME_COURTS:
            names = np.array([n.replace("上海", "上海 ", 1) for n in names], dtype=object)
        if info.legacy_ids:
            org = pool.org[idx]
            numbers = np.where(idx % 2 == 0, ids.with_hyphen(org) if len(idx) else org, org)
            id_type = np.full(len(idx), ORG_CODE, dtype=object)
        else:
            numbers = pool.uscc[idx].copy()
            id_type = np.full(len(idx), CREDIT_CODE, dtype=object)
            spoil = _bad_digit_mask(court, idx, pool.protected)
            if spoil.any():
                numbers[spoil] = ids.spoil_check_character(numbers[spoil])
            keys_bad = self._render(np.full(int(spoil.sum()), court), np.full(int(spoil.sum()), 1), idx[spoil])
            self.bad_numbers += [(info.code, str(k), str(n)) for k, n in zip(keys_bad, numbers[spoil], strict=True)]
        keys = self._render(np.full(len(idx), court), np.full(len(idx), 1), idx)
        return {
            "party_key": keys, "kind": np.full(len(idx), "法人", dtype=object), "name": names,
            "id_type": id_type, "id_number": numbers,
            "phone": np.where(idx % 5 < 3, landline(idx), ""),
            "address": company_address(idx),
        }
