"""Columns of every exchange-format v1 file, in the order the demo writes them."""

from __future__ import annotations

FORMAT = "zhixing-exchange/1"

COLUMNS: dict[str, tuple[str, ...]] = {
    "courts": ("code", "name", "level", "parent_code"),
    "staff": ("staff_id", "court_code", "name", "role", "phone"),
    "parties": ("party_key", "kind", "name", "id_type", "id_number", "phone", "address"),
    "cases": (
        "case_no", "court_code", "category", "procedure", "cause", "filed_on", "judge_id", "panel",
        "status", "closed_on", "closure_mode", "stage", "stage_since", "basis_case_no",
        "applied_amount", "deadline_on",
    ),
    "case_parties": ("case_no", "party_key", "role", "owed_amount"),
    "account_txns": (
        "txn_id", "case_no", "direction", "amount", "occurred_at", "counterparty_key",
        "beneficiary_key", "channel",
    ),
    "measures": (
        "measure_id", "case_no", "party_key", "kind", "started_on", "lifted_on", "expires_on",
        "detail", "amount",
    ),
    "actions": ("case_no", "action", "done_on", "staff_id"),
    "stage_history": ("case_no", "stage", "entered_on"),
    "auctions": (
        "auction_id", "case_no", "item", "round", "reference_price_on", "announced_on", "starts_on",
        "ends_on", "result", "amount",
    ),
    "asset_findings": ("finding_id", "party_key", "case_no", "source", "found_on", "description", "value"),
    "fees": ("case_no", "party_key", "kind", "amount_due", "amount_paid", "due_on"),
    "bankruptcies": ("case_no", "party_key", "accepted_on", "administrator", "claims_deadline"),
    "basis_changes": ("case_no", "new_case_no", "decided_on", "outcome"),
    "custody": ("record_id", "name", "id_type", "id_number", "facility", "kind", "from_on", "to_on"),
    "consumption": ("record_id", "name", "id_type", "id_number", "kind", "occurred_at", "place"),
    "registrations": ("id_number", "name", "status", "changed_on"),
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "courts": ("code", "name"),
    "staff": ("staff_id", "court_code", "name", "role"),
    "parties": ("party_key", "kind", "name"),
    "cases": ("case_no", "court_code", "category", "procedure", "filed_on", "status"),
    "case_parties": ("case_no", "party_key", "role"),
    "account_txns": ("txn_id", "case_no", "direction", "amount", "occurred_at"),
    "measures": ("measure_id", "case_no", "party_key", "kind", "started_on"),
    "actions": ("case_no", "action", "done_on"),
    "stage_history": ("case_no", "stage", "entered_on"),
    "auctions": ("auction_id", "case_no", "item", "round"),
    "asset_findings": ("finding_id", "party_key", "source", "found_on"),
    "fees": ("case_no", "party_key", "amount_due"),
    "bankruptcies": ("case_no", "party_key", "accepted_on"),
    "basis_changes": ("case_no", "decided_on", "outcome"),
    "custody": ("record_id", "name", "facility", "from_on"),
    "consumption": ("record_id", "name", "kind", "occurred_at"),
    "registrations": ("id_number", "name", "status"),
}

COURT_FILES = (
    "courts", "staff", "parties", "cases", "case_parties", "account_txns", "measures", "actions",
    "stage_history", "auctions", "asset_findings", "fees", "bankruptcies", "basis_changes",
)
