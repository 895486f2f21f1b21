"""Column specifications of exchange format v1: one ``FileSpec`` per entity file.

The readers, the validation, the upsert and the published JSON Schemas
(``exchange/schemas/*.json``) all derive from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from django.db import models

from zhixing.cases import enums
from zhixing.cases.models import (
    AccountTxn,
    Action,
    AssetFinding,
    Auction,
    Bankruptcy,
    BasisChange,
    Case,
    CaseParty,
    Court,
    Fee,
    Measure,
    Staff,
    StageHistory,
)
from zhixing.core.idnumbers import ID_TYPES
from zhixing.parties.models import ConsumptionRecord, CustodyRecord, PartyRecord, Registration

FORMAT_VERSION = "zhixing-exchange/1"


class Kind(Enum):
    TEXT = "text"
    ENUM = "enum"
    DATE = "date"
    DATETIME = "datetime"
    AMOUNT = "amount"
    CASE_NO = "case_no"  # a case number that must parse (cases.case_no)
    CASE_REF = "case_ref"  # a case number that must resolve in the batch or the database
    JUDGMENT_NO = "judgment_no"  # a judgment's number: normalised loosely, never resolved
    PARTY_REF = "party_ref"  # a party_key of the same source
    COURT_REF = "court_ref"  # a court code


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    values: tuple[str, ...] = ()
    field: str | None = None  # model field when it differs from the column name
    extension: bool = False  # accepted beyond the contract
    meaning: str = ""  # what the contract says the column means, published in the schema

    @property
    def model_field(self) -> str:
        return self.field or self.name


@dataclass(frozen=True)
class FileSpec:
    name: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # True when the contract names the key (courts.code, *_id …): any repeat rejects the batch.
    # Otherwise the key is the platform's: identical repeated rows are merged, conflicting ones rejected.
    contract_key: bool
    by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def is_key(self, column: Column) -> bool:
        """Key columns (codes, *_id, *_key) are normalised and refuse invisible characters."""
        if column.kind in (Kind.PARTY_REF, Kind.COURT_REF):
            return True
        return column.name.endswith(("_id", "_key")) or (self.name == "courts" and column.name == "code")

    def max_length(self, column: Column) -> int | None:
        if column.kind in (Kind.CASE_REF, Kind.PARTY_REF, Kind.COURT_REF):
            return None
        model_field = self.model._meta.get_field(column.model_field)
        return getattr(model_field, "max_length", None)


def _req(name: str, kind: Kind = Kind.TEXT, values: tuple[str, ...] = (), **kw: Any) -> Column:
    return Column(name, kind, True, values, **kw)


def _opt(name: str, kind: Kind = Kind.TEXT, values: tuple[str, ...] = (), **kw: Any) -> Column:
    return Column(name, kind, False, values, **kw)


E, D, DT, A = Kind.ENUM, Kind.DATE, Kind.DATETIME, Kind.AMOUNT
CASE, PARTY, COURT = Kind.CASE_REF, Kind.PARTY_REF, Kind.COURT_REF

# In dependency order: a file only refers to files above it.
FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "courts",
        Court,
        (
            _req("code"),
            _req("name"),
            _opt("level", E, enums.COURT_LEVELS),
            _opt("parent_code", COURT),
        ),
        key=("code",),
        contract_key=True,
    ),
    FileSpec(
        "staff",
        Staff,
        (
            _req("staff_id"),
            _req("court_code", COURT),
            _req("name"),
            _req("role", E, enums.STAFF_ROLES),
            _opt("phone"),
        ),
        key=("staff_id",),
        contract_key=True,
    ),
    FileSpec(
        "parties",
        PartyRecord,
        (
            _req("party_key"),
            _req("kind", E, enums.PARTY_KINDS),
            _req("name"),
            _opt("id_type", E, ID_TYPES),
            _opt("id_number"),
            _opt("phone"),
            _opt("address"),
        ),
        key=("party_key",),
        contract_key=True,
    ),
    FileSpec(
        "cases",
        Case,
        (
            _req("case_no", Kind.CASE_NO),
            _req("court_code", COURT),
            _req("category", E, enums.CATEGORIES),
            _req("procedure", E, enums.PROCEDURES),
            _opt("cause"),
            _req("filed_on", D),
            _opt("judge_id"),
            _opt("panel", E, enums.PANELS),
            _req("status", E, enums.STATUSES),
            _opt("closed_on", D),
            _opt("closure_mode", E, enums.CLOSURE_MODES),
            _opt("stage", E, enums.STAGES),
            _opt("stage_since", D),
            _opt("basis_case_no", Kind.JUDGMENT_NO),
            _opt("applied_amount", A),
            _opt("deadline_on", D),
        ),
        key=("case_no",),
        contract_key=True,
    ),
    FileSpec(
        "case_parties",
        CaseParty,
        (
            _req("case_no", CASE),
            _req("party_key", PARTY),
            _req("role", E, enums.CASE_ROLES),
            _opt("owed_amount", A),
        ),
        key=("case_no", "party_key", "role"),
        contract_key=False,
    ),
    FileSpec(
        "account_txns",
        AccountTxn,
        (
            _req("txn_id"),
            _req("case_no", CASE),
            _req("direction", E, enums.TXN_DIRECTIONS),
            _req("amount", A),
            _req("occurred_at", DT),
            _opt("counterparty_key", PARTY, meaning=(
                "到账：缴款人；发放：beneficiary_key 为空时即收款人（法院财务系统通常把收款人记为发放的对方当事人）"
            )),
            _opt("beneficiary_key", PARTY, meaning=(
                "到账：为其保留该款的申请执行人，为空即为全体申请执行人；发放：收款人。"
                "发放的两者均为空时，从为全体申请执行人保留的案款中支出"
            )),
            _opt("channel"),
        ),
        key=("txn_id",),
        contract_key=True,
    ),
    FileSpec(
        "measures",
        Measure,
        (
            _req("measure_id"),
            _req("case_no", CASE),
            _req("party_key", PARTY),
            _req("kind", E, enums.MEASURE_KINDS),
            _req("started_on", D),
            _opt("lifted_on", D),
            _opt("expires_on", D),
            _opt("detail"),
            _opt("amount", A),
        ),
        key=("measure_id",),
        contract_key=True,
    ),
    FileSpec(
        "actions",
        Action,
        (
            _req("case_no", CASE),
            _req("action"),
            _req("done_on", D),
            _opt("staff_id"),
        ),
        key=("case_no", "action", "done_on", "staff_id"),
        contract_key=False,
    ),
    FileSpec(
        "stage_history",
        StageHistory,
        (
            _req("case_no", CASE),
            _req("stage", E, enums.STAGES),
            _req("entered_on", D),
        ),
        key=("case_no", "stage", "entered_on"),
        contract_key=False,
    ),
    FileSpec(
        "auctions",
        Auction,
        (
            _req("auction_id"),
            _req("case_no", CASE),
            _req("item"),
            _req("round", E, enums.AUCTION_ROUNDS),
            _opt("reference_price_on", D),
            _opt("announced_on", D),
            _opt("starts_on", D),
            _opt("ends_on", D),
            _opt("result", E, enums.AUCTION_RESULTS),
            _opt("amount", A),
        ),
        key=("auction_id",),
        contract_key=True,
    ),
    FileSpec(
        "asset_findings",
        AssetFinding,
        (
            _req("finding_id"),
            _req("party_key", PARTY),
            _opt("case_no", CASE),
            _req("source", E, enums.FINDING_SOURCES, field="finding_source"),
            _req("found_on", D),
            _opt("description"),
            _opt("value", A),
        ),
        key=("finding_id",),
        contract_key=True,
    ),
    FileSpec(
        "fees",
        Fee,
        (
            _req("case_no", CASE),
            _req("party_key", PARTY),
            _opt("kind", E, enums.FEE_KINDS),
            _req("amount_due", A),
            _opt("amount_paid", A),
            _opt("due_on", D),
        ),
        key=("case_no", "party_key", "kind"),
        contract_key=False,
    ),
    FileSpec(
        "bankruptcies",
        Bankruptcy,
        (
            _req("case_no", CASE),
            _req("party_key", PARTY),
            _req("accepted_on", D),
            _opt("administrator"),
            _opt("claims_deadline", D),
        ),
        key=("case_no", "party_key"),
        contract_key=False,
    ),
    FileSpec(
        "basis_changes",
        BasisChange,
        (
            _req("case_no", Kind.JUDGMENT_NO),
            _opt("new_case_no", Kind.JUDGMENT_NO),
            _req("decided_on", D),
            _req("outcome", E, enums.BASIS_OUTCOMES),
        ),
        key=("case_no", "new_case_no", "decided_on", "outcome"),
        contract_key=False,
    ),
    FileSpec(
        "custody",
        CustodyRecord,
        (
            _req("record_id"),
            _req("name"),
            _opt("id_type", E, ID_TYPES),
            _opt("id_number"),
            _req("facility"),
            _opt("kind", E, enums.CUSTODY_KINDS),
            _req("from_on", D),
            _opt("to_on", D),
        ),
        key=("record_id",),
        contract_key=True,
    ),
    FileSpec(
        "consumption",
        ConsumptionRecord,
        (
            _req("record_id"),
            _req("name"),
            _opt("id_type", E, ID_TYPES),
            _opt("id_number"),
            _req("kind", E, enums.CONSUMPTION_KINDS),
            _req("occurred_at", DT),
            _opt("place"),
        ),
        key=("record_id",),
        contract_key=True,
    ),
    FileSpec(
        "registrations",
        Registration,
        (
            _req("id_number"),
            _req("name"),
            _req("status", E, enums.REGISTRATION_STATUSES),
            _opt("changed_on", D),
            _opt("id_type", E, ID_TYPES, extension=True),
        ),
        # Keyed by the normalised number (id_key), computed from id_type and id_number.
        key=("id_key",),
        contract_key=True,
    ),
)

BY_NAME: dict[str, FileSpec] = {spec.name: spec for spec in FILES}
