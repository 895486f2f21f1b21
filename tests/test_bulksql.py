"""The bulk writers under the importer and identity resolution, on whichever database runs
the suite: COPY-staged statements on PostgreSQL, executemany on SQLite."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from zhixing.core import bulksql
from zhixing.parties.models import ConsumptionRecord, Identity

SHANGHAI = ZoneInfo("Asia/Shanghai")
COLUMNS = ["source", "record_id", "name", "id_type", "id_number", "id_scheme", "id_value", "kind", "occurred_at", "occurred_on", "place"]


def consumption(record_id: str, place: str, hour: int = 9) -> tuple:
    at = dt.datetime(2025, 3, 1, hour, 30, tzinfo=SHANGHAI)
    return ("携程", record_id, "张三", "", "", "", "", "乘坐飞机", at, at.date(), place)


def upsert(rows: list[tuple]) -> None:
    update = [c for c in COLUMNS if c not in ("source", "record_id")]
    bulksql.upsert_rows(ConsumptionRecord, COLUMNS, rows, ["source", "record_id"], update)


@pytest.mark.django_db
@pytest.mark.parametrize("stage_from", [1, 10_000], ids=["staged", "direct"])
def test_upsert_keeps_awkward_text_and_datetimes_exactly_and_updates_on_a_second_pass(monkeypatch, stage_from):
    monkeypatch.setattr(bulksql, "STAGE_MIN_ROWS", stage_from)
    awkward = 'tab\there, line\nbreak, back\\slash, "quote", \\N, 虹桥'
    upsert([consumption("R1", awkward), consumption("R2", "")])
    upsert([consumption("R2", "浦东机场", hour=23), consumption("R3", "首都机场")])
    rows = {r.record_id: r for r in ConsumptionRecord.objects.all()}
    assert sorted(rows) == ["R1", "R2", "R3"]
    assert rows["R1"].place == awkward
    assert rows["R2"].place == "浦东机场"
    assert rows["R2"].occurred_at == dt.datetime(2025, 3, 1, 23, 30, tzinfo=SHANGHAI)


@pytest.mark.django_db
def test_more_rows_than_one_call_holds_are_all_written_and_ids_come_back_in_row_order():
    count = bulksql.ROWS_PER_CALL * 2 + 7
    created_at = dt.datetime(2025, 1, 1, tzinfo=SHANGHAI)
    rows = [("自然人", f"人{i}", "", "", False, created_at) for i in range(count)]
    ids = bulksql.insert_returning_ids(
        Identity, ["kind", "name", "id_type", "id_number", "verified", "created_at"], rows
    )
    assert len(ids) == count == len(set(ids))
    names = dict(Identity.objects.values_list("id", "name"))
    assert [names[i] for i in ids] == [row[1] for row in rows]
    assert Identity.objects.create(kind="自然人", name="后来的").id > max(ids), "the sequence moved on"


@pytest.mark.django_db
def test_rows_matching_finds_each_row_once_by_a_composite_key_and_update_by_id_rewrites_them():
    upsert([consumption(f"R{i}", "") for i in range(5)])
    found = bulksql.rows_matching(
        ConsumptionRecord,
        ["source", "record_id"],
        [("携程", "R1"), ("携程", "R3"), ("同程", "R1"), ("携程", "R9"), ("携程", "R1")],
        ["record_id", "id"],
    )
    assert sorted(record_id for record_id, _ in found) == ["R1", "R3"]
    bulksql.update_by_id(ConsumptionRecord, ["place"], [(f"地点{rid}", pk) for rid, pk in found])
    places = dict(ConsumptionRecord.objects.values_list("record_id", "place"))
    assert places == {"R0": "", "R1": "地点R1", "R2": "", "R3": "地点R3", "R4": ""}


@pytest.mark.django_db
def test_repoint_ids_moves_every_pair_at_once():
    a, b, c, d = (Identity.objects.create(kind="自然人", name=n) for n in "甲乙丙丁")
    upsert([consumption("R1", ""), consumption("R2", ""), consumption("R3", "")])
    for record_id, identity in (("R1", a), ("R2", b), ("R3", d)):
        ConsumptionRecord.objects.filter(record_id=record_id).update(identity=identity)
    bulksql.repoint_ids(ConsumptionRecord, "identity_id", "identity_id", [(a.id, c.id), (b.id, c.id)])
    assert dict(ConsumptionRecord.objects.values_list("record_id", "identity_id")) == {
        "R1": c.id,
        "R2": c.id,
        "R3": d.id,
    }


@pytest.mark.django_db
def test_sqlite_key_lookups_search_the_key_index_instead_of_scanning_the_table():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the statement is SQLite's; PostgreSQL joins a staged table")
    for key in (["source", "record_id"], ["id"]):
        statement = bulksql.sqlite_matching_sql(ConsumptionRecord, key, ["id"], 3)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + statement, ["携程", "R1"] * 3 if len(key) == 2 else [1, 2, 3])
            plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
        assert "SEARCH t" in plan and "SCAN t" not in plan, plan
