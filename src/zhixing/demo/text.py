"""Vectorised text helpers for object arrays of strings."""

from __future__ import annotations

import numpy as np


def digits(numbers: np.ndarray, width: int) -> np.ndarray:
    """Non-negative integers as zero-padded strings (an object array; empty input allowed)."""
    numbers = np.asarray(numbers)
    if numbers.size == 0:
        return np.zeros(numbers.shape, dtype=object)
    return np.char.zfill(numbers.astype(str), width).astype(object)
