"""Matching keys of a row, each an ``IdKey`` (scheme, value).

- strong: a verified resident ID (``ric``), credit code (``uscc`` plus the ``org`` code it
  embeds), organisation code (``org``), or a passport / HMT permit number (scheme: that ID
  type). Strong keys may merge identities.
- weak: a number that failed its check, or of type 其他 or an unknown type: it attaches a
  row to an identity holding exactly that number, never bridges two identities. Whether a
  number passes its check follows from its scheme and value, so a weak key never equals a
  strong one.
- name: ``orgname`` for organisations, used when a row has no number, or to give a number to
  an identity that was only known by name. Natural persons never get a name key.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.core.idnumbers import (
    HMT_PERMIT,
    ORG,
    PASSPORT,
    USCC,
    IdKey,
    NormalisedId,
    normalise_id,
)
from zhixing.core.names import normalise_name

NATURAL_PERSON = "自然人"
ORG_NAME = "orgname"
_STRONG_UNCHECKED_TYPES = (PASSPORT, HMT_PERMIT)


@dataclass(frozen=True)
class RowKeys:
    strong: tuple[IdKey, ...] = ()
    weak: IdKey | None = None
    name: IdKey | None = None
    # The row's own number as identity resolution may show it: (id_type, number, verified).
    number: NormalisedId | None = None


def record_identity_fields(id_type: str | None, id_number: str | None) -> tuple[IdKey | None, bool]:
    """(id key, id_verified) to store on a PartyRecord or an agency row before resolving it."""
    normalised = normalise_id(id_type, id_number)
    if normalised is None:
        return None, False
    return normalised.key, normalised.verified


def _is_strong(normalised: NormalisedId) -> bool:
    if not normalised.checked:
        return normalised.scheme in _STRONG_UNCHECKED_TYPES
    return normalised.verified


def number_keys(id_type: str | None, id_number: str | None) -> RowKeys:
    normalised = normalise_id(id_type, id_number)
    if normalised is None:
        return RowKeys()
    if not _is_strong(normalised):
        return RowKeys(weak=normalised.key, number=normalised)
    strong = [normalised.key]
    if normalised.org_code and normalised.scheme == USCC:
        strong.append(IdKey(ORG, normalised.org_code))
    return RowKeys(strong=tuple(strong), number=normalised)


def row_keys(kind: str, name: str, id_type: str | None, id_number: str | None) -> RowKeys:
    keys = number_keys(id_type, id_number)
    if kind == NATURAL_PERSON or not name.strip():
        return keys
    return RowKeys(
        strong=keys.strong, weak=keys.weak, name=IdKey(ORG_NAME, normalise_name(name)), number=keys.number
    )
