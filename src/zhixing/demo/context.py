"""What every row generator of a chunk needs: the cases, party keys, case numbers, money text."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zhixing.demo import courts
from zhixing.demo.cases import PROCEDURES, CaseChunk
from zhixing.demo.parties import PartyRegistry
from zhixing.demo.text import digits

Table = tuple[np.ndarray, dict[str, np.ndarray]]  # court of each row, columns
_CENTS = np.array([f"{i:02d}" for i in range(100)], dtype=object)
_TYPE_CODES = np.array([p[1] for p in PROCEDURES], dtype=object)
_CODES = np.array(courts.CODES, dtype=object)
_FULLWIDTH = np.array([c.fullwidth_case_no for c in courts.COURTS])


def yuan_text(fen: np.ndarray) -> np.ndarray:
    """Integer fen to '1234.50'; negative means null (empty cell)."""
    fen = np.asarray(fen, dtype=np.int64)
    text = np.maximum(fen // 100, 0).astype(str).astype(object) + "." + _CENTS[np.abs(fen) % 100]
    return np.where(fen < 0, "", text)


def case_numbers(chunk: CaseChunk) -> np.ndarray:
    """案号 as each court's system writes it (two courts use full-width brackets)."""
    full = _FULLWIDTH[chunk.court]
    left = np.where(full, "（", "(").astype(object)
    right = np.where(full, "）", ")").astype(object)
    return (left + chunk.year.astype(str).astype(object) + right + _CODES[chunk.court]
            + _TYPE_CODES[chunk.procedure] + chunk.seq.astype(str).astype(object) + "号")


def normal_case_numbers(chunk: CaseChunk) -> np.ndarray:
    return ("(" + chunk.year.astype(str).astype(object) + ")" + _CODES[chunk.court]
            + _TYPE_CODES[chunk.procedure] + chunk.seq.astype(str).astype(object) + "号")


@dataclass
class Context:
    chunk: CaseChunk
    registry: PartyRegistry
    rng: np.random.Generator
    as_of: int
    case_no: np.ndarray
    staff: list[courts.CourtStaff]

    @property
    def end(self) -> np.ndarray:
        """Closing date, or the as-of date for open cases."""
        c = self.chunk
        return np.where(c.active, self.as_of, c.closed)

    def debtor_keys(self, pos: np.ndarray, court: np.ndarray | None = None) -> np.ndarray:
        c = self.chunk
        return self.registry.keys(c.court[pos] if court is None else court, c.debtor_kind[pos], c.debtor_idx[pos])

    def applicant_keys(self, pos: np.ndarray) -> np.ndarray:
        c = self.chunk
        return self.registry.keys(c.court[pos], c.app_kind[pos], c.app_idx[pos])

    def between(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        """A day in [low, high] per row (high below low gives low)."""
        span = np.maximum(np.asarray(high) - np.asarray(low), 0) + 1
        return np.asarray(low) + (self.rng.random(len(span)) * span).astype(np.int64)


def ids_text(prefix: str, number: np.ndarray, suffix: np.ndarray | int) -> np.ndarray:
    """Row identifiers unique inside a source: prefix, case index, a per-case counter."""
    return prefix + digits(number, 9) + digits(np.broadcast_to(np.asarray(suffix), number.shape), 2)
