"""Store scenario findings as alerts: upsert by (scenario, dedup_key), never duplicate.

- a new key raises an alert (status 待处理) with its cases and recipients;
- a known open key is refreshed: severity, evidence, as_of, cases; recipients are added,
  and recipients who no longer apply are removed while still unread;
- a key the system closed earlier is reopened when its condition holds again; an alert a
  person closed stays closed (``Alert.close_cause`` says which);
- an open alert in scope whose key was not found is closed by the system with its cause
  and reason;
- the scenario's declared effects (zhixing.alerts.effects) run on every raise, refresh,
  reopen and close: S01's HoldMoney puts a hold on the money in case B for the party and
  releases it when case A is no longer owed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from zhixing.alerts import effects
from zhixing.alerts.models import (
    CLOSED,
    CONDITION_GONE,
    OPEN,
    SCENARIO_DISABLED,
    UNREAD,
    Alert,
    AlertCase,
    AlertRecipient,
)
from zhixing.core import clock
from zhixing.scenarios.base import Scenario
from zhixing.scenarios.engine import Finding, Scope

CHUNK = 500


@dataclass
class StoreResult:
    raised: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        return len(self.raised) + len(self.updated)


def _chunks(items: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(code: str, keys: list[str]) -> dict[str, Alert]:
    found: dict[str, Alert] = {}
    for chunk in _chunks(keys):
        for alert in Alert.objects.select_for_update().filter(scenario=code, dedup_key__in=chunk):
            found[alert.dedup_key] = alert
    return found


CONTENT = ("severity", "subject_id", "case_nos", "evidence")


def _content(alert: Alert) -> tuple[Any, ...]:
    return tuple(getattr(alert, name) for name in CONTENT)


def _apply(alert: Alert, finding: Finding, as_of: dt.date, now: dt.datetime) -> None:
    alert.severity = finding.severity
    alert.subject_id = finding.subject_id
    alert.case_nos = sorted({c.case_no for c in finding.cases})
    alert.evidence = finding.evidence
    alert.as_of = as_of
    alert.updated_at = now


def _sync_links(alerts: list[tuple[Alert, Finding]]) -> None:
    """Make each alert's cases and recipients those of its finding. Existing links are read
    as plain tuples (a scan touches tens of thousands), and only differences are written."""
    ids = [a.id for a, _ in alerts]
    cases: dict[int, dict[int, tuple[int, str]]] = defaultdict(dict)
    people: dict[int, dict[str, tuple[int, str]]] = defaultdict(dict)
    for chunk in _chunks(ids):
        for link_id, alert_id, case_id, label in AlertCase.objects.filter(alert_id__in=chunk).values_list(
            "id", "alert_id", "case_id", "label"
        ):
            cases[alert_id][case_id] = (link_id, label)
        for person_id, alert_id, staff_id, state in AlertRecipient.objects.filter(alert_id__in=chunk).values_list(
            "id", "alert_id", "staff_id", "state"
        ):
            people[alert_id][staff_id] = (person_id, state)
    new_cases: list[AlertCase] = []
    new_people: list[AlertRecipient] = []
    relabel: dict[str, list[int]] = defaultdict(list)
    drop_cases: list[int] = []
    drop_people: list[int] = []
    for alert, finding in alerts:
        wanted_cases = {c.case_id: c.label for c in finding.cases}
        for case_id, label in wanted_cases.items():
            known = cases[alert.id].get(case_id)
            if known is None:
                new_cases.append(AlertCase(alert=alert, case_id=case_id, label=label))
            elif known[1] != label:
                relabel[label].append(known[0])
        drop_cases += [link_id for cid, (link_id, _) in cases[alert.id].items() if cid not in wanted_cases]
        wanted_people = dict(finding.recipients)
        for staff_id, reason in wanted_people.items():
            if staff_id not in people[alert.id]:
                new_people.append(AlertRecipient(alert=alert, staff_id=staff_id, reason=reason))
        drop_people += [
            person_id for sid, (person_id, state) in people[alert.id].items()
            if sid not in wanted_people and state == UNREAD
        ]
    AlertCase.objects.bulk_create(new_cases, batch_size=CHUNK)
    AlertRecipient.objects.bulk_create(new_people, batch_size=CHUNK)
    for label, link_ids in relabel.items():
        for chunk in _chunks(link_ids):
            AlertCase.objects.filter(id__in=chunk).update(label=label)
    for chunk in _chunks(drop_cases):
        AlertCase.objects.filter(id__in=chunk).delete()
    for chunk in _chunks(drop_people):
        AlertRecipient.objects.filter(id__in=chunk).delete()


def _apply_effects(scenario: Scenario, alerts: list[tuple[Alert, Finding]], now: dt.datetime) -> None:
    for effect in scenario.effects:
        effects.handler(effect).applied(effect, alerts, now)


def _close(scenario: Scenario, alerts: list[Alert], as_of: dt.date, now: dt.datetime) -> None:
    """Close alerts whose condition is gone; a declared effect may know the precise cause."""
    ids = [a.id for a in alerts]
    closes: dict[int, effects.SystemClose] = {}
    for effect in scenario.effects:
        for alert_id, close in effects.handler(effect).explain(effect, ids).items():
            closes.setdefault(alert_id, close)
    gone = effects.SystemClose(CONDITION_GONE, f"截至{as_of.isoformat()}预警条件已不再成立")
    for alert in alerts:
        close = closes.setdefault(alert.id, gone)
        alert.status = CLOSED
        alert.closed_at = now
        alert.updated_at = now
        alert.close_cause, alert.closed_by, alert.close_reason = close.cause, "", close.reason
    Alert.objects.bulk_update(
        alerts, ["status", "closed_at", "updated_at", "close_cause", "closed_by", "close_reason"], batch_size=CHUNK
    )
    for effect in scenario.effects:
        effects.handler(effect).closed(effect, closes, now)


def close_disabled(scenario: Scenario) -> int:
    """A scenario the deployment switched off: its open alerts are closed by the system and
    their effects ended (holds released), so no judge keeps acting on a rule that no longer
    applies. A scan after it is switched on again reopens those whose condition still holds."""
    close = effects.SystemClose(SCENARIO_DISABLED, f"场景{scenario.code}已停用")
    with transaction.atomic():
        now = clock.now()
        alerts = Alert.objects.filter(scenario=scenario.code, status=OPEN)
        ids = list(alerts.values_list("id", flat=True))
        for chunk in _chunks(ids):
            Alert.objects.filter(id__in=chunk).update(
                status=CLOSED, closed_at=now, updated_at=now,
                close_cause=close.cause, closed_by="", close_reason=close.reason,
            )
        for effect in scenario.effects:
            effects.handler(effect).closed(effect, dict.fromkeys(ids, close), now)
    return len(ids)


def _open_in_scope(scenario: Scenario, scope: Scope | None) -> list[Alert]:
    """Open alerts a (scoped) evaluation could have confirmed: the scope matches them on
    the same columns the query was filtered on (its subject, or the cases it names)."""
    alerts = Alert.objects.select_for_update().filter(scenario=scenario.code, status=OPEN)
    if scope is None:
        return list(alerts)
    found: dict[int, Alert] = {}
    if "subject_id" in scenario.scope:
        for chunk in _chunks(sorted(scope.identity_ids)):
            for alert in alerts.filter(subject_id__in=chunk):
                found[alert.id] = alert
    labels = [r.label for r in scenario.cases if r.column("case_id") in scenario.scope]
    if labels:
        for chunk in _chunks(sorted(scope.case_ids)):
            # A subquery, not a join: PostgreSQL refuses FOR UPDATE together with DISTINCT.
            linked = AlertCase.objects.filter(case_id__in=chunk, label__in=labels).values("alert_id")
            for alert in alerts.filter(id__in=linked):
                found[alert.id] = alert
    return list(found.values())


def store_findings(
    scenario: Scenario,
    findings: list[Finding],
    as_of: dt.date,
    scope: Scope | None = None,
) -> StoreResult:
    """Write one scenario's findings as of ``as_of``. With ``scope`` (real time) only open
    alerts about the touched identities or cases may be closed."""
    result = StoreResult()
    with transaction.atomic():
        now = clock.now()
        by_key = {f.dedup_key: f for f in findings}
        open_alerts = _open_in_scope(scenario, scope)
        existing = {a.dedup_key: a for a in open_alerts if a.dedup_key in by_key}
        existing.update(_existing(scenario.code, sorted(set(by_key) - set(existing))))
        fresh: list[tuple[Alert, Finding]] = []
        kept: list[tuple[Alert, Finding]] = []
        changed: list[Alert] = []
        confirmed: list[int] = []
        for key in sorted(by_key):
            finding = by_key[key]
            alert = existing.get(key)
            if alert is None:
                alert = Alert(scenario=scenario.code, dedup_key=key, status=OPEN, raised_at=now)
                _apply(alert, finding, as_of, now)
                fresh.append((alert, finding))
                continue
            before = None
            if alert.status == CLOSED:
                if not alert.closed_by_system:
                    continue  # a person closed it: the scan does not overrule them
                alert.status, alert.closed_at = OPEN, None
                alert.close_cause, alert.closed_by, alert.close_reason = "", "", ""
                alert.raised_at = now
                result.raised.append(alert.id)
            else:
                result.updated.append(alert.id)
                before = _content(alert)
            _apply(alert, finding, as_of, now)
            kept.append((alert, finding))
            if before is not None and before == _content(alert):
                confirmed.append(alert.id)
            else:
                changed.append(alert)
        Alert.objects.bulk_create([a for a, _ in fresh], batch_size=CHUNK)
        if any(a.id is None for a, _ in fresh):  # backends that cannot return ids
            ids = dict(
                Alert.objects.filter(scenario=scenario.code, dedup_key__in=[a.dedup_key for a, _ in fresh])
                .values_list("dedup_key", "id")
            )
            for alert, _ in fresh:
                alert.id = ids[alert.dedup_key]
        result.raised += [a.id for a, _ in fresh]
        # Unchanged alerts only get the new as-of date: one statement, not a row-by-row CASE.
        for chunk in _chunks(confirmed):
            Alert.objects.filter(id__in=chunk).update(as_of=as_of, updated_at=now)
        Alert.objects.bulk_update(
            changed,
            ["status", "closed_at", "close_cause", "closed_by", "close_reason", "raised_at", "severity",
             "subject", "case_nos", "evidence", "as_of", "updated_at"],
            batch_size=CHUNK,
        )
        _sync_links(fresh + kept)
        _apply_effects(scenario, fresh + kept, now)
        stale = [a for a in open_alerts if a.dedup_key not in by_key]
        if stale:
            _close(scenario, stale, as_of, now)
            result.closed = [a.id for a in stale]
    return result
