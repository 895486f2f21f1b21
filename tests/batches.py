"""Test helper: write exchange-format batch folders from Python rows, and dump database state.

    folder = write_batch(tmp_path, "沪0104", {"cases": [{"case_no": ..., ...}]}, fmt="csv")

Rows are dicts; a value may be str, int, Decimal, date, datetime or None (empty cell).
``fmt`` is "csv", "jsonl" or "xlsx"; ``encoding`` applies to CSV and JSONL ("utf-8",
"utf-8-sig" for a BOM, "gb18030"). A file with no rows is written with a header only.
``court_batch_files()`` and ``agency_batch_files()`` give a small valid data set.
``row_counts()``, ``table_dump()`` (rows with ids) and ``natural_dump()`` (ids replaced by
the rows they name) describe every zx_ table, to check a database is unchanged or equal.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from stdnum.cn import ric, uscc

from zhixing.core.idnumbers import org_check_digit

DEFAULT_EXPORTED_AT = "2025-06-30T18:00:00+08:00"
_DEFAULT = object()
_counter = itertools.count(1)

Rows = Sequence[Mapping[str, Any]]


def write_batch(
    base: Path,
    source: str,
    files: Mapping[str, Rows],
    *,
    fmt: str = "csv",
    encoding: str = "utf-8",
    exported_at: str = DEFAULT_EXPORTED_AT,
    manifest: Any = _DEFAULT,
    columns: Mapping[str, Sequence[str]] | None = None,
    xlsx_dates: str = "cell",
) -> Path:
    """Write a batch folder under ``base`` and return its path.

    ``manifest``: a dict written as manifest.json instead of the default one, or None for none.
    ``columns``: the header of a file, instead of the keys of its rows.
    ``xlsx_dates``: "cell" writes date values as date cells, "text" as YYYY-MM-DD text.
    """
    slug = re.sub(r"\W+", "-", source, flags=re.ASCII).strip("-") or "batch"
    folder = Path(base) / f"{slug}-{fmt}-{next(_counter)}"
    folder.mkdir(parents=True)
    if manifest is _DEFAULT:
        manifest = {"format": "zhixing-exchange/1", "source": source, "exported_at": exported_at}
    if manifest is not None:
        (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    headers = {name: _header(name, rows, columns) for name, rows in files.items()}
    if fmt == "csv":
        for name, rows in files.items():
            _write_csv(folder / f"{name}.csv", headers[name], rows, encoding)
    elif fmt == "jsonl":
        for name, rows in files.items():
            lines = [_json_object(row) for row in rows]
            (folder / f"{name}.jsonl").write_bytes("".join(f"{line}\n" for line in lines).encode(encoding))
    elif fmt == "xlsx":
        _write_xlsx(folder / "batch.xlsx", files, headers, xlsx_dates)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return folder


def _header(name: str, rows: Rows, columns: Mapping[str, Sequence[str]] | None) -> list[str]:
    if columns and name in columns:
        return list(columns[name])
    if not rows:
        from zhixing.exchange.spec import BY_NAME

        return [column.name for column in BY_NAME[name].columns]
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _write_csv(path: Path, header: list[str], rows: Rows, encoding: str) -> None:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_text(row.get(name)) for name in header])
    path.write_bytes(buffer.getvalue().encode(encoding))


def _json_object(row: Mapping[str, Any]) -> str:
    """A JSON object; Decimal values become JSON numbers written exactly."""
    parts = []
    for key, value in row.items():
        if isinstance(value, Decimal):
            encoded = format(value, "f")
        elif isinstance(value, dt.date | dt.datetime):
            encoded = json.dumps(value.isoformat())
        else:
            encoded = json.dumps(value, ensure_ascii=False)
        parts.append(f"{json.dumps(key, ensure_ascii=False)}: {encoded}")
    return "{" + ", ".join(parts) + "}"


def _write_xlsx(path: Path, files: Mapping[str, Rows], headers: dict[str, list[str]], dates: str) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in files.items():
        sheet = workbook.create_sheet(name)
        sheet.append(headers[name])
        for row in rows:
            sheet.append([_cell(row.get(column), dates) for column in headers[name]])
    workbook.save(path)


def _cell(value: Any, dates: str) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value if dates == "cell" else value.isoformat()
    return value


# --- identity numbers with correct check digits -------------------------------------------


def resident_id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def resident_id_15(number18: str) -> str:
    """The old 15-digit form of an 18-digit number born in the 1900s."""
    return number18[:6] + number18[8:17]


def org_code(body8: str) -> str:
    return body8 + org_check_digit(body8)


def credit_code(region6: str, org_body8: str) -> str:
    body = "91" + region6 + org_code(org_body8)
    return body + uscc.calc_check_digit(body)


ZHANG_SAN_ID = resident_id("31010419800101123")
COMPANY_CODE = credit_code("310104", "MA1FL0AB")


# --- a small valid data set -----------------------------------------------------------------

CASE_1 = "(2024)沪0104执1234号"
CASE_2 = "(2023)沪0104执567号"
CASE_3 = "(2024)沪0104民初99号"
CASE_4 = "(2024)沪0104破1号"


def court_batch_files() -> dict[str, list[dict[str, Any]]]:
    """One court's export (source 沪0104) touching every court entity file."""
    d = dt.date
    return {
        "courts": [
            {"code": "京01", "name": "北京市第一中级人民法院", "level": "中级", "parent_code": "京"},
            {"code": "京", "name": "北京市高级人民法院", "level": "高级", "parent_code": None},
        ],
        "staff": [
            {"staff_id": "沪0104-J001", "court_code": "沪0104", "name": "王法官", "role": "执行法官"},
            {"staff_id": "沪0104-A002", "court_code": "沪0104", "name": "赵助理", "role": "法官助理"},
        ],
        "parties": [
            {"party_key": "P1", "kind": "自然人", "name": "张三", "id_type": "居民身份证",
             "id_number": ZHANG_SAN_ID, "phone": "13800000000", "address": "上海市徐汇区漕溪路1号"},
            {"party_key": "P2", "kind": "法人", "name": "上海某某贸易有限公司",
             "id_type": "统一社会信用代码", "id_number": COMPANY_CODE, "phone": None, "address": None},
            {"party_key": "P3", "kind": "自然人", "name": "李四", "id_type": None, "id_number": None,
             "phone": None, "address": None},
            {"party_key": "P4", "kind": "非法人组织", "name": "某某（上海）合伙企业", "id_type": None,
             "id_number": None, "phone": None, "address": None},
        ],
        "cases": [
            {"case_no": CASE_1, "court_code": "沪0104", "category": "执行", "procedure": "首次执行",
             "cause": "买卖合同纠纷", "filed_on": d(2024, 3, 1), "judge_id": "沪0104-J001",
             "panel": "独任", "status": "在办", "closed_on": None, "closure_mode": None,
             "stage": "查控", "stage_since": d(2024, 3, 10), "basis_case_no": "（2023）沪0104民初88号",
             "applied_amount": Decimal("260000.00"), "deadline_on": None},
            {"case_no": "（2023）沪0104执567号", "court_code": "沪0104", "category": "执行",
             "procedure": "首次执行", "cause": "民间借贷纠纷", "filed_on": d(2023, 5, 4),
             "judge_id": "沪0104-J999", "panel": None, "status": "已结", "closed_on": d(2023, 12, 1),
             "closure_mode": "终结本次执行程序", "stage": "终本", "stage_since": d(2023, 12, 1),
             "basis_case_no": "某仲裁委员会(2022)沪仲裁字第5号", "applied_amount": Decimal("50000"),
             "deadline_on": d(2024, 1, 31)},
            {"case_no": CASE_3, "court_code": "沪0104", "category": "民事", "procedure": "一审",
             "cause": "合伙协议纠纷", "filed_on": d(2024, 1, 8), "judge_id": None, "panel": "合议庭",
             "status": "在办", "closed_on": None, "closure_mode": None, "stage": None,
             "stage_since": None, "basis_case_no": None, "applied_amount": None, "deadline_on": None},
            {"case_no": CASE_4, "court_code": "沪0104", "category": "破产", "procedure": "破产清算",
             "cause": None, "filed_on": d(2024, 4, 20), "judge_id": None, "panel": "合议庭",
             "status": "在办", "closed_on": None, "closure_mode": None, "stage": None,
             "stage_since": None, "basis_case_no": None, "applied_amount": None, "deadline_on": None},
        ],
        "case_parties": [
            {"case_no": CASE_1, "party_key": "P2", "role": "申请执行人", "owed_amount": None},
            {"case_no": CASE_1, "party_key": "P1", "role": "被执行人", "owed_amount": Decimal("260000.00")},
            {"case_no": CASE_2, "party_key": "P3", "role": "申请执行人", "owed_amount": None},
            {"case_no": CASE_2, "party_key": "P1", "role": "被执行人", "owed_amount": Decimal("48000.5")},
            {"case_no": CASE_3, "party_key": "P4", "role": "原告", "owed_amount": None},
            {"case_no": CASE_3, "party_key": "P1", "role": "被告", "owed_amount": None},
            {"case_no": CASE_4, "party_key": "P2", "role": "被申请人", "owed_amount": None},
        ],
        "account_txns": [
            {"txn_id": "T1", "case_no": CASE_1, "direction": "到账", "amount": Decimal("120000.50"),
             "occurred_at": "2025-03-01T10:00:00", "counterparty_key": "P1",
             "beneficiary_key": "P2", "channel": "网银"},
            {"txn_id": "T2", "case_no": CASE_1, "direction": "发放", "amount": Decimal("100000.00"),
             "occurred_at": "2025-03-05T09:30:00+08:00", "counterparty_key": None,
             "beneficiary_key": "P2", "channel": None},
        ],
        "measures": [
            {"measure_id": "M1", "case_no": CASE_1, "party_key": "P1", "kind": "冻结存款",
             "started_on": d(2024, 3, 15), "lifted_on": None, "expires_on": None,
             "detail": "工商银行账户", "amount": Decimal("80000.00")},
            {"measure_id": "M2", "case_no": CASE_1, "party_key": "P1", "kind": "查封不动产",
             "started_on": d(2024, 2, 29), "lifted_on": None, "expires_on": None,
             "detail": "徐汇区某路某号房产", "amount": None},
            {"measure_id": "M3", "case_no": CASE_1, "party_key": "P1", "kind": "冻结股权",
             "started_on": d(2024, 4, 1), "lifted_on": None, "expires_on": d(2026, 4, 1),
             "detail": None, "amount": None},
            {"measure_id": "M4", "case_no": CASE_1, "party_key": "P1", "kind": "限制消费",
             "started_on": d(2024, 4, 1), "lifted_on": None, "expires_on": None,
             "detail": None, "amount": None},
        ],
        "actions": [
            {"case_no": CASE_1, "action": "发送执行通知书", "done_on": d(2024, 3, 2), "staff_id": "沪0104-J001"},
            {"case_no": CASE_1, "action": "网络查控", "done_on": d(2024, 3, 5), "staff_id": None},
        ],
        "stage_history": [
            {"case_no": CASE_1, "stage": "立案", "entered_on": d(2024, 3, 1)},
            {"case_no": CASE_1, "stage": "查控", "entered_on": d(2024, 3, 10)},
        ],
        "auctions": [
            {"auction_id": "A1", "case_no": CASE_1, "item": "徐汇区某路某号房产", "round": "一拍",
             "reference_price_on": d(2025, 1, 5), "announced_on": d(2025, 2, 1),
             "starts_on": d(2025, 3, 1), "ends_on": d(2025, 3, 2), "result": "流拍", "amount": None},
        ],
        "asset_findings": [
            {"finding_id": "F1", "party_key": "P1", "case_no": CASE_1, "source": "不动产",
             "found_on": d(2024, 3, 12), "description": "房产一套", "value": Decimal("3000000.00")},
            {"finding_id": "F2", "party_key": "P1", "case_no": None, "source": "当事人提供线索",
             "found_on": d(2025, 5, 20), "description": "疑似在外地经营餐馆", "value": None},
        ],
        "fees": [
            {"case_no": CASE_1, "party_key": "P1", "kind": "申请执行费", "amount_due": Decimal("3500.00"),
             "amount_paid": Decimal("0"), "due_on": d(2024, 4, 1)},
            {"case_no": CASE_3, "party_key": "P4", "kind": None, "amount_due": Decimal("1200"),
             "amount_paid": None, "due_on": None},
        ],
        "bankruptcies": [
            {"case_no": CASE_4, "party_key": "P2", "accepted_on": d(2024, 5, 1),
             "administrator": "某某律师事务所", "claims_deadline": d(2024, 8, 1)},
        ],
        "basis_changes": [
            {"case_no": "（2023）沪0104民初88号", "new_case_no": "(2024)沪01民终12号",
             "decided_on": d(2024, 6, 1), "outcome": "改判"},
            {"case_no": "某仲裁委员会(2022)沪仲裁字第5号", "new_case_no": None,
             "decided_on": d(2024, 7, 1), "outcome": "撤销"},
        ],
    }


