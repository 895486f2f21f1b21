"""docs/scenarios.md, rendered from the declared scenarios (`zhixing scenarios --markdown`).
A test keeps the committed file equal to this rendering."""

from __future__ import annotations

from zhixing.scenarios.base import Route, Scenario
from zhixing.scenarios.registry import REGISTRY

INTRO = """\
# Scenario catalogue (应用场景)

Generated from `src/zhixing/scenarios/catalogue/` by `zhixing scenarios --markdown`;
do not edit by hand (a test compares the two).

Each scenario is one declared rule: a query over all courts' data, evaluated **as of** a
date (`zhixing scan --as-of D`), which raises alerts routed to the people who must act.
An alert is identified by its scenario and dedup key: a later scan refreshes it (severity,
evidence, as-of date, cases, recipients) and never duplicates it; when its condition no
longer holds the system closes it, recording the cause (`close_cause`: condition_gone,
owed_case_settled, scenario_disabled) and the reason in words, and reopens it if the
condition returns. An alert a person closed (cause `person`) stays closed.
A scenario may declare *effects* its alerts carry out (listed under Effects below), such
as S01's hold on the money; the alert layer runs them whenever an alert is raised,
refreshed, reopened or closed.

## Terms
- *Enforcement case*: category 执行 and procedure 首次执行 or 恢复执行.
- *Active*: status 在办. *Owed*: active, or closed as 终结本次执行程序 (终本).
- *Debtor* = role 被执行人, *applicant* = role 申请执行人.
- *Same party*: the same resolved identity (zx_party.identity_id), never a name match.
  Agency rows (custody, consumption, registrations) carry identity_id. A merge repoints
  every such row at the surviving identity, so the queries join on identity_id directly.
- *judge(X)*: case X's judge_id; when empty the alert goes to the command centre
  (指挥中心) of X's court instead. *chief(court)*: every 执行局长 of the court;
  *centre(court)*: every 指挥中心 staff member of the court.
- Money is compared in fen (integer cents) on every engine. A movement of the case account
  is *for* a party: a 到账 for its beneficiary, a 发放 for its payee (its beneficiary, else
  its counterparty); one naming nobody is the pooled money, for all applicants of the case
  (view `v_money_txn`). *Money held for P* in a case (view `v_money_held`, and
  `zhixing.cases.money_held` for the pages) = 到账 for P + pooled 到账 − 发放 to P − pooled
  发放, floored at 0: a pooled payout lowers every applicant's figure, a payout to another
  applicant never lowers P's. Only movements up to the end of the as-of day
  (Asia/Shanghai) count.
- Working days follow the official calendar (chinese-calendar plus the WorkdayOverride
  table). A threshold needing a year neither knows makes that scenario fail with a clear
  message in the scan report; the other scenarios still run.

## How a scenario runs
The query is written once (PostgreSQL dialect) over the canonical views `v_party`,
`v_case_role`, `v_enf_case`, `v_enf_role`, `v_custody`, `v_consumption`, `v_registration`,
`v_money_txn`, `v_money_held` (added as CTEs)
and rendered by sqlglot for SQLite, PostgreSQL or Spark. The SQL holds no date arithmetic:
every date threshold is computed in Python (calendar days, working days, months) and bound
as a parameter, and so is the as-of date. Spark runs the same SQL over a Parquet snapshot
of the tables the query reads. Rows sharing a dedup key are merged into one alert.

Real time (`zhixing.evaluation.realtime.evaluate_touched`, called after an import with
`--realtime` and by the event API) evaluates the enabled scenarios for the touched
identities and cases only: the scope grows to every party of a touched case and every
case of those parties, the role views are cut down to those cases, and only the alerts the
scope matches (on each scenario's subject or case columns) are raised, refreshed or closed.
Its result equals what a full scan stores for them (tested). An event evaluates only the
scenarios whose query reads the table it was stored in: a money arrival (zx_account_txn)
or a disbursement (zx_account_txn) runs S01, S02, S05, S17 and S19, a measure or an asset finding the scenarios reading those.
The scoped queries are rendered once per shape and the scope's ids written into them as
one list; a server prepares them at start-up (`zhixing.config.wsgi`).

Parameters: defaults below; a deployment overrides them in
`settings.ZHIXING_SCENARIO_PARAMETERS = {"S05": {"disburse_days": 20}}` (and enables S17
with `{"S17": {"enabled": True}}`); a court overrides one parameter with a
`ParameterOverride` row (scenario, court, name, value) and the findings anchored in that
court (the first case the scenario names) use it. When a deployment switches a scenario
off, the next full scan closes its open alerts (cause scenario_disabled, reason
`场景S01已停用`) and ends their effects (releases the holds); switched on again, a scan reopens those whose condition still holds.
"""

