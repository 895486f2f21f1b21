"""Real-time evaluation of touched identities and cases."""

import datetime as dt

import pytest
from django.db.models import Q

from planted import PLANTED_AS_OF, plant
from scenario_data import Data
from test_scan import scan, state
from zhixing.alerts.models import CLOSED, OPEN, Alert, Hold
from zhixing.evaluation.realtime import evaluate_touched, expand_scope
from zhixing.parties.models import Identity

pytestmark = pytest.mark.django_db


def debtor_paid_in_another_case(filed_on: dt.date, paid_on: dt.date, amount: str):
    """张伟 owes in case A (沪0104) and money arrives for him in case B (沪0112); returns B."""
    data = Data()
    p = data.identity("张伟")
    data.debtor(data.case("沪0104", judge="J-A", filed_on=filed_on), p)
    b = data.case("沪0112", judge="J-B", filed_on=filed_on)
    data.txn(b, "到账", amount, paid_on, beneficiary=data.applicant(b, p))
    return b


def scoped_state(scope) -> list[tuple]:
    ids = set(
        Alert.objects.filter(
            Q(subject_id__in=scope.identity_ids) | Q(alert_cases__case_id__in=scope.case_ids)
        ).values_list("id", flat=True)
    )
    keys = set(Alert.objects.filter(id__in=ids).values_list("scenario", "dedup_key"))
    return [row for row in state() if (row[0], row[1]) in keys]


@pytest.mark.parametrize("handle", ["s01_p", "s01_a", "s01_b", "s03_case"])
def test_incremental_result_equals_the_full_scan_for_the_touched(handle):
    planted = plant(Data())
    touched = planted.handles[handle]
    is_identity = isinstance(touched, Identity)
    identity_ids = {touched.id} if is_identity else set()
    case_ids = set() if is_identity else {touched.id}
    scope = expand_scope(identity_ids, case_ids)
    scan()
    full = scoped_state(scope)
    assert full  # the touched party does have alerts
    Hold.objects.all().delete()
    Alert.objects.all().delete()
    raised = evaluate_touched(identity_ids, case_ids, as_of=PLANTED_AS_OF)
    assert scoped_state(scope) == full
    assert sorted((a.scenario, a.dedup_key) for a in raised) == [(r[0], r[1]) for r in full]
    assert Alert.objects.count() == len(full)  # nothing outside the scope


def test_money_arriving_alerts_both_judges_at_once():
    data = Data()
    p = data.identity("张伟")
    a = data.case("沪0104", judge="J-A", filed_on=dt.date(2025, 3, 3))
    data.staff("J-A", name="王敏")  # J-B is not in the staff list: the evidence shows the id
    data.debtor(a, p)
    b = data.case("沪0112", judge="J-B", filed_on=dt.date(2025, 3, 3))
    payee = data.applicant(b, p)
    assert evaluate_touched(set(), {b.id}, as_of=PLANTED_AS_OF) == []
    data.txn(b, "到账", "2600.00", dt.date(2025, 6, 30), beneficiary=payee)
    [alert] = evaluate_touched(set(), {b.id}, as_of=PLANTED_AS_OF)
    assert alert.scenario == "S01"
    assert sorted(alert.recipients.values_list("staff_id", flat=True)) == ["J-A", "J-B"]
    assert Hold.objects.get(alert=alert).case_id == b.id
    assert {c["承办法官"] for c in alert.evidence["案件"]} == {"王敏（J-A）", "J-B"}
    # more money: the same alert is refreshed, not duplicated
    data.txn(b, "到账", "400.00", dt.date(2025, 6, 30), beneficiary=payee)
    assert evaluate_touched({p.id}, set(), as_of=PLANTED_AS_OF) == []
    alert.refresh_from_db()
    assert alert.evidence["B案为其留存案款"] == "3000.00"
    assert Alert.objects.count() == 1


def test_alerts_outside_the_scope_are_not_closed():
    planted = plant(Data())
    scan()
    c3 = planted.handles["s03_case"]
    c3.status, c3.closure_mode, c3.closed_on = "已结", "终结执行", dt.date(2025, 6, 29)
    c3.save()
    evaluate_touched({planted.handles["s01_p"].id}, set(), as_of=PLANTED_AS_OF)
    assert Alert.objects.get(scenario="S03").status == OPEN
    evaluate_touched(set(), {c3.id}, as_of=PLANTED_AS_OF)
    assert Alert.objects.get(scenario="S03").status == CLOSED


def test_as_of_defaults_to_today_through_the_clock(monkeypatch):
    import zhixing.core.clock as clock

    data = Data()
    case = data.case("沪0109", judge="J-5", filed_on=dt.date(2025, 3, 3))
    data.txn(case, "到账", "10.00", dt.date(2025, 5, 1))
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 5, 31))
    assert evaluate_touched(set(), {case.id}) == []
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 6, 1))
    [alert] = evaluate_touched(set(), {case.id})
    assert alert.scenario == "S05" and alert.as_of == dt.date(2025, 6, 1)


def test_a_calendar_gap_is_reported_after_the_other_scenarios_ran():
    from zhixing.evaluation.realtime import RealtimeIncomplete

    b = debtor_paid_in_another_case(filed_on=dt.date(2041, 1, 3), paid_on=dt.date(2041, 3, 1), amount="10.00")
    with pytest.raises(RealtimeIncomplete) as error:
        evaluate_touched(set(), {b.id}, as_of=dt.date(2041, 3, 4))
    assert set(error.value.errors) == {"S06"} and "2041" in str(error.value)
    assert [alert.scenario for alert in error.value.raised] == ["S01"]


def test_an_event_evaluates_only_the_scenarios_that_read_its_table():
    planted = plant(Data())
    c3 = planted.handles["s03_case"]
    # S03 (debtor in custody) does not read case accounts: a money arrival cannot change it.
    evaluate_touched(set(), {c3.id}, as_of=PLANTED_AS_OF, tables={"zx_account_txn"})
    assert not Alert.objects.filter(scenario="S03").exists()
    evaluate_touched(set(), {c3.id}, as_of=PLANTED_AS_OF, tables={"zx_custody"})
    assert Alert.objects.filter(scenario="S03", status=OPEN).exists()


def test_an_unchanged_alert_is_confirmed_with_the_new_as_of_date():
    b = debtor_paid_in_another_case(filed_on=dt.date(2025, 3, 3), paid_on=dt.date(2025, 6, 1), amount="2600.00")
    [alert] = evaluate_touched(set(), {b.id}, as_of=dt.date(2025, 6, 2))
    evidence = alert.evidence
    evaluate_touched(set(), {b.id}, as_of=dt.date(2025, 6, 3))
    alert.refresh_from_db()
    assert alert.as_of == dt.date(2025, 6, 3) and alert.evidence == evidence


def test_the_wsgi_server_renders_every_scoped_query_before_the_first_event():
    import importlib
    import sys

    from zhixing.scenarios import engine
    from zhixing.scenarios.registry import REGISTRY

    engine._RENDERED.clear()
    sys.modules.pop("zhixing.config.wsgi", None)  # loaded afresh, as a starting server does
    importlib.import_module("zhixing.config.wsgi")

    rendered_codes = {sql for _, sql, *rest in engine._RENDERED if rest}
    assert rendered_codes == {s.sql for s in REGISTRY.all()}
    assert len([key for key in engine._RENDERED if len(key) > 2]) == 4 * len(REGISTRY.all())
