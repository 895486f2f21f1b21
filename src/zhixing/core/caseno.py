"""Case numbers (案号): parsing and normalisation.

A case number reads ``(2024)沪0104执1234号``: year, court code (province character and
digits), type code (执, 执恢, 民初, 破 …) and a sequence. Full-width brackets and stray
spaces are accepted; the normal form uses half-width brackets and no spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_PATTERN = re.compile(
    r"^\((?P<year>\d{4})\)"
    r"(?P<court>[\u4e00-\u9fff]\d*)"
    r"(?P<type>[\u4e00-\u9fff]+?)"
    r"(?P<seq>\d+)号$"
)


class CaseNumberError(ValueError):
    pass


@dataclass(frozen=True)
class CaseNumber:
    year: int
    court_code: str
    type_code: str
    seq: int

    def __str__(self) -> str:
        return f"({self.year}){self.court_code}{self.type_code}{self.seq}号"


def _clean(text: str) -> str:
    # NFKC turns full-width brackets and digits into their half-width forms.
    return "".join(unicodedata.normalize("NFKC", text).split())


def parse_case_no(text: str) -> CaseNumber:
    cleaned = _clean(text or "")
    match = _PATTERN.match(cleaned)
    if not match:
        raise CaseNumberError(f"不是案号：应为“(2024)沪0104执1234号”的形式，收到 {text!r}")
    return CaseNumber(
        year=int(match["year"]),
        court_code=match["court"],
        type_code=match["type"],
        seq=int(match["seq"]),
    )


def normalise_case_no(text: str) -> str:
    return str(parse_case_no(text))


def normalise_loose(text: str) -> str:
    """Normal form for references to judgments that may not follow the pattern exactly."""
    try:
        return normalise_case_no(text)
    except CaseNumberError:
        return _clean(text)