NOTES = {
    "S01": "The alert puts a hold on the money held in B for P: a disbursement by the event API "
           "whose payee is P, or which names no payee, is refused (409) while the hold is open; "
           "a batch's disbursements are payments already made, stored and checked by S19. When "
           "the alert closes because A is no longer owed, the system releases the hold; a hold "
           "a judge released is not put back. When the alert closes because the money left, "
           "the hold stays open until A is no longer owed or judge(A) releases it.",
    "S05": "Disbursements count against the oldest money first: the overdue amount is what "
           "arrived before the limit minus everything disbursed. Money an open S01 hold covers "
           "(every movement for the held party or for all applicants, both directions) is left "
           "out. Severity 高 when money older than twice the limit is still held.",
    "S08": "Six months are added in Python (the last day of a shorter month when the day does "
           "not exist); the query compares filed_on with the bound first filing date that "
           "would reach the limit.",
    "S10": "The three-month test compares two dates of the same case; with no date arithmetic "
           "allowed in SQL it is made in Python on the candidate rows (终本 cases of the "
           "look-back window only). Actions count when done on or before the closing date.",
    "S12": "The last 网络查控 on or after the closing date (else the closing date) must be later "
           "than six months before the as-of date.",
    "S13": "A consumption record counts when its time is not before the start date of the measure "
           "and not after the as-of day, while the measure is not lifted as of that day.",
    "S15": "Labour cases: cause contains 劳动, or the basis number names an arbitral award (仲).",
    "S18": "zx_measure.term_ends_on holds expires_on, else the statutory term from started_on.",
    "S19": "Reads the holds (zx_hold) and their S01 alert's case A. Open at the payout means "
           "held_at ≤ occurred_at and not released_at ≤ occurred_at. Found by every scan and by "
           "real-time evaluation whenever account movements are written (import --realtime, "
           "events), whatever the door; the breach stays recorded after the hold is released.",
}


def _routes(scenario: Scenario) -> str:
    def one(route: Route) -> str:
        text = route.reason
        return f"{text} (超期 only)" if route.only_when is not None else text

    return ", ".join(one(r) for r in scenario.recipients)


def _section(scenario: Scenario) -> str:
    lines = [f"## {scenario.code} {scenario.name}", ""]
    if not scenario.enabled_by_default:
        lines += ["**Disabled by default.**", ""]
    lines += [scenario.description, ""]
    lines.append(f"- Legal basis: {scenario.legal_basis}")
    lines.append(f"- Recipients: {_routes(scenario)}")
    lines.append(f"- Dedup key: {', '.join(scenario.key)}")
    if scenario.params:
        params = "; ".join(f"`{p.name}` = {p.default} ({p.description})" for p in scenario.params)
        lines.append(f"- Parameters: {params}")
    fields = [f.label for f in scenario.evidence]
    if scenario.details is not None:
        fields.append(f"{scenario.details.label}（{'、'.join(f.label for f in scenario.details.fields)}）")
    if fields:
        lines.append(f"- Evidence: {'、'.join(fields)}; plus 案件 list and 规则参数")
    lines.append(f"- Handling: {scenario.handling}")
    if scenario.effects:
        lines.append(f"- Effects: {'; '.join(e.describe() for e in scenario.effects)}")
    if scenario.code in NOTES:
        lines += ["", NOTES[scenario.code]]
    return "\n".join(lines)


def render_markdown() -> str:
    return "\n\n".join([INTRO.rstrip()] + [_section(s) for s in REGISTRY.all()]) + "\n"
