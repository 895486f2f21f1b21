"""Steps the benchmark runs inside a child process (`zhixing bench step NAME`)."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import cast

from django.db import connection, transaction
from django.db.models import Q
from sqlglot import exp

from zhixing.audit.models import AuditEvent
from zhixing.cases.enums import APPLICANT
from zhixing.evaluation.scan import run_scan, select_scenarios
from zhixing.parties.models import (
    ConsumptionRecord,
    CustodyRecord,
    Identity,
    IdentityKey,
    PartyRecord,
    Registration,
)
from zhixing.parties.resolution import resolve_agency_rows, resolve_party_records
from zhixing.scenarios.compile import expanded, tables_used
from zhixing.scenarios.engine import bound_parameters
from zhixing.scenarios.engines import open_engine
from zhixing.scenarios.params import parameter_groups

RESOLVE_CHUNK = 200_000


def resolve_from_scratch() -> dict[str, object]:
    """Forget every identity and resolve all party and agency rows again, timing only the
    resolution. Run it before any alert refers to an identity."""
    with transaction.atomic(), connection.cursor() as cursor:
        # Plain statements: Django's cascading delete collects every id into one statement,
        # more variables than SQLite allows at a million cases.
        for model in (PartyRecord, CustodyRecord, ConsumptionRecord, Registration, AuditEvent):
            model.objects.update(identity=None)
        for table in (IdentityKey._meta.db_table, Identity._meta.db_table):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 -- table names from model metadata
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


def scan_by_scenario(engine_name: str, as_of: dt.date) -> dict[str, object]:
    """A full scan through the real pipeline (query, routing, storing), timed per scenario."""
    started: dict[str, float] = {}
    seconds: dict[str, float] = {}
    begin = time.perf_counter()
    run_scan(
        as_of, None, engine_name,
        on_start=lambda scenario: started.__setitem__(scenario.code, time.perf_counter()),
        on_done=lambda outcome: seconds.__setitem__(
            outcome.code, round(time.perf_counter() - started[outcome.code], 4)
        ),
    )
    return {"seconds": round(time.perf_counter() - begin, 4), "scenarios": seconds}


def scan_floors(engine_name: str, as_of: dt.date) -> dict[str, object]:
    """Each scenario's floor: the same engine executing only the scenario's query (its joins
    and filters) as one SELECT COUNT(*), with nothing fetched, routed or stored."""
    engine = open_engine(engine_name)
    floors: dict[str, float] = {}
    try:
        for scenario in select_scenarios(None):
            engine.prepare(tables_used(scenario.sql))
            query = cast(exp.Query, expanded(scenario.sql))
            counted = exp.select("COUNT(*)").from_(query.subquery("q"))
            params = bound_parameters(scenario, as_of, parameter_groups(scenario)[0].values)
            begin = time.perf_counter()
            engine.fetch(counted, params)
            floors[scenario.code] = round(time.perf_counter() - begin, 4)
    finally:
        engine.close()
    return {"seconds": round(sum(floors.values()), 4), "scenarios": floors}


def page_times(engine_name: str, as_of: dt.date) -> dict[str, object]:
    """Render times of the main pages for the demo user of each role (after a scan)."""
    from zhixing.accounts.commands import DEMO_USERNAMES, ensure_demo_users
    from zhixing.web.bench import page_timings

    ensure_demo_users()
    timings = page_timings(list(DEMO_USERNAMES.values()), as_of)
    slowest: dict[str, float] = {}
    for timing in timings:
        page = timing.url.split("?")[0].strip("/").split("/")[0] or "home"
        slowest[page] = max(slowest.get(page, 0.0), timing.milliseconds)
    return {
        "seconds": round(max((t.milliseconds for t in timings), default=0.0) / 1000, 4),
        "pages_ms": slowest,
        "errors": [t.url for t in timings if t.status >= 400],
    }


def latency_targets(engine_name: str, as_of: dt.date) -> dict[str, object]:
    """Cases where money arriving for the applicant raises S01 (the applicant owes in another
    owed case), and an API token for the demo administrator to post the events with."""
    from zhixing.accounts.commands import DEMO_USERNAMES, ensure_demo_users
    from zhixing.accounts.models import SYSTEM_ADMIN
    from zhixing.cases.models import CaseParty
    from zhixing.core.commands import Actor
    from zhixing.tokens.commands import issue_token

    ensure_demo_users()
    debtors = CaseParty.objects.filter(
        role="被执行人", case__category="执行", party__identity__isnull=False,
    ).filter(Q(case__status="在办") | Q(case__closure_mode="终结本次执行程序"))
    applicants = (
        CaseParty.objects.filter(
            role=APPLICANT, case__category="执行", case__status="在办",
            party__identity__in=debtors.values("party__identity"),
        )
        .values_list("case__case_no", "party__party_key")
        .order_by("case__case_no")[:200]
    )
    return {
        "token": issue_token(Actor.system(), DEMO_USERNAMES[SYSTEM_ADMIN], "bench").token,
        "targets": [{"case_no": case_no, "party_key": key} for case_no, key in applicants],
    }


STEPS = {
    "latency-targets": latency_targets,
    "resolve": resolve_from_scratch, "scan": scan_by_scenario, "floor": scan_floors,
    "pages": page_times,
}


def run_step(name: str, engine_name: str, as_of: dt.date) -> str:
    if name == "resolve":
        return json.dumps(resolve_from_scratch())
    return json.dumps(STEPS[name](engine_name, as_of))  # type: ignore[operator]
