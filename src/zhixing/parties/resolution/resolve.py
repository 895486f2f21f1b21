from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, models

from zhixing.core import clock
from zhixing.core.bulksql import insert_returning_ids, rows_matching, update_by_id, upsert_rows
from zhixing.core.idnumbers import RIC, IdKey, canonical_rank
from zhixing.parties.models import (
    ConsumptionRecord,
    CustodyRecord,
    Identity,
    IdentityKey,
    PartyRecord,
    Registration,
)
from zhixing.parties.resolution.keys import NATURAL_PERSON, RowKeys, number_keys, row_keys
from zhixing.parties.resolution.merge import merge_identities
from zhixing.parties.resolution.unionfind import UnionFind

CHUNK = 2000


@dataclass
class _Row:
    id: int
    kind: str
    name: str
    id_type: str
    id_number: str
    keys: RowKeys
    identity_id: int | None

    @property
    def node(self) -> tuple[str, int]:
        return ("row", self.id)

    @property
    def has_number_key(self) -> bool:
        return bool(self.keys.strong or self.keys.weak)


def _chunks(values: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _load(model: type[models.Model], ids: Sequence[int], fields: list[str]) -> list[dict]:
    rows = rows_matching(model, ["id"], ((i,) for i in ids), fields)
    return [dict(zip(fields, row, strict=True)) for row in rows]


def _existing_keys(keys: set[IdKey]) -> dict[IdKey, int]:
    rows = rows_matching(
        IdentityKey, ["scheme", "value"], ((k.scheme, k.value) for k in sorted(keys)),
        ["scheme", "value", "identity_id"],
    )
    return {IdKey(scheme, value): identity_id for scheme, value, identity_id in rows}


def _identities_with_numbers(ids: set[int]) -> set[int]:
    rows = rows_matching(Identity, ["id"], ((i,) for i in sorted(ids)), ["id", "id_number"])
    return {identity_id for identity_id, number in rows if number}


def _link(rows: list[_Row], found: dict[IdKey, int], numbered: set[int]) -> UnionFind:
    uf = UnionFind()
    first_in_batch: dict[IdKey, tuple[str, int]] = {}

    def join(row: _Row, key: IdKey) -> None:
        if key in found:
            uf.union(row.node, ("identity", found[key]))
        if key in first_in_batch:
            uf.union(row.node, first_in_batch[key])
        else:
            first_in_batch[key] = row.node

    named_with_number: dict[IdKey, tuple[str, int]] = {}
    for row in rows:
        uf.add(row.node)
        for key in row.keys.strong:
            join(row, key)
        if row.keys.weak:
            join(row, row.keys.weak)
        if row.keys.name and row.has_number_key:
            named_with_number.setdefault(row.keys.name, row.node)
            holder = found.get(row.keys.name)
            if holder is not None and holder not in numbered:
                uf.union(row.node, ("identity", holder))
    for row in rows:
        name = row.keys.name
        if row.has_number_key:
            continue
        if name:
            if name in found:
                uf.union(row.node, ("identity", found[name]))
            elif name in named_with_number:
                uf.union(row.node, named_with_number[name])
            else:
                join(row, name)
        elif row.identity_id is not None:
            uf.union(row.node, ("identity", row.identity_id))
    return uf


def _display_number(row: _Row) -> tuple[int, str, str, bool]:
    """(rank, id_type, number, verified) that an identity shows when this row is its best."""
    number = row.keys.number
    if number is None:
        return canonical_rank("", "", False), "", "", False
    if row.keys.strong:
        return canonical_rank(number.id_type, number.value, True), number.id_type, number.value, True
    return canonical_rank(row.id_type, number.value, False), row.id_type, number.value, False


def _current_rank(identity: Identity | _Draft) -> int:
    return canonical_rank(identity.id_type, identity.id_number, identity.verified)


def _settle_groups(rows: list[_Row], uf: UnionFind, default_kind: str) -> dict[int, int]:
    """Create, merge and update identities; return row id -> identity id."""
    by_id = {row.id: row for row in rows}
    groups = list(uf.groups().values())
    new_identities: list[tuple[list[_Row], _Draft]] = []
    settled: list[tuple[list[_Row], int]] = []
    survivors: dict[int, int] = {}
    for nodes in groups:
        group_rows = [by_id[n[1]] for n in nodes if n[0] == "row"]
        existing = sorted(n[1] for n in nodes if n[0] == "identity")
        if not group_rows:
            continue
        if existing:
            survivor = existing[0]
            survivors.update((loser, survivor) for loser in existing[1:])
            settled.append((group_rows, survivor))
        else:
            new_identities.append((group_rows, _Draft(kind=group_rows[-1].kind or default_kind)))
    merge_identities(survivors)
    for group_rows, identity in new_identities:
        _apply_best(identity, group_rows)
    created_ids = _insert_identities([identity for _, identity in new_identities])
    for (group_rows, _), identity_id in zip(new_identities, created_ids, strict=True):
        settled.append((group_rows, identity_id))
    _refresh_existing(settled, set(created_ids))
    return {row.id: identity_id for group_rows, identity_id in settled for row in group_rows}


@dataclass
class _Draft:
    """A new identity's fields, before it is inserted."""

    kind: str
    name: str = ""
    id_type: str = ""
    id_number: str = ""
    verified: bool = False


def _insert_identities(identities: list[_Draft]) -> list[int]:
    created_at = Identity._meta.get_field("created_at").get_db_prep_save(clock.now(), connection)
    return insert_returning_ids(
        Identity,
        ["kind", "name", "id_type", "id_number", "verified", "created_at"],
        [(i.kind, i.name, i.id_type, i.id_number, i.verified, created_at) for i in identities],
    )


def _apply_best(identity: Identity | _Draft, group_rows: list[_Row]) -> bool:
    best = min((_display_number(row) for row in group_rows), key=lambda item: item[0])
    changed = False
    latest_name = group_rows[-1].name
    if latest_name and identity.name != latest_name:
        identity.name, changed = latest_name, True
    if best[0] < _current_rank(identity):
        identity.id_type, identity.id_number, identity.verified = best[1], best[2], best[3]
        changed = True
    return changed


def _refresh_existing(settled: list[tuple[list[_Row], int]], fresh: set[int]) -> None:
    ids = [identity_id for _, identity_id in settled if identity_id not in fresh]
    identities: dict[int, Identity] = {}
    for chunk in _chunks(ids):
        identities.update(Identity.objects.in_bulk(chunk))
    changed = [
        identities[identity_id]
        for group_rows, identity_id in settled
        if identity_id in identities and _apply_best(identities[identity_id], group_rows)
    ]
    update_by_id(
        Identity,
        ["name", "id_type", "id_number", "verified"],
        [(i.name, i.id_type, i.id_number, i.verified, i.pk) for i in changed],
    )


def _register_keys(rows: list[_Row], assignment: dict[int, int], found: dict[IdKey, int]) -> None:
    new_keys: dict[IdKey, int] = {}
    for row in rows:
        keys = [*row.keys.strong, *([row.keys.weak] if row.keys.weak else [])]
        if row.keys.name:
            keys.append(row.keys.name)
        for key in keys:
            if key not in found:
                new_keys.setdefault(key, assignment[row.id])
    upsert_rows(
        IdentityKey, ["scheme", "value", "identity_id"],
        [(key.scheme, key.value, identity_id) for key, identity_id in new_keys.items()],
        unique=["scheme", "value"], update=[],
    )


def _assign(model: type[models.Model], rows: list[_Row], assignment: dict[int, int]) -> None:
    update_by_id(
        model,
        ["identity_id"],
        [
            (assignment[row.id], row.id)
            for row in rows
            if row.id in assignment and row.identity_id != assignment[row.id]
        ],
    )


def _resolve(model: type[models.Model], rows: list[_Row], default_kind: str) -> set[int]:
    linkable = [row for row in rows if row.keys != RowKeys() or model is PartyRecord]
    all_keys = {
        key
        for row in linkable
        for key in (*row.keys.strong, row.keys.weak, row.keys.name)
        if key
    }
    found = _existing_keys(all_keys)
    uf = _link(linkable, found, _identities_with_numbers(set(found.values())))
    assignment = _settle_groups(linkable, uf, default_kind)
    # Keys that pointed at merged identities now point at the survivor.
    found = _existing_keys(all_keys)
    _register_keys(linkable, assignment, found)
    _assign(model, linkable, assignment)
    return set(assignment.values())


def resolve_party_records(record_ids: Sequence[int]) -> set[int]:
    """Link these PartyRecords to identities, creating or merging as needed.
    Returns the ids of every identity touched."""
    fields = ["id", "kind", "name", "id_type", "id_number", "identity_id"]
    rows = [
        _Row(
            id=r["id"],
            kind=r["kind"],
            name=r["name"],
            id_type=r["id_type"],
            id_number=r["id_number"],
            keys=row_keys(r["kind"], r["name"], r["id_type"], r["id_number"]),
            identity_id=r["identity_id"],
        )
        for r in _load(PartyRecord, record_ids, fields)
    ]
    rows.sort(key=lambda row: row.id)
    return _resolve(PartyRecord, rows, NATURAL_PERSON)


_AGENCY_KINDS: dict[type[models.Model], str] = {
    CustodyRecord: NATURAL_PERSON,
    ConsumptionRecord: NATURAL_PERSON,
    Registration: "法人",
}


def resolve_agency_rows(model: type[models.Model], row_ids: Sequence[int]) -> set[int]:
    """Link custody / consumption / registration rows to identities by number only.
    A number no court has written yet starts an identity that later court rows will join."""
    default_kind = _AGENCY_KINDS[model]
    rows = []
    for r in _load(model, row_ids, ["id", "name", "id_type", "id_number", "identity_id"]):
        keys = number_keys(r["id_type"] or None, r["id_number"])
        kind = NATURAL_PERSON if keys.strong[:1] and keys.strong[0].scheme == RIC else default_kind
        rows.append(
            _Row(r["id"], kind, r["name"], r["id_type"], r["id_number"], keys, r["identity_id"])
        )
    rows.sort(key=lambda row: row.id)
    return _resolve(model, rows, default_kind)
