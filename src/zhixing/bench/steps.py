"""Steps the benchmark runs inside a child process (`zhixing bench step NAME`)."""

from __future__ import annotations

import json
import time

from django.db import transaction

from zhixing.parties.models import (
    ConsumptionRecord,
    CustodyRecord,
    Identity,
    IdentityKey,
    PartyRecord,
    Registration,
)
from zhixing.parties.resolution import resolve_agency_rows, resolve_party_records

RESOLVE_CHUNK = 200_000


def resolve_from_scratch() -> dict[str, object]:
    """Forget every identity and resolve all party and agency rows again, timing only the
    resolution. Run it before any alert refers to an identity."""
    with transaction.atomic():
        for model in (PartyRecord, CustodyRecord, ConsumptionRecord, Registration):
            model.objects.update(identity=None)
        IdentityKey.objects.all().delete()
        Identity.objects.all().delete()
    ids = list(PartyRecord.objects.order_by("id").values_list("id", flat=True))
    started = time.perf_counter()
    for start in range(0, len(ids), RESOLVE_CHUNK):
        with transaction.atomic():
            resolve_party_records(ids[start : start + RESOLVE_CHUNK])
    for model in (CustodyRecord, ConsumptionRecord, Registration):
        with transaction.atomic():
            resolve_agency_rows(model, list(model.objects.values_list("id", flat=True)))
    seconds = time.perf_counter() - started
    return {
        "party_rows": len(ids),
        "identities": Identity.objects.filter(merged_into__isnull=True).count(),
        "seconds": round(seconds, 3),
    }


STEPS = {"resolve": resolve_from_scratch}


def run_step(name: str) -> str:
    return json.dumps(STEPS[name]())
