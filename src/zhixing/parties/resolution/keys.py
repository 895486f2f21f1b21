"""Matching keys of a row.

- strong: a verified resident ID (``ric:``), credit code (``uscc:`` plus the ``org:`` code it
  embeds), organisation code (``org:``), or a passport / HMT permit number (``raw:``). Strong
  keys may merge identities.
- weak: a number that failed its check (``unverified:``) or of type 其他: it attaches a row to
  an identity holding exactly that number, never bridges two identities.
- name: ``orgname:`` for organisations, used when a row has no number, or to give a number to
  an identity that was only known by name. Natural persons never get a name key.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.core.idnumbers import HMT_PERMIT, PASSPORT, NormalisedId, normalise_id
from zhixing.core.names import normalise_name

NATURAL_PERSON = "自然人"
_STRONG_RAW_TYPES = (PASSPORT, HMT_PERMIT)


@dataclass(frozen=True)
class RowKeys:
    strong: tuple[str, ...] = ()
    weak: str | None = None
    name: str | None = None


def record_identity_fields(id_type: str | None, id_number: str | None) -> tuple[str, bool]:
    """(id_key, id_verified) to store on a PartyRecord or an agency row before resolving it."""
    normalised = normalise_id(id_type, id_number)
    if normalised is None:
        return "", False
    return normalised.key, normalised.verified


def _is_strong(normalised: NormalisedId, id_type: str | None) -> bool:
    if normalised.scheme == "raw":
        return id_type in _STRONG_RAW_TYPES
    return normalised.verified


def number_keys(id_type: str | None, id_number: str | None) -> RowKeys:
    normalised = normalise_id(id_type, id_number)
    if normalised is None:
        return RowKeys()
    if not _is_strong(normalised, id_type):
        return RowKeys(weak=f"unverified:{normalised.key}")
    strong = [normalised.key]
    if normalised.org_code and normalised.scheme == "uscc":
        strong.append(f"org:{normalised.org_code}")
    return RowKeys(strong=tuple(strong))


def row_keys(kind: str, name: str, id_type: str | None, id_number: str | None) -> RowKeys:
    keys = number_keys(id_type, id_number)
    if kind == NATURAL_PERSON or not name.strip():
        return keys
    return RowKeys(strong=keys.strong, weak=keys.weak, name=f"orgname:{normalise_name(name)}")


def canonical_rank(id_type: str, id_number: str, verified: bool) -> int:
    """Lower is better: which written number an identity shows as its own."""
    if not id_number:
        return 9
    keys = number_keys(id_type, id_number)
    if not keys.strong:
        return 8
    first = keys.strong[0].split(":", 1)[0]
    return {"ric": 0, "uscc": 1, "raw": 2, "org": 3}.get(first, 7)
