"""Real-time evaluation: right after new rows are committed, evaluate the enabled
scenarios for the identities and cases they touch only, as of today, on the database's
own engine. Alerts about anyone else are neither raised nor closed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from zhixing.alerts.models import Alert
from zhixing.alerts.raising import store_findings
from zhixing.core import clock
from zhixing.core.workdays import UnknownCalendarYear
from zhixing.scenarios.base import Scenario
from zhixing.scenarios.compile import tables_used
from zhixing.scenarios.engine import Finding, Scope, StaffDirectory, evaluate, prepare_scoped_sql
from zhixing.scenarios.engines import open_engine
from zhixing.scenarios.params import ParameterError, is_enabled
from zhixing.scenarios.registry import REGISTRY


def _cases_of(identities: set[int]) -> set[int]:
    from zhixing.cases.models import CaseParty, Fee, Measure

    if not identities:
        return set()
    # A merge repoints party rows at the survivor, so identity_id is already resolved.
    touched = {"party__identity_id__in": identities}
    cases = set(CaseParty.objects.filter(**touched).values_list("case_id", flat=True))
    cases.update(Measure.objects.filter(**touched).values_list("case_id", flat=True))
    cases.update(Fee.objects.filter(**touched).values_list("case_id", flat=True))
    return cases


def _identities_of(cases: set[int]) -> set[int]:
    from zhixing.cases.models import CaseParty

    if not cases:
        return set()
    identities = CaseParty.objects.filter(case_id__in=cases, party__identity__isnull=False)
    return set(identities.values_list("party__identity_id", flat=True))


def expand_scope(identity_ids: Iterable[int], case_ids: Iterable[int]) -> Scope:
    """The touched identities plus every party of the touched cases; the touched cases plus
    every case those identities are parties to (in any role, or as the party of a measure
    or fee). Every finding about someone in scope can then be evaluated from it alone."""
    identities = {int(i) for i in identity_ids} | _identities_of({int(c) for c in case_ids})
    cases = {int(c) for c in case_ids} | _cases_of(identities)
    return Scope(frozenset(identities), frozenset(cases))


def warm_up() -> None:
    """Parse and render every scenario's scoped queries now rather than on the first events."""
    engine = open_engine()
    try:
        prepare_scoped_sql(REGISTRY.all(), engine)
    finally:
        engine.close()


class RealtimeIncomplete(RuntimeError):
    """Some scenarios could not be evaluated (unknown calendar year, bad parameters); the
    others were, and their alerts are stored. ``raised`` holds those alerts."""

    def __init__(self, errors: dict[str, str], raised: list[Alert]):
        super().__init__("; ".join(f"{code}: {message}" for code, message in errors.items()))
        self.errors = errors
        self.raised = raised


def evaluate_touched(
    identity_ids: set[int],
    case_ids: set[int],
    as_of: dt.date | None = None,
    codes: Iterable[str] | None = None,
    tables: Iterable[str] | None = None,
) -> list[Alert]:
    """Raise (or refresh, or close) alerts for what the new rows touch; returns the alerts
    newly raised or reopened, in scenario and key order. With ``tables`` (the zx_* tables
    the new rows went into) only the scenarios that read one of them are evaluated: the
    others' findings cannot have changed. Raises RealtimeIncomplete after evaluating the
    rest when some scenario cannot be evaluated."""
    as_of = as_of or clock.today()
    scope = expand_scope(identity_ids, case_ids)
    if not scope.identity_ids and not scope.case_ids:
        return []
    wanted = {c.upper() for c in codes} if codes else None
    scenarios = [s for s in REGISTRY.all() if is_enabled(s) and (wanted is None or s.code in wanted)]
    if tables is not None:
        written = set(tables)
        scenarios = [s for s in scenarios if tables_used(s.sql) & written]
    engine = open_engine()
    staff = StaffDirectory.load(every_name=False)
    evaluated: list[tuple[Scenario, list[Finding]]] = []
    errors: dict[str, str] = {}
    try:
        for scenario in scenarios:
            try:
                evaluated.append((scenario, evaluate(scenario, as_of, engine, staff, scope)))
            except (UnknownCalendarYear, ParameterError) as exc:
                errors[scenario.code] = str(exc)
    finally:
        engine.close()
    raised: list[int] = []
    # The queries ran outside any transaction; storing takes the write lock once for all.
    with transaction.atomic():
        for scenario, findings in evaluated:
            raised += store_findings(scenario, findings, as_of, scope).raised
    alerts = list(Alert.objects.filter(id__in=raised).order_by("scenario", "dedup_key"))
    if errors:
        raise RealtimeIncomplete(errors, alerts)
    return alerts
