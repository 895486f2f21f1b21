"""Faults of issue 21 on the write path: a batch that changes another court's case, and
concurrent reports of one money key."""

import datetime as dt
import threading

import pytest

from batches import CASE_1, court_batch_files, write_batch
from zhixing.cases.models import AccountTxn, Case
from zhixing.exchange.commands.batches import import_batch
from zhixing.exchange.errors import BatchRejected

pytestmark = pytest.mark.django_db


def test_a_batch_of_one_court_cannot_change_another_courts_case(tmp_path):
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))
    judge_before = Case.objects.get(case_no=CASE_1).judge_id
    hostile = {"cases": [{"case_no": CASE_1, "court_code": "沪0104", "category": "执行", "procedure": "首次执行",
                          "filed_on": dt.date(2024, 1, 1), "status": "在办", "judge_id": "沪73-J999"}]}
    with pytest.raises(BatchRejected) as info:
        import_batch(write_batch(tmp_path, "沪73", hostile))
    listing = [str(p) for p in info.value.problems]
    assert listing == ["cases.csv:2: court_code: 来源 沪73 只能报送本院的案件，不能报送法院 沪0104 的案件"]
    assert Case.objects.get(case_no=CASE_1).judge_id == judge_before


def test_a_batch_cannot_add_money_to_another_courts_case(tmp_path):
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))
    before = AccountTxn.objects.count()
    files = {"account_txns": [{"txn_id": "X-1", "case_no": CASE_1, "direction": "发放", "amount": "8.00",
                               "occurred_at": "2025-06-01T10:00:00"}]}
    with pytest.raises(BatchRejected) as info:
        import_batch(write_batch(tmp_path, "沪0105", files))
    assert [str(p) for p in info.value.problems] == [
        f"account_txns.csv:2: case_no: 案件 {CASE_1} 属于其他法院，来源 沪0105 不能更改它"
    ]
    assert AccountTxn.objects.count() == before


def test_a_cases_row_under_the_sources_own_code_cannot_take_over_another_courts_case(tmp_path):
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))
    hostile = {"cases": [{"case_no": CASE_1, "court_code": "沪73", "category": "执行", "procedure": "首次执行",
                          "filed_on": dt.date(2024, 1, 1), "status": "在办", "judge_id": "沪73-J999"}]}
    with pytest.raises(BatchRejected) as info:
        import_batch(write_batch(tmp_path, "沪73", hostile))
    assert [str(p) for p in info.value.problems] == [
        f"cases.csv:2: case_no: 案件 {CASE_1} 属于其他法院，来源 沪73 不能更改它"
    ]
    assert Case.objects.get(case_no=CASE_1).court_id == "沪0104"


@pytest.mark.django_db(transaction=True)
def test_concurrent_reports_of_one_key_for_two_cases_answer_stored_only_for_the_winner():
    import json

    from django.db import connection

    from world import build_world, client_for, make_case, make_users

    world = build_world()
    make_users()
    other = make_case("(2024)沪0112执201号", "沪0112", "沪0112-J019")
    answers: list[tuple[str, int]] = []

    def report(case_no: str) -> None:
        body = {"case_no": case_no, "txn_id": "RACE-1", "amount": "100.00", "occurred_at": "2025-07-01T10:00:00"}
        try:
            response = client_for("judge_b").post("/api/events/money-arrival", json.dumps(body),
                                                  content_type="application/json")
            answers.append((case_no, response.status_code))
        finally:
            connection.close()

    threads = [threading.Thread(target=report, args=(c,)) for c in [world.case_b.case_no, other.case_no] * 10]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = AccountTxn.objects.get(txn_id="RACE-1")
    assert len(answers) == 20
    assert {code for _, code in answers} <= {200, 409}
    winners = {case_no for case_no, code in answers if code == 200}
    assert winners == {stored.case.case_no}


def test_a_batch_cannot_rewrite_a_stored_money_row(tmp_path):
    files = court_batch_files()
    import_batch(write_batch(tmp_path, "沪0104", files))
    stored = AccountTxn.objects.get(txn_id=files["account_txns"][0]["txn_id"])
    files["account_txns"][0] = dict(files["account_txns"][0], direction="发放", amount="1.00")
    with pytest.raises(BatchRejected) as info:
        import_batch(write_batch(tmp_path, "沪0104", files))
    [problem] = [str(p) for p in info.value.problems]
    assert problem.startswith("account_txns.csv:2: txn_id:") and "不可更改" in problem and "冲正" in problem
    again = AccountTxn.objects.get(pk=stored.pk)
    assert (again.direction, again.amount) == (stored.direction, stored.amount)
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))  # the same facts again: accepted
