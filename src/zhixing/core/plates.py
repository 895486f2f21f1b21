"""Vehicle plates (车牌号): one written form for searching, and the plate inside a measure's text."""

from __future__ import annotations

import re
import unicodedata

# 沪A12345, 沪A·12345, 沪AD12345 (new energy): a province character, a letter, 5-6 letters or digits.
PLATE = re.compile(r"^[\u4e00-\u9fff][A-Z][A-Z0-9]{5,6}$")
PLATE_SEPARATORS = ("·", "•", "・", "-", " ")
_IN_TEXT = re.compile(r"[\u4e00-\u9fff][A-Z](?:[·•・\- ]?[A-Z0-9]){5,6}(?![A-Z0-9])")


def normalise_plate(text: str) -> str:
    plate = unicodedata.normalize("NFKC", text).upper()
    for sep in PLATE_SEPARATORS:
        plate = plate.replace(sep, "")
    return plate


def plate_in(text: str) -> str:
    """The first plate written in a measure's description, normalised; "" when none."""
    found = _IN_TEXT.search(unicodedata.normalize("NFKC", text).upper())
    return normalise_plate(found.group(0)) if found else ""
