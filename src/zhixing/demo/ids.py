"""Resident ID numbers (居民身份证) and credit codes (统一社会信用代码) for the demo pools.

Check characters are computed with python-stdnum (resident ID, credit code) and
``zhixing.core.idnumbers.org_check_digit`` (the organisation code embedded in a credit code),
once per pool member; the written forms (18/15 digits, credit code / organisation code with
or without hyphen) are derived from the stored canonical numbers.
"""

from __future__ import annotations

import numpy as np
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidComponent

from zhixing.core.idnumbers import org_check_digit

# Area codes (行政区划代码): Shanghai's districts, the codes of former districts and counties
# that older ID numbers keep (南市, 卢湾, 闸北, the 县 before they became districts), and a few
# places in neighbouring provinces (many people in Shanghai were born elsewhere).
SHANGHAI_DISTRICTS = ("310101", "310104", "310105", "310106", "310107", "310109", "310110", "310112",
                      "310113", "310114", "310115", "310116", "310117", "310118", "310120", "310151")
FORMER_SHANGHAI = ("310102", "310103", "310108", "310221", "310222", "310223", "310224", "310225",
                   "310226", "310227", "310228", "310229", "310230")
OTHER_AREAS = ("320102", "320106", "320321", "320583", "330106", "330482", "340104", "340111",
               "341221", "410102", "410105", "420106", "510107")
PERSON_AREAS = SHANGHAI_DISTRICTS + FORMER_SHANGHAI + OTHER_AREAS
_AREA_WEIGHTS = np.array([5.0] * len(SHANGHAI_DISTRICTS) + [2.5] * len(FORMER_SHANGHAI) + [1.2] * len(OTHER_AREAS))
COMPANY_AREAS = SHANGHAI_DISTRICTS


def _in_use(area: str, year: int) -> bool:
    """Whether the code named a place in that birth year (python-stdnum's table of codes)."""
    try:
        ric.get_birth_place(f"{area}{year}0101001")
    except InvalidComponent:
        return False
    return True


def draw_areas(rng: np.random.Generator, birth_year: np.ndarray) -> np.ndarray:
    """An area code index per person, among the codes in use in their birth year."""
    result = np.zeros(len(birth_year), dtype=np.int64)
    for year in np.unique(birth_year).tolist():
        rows = np.flatnonzero(birth_year == year)
        usable = np.array([_in_use(a, year) for a in PERSON_AREAS])
        weights = np.where(usable, _AREA_WEIGHTS, 0.0)
        result[rows] = rng.choice(len(PERSON_AREAS), size=len(rows), p=weights / weights.sum())
    return result


# Characters allowed in a credit code (GB 32100 excludes I, O, S, V, Z).
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ALNUM = np.array(list(CREDIT_ALPHABET), dtype=object)


def resident_ids(area: np.ndarray, birth_ymd: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """18-digit numbers: area code, YYYYMMDD, 3-digit sequence (odd for men), check digit."""
    bodies = [
        f"{PERSON_AREAS[a]}{b:08d}{s:03d}" for a, b, s in zip(area.tolist(), birth_ymd.tolist(), seq.tolist(), strict=True)
    ]
    return np.array([body + ric.calc_check_digit(body + "0") for body in bodies], dtype=object)


def to_15_digits(id18: np.ndarray) -> np.ndarray:
    """The first-generation form: no century, no check digit (only for people born 19xx)."""
    return np.array([n[:6] + n[8:17] for n in id18.tolist()], dtype=object)


def organisation_bodies(rng: np.random.Generator, count: int) -> np.ndarray:
    """8-character bodies: older codes are digits, codes since 2015 start with MA."""
    digits = rng.integers(10_000_000, 99_999_999, size=count)
    new_style = rng.random(count) < 0.45
    tails = _ALNUM[rng.integers(0, len(CREDIT_ALPHABET), size=(count, 5))]
    result = np.empty(count, dtype=object)
    for i in range(count):
        result[i] = "MA1" + "".join(tails[i]) if new_style[i] else str(digits[i])
    return result


def organisation_codes(bodies: np.ndarray) -> np.ndarray:
    return np.array([body + org_check_digit(body) for body in bodies.tolist()], dtype=object)


def credit_codes(kind_prefix: np.ndarray, area: np.ndarray, org: np.ndarray) -> np.ndarray:
    """``91`` enterprise / ``92`` sole trader, area code, embedded organisation code, check."""
    bodies = [
        f"{p}{COMPANY_AREAS[a]}{o}" for p, a, o in zip(kind_prefix.tolist(), area.tolist(), org.tolist(), strict=True)
    ]
    return np.array([body + uscc.calc_check_digit(body) for body in bodies], dtype=object)


def with_hyphen(org: np.ndarray) -> np.ndarray:
    return np.array([code[:8] + "-" + code[8] for code in org.tolist()], dtype=object)


def spoil_check_character(numbers: np.ndarray) -> np.ndarray:
    """Replace the last character with a different digit: a legacy typo the platform must keep."""
    out = []
    for n in numbers.tolist():
        last = n[-1]
        wrong = "1" if last in "0X" else str((int(last) + 3) % 10) if last.isdigit() else "7"
        if wrong == last:
            wrong = "2"
        out.append(n[:-1] + wrong)
    return np.array(out, dtype=object)
