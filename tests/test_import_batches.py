"""Importing valid batches: what lands in the database, in every file format, and idempotence."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from batches import (
    CASE_1,
    CASE_2,
    CASE_3,
    CASE_4,
    COMPANY_CODE,
    IMPORT_LOG,
    ZHANG_SAN_ID,
    agency_batch_files,
    court_batch_files,
    natural_dump,
    row_counts,
    table_dump,
    write_batch,
)
from zhixing.cases.enums import CLOSURE_MODES
from zhixing.cases.models import (
    AccountTxn,
    Action,
    AssetFinding,
    BasisChange,
    Case,
    CaseParty,
    Court,
    Fee,
    Measure,
    Staff,
)
from zhixing.core.idnumbers import RIC, IdKey
from zhixing.exchange.commands.batches import import_batch
from zhixing.exchange.models import ImportBatch
from zhixing.parties.models import ConsumptionRecord, CustodyRecord, PartyRecord, Registration

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_court_export_fills_every_table_with_parsed_values(tmp_path):
    result = import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))

    case = Case.objects.get(case_no=CASE_1)
    assert (case.year, case.court_code_in_no, case.type_code, case.seq) == (2024, "沪0104", "执", 1234)
    assert case.court_id == "沪0104" and case.source == "沪0104"
    assert case.basis_case_no == "(2023)沪0104民初88号"  # full-width brackets normalised
    assert case.applied_amount == Decimal("260000.00")
    restorable = Case.objects.get(case_no=CASE_2)  # written （2023）…
    assert restorable.closure_mode == "终结本次执行程序"
    assert restorable.judge_id == "沪0104-J999"  # staff the platform does not know: kept
    assert not Staff.objects.filter(staff_id="沪0104-J999").exists()
    assert Case.objects.get(case_no=CASE_4).court_id == "沪0104"
    assert Court.objects.get(code="京01").parent_id == "京"  # listed before its parent
    assert Staff.objects.get(staff_id="沪0104-A002").court_id == "沪0104"

    debtor = PartyRecord.objects.get(source="沪0104", party_key="P1")
    assert (debtor.id_key, debtor.id_verified) == (IdKey(RIC, ZHANG_SAN_ID), True)
    assert CaseParty.objects.get(case=case, party=debtor).owed_amount == Decimal("260000.00")

    arrival = AccountTxn.objects.get(source="沪0104", txn_id="T1")
    assert arrival.occurred_at == dt.datetime(2025, 3, 1, 10, tzinfo=SHANGHAI)
    assert arrival.amount == Decimal("120000.50")
    assert arrival.counterparty_id == debtor.id
    assert arrival.beneficiary == PartyRecord.objects.get(source="沪0104", party_key="P2")

    terms = dict(Measure.objects.values_list("measure_id", "term_ends_on"))
    assert terms == {
        "M1": dt.date(2025, 3, 15),  # 冻结存款: one year
        "M2": dt.date(2027, 2, 28),  # 查封不动产 from 29 February: three years
        "M3": dt.date(2026, 4, 1),  # expires_on given
        "M4": None,  # 限制消费 has no term
    }
    assert set(Action.objects.values_list("action", "staff_id")) == {
        ("发送执行通知书", "沪0104-J001"),
        ("网络查控", ""),
    }
    assert AssetFinding.objects.get(finding_id="F2").case_id is None
    assert AssetFinding.objects.get(finding_id="F1").finding_source == "不动产"
    assert Fee.objects.get(case__case_no=CASE_3).kind == ""
    assert set(BasisChange.objects.values_list("case_no", "new_case_no")) == {
        ("(2023)沪0104民初88号", "(2024)沪01民终12号"),
        ("某仲裁委员会(2022)沪仲裁字第5号", ""),
    }

    batch = ImportBatch.objects.get(pk=result.batch_id)
    assert batch.source == "沪0104" and batch.exported_at == dt.datetime(2025, 6, 30, 18, tzinfo=SHANGHAI)
    assert batch.row_counts == result.counts == {name: len(rows) for name, rows in court_batch_files().items()}
    assert len(batch.digest) == 64
    assert result.case_ids == set(Case.objects.values_list("id", flat=True))
    assert result.identity_ids == set(
        PartyRecord.objects.filter(source="沪0104").values_list("identity_id", flat=True)
    )


def test_agency_rows_link_to_the_identities_court_parties_have(tmp_path):
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))
    result = import_batch(write_batch(tmp_path, "上海市监狱管理局", agency_batch_files()))

    debtor = PartyRecord.objects.get(source="沪0104", party_key="P1").identity_id
    company = PartyRecord.objects.get(source="沪0104", party_key="P2").identity_id
    custody = CustodyRecord.objects.get()
    assert custody.identity_id == debtor  # written with the old 15-digit number
    assert custody.id_key == IdKey(RIC, ZHANG_SAN_ID)
    assert ConsumptionRecord.objects.get().identity_id == debtor
    registration = Registration.objects.get()
    assert (registration.identity_id, registration.source) == (company, "上海市监狱管理局")
    assert result.identity_ids == {debtor, company}
    assert result.case_ids == set()


FORMATS = [
    pytest.param({"fmt": "csv"}, id="csv-utf8"),
    pytest.param({"fmt": "csv", "encoding": "utf-8-sig"}, id="csv-utf8-bom"),
    pytest.param({"fmt": "csv", "encoding": "gb18030"}, id="csv-gb18030"),
    pytest.param({"fmt": "jsonl"}, id="jsonl"),
    pytest.param({"fmt": "xlsx"}, id="xlsx-date-cells"),
    pytest.param({"fmt": "xlsx", "xlsx_dates": "text"}, id="xlsx-date-text"),
]


def _contents_after_import(tmp_path, **options) -> dict:
    """Import in a savepoint, describe the database, and roll back."""

    class Undo(Exception):
        pass

    savepoint = transaction.atomic()
    savepoint._from_testcase = True  # as Django's TestCase marks its own: the import's durable block may nest
    try:
        with savepoint:
            import_batch(write_batch(tmp_path, "沪0104", court_batch_files(), **options))
            import_batch(write_batch(tmp_path, "上海市监狱管理局", agency_batch_files(), **options))
            contents = natural_dump()
            raise Undo
    except Undo:
        return contents


def test_every_file_format_and_encoding_gives_the_same_database(tmp_path):
    reference = _contents_after_import(tmp_path, fmt="csv")
    assert len(reference["zx_case"]) == 4 and len(reference["zx_custody"]) == 1
    for param in FORMATS[1:]:
        (options,) = param.values
        assert _contents_after_import(tmp_path, **options) == reference, param.id


def test_gb18030_csv_keeps_chinese_text(tmp_path):
    folder = write_batch(tmp_path, "沪0104", court_batch_files(), encoding="gb18030")
    raw = (folder / "parties.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    import_batch(folder)
    assert PartyRecord.objects.get(party_key="P4").name == "某某（上海）合伙企业"


def test_reimporting_the_same_batches_changes_no_row(tmp_path):
    court = write_batch(tmp_path, "沪0104", court_batch_files())
    agency = write_batch(tmp_path, "上海市监狱管理局", agency_batch_files(), fmt="jsonl")
    import_batch(court)
    import_batch(agency)
    before = table_dump(exclude=IMPORT_LOG)
    batches = ImportBatch.objects.count()

    again = import_batch(court)
    import_batch(agency)

    assert table_dump(exclude=IMPORT_LOG) == before
    assert ImportBatch.objects.count() == batches + 2  # each run is logged
    assert again.case_ids == set(Case.objects.values_list("id", flat=True))


def test_reimporting_a_changed_row_updates_it_in_place(tmp_path):
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))
    counts = row_counts()
    files = court_batch_files()
    files["cases"][0].update(status="已结", closed_on=dt.date(2025, 6, 1), closure_mode="执行完毕")
    files["measures"][0]["expires_on"] = dt.date(2026, 3, 15)  # renewed (续冻)
    files["parties"][0]["phone"] = "13900000000"
    import_batch(write_batch(tmp_path, "沪0104", files))

    # the case now closed adds its day to the dashboard's summary (a derived table)
    added = {"zx_import_batch": counts["zx_import_batch"] + 1, "zx_audit_event": counts["zx_audit_event"] + 1,
             "zx_closure_day": counts["zx_closure_day"] + 1}
    assert row_counts() == counts | added
    case = Case.objects.get(case_no=CASE_1)
    assert (case.status, case.closure_mode) == ("已结", "执行完毕")
    assert Measure.objects.get(measure_id="M1").term_ends_on == dt.date(2026, 3, 15)
    assert PartyRecord.objects.get(party_key="P1").phone == "13900000000"


def test_a_delta_batch_refers_to_cases_and_parties_imported_before(tmp_path):
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))
    delta = {
        "account_txns": [
            {"txn_id": "T9", "case_no": "（2024）沪0104执1234号", "direction": "到账",
             "amount": "5000", "occurred_at": "2025-07-01T09:00:00+08:00",
             "counterparty_key": None, "beneficiary_key": "P2", "channel": None},
        ],
    }
    result = import_batch(write_batch(tmp_path, "沪0104", delta))
    txn = AccountTxn.objects.get(txn_id="T9")
    assert txn.case.case_no == CASE_1
    assert txn.beneficiary.party_key == "P2"
    assert result.case_ids == {txn.case_id}


def test_header_only_files_import_nothing(tmp_path):
    counts = row_counts()
    folder = write_batch(tmp_path, "沪0104", {"cases": [], "parties": [], "case_parties": []})
    result = import_batch(folder)
    assert result.counts == {"parties": 0, "cases": 0, "case_parties": 0}
    assert row_counts() == counts | {table: counts[table] + 1 for table in IMPORT_LOG}


def test_empty_files_and_sheets_import_nothing(tmp_path):
    counts = row_counts()
    folder = write_batch(tmp_path, "沪0104", {"parties": []}, fmt="xlsx", columns={"parties": []})
    for name in ("cases.csv", "measures.jsonl"):
        (folder / name).write_bytes(b"")
    result = import_batch(folder)
    assert result.counts == {"parties": 0, "cases": 0, "measures": 0}
    assert row_counts() == counts | {table: counts[table] + 1 for table in IMPORT_LOG}


def test_jsonl_rows_may_leave_out_optional_keys(tmp_path):
    files = {
        "parties": [{"party_key": "P1", "kind": "自然人", "name": "张三"}],
        "cases": [{"case_no": CASE_1, "court_code": "沪0104", "category": "执行",
                   "procedure": "首次执行", "filed_on": "2024-03-01", "status": "在办"}],
        "case_parties": [{"case_no": CASE_1, "party_key": "P1", "role": "被执行人",
                          "owed_amount": Decimal("1.5")}],
    }
    import_batch(write_batch(tmp_path, "沪0104", files, fmt="jsonl"))
    case = Case.objects.get()
    assert (case.judge_id, case.stage, case.applied_amount, case.closed_on) == ("", "", None, None)
    assert CaseParty.objects.get().owed_amount == Decimal("1.50")
    assert PartyRecord.objects.get().id_key is None


def test_identical_repeated_rows_of_platform_keyed_files_are_merged(tmp_path):
    files = court_batch_files()
    files["actions"].append(dict(files["actions"][0]))
    files["case_parties"].append(dict(files["case_parties"][1]))
    result = import_batch(write_batch(tmp_path, "沪0104", files))
    assert Action.objects.count() == 2
    assert CaseParty.objects.count() == 7
    assert result.counts["actions"] == 3  # rows read


def test_extra_columns_files_and_unknown_optional_values_are_kept_or_ignored(tmp_path):
    files = court_batch_files()
    files["cases"][1]["closure_mode"] = "终本"  # not a value of the format: kept, with a warning
    files["cases"][0]["remark"] = "额外的列"
    folder = write_batch(tmp_path, "沪0104", files)
    (folder / "notes.txt").write_text("说明", "utf-8")
    result = import_batch(folder)
    assert Case.objects.get(case_no=CASE_2).closure_mode == "终本"
    known = "/".join(CLOSURE_MODES)
    assert result.warnings == [f"cases.csv:3: closure_mode: 未知取值 '终本'，按原样保存（已知取值：{known}）"]
    assert result.ignored_files == ["notes.txt"]


def test_realtime_import_reports_what_it_touched(tmp_path, django_capture_on_commit_callbacks):
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))
    delta = {
        "parties": [{"party_key": "P9", "kind": "法人", "name": "上海某某贸易有限公司",
                     "id_type": "组织机构代码", "id_number": COMPANY_CODE[8:16] + "-" + COMPANY_CODE[16]}],
        "account_txns": [
            {"txn_id": "T7", "case_no": CASE_2, "direction": "到账", "amount": "100.00",
             "occurred_at": "2025-07-01T09:00:00", "beneficiary_key": "P3"},
        ],
    }
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = import_batch(write_batch(tmp_path, "沪0104", delta), realtime=True)
    company = PartyRecord.objects.get(party_key="P2").identity_id
    assert PartyRecord.objects.get(party_key="P9").identity_id == company  # org code in the credit code
    assert result.identity_ids == {company}
    assert result.case_ids == {Case.objects.get(case_no=CASE_2).id}
    assert ImportBatch.objects.get(pk=result.batch_id).realtime is True
    assert len(callbacks) == 1

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        import_batch(write_batch(tmp_path, "沪0104", delta))
    assert callbacks == []
