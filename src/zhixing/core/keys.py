"""Keys (txn_id, party_key, measure_id, court codes …) as every door must take them.

A key is trimmed and NFKC-normalised (full-width letters and digits become ASCII), so
``"SEC-BI-1 "`` and ``"ＳＥＣ-BI-1"`` are the key ``SEC-BI-1``. A key holding an invisible
character (Unicode category Cf: U+200B, a byte-order mark U+FEFF …) or a control
character (Cc: a line break, a tab, NUL …) is refused: two keys that look the same must be
the same key, or a repeated row would be stored twice.
"""

from __future__ import annotations

import unicodedata

_REFUSED_CATEGORIES = {"Cf": "不可见字符", "Cc": "控制字符"}


class BadKey(ValueError):
    """Why a text is not a key, in Chinese."""


def _describe(char: str) -> str:
    kind = _REFUSED_CATEGORIES[unicodedata.category(char)]
    return f"{kind} U+{ord(char):04X}"


def normalise_key(text: str) -> str:
    """The key as stored, or BadKey naming the first refused character."""
    key = unicodedata.normalize("NFKC", text).strip()
    for char in key:
        if unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise BadKey(f"键含有{_describe(char)}（键只能由可见字符组成）")
    if not key:
        raise BadKey("键为空")
    return key
