"""Normalised names for matching organisations written without a number."""

from __future__ import annotations

import unicodedata


def normalise_name(name: str) -> str:
    # NFKC folds full-width brackets, letters and digits; spaces of any width are dropped.
    folded = unicodedata.normalize("NFKC", name or "")
    return "".join(folded.split()).upper()
