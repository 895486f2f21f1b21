"""The panoramic view of a party (全景视图) as the API returns it: the shared query
(zhixing.parties.queries.panorama) plus the open S01 holds on the party's money."""

from __future__ import annotations

from collections import defaultdict

from zhixing.alerts.models import Hold
from zhixing.cases.enums import APPLICANT
from zhixing.parties.models import Identity
from zhixing.parties.queries import panorama as party_panorama


def _money(value) -> str | None:
    return None if value is None else str(value)


def panorama(identity: Identity) -> dict:
    view = party_panorama(identity)
    open_holds: dict[str, list[int]] = defaultdict(list)
    for case_no, alert_id in Hold.objects.filter(
        identity=identity, released_at__isnull=True
    ).values_list("case__case_no", "alert_id"):
        open_holds[case_no].append(alert_id)
    return {
        "cases": [
            {
                "case_no": c.case_no, "court": c.court_code, "court_name": c.court_name,
                "role": c.role, "category": c.category, "procedure": c.procedure,
                "status": c.status, "closure_mode": c.closure_mode, "filed_on": c.filed_on,
                "closed_on": c.closed_on, "judge_id": c.judge_id,
                "owed_amount": _money(c.owed_amount),
                "money_held": str(c.money_held) if c.role == APPLICANT else None,
                "hold_alert_ids": open_holds.get(c.case_no, []),
            }
            for c in view.cases
        ],
        "money_held_total": str(view.total_held),
        "measures": [
            {
                "case_no": m["case__case_no"], "kind": m["kind"], "started_on": m["started_on"],
                "lifted_on": m["lifted_on"], "term_ends_on": m["term_ends_on"],
                "amount": _money(m["amount"]), "detail": m["detail"],
            }
            for m in view.measures
        ],
        "findings": [
            {
                "case_no": f["case__case_no"], "source": f["finding_source"],
                "found_on": f["found_on"], "description": f["description"],
                "value": _money(f["value"]),
            }
            for f in view.findings
        ],
        "custody": view.custody,
        "consumption": view.consumption,
    }