def agency_batch_files() -> dict[str, list[dict[str, Any]]]:
    """An agency feed naming people and companies by number (custody, travel, registrations)."""
    d = dt.date
    return {
        "custody": [
            {"record_id": "R1", "name": "张三", "id_type": "居民身份证",
             "id_number": resident_id_15(ZHANG_SAN_ID), "facility": "提篮桥监狱", "kind": "服刑",
             "from_on": d(2024, 1, 1), "to_on": None},
        ],
        "consumption": [
            {"record_id": "C1", "name": "张三", "id_type": "居民身份证", "id_number": ZHANG_SAN_ID,
             "kind": "乘坐飞机", "occurred_at": "2025-05-01 08:00:00", "place": "虹桥机场"},
        ],
        "registrations": [
            {"id_number": COMPANY_CODE, "name": "上海某某贸易有限公司", "status": "吊销",
             "changed_on": d(2025, 1, 10)},
        ],
    }


# --- database state -------------------------------------------------------------------------


# What every import adds besides the data: its batch row and its audit entry.
IMPORT_LOG = ("zx_import_batch", "zx_audit_event")


def zx_tables() -> list[str]:
    from django.db import connection

    return sorted(t for t in connection.introspection.table_names() if t.startswith("zx_"))


def table_dump(exclude: Sequence[str] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every zx_ table, ordered by primary key."""
    from django.db import connection

    dump: dict[str, list[tuple[Any, ...]]] = {}
    with connection.cursor() as cursor:
        for table in zx_tables():
            if table in exclude:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608 -- a zx_ table name from the database catalogue
            dump[table] = [tuple(row) for row in cursor.fetchall()]
    return dump


def row_counts() -> dict[str, int]:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table in zx_tables():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 -- a zx_ table name from the database catalogue
            counts[table] = cursor.fetchone()[0]
    return counts


def natural_dump() -> dict[str, list[tuple[Any, ...]]]:
    """Every zx_ model's rows with surrogate ids replaced by the referenced rows' contents,
    so that two databases filled in different orders compare equal."""
    from django.apps import apps
    from django.db import models

    cache: dict[tuple[type, Any], tuple[Any, ...]] = {}

    def natural(model: type[models.Model], pk: Any) -> tuple[Any, ...]:
        if pk is None:
            return ()
        if (model, pk) not in cache:
            cache[(model, pk)] = ()  # guards self-references while computing
            row = model._default_manager.filter(pk=pk).values().get()
            cache[(model, pk)] = describe(model, row)
        return cache[(model, pk)]

    def describe(model: type[models.Model], row: dict[str, Any]) -> tuple[Any, ...]:
        parts: list[Any] = []
        for field in model._meta.concrete_fields:
            if isinstance(field, models.AutoField) or field.name in ("created_at", "imported_at"):
                continue
            value = row[field.attname]
            if isinstance(field, models.ForeignKey):
                value = natural(field.related_model, value)
            parts.append((field.name, value))
        return tuple(parts)

    dump = {}
    for model in apps.get_models():
        table = model._meta.db_table
        if table.startswith("zx_") and table not in IMPORT_LOG:
            dump[table] = sorted(
                (describe(model, row) for row in model._default_manager.values()), key=repr
            )
    return dump
