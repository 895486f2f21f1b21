"""`zhixing alerts` in the exchange format's JSON Lines shape, and as a table."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from planted import plant
from scenario_data import Data
from test_scan import scan

pytestmark = pytest.mark.django_db


def alerts(*args: str) -> str:
    out = io.StringIO()
    call_command("alerts", *args, stdout=out)
    return out.getvalue()


def test_jsonl_shape_for_s01():
    planted = plant(Data())
    scan()
    lines = alerts("--format", "jsonl", "--scenario", "S01").splitlines()
    [line] = lines
    record = json.loads(line)
    a, b, p = planted.handles["s01_a"], planted.handles["s01_b"], planted.handles["s01_p"]
    assert list(record) == ["alert_id", "scenario", "severity", "status", "cases", "subject",
                            "recipients", "as_of", "raised_at", "evidence"]
    assert record["scenario"] == "S01" and record["severity"] == "高" and record["status"] == "待处理"
    assert record["cases"] == sorted([a.case_no, b.case_no])
    assert record["subject"] == {"name": "张伟", "id_type": "居民身份证", "id_number": p.id_number}
    assert record["recipients"] == ["J01", "J02"]
    assert record["as_of"] == "2025-06-30"
    assert dt.datetime.fromisoformat(record["raised_at"]).utcoffset() == dt.timedelta(hours=8)
    evidence = record["evidence"]
    assert evidence["B案为其留存案款"] == "5000.00" and evidence["最近到账时间"].startswith("2025-06-20")


def test_all_open_alerts_and_closed_ones_with_all():
    planted = plant(Data())
    scan()
    assert len(alerts("--format", "jsonl").splitlines()) == len(planted.expected)
    c3 = planted.handles["s03_case"]
    c3.status, c3.closure_mode, c3.closed_on = "已结", "终结执行", dt.date(2025, 6, 29)
    c3.save()
    scan()
    assert len(alerts("--format", "jsonl").splitlines()) == len(planted.expected) - 1
    everything = [json.loads(x) for x in alerts("--format", "jsonl", "--all").splitlines()]
    assert [r["status"] for r in everything if r["scenario"] == "S03"] == ["已关闭"]
    assert all(r["subject"] is None for r in everything if r["scenario"] in ("S04", "S08"))


def test_table_masks_identity_numbers():
    planted = plant(Data())
    scan()
    table = alerts("--scenario", "S01")
    number = planted.handles["s01_p"].id_number
    assert "S01" in table and "张伟" in table and number not in table
