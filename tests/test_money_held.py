"""Money held for an applicant: 到账 for them or for all applicants, minus 发放 to them or
naming no payee (a 发放's payee: beneficiary, else counterparty), never below zero. The
pages' figure (zhixing.cases.money_held) equals the scenarios' view (v_money_held)."""

import datetime as dt
from decimal import Decimal

import pytest

import web_scene
from scenario_data import Data, at
from zhixing.cases.models import AccountTxn, CaseParty
from zhixing.cases.money_held import held_for, money_held
from zhixing.core.clock import end_of_day
from zhixing.parties.models import PartyRecord
from zhixing.parties.queries import panorama
from zhixing.scenarios.compile import expanded
from zhixing.scenarios.engines import database_engine_name, open_engine

pytestmark = pytest.mark.django_db


def _txn(case, txn_id: str, direction: str, amount: str, beneficiary=None, counterparty=None) -> None:
    AccountTxn.objects.create(
        source="沪0105", txn_id=txn_id, case=case, direction=direction, amount=Decimal(amount),
        occurred_at=web_scene.at(dt.date(2026, 3, 11)), beneficiary=beneficiary, counterparty=counterparty,
    )


def test_held_per_case_counts_only_this_applicant_and_never_goes_below_zero():
    scene = web_scene.build(alerts=False)
    applicant = CaseParty.objects.get(case=scene.case_b, role="申请执行人").party
    other = PartyRecord.objects.get(party_key="Q-3")
    _txn(scene.case_b, "T3", "到账", "1000.50", beneficiary=applicant)
    _txn(scene.case_b, "T4", "到账", "999.00", beneficiary=other)
    _txn(scene.case_b, "T5", "发放", "500.25", beneficiary=applicant)
    _txn(scene.case_b, "T6", "发放", "77.00", beneficiary=other)
    _txn(scene.case_b, "T8", "发放", "200.00", counterparty=applicant)  # payee as counterparty
    _txn(scene.case_a, "T7", "发放", "10.00", beneficiary=applicant)
    held = money_held([scene.case_a.pk, scene.case_b.pk], [applicant.identity_id])
    assert held[(scene.case_b.pk, applicant.identity_id)] == Decimal("300300.25")
    assert held[(scene.case_a.pk, applicant.identity_id)] == Decimal("0.00")
    view = panorama(applicant.identity)
    assert view.total_held == Decimal("300300.25")
    assert [c.money_held for c in view.cases if c.case_no == scene.case_b.case_no] == [Decimal("300300.25")]


def _view_figures(as_of_end: dt.datetime) -> dict[tuple[int, int], Decimal]:
    engine = open_engine(database_engine_name())
    try:
        sql = engine.render(expanded("SELECT case_id, identity_id, held_fen FROM v_money_held"))
        _, rows = engine.fetch_sql(sql, {"as_of_end": as_of_end})
    finally:
        engine.close()
    return {(c, i): Decimal(int(fen)) / 100 for c, i, fen in rows}


def test_the_pages_figure_equals_the_scenarios_view_on_a_mixed_history():
    data = Data()
    case = data.case("沪0104", judge="J-1")
    p, q, r = (data.applicant(case, data.identity(n)) for n in ("甲", "乙", "丙"))
    payer = data.debtor(case, data.identity("丁"))
    overdrawn = data.case("沪0105", judge="J-2")
    s = data.applicant(overdrawn, p.identity)
    day = dt.date(2025, 6, 1)
    data.txn(case, "到账", "1000.00", day, beneficiary=p, counterparty=payer)
    data.txn(case, "到账", "500.55", day, counterparty=payer)  # pooled
    data.txn(case, "到账", "300.00", day, beneficiary=q)
    data.txn(case, "发放", "200.10", dt.date(2025, 6, 2), beneficiary=p)
    data.txn(case, "发放", "150.00", dt.date(2025, 6, 2), counterparty=p)  # payee as counterparty
    data.txn(case, "发放", "100.00", dt.date(2025, 6, 3))  # pooled payout
    data.txn(case, "发放", "900.00", dt.date(2025, 6, 3), beneficiary=q)  # q overdrawn
    data.txn(case, "发放", "50.00", dt.date(2025, 6, 4), beneficiary=r, counterparty=p)  # to r
    data.txn(case, "到账", "70.00", at(dt.date(2025, 7, 1)), beneficiary=r)  # after the as-of day
    data.txn(overdrawn, "发放", "10.00", day, beneficiary=s)
    as_of_end = end_of_day(dt.date(2025, 6, 30))
    identities = [p.identity_id, q.identity_id, r.identity_id]
    python = money_held([case.pk, overdrawn.pk], identities, as_of_end)
    sql = _view_figures(as_of_end)
    assert python[(case.pk, p.identity_id)] == Decimal("1050.45")  # 1000 + 500.55 − 200.10 − 150 − 100
    assert python[(case.pk, q.identity_id)] == Decimal("0.00")
    assert python[(case.pk, r.identity_id)] == Decimal("350.55")  # pooled 500.55 − 100 − 50
    assert python[(overdrawn.pk, p.identity_id)] == Decimal("0.00")
    for pair in [(c, i) for c in (case.pk, overdrawn.pk) for i in identities]:
        assert python.get(pair, Decimal("0.00")) == sql.get(pair, Decimal("0.00")), pair
    assert held_for(case.pk, p.identity_id) == Decimal("1050.45")  # nothing after the as-of day for p
    assert held_for(case.pk, r.identity_id) == Decimal("420.55")  # now, with the July arrival
