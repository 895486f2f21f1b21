"""Issue 21, item 1: money is exact on every database, up to one declared maximum that
input, storage and display share."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db.models import Sum

import web_scene
from engine_fixtures import spark_session_once  # noqa: F401
from scenario_data import AS_OF, Data, findings, own_findings
from web_scene import login
from zhixing.alerts.models import AlertRecipient, Feedback
from zhixing.cases.models import AccountTxn, Case

MONEY_MAX = Decimal("99999999999999.99")  # DECIMAL(16, 2), as zhixing.core.money declares it

pytestmark = pytest.mark.django_db

BIG = Decimal("12345678901234.56")
SHOWN_MAX = "¥99,999,999,999,999.99"


@pytest.fixture
def scene(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return web_scene.build()


def test_big_amounts_come_back_exactly(scene):
    case = scene.case_b
    for n, amount in enumerate((BIG, MONEY_MAX, Decimal("0.01"))):
        AccountTxn.objects.create(source=case.court_id, txn_id=f"BIG-{n}", case=case, direction="到账",
                                  amount=amount, occurred_at=web_scene.at(dt.date(2026, 3, 11)))
    stored = dict(AccountTxn.objects.filter(txn_id__startswith="BIG-").values_list("txn_id", "amount"))
    assert stored == {"BIG-0": BIG, "BIG-1": MONEY_MAX, "BIG-2": Decimal("0.01")}
    assert str(stored["BIG-0"]) == "12345678901234.56"
    total = AccountTxn.objects.filter(txn_id__startswith="BIG-").aggregate(s=Sum("amount"))["s"]
    assert total == BIG + MONEY_MAX + Decimal("0.01")
    assert AccountTxn.objects.filter(amount__gt=Decimal("99999999999999.98")).count() == 1
    Case.objects.filter(pk=case.pk).update(applied_amount=MONEY_MAX)
    assert Case.objects.get(pk=case.pk).applied_amount == MONEY_MAX


def test_storage_refuses_more_than_the_maximum_or_a_third_decimal(scene):
    for bad in (MONEY_MAX + Decimal("0.01"), Decimal("1.005")):
        with pytest.raises(ValueError):
            AccountTxn.objects.create(source="沪0105", txn_id="X", case=scene.case_b, direction="到账",
                                      amount=bad, occurred_at=web_scene.at(dt.date(2026, 3, 11)))


def test_a_feedback_at_the_maximum_leaves_every_page_working(scene):
    recipient = AlertRecipient.objects.get(alert=scene.s01, staff_id="XH-J1")
    moment = web_scene.at(dt.date(2026, 3, 17))
    Feedback.objects.create(recipient=recipient, alert=scene.s01, verdict="有帮助", reason="发现可供执行财产",
                            given_by="XH-J1", given_at=moment, updated_at=moment, outcome_case=scene.case_a,
                            money_recovered=MONEY_MAX, outcome_at=moment)
    chief, judge, admin = login("chief"), login("judge-a"), login("scenarios")
    stats = chief.get("/api/stats")
    assert stats.status_code == 200
    s01 = next(r for r in stats.json() if r["scenario"] == "S01")
    assert s01["money_recovered"] == "99999999999999.99"
    assert chief.get("/api/scenarios").status_code == 200
    dashboard = chief.get("/dashboard/", {"from": "2026-01-01", "as_of": "2026-03-31"})
    assert dashboard.status_code == 200 and SHOWN_MAX in dashboard.content.decode()
    catalogue = admin.get("/scenarios/")
    assert catalogue.status_code == 200 and SHOWN_MAX in catalogue.content.decode()
    page = judge.get(f"/alerts/{scene.s01.pk}/")
    assert page.status_code == 200 and SHOWN_MAX in page.content.decode()
    assert judge.get(f"/api/alerts/{scene.s01.pk}").json()["feedback"][0]["money_recovered"] == "99999999999999.99"


def test_the_api_takes_the_maximum_and_refuses_a_fen_more(scene):
    judge = login("judge-a")
    url = f"/api/alerts/{scene.s01.pk}/feedback"
    over = {"verdict": "有帮助", "reason": "发现可供执行财产", "money_recovered": "100000000000000.00"}
    assert judge.post(url, json.dumps(over), content_type="application/json").status_code == 422
    assert not Feedback.objects.exists()
    at_max = {**over, "money_recovered": "99999999999999.99"}
    response = judge.post(url, json.dumps(at_max), content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["money_recovered"] == "99999999999999.99"
    assert Feedback.objects.get().money_recovered == MONEY_MAX


def _big_s01(data: Data):
    person = data.identity("张伟")
    a = data.case("沪0104", judge="J-A", filed_on=dt.date(2024, 3, 1))
    data.debtor(a, person)
    b = data.case("沪0112", judge="J-B", filed_on=dt.date(2024, 5, 1))
    payee = data.applicant(b, person)
    data.txn(b, "到账", "99999999999999.99", dt.date(2025, 6, 1), beneficiary=payee)
    data.txn(b, "到账", "12345678901234.56", dt.date(2025, 6, 2), beneficiary=payee)
    data.txn(b, "发放", "12345678901234.55", dt.date(2025, 6, 3), beneficiary=payee)
    return f"{a.case_no}|{b.case_no}"


def _held(found, data, key):
    [finding] = own_findings(found, data)
    assert finding.dedup_key == key
    return finding.evidence["B案为其留存案款"]


def test_s01_evidence_at_a_big_amount_is_exact():
    from django.db import connection

    data = Data()
    key = _big_s01(data)
    assert _held(findings("S01", AS_OF, connection.vendor), data, key) == "100000000000000.00"


@pytest.mark.spark
def test_s01_evidence_at_a_big_amount_is_exact_on_spark(spark_session_once):  # noqa: F811
    data = Data()
    key = _big_s01(data)
    assert _held(findings("S01", AS_OF, "spark"), data, key) == "100000000000000.00"


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_existing_amounts_and_the_closure_sums():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from zhixing.cases.models import ClosureDay

    before = [("cases", "0007_txn_reversal"), ("alerts", "0004_close_cause_and_system_release")]
    after = [("cases", "0008_money_exact"), ("alerts", "0005_money_exact")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        # another transactional test may have flushed the seeded courts
        old.get_model("cases", "Court").objects.get_or_create(code="沪0104", defaults={"name": "上海市徐汇区人民法院"})
        case = old.get_model("cases", "Case").objects.create(
            case_no="(2024)沪0104执9001号", year=2024, court_code_in_no="沪0104", type_code="执", seq=9001,
            court_id="沪0104", category="执行", procedure="首次执行", filed_on=dt.date(2024, 1, 2), status="已结",
            closed_on=dt.date(2024, 3, 1), closure_mode="执行完毕", applied_amount=Decimal("1234.56"), source="沪0104",
        )
        old.get_model("cases", "AccountTxn").objects.create(
            source="沪0104", txn_id="MIG-1", case_id=case.pk, direction="到账", amount=Decimal("0.05"),
            occurred_at=web_scene.at(dt.date(2024, 2, 1)),
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    assert Case.objects.get(pk=case.pk).applied_amount == Decimal("1234.56")
    assert AccountTxn.objects.get(txn_id="MIG-1").amount == Decimal("0.05")
    day = ClosureDay.objects.get(court_id="沪0104", closed_on=dt.date(2024, 3, 1))
    assert (day.applied_fen, day.arrived_fen) == (123456, 5)
    AccountTxn.objects.create(source="沪0104", txn_id="MIG-2", case_id=case.pk, direction="到账",
                              amount=Decimal("10.00"), occurred_at=web_scene.at(dt.date(2024, 2, 2)))
    day.refresh_from_db()
    assert day.arrived_fen == 1005  # the triggers, made again, add fen
