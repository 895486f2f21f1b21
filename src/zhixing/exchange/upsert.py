"""Writing a checked batch: set-based upserts per file, key -> id maps fetched in bulk,
no per-row queries.

Every write here runs inside the importer's ``transaction.atomic``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from zhixing.cases.models import AccountTxn, Case
from zhixing.cases.models.measures import VEHICLE_SEIZURE, statutory_term_end
from zhixing.core.bulksql import rows_matching, upsert_rows
from zhixing.core.caseno import parse_case_no
from zhixing.core.clock import shanghai_date
from zhixing.core.plates import plate_in
from zhixing.exchange.checks import KnownInDatabase
from zhixing.exchange.errors import BatchRejected, Problems
from zhixing.exchange.parsing import ParsedFile, Values
from zhixing.exchange.spec import BY_NAME, FILES, Kind
from zhixing.parties.models import ConsumptionRecord, CustodyRecord, PartyRecord, Registration
from zhixing.parties.resolution import resolve_agency_rows, resolve_party_records

_TEXTUAL = (Kind.TEXT, Kind.ENUM, Kind.CASE_NO, Kind.JUDGMENT_NO)
_REFERENCES = (Kind.CASE_REF, Kind.PARTY_REF, Kind.COURT_REF)
# Files whose model records the batch source (parties, *_id keyed rows, cases, registrations…).
_SOURCED = {
    spec.name
    for spec in FILES
    if any(f.name == "source" for f in spec.model._meta.concrete_fields)
}


@dataclass
class Written:
    identity_ids: set[int] = field(default_factory=set)
    case_ids: set[int] = field(default_factory=set)


@dataclass
class _Context:
    source: str
    case_ids: dict[str, int]
    party_ids: dict[str, int]
    advance: Callable[[int], None]


def _plain_fields(entity: str, values: Values) -> dict[str, Any]:
    """Model field values of every column that is not a reference; empty text is ""."""
    out: dict[str, Any] = {}
    for column in BY_NAME[entity].columns:
        if column.kind in _REFERENCES:
            continue
        value = values[column.name]
        out[column.model_field] = "" if value is None and column.kind in _TEXTUAL else value
    return out


def _fields(entity: str, values: Values, ctx: _Context) -> dict[str, Any]:
    """Column (attname) -> value of one row, references resolved to ids."""
    spec = BY_NAME[entity]
    fields = _plain_fields(entity, values)
    for column in spec.columns:
        value = values[column.name]
        if column.kind is Kind.CASE_REF:
            fields["case_id"] = None if value is None else ctx.case_ids[value]
        elif column.kind is Kind.PARTY_REF:
            target = column.name.removesuffix("_key") if column.name != "party_key" else "party"
            fields[f"{target}_id"] = None if value is None else ctx.party_ids[value]
        elif column.kind is Kind.COURT_REF:
            target = "parent" if column.name == "parent_code" else "court"
            fields[f"{target}_id"] = value
    if entity in _SOURCED:
        fields["source"] = ctx.source
    if entity in ("parties", "custody", "consumption", "registrations"):
        id_key = values["id_key"]
        fields["id_scheme"], fields["id_value"] = (id_key.scheme, id_key.value) if id_key else ("", "")
        if entity == "parties":
            fields["id_verified"] = values["id_verified"]
    if entity == "cases":
        number = parse_case_no(values["case_no"])
        fields.update(
            year=number.year,
            court_code_in_no=number.court_code,
            type_code=number.type_code,
            seq=number.seq,
        )
    if entity == "measures":
        fields["term_ends_on"] = values["expires_on"] or statutory_term_end(
            values["kind"], values["started_on"]
        )
        fields["plate"] = plate_in(values["detail"] or "") if values["kind"] == VEHICLE_SEIZURE else ""
    if entity == "consumption":
        fields["occurred_on"] = shanghai_date(values["occurred_at"])
    return fields


def _unique_columns(model: type[models.Model]) -> list[str]:
    """The key an upsert conflicts on: the primary key when it is natural, else the unique
    constraint, else the unique field."""
    if model._meta.pk.name != "id":
        return [model._meta.pk.attname]
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            attnames = {f.name: f.attname for f in model._meta.concrete_fields}
            return [attnames[name] for name in constraint.fields]
    return [f.attname for f in model._meta.concrete_fields if f.unique and not f.primary_key]


# Money rows are facts: a stored txn_id is never changed, by a batch or any other door.
TXN_FACT = ("case_id", "direction", "amount", "occurred_at", "beneficiary_id", "counterparty_id", "channel")
CHUNK = 500


def _money_rows_unchanged(parsed: ParsedFile, rows: list[dict[str, Any]], source: str) -> None:
    """Refuse the batch when a txn_id already stored holds another fact than its row here."""
    by_key = {row["txn_id"]: (line, row) for (line, _), row in zip(parsed.rows, rows, strict=True)}
    keys = sorted(by_key)
    problems = Problems()
    for start in range(0, len(keys), CHUNK):
        stored = AccountTxn.objects.filter(source=source, txn_id__in=keys[start : start + CHUNK])
        for txn_id, *fact in stored.values_list("txn_id", *TXN_FACT):
            line, row = by_key[txn_id]
            if tuple(fact) != tuple(row[name] for name in TXN_FACT):
                problems.add(parsed.label, line, "txn_id",
                             f"款项 {txn_id} 已保存为另一笔款项；款项记录不可更改，更正请报送冲正")
    if problems:
        raise BatchRejected(sorted(problems.items, key=lambda p: p.line))


def _upsert(model: type[models.Model], rows: list[dict[str, Any]], ctx: _Context) -> None:
    columns = list(rows[0])
    unique = _unique_columns(model)
    update = [] if model is AccountTxn else [c for c in columns if c not in unique]
    upsert_rows(model, columns, [tuple(row.values()) for row in rows], unique, update, ctx.advance)


def _ids(model: type[models.Model], column: str, keys: Iterable[str], **scope: Any) -> dict[str, int]:
    """key -> id of the rows with these keys (and the ``scope`` column values)."""
    key = [*scope, column]
    wanted = ((*scope.values(), value) for value in sorted(set(keys)))
    return {row[-2]: row[-1] for row in rows_matching(model, key, wanted, [column, "id"])}


def write(
    files: dict[str, ParsedFile],
    source: str,
    known: KnownInDatabase,
    advance: Callable[[int], None],
) -> Written:
    """Upsert every file in dependency order, resolving identities as their rows land."""
    ctx = _Context(source, dict(known.case_ids), dict(known.party_ids), advance)
    written = Written()
    for spec in FILES:
        parsed = files.get(spec.name)
        if parsed is None or not parsed.rows:
            continue
        rows = [values for _, values in parsed.rows]
        fields = [_fields(spec.name, values, ctx) for values in rows]
        if spec.model is AccountTxn:
            _money_rows_unchanged(parsed, fields, source)
        _upsert(spec.model, fields, ctx)
        if spec.name == "parties":
            ids = _ids(PartyRecord, "party_key", (v["party_key"] for v in rows), source=source)
            ctx.party_ids.update(ids)
            written.identity_ids |= resolve_party_records(sorted(ids.values()))
        elif spec.name == "cases":
            ids = _ids(Case, "case_no", (v["case_no"] for v in rows))
            ctx.case_ids.update(ids)
            written.case_ids.update(ids.values())
        elif spec.name in ("custody", "consumption"):
            model = CustodyRecord if spec.name == "custody" else ConsumptionRecord
            ids = _ids(model, "record_id", (v["record_id"] for v in rows), source=source)
            written.identity_ids |= resolve_agency_rows(model, sorted(ids.values()))
        elif spec.name == "registrations":
            numbers = sorted({(v["id_key"].scheme, v["id_key"].value) for v in rows})
            columns = ["id_scheme", "id_value"]
            found = rows_matching(Registration, columns, numbers, ["id"])
            written.identity_ids |= resolve_agency_rows(Registration, sorted(row[0] for row in found))
        for column in spec.columns:
            if column.kind is Kind.CASE_REF:
                written.case_ids.update(
                    ctx.case_ids[v[column.name]] for v in rows if v[column.name] is not None
                )
    return written
