"""Store scenario findings as alerts: upsert by (scenario, dedup_key), never duplicate.

- a new key raises an alert (status 待处理) with its cases and recipients;
- a known open key is refreshed: severity, evidence, as_of, cases; recipients are added,
  and recipients who no longer apply are removed while still unread;
- a key the system closed earlier is reopened when its condition holds again; an alert a
  person closed stays closed;
- an open alert in scope whose key was not found is closed by the system with the reason;
- S01 findings put a Hold on the money held in case B for the party; when the alert
  closes because case A is no longer owed, the hold is released by 'system'.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from zhixing.alerts.models import CLOSED, OPEN, UNREAD, Alert, AlertCase, AlertRecipient, Hold
from zhixing.core import clock
from zhixing.scenarios.base import Scenario
from zhixing.scenarios.engine import Finding, Scope

SYSTEM_CLOSE_PREFIX = "系统关闭："
SYSTEM = "system"
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


def _sync_holds(alerts: list[tuple[Alert, Finding]], now: dt.datetime) -> None:
    """An S01 alert holds the money in case B for its subject; a hold the system released
    is put back when the alert is raised again, one a judge released is respected."""
    wanted = [(a, f) for a, f in alerts if f.hold_case_id is not None and f.subject_id is not None]
    existing: dict[tuple[int, int], Hold] = {}
    for chunk in _chunks([a.id for a, _ in wanted]):
        for hold in Hold.objects.filter(alert_id__in=chunk):
            existing[(hold.alert_id, hold.case_id)] = hold
    create: list[Hold] = []
    reopen: list[Hold] = []
    for alert, finding in wanted:
        assert finding.hold_case_id is not None and finding.subject_id is not None  # noqa: S101 -- narrows the type; `wanted` holds only such findings
        current = existing.get((alert.id, finding.hold_case_id))
        if current is None:
            create.append(
                Hold(alert=alert, case_id=finding.hold_case_id, identity_id=finding.subject_id, held_at=now)
            )
        elif current.released_at is not None and current.released_by == SYSTEM:
            current.released_at, current.released_by, current.release_reason = None, "", ""
            current.held_at = now
            reopen.append(current)
    Hold.objects.bulk_create(create, batch_size=CHUNK)
    Hold.objects.bulk_update(reopen, ["released_at", "released_by", "release_reason", "held_at"])


def _owed(status: str, closure_mode: str) -> bool:
    return status == "在办" or (status == "已结" and closure_mode == "终结本次执行程序")


def _close(scenario: Scenario, alerts: list[Alert], as_of: dt.date, now: dt.datetime) -> None:
    default_reason = f"{SYSTEM_CLOSE_PREFIX}截至{as_of.isoformat()}预警条件已不再成立"
    release: dict[int, str] = {}
    if scenario.owed_case is not None:
        links = AlertCase.objects.filter(
            alert__in=alerts, label=scenario.owed_case
        ).values_list("alert_id", "case__case_no", "case__status", "case__closure_mode")
        for alert_id, case_no, status, mode in links:
            if not _owed(status, mode):
                how = mode or status
                release[alert_id] = (
                    f"{SYSTEM_CLOSE_PREFIX}{scenario.owed_case}案{case_no}已不再欠款（{how}）"
                )
    for alert in alerts:
        alert.status = CLOSED
        alert.closed_at = now
        alert.updated_at = now
        alert.close_reason = release.get(alert.id, default_reason)
    Alert.objects.bulk_update(alerts, ["status", "closed_at", "updated_at", "close_reason"], batch_size=CHUNK)
    for alert_id, reason in release.items():
        Hold.objects.filter(alert_id=alert_id, released_at__isnull=True).update(
            released_at=now, released_by=SYSTEM, release_reason=reason
        )


def close_disabled(scenario: Scenario) -> int:
    """A scenario the deployment switched off: its open alerts are closed by the system and
    its holds released, so no judge keeps acting on a rule that no longer applies. A scan
    after it is switched on again reopens the alerts whose condition still holds."""
    reason = f"{SYSTEM_CLOSE_PREFIX}场景{scenario.code}已停用"
    with transaction.atomic():
        now = clock.now()
        alerts = Alert.objects.filter(scenario=scenario.code, status=OPEN)
        ids = list(alerts.values_list("id", flat=True))
        for chunk in _chunks(ids):
            Alert.objects.filter(id__in=chunk).update(status=CLOSED, closed_at=now, updated_at=now, close_reason=reason)
            Hold.objects.filter(alert_id__in=chunk, released_at__isnull=True).update(
                released_at=now, released_by=SYSTEM, release_reason=reason
            )
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
                if not alert.close_reason.startswith(SYSTEM_CLOSE_PREFIX):
                    continue  # a person closed it: the scan does not overrule them
                alert.status, alert.closed_at, alert.close_reason = OPEN, None, ""
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
            ["status", "closed_at", "close_reason", "raised_at", "severity", "subject", "case_nos",
             "evidence", "as_of", "updated_at"],
            batch_size=CHUNK,
        )
        _sync_links(fresh + kept)
        _sync_holds(fresh + kept, now)
        stale = [a for a in open_alerts if a.dedup_key not in by_key]
        if stale:
            _close(scenario, stale, as_of, now)
            result.closed = [a.id for a in stale]
    return result
