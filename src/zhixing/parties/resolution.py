"""Identity resolution across courts and agencies (interface; implementation follows)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models

from zhixing.core.idnumbers import normalise_id


def record_identity_fields(id_type: str | None, id_number: str | None) -> tuple[str, bool]:
    """(id_key, id_verified) to store on a PartyRecord or an agency row before resolving it."""
    normalised = normalise_id(id_type, id_number)
    if normalised is None:
        return "", False
    return normalised.key, normalised.verified


def resolve_party_records(record_ids: Sequence[int]) -> set[int]:
    """Link these PartyRecords to identities, creating or merging as needed.
    Returns the ids of every identity touched."""
    raise NotImplementedError


def resolve_agency_rows(model: type[models.Model], row_ids: Sequence[int]) -> set[int]:
    """Link custody / consumption / registration rows to identities by number."""
    raise NotImplementedError
