"""Every kind of bad input rejects the whole batch with `file:line: field: reason` and changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from batches import (
    CASE_1,
    COMPANY_CODE,
    agency_batch_files,
    court_batch_files,
    row_counts,
    table_dump,
    write_batch,
)
from zhixing.exchange.commands.batches import import_batch
from zhixing.exchange.errors import BatchRejected

pytestmark = pytest.mark.django_db

NEW_CASE = "(2025)沪0104执77号"


@pytest.fixture
def loaded(tmp_path):
    """A database holding one court's export and one agency feed."""
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))
    import_batch(write_batch(tmp_path, "上海市监狱管理局", agency_batch_files()))


def changed_files() -> dict:
    """A court export that, were it accepted, would change existing rows and add new ones."""
    files = court_batch_files()
    files["cases"][0].update(status="已结", closed_on=dt.date(2025, 6, 1), closure_mode="执行完毕")
    files["cases"].append(
        {"case_no": NEW_CASE, "court_code": "沪0104", "category": "执行", "procedure": "首次执行",
         "filed_on": dt.date(2025, 2, 1), "status": "在办"}
    )
    files["parties"].append({"party_key": "P5", "kind": "自然人", "name": "王五"})
    files["case_parties"].append({"case_no": NEW_CASE, "party_key": "P5", "role": "被执行人"})
    return files


def rejected(folder) -> list[str]:
    """Import a batch that must be rejected; check the database is untouched; return the listing."""
    counts = row_counts()
    before = table_dump()
    with pytest.raises(BatchRejected) as info:
        import_batch(folder)
    assert row_counts() == counts
    assert table_dump() == before
    return info.value.listing()


def test_a_batch_without_manifest_is_rejected(loaded, tmp_path):
    folder = write_batch(tmp_path, "沪0104", changed_files(), manifest=None)
    assert rejected(folder) == ["manifest.json:0: -: 缺少 manifest.json，无法识别批次"]


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        (
            {"format": "zhixing-exchange/2", "source": "沪0104", "exported_at": "2025-06-30T18:00:00+08:00"},
            "manifest.json:1: format: 未知的格式版本 'zhixing-exchange/2'，只接受 'zhixing-exchange/1'",
        ),
        (
            {"source": "沪0104", "exported_at": "2025-06-30T18:00:00+08:00"},
            "manifest.json:1: format: 未知的格式版本 None，只接受 'zhixing-exchange/1'",
        ),
        (
            {"format": "zhixing-exchange/1", "source": " ", "exported_at": "2025-06-30T18:00:00+08:00"},
            "manifest.json:1: source: 缺少来源（法院代码或机构名称）",
        ),
        (
            {"format": "zhixing-exchange/1", "source": "沪0104", "exported_at": "2025-06-31T18:00:00"},
            "manifest.json:1: exported_at: 日期时间不存在：'2025-06-31T18:00:00'",
        ),
    ],
)
def test_a_manifest_of_another_version_or_incomplete_is_rejected(loaded, tmp_path, manifest, expected):
    folder = write_batch(tmp_path, "沪0104", changed_files(), manifest=manifest)
    assert rejected(folder) == [expected]


def test_a_manifest_that_is_not_json_is_rejected(loaded, tmp_path):
    folder = write_batch(tmp_path, "沪0104", changed_files())
    (folder / "manifest.json").write_text("format: zhixing-exchange/1", "utf-8")
    (line,) = rejected(folder)
    assert line.startswith("manifest.json:1: -: 不是有效的 JSON")


@pytest.mark.parametrize(("fmt", "label"), [("csv", "cases.csv"), ("xlsx", "batch.xlsx[cases]")])
def test_a_missing_required_column_is_rejected(loaded, tmp_path, fmt, label):
    files = changed_files()
    header = [c for c in files["cases"][0] if c not in ("filed_on", "status")]
    folder = write_batch(tmp_path, "沪0104", files, fmt=fmt, columns={"cases": header})
    listing = rejected(folder)
    assert f"{label}:1: filed_on: 缺少必填列" in listing
    assert f"{label}:1: status: 缺少必填列" in listing


def test_a_header_only_file_must_still_have_its_required_columns(loaded, tmp_path):
    folder = write_batch(tmp_path, "沪0104", {"cases": []}, columns={"cases": ["case_no", "court_code"]})
    assert rejected(folder) == [
        f"cases.csv:1: {name}: 缺少必填列" for name in ("category", "procedure", "filed_on", "status")
    ]


@pytest.mark.parametrize(("fmt", "prefix"), [("csv", "{}.csv"), ("jsonl", "{}.jsonl"), ("xlsx", "batch.xlsx[{}]")])
def test_unparsable_dates_datetimes_and_amounts_are_rejected(loaded, tmp_path, fmt, prefix):
    files = changed_files()
    files["cases"][0]["filed_on"] = "2025-02-30"
    files["cases"][1]["stage_since"] = "2023/12/01"
    files["case_parties"][1]["owed_amount"] = "5O000.00"
    files["account_txns"][0]["amount"] = "12,3a"
    files["account_txns"][1]["occurred_at"] = "2025-03-05 9点半"
    files["fees"][0]["amount_paid"] = "-100.00"
    files["measures"][0]["amount"] = "1.005"
    folder = write_batch(tmp_path, "沪0104", files, fmt=fmt)

    def at(entity: str, row: int) -> str:
        # CSV lines and sheet rows count the header as 1; JSONL has no header line.
        return f"{prefix.format(entity)}:{row if fmt == 'jsonl' else row + 1}"

    assert rejected(folder) == [
        f"{at('cases', 1)}: filed_on: 日期不存在：'2025-02-30'",
        f"{at('cases', 2)}: stage_since: 日期无法解析：'2023/12/01'（应为 YYYY-MM-DD）",
        f"{at('case_parties', 2)}: owed_amount: 金额无法解析：'5O000.00'（应为元，最多两位小数，如 260000.00）",
        f"{at('account_txns', 1)}: amount: 金额无法解析：'12,3a'（应为元，最多两位小数，如 260000.00）",
        f"{at('account_txns', 2)}: occurred_at: 日期时间无法解析：'2025-03-05 9点半'（应为 ISO 8601，如 2025-06-30T18:00:00+08:00）",
        f"{at('measures', 1)}: amount: 金额无法解析：'1.005'（应为元，最多两位小数，如 260000.00）",
        f"{at('fees', 1)}: amount_paid: 金额不能为负数：'-100.00'",
    ]


def test_negative_numbers_in_jsonl_are_rejected_too(loaded, tmp_path):
    files = changed_files()
    files["fees"][0]["amount_due"] = Decimal("-3500.00")  # written as a JSON number
    folder = write_batch(tmp_path, "沪0104", files, fmt="jsonl")
    assert rejected(folder) == ["fees.jsonl:1: amount_due: 金额不能为负数：-3500.00"]


def test_unknown_values_of_required_enumerations_are_rejected(loaded, tmp_path):
    files = changed_files()
    files["cases"][2]["status"] = "进行中"
    files["parties"][1]["kind"] = "公司"
    files["measures"][1]["kind"] = "查封房产"
    assert rejected(write_batch(tmp_path, "沪0104", files)) == [
        "parties.csv:3: kind: 未知取值 '公司'，应为 自然人/法人/非法人组织 之一",
        "cases.csv:4: status: 未知取值 '进行中'，应为 在办/已结 之一",
        "measures.csv:3: kind: 未知取值 '查封房产'，应为 "
        "冻结存款/扣划存款/查封不动产/查封车辆/冻结股权/冻结到期债权/限制消费/失信被执行人/限制出境 之一",
    ]


def test_empty_required_cells_are_rejected(loaded, tmp_path):
    files = changed_files()
    files["parties"][0]["name"] = "  "
    files["stage_history"][0]["entered_on"] = None
    assert rejected(write_batch(tmp_path, "沪0104", files)) == [
        "parties.csv:2: name: 必填字段为空",
        "stage_history.csv:2: entered_on: 必填字段为空",
    ]


def test_references_that_neither_batch_nor_database_has_are_rejected(loaded, tmp_path):
    files = changed_files()
    files["case_parties"].append({"case_no": "(2024)沪0104执9999号", "party_key": "P1", "role": "被执行人"})
    files["case_parties"].append({"case_no": CASE_1, "party_key": "P99", "role": "被执行人"})
    files["account_txns"][0]["beneficiary_key"] = "P77"
    files["staff"][0]["court_code"] = "沪9999"
    files["asset_findings"][0]["case_no"] = "（2020）沪0104执1号"
    files["measures"][0]["case_no"] = "第12号"
    assert rejected(write_batch(tmp_path, "沪0104", files)) == [
        "staff.csv:2: court_code: 法院代码 '沪9999' 在本批次和数据库中都不存在",
        "case_parties.csv:10: case_no: 案号 '(2024)沪0104执9999号' 在本批次和数据库中都不存在",
        "case_parties.csv:11: party_key: 当事人 'P99' 在本批次和数据库中（来源 沪0104）都不存在",
        "account_txns.csv:2: beneficiary_key: 当事人 'P77' 在本批次和数据库中（来源 沪0104）都不存在",
        "measures.csv:2: case_no: 案号无法识别：'第12号'（应如 (2024)沪0104执1234号）",
        "asset_findings.csv:2: case_no: 案号 '(2020)沪0104执1号' 在本批次和数据库中都不存在",
    ]


def test_party_keys_resolve_only_within_their_own_source(loaded, tmp_path):
    # P1 exists for 沪0104; another court's batch cannot name it.
    files = {"case_parties": [{"case_no": CASE_1, "party_key": "P1", "role": "第三人"}]}
    assert rejected(write_batch(tmp_path, "沪0105", files)) == [
        "case_parties.csv:2: party_key: 当事人 'P1' 在本批次和数据库中（来源 沪0105）都不存在",
        f"case_parties.csv:2: case_no: 案件 {CASE_1} 属于其他法院，来源 沪0105 不能更改它",
    ]


def test_a_case_from_an_unknown_court_is_rejected(loaded, tmp_path):
    files = changed_files()
    files["cases"][-1]["court_code"] = "京0105"
    assert rejected(write_batch(tmp_path, "沪0104", files)) == [
        "cases.csv:6: court_code: 法院代码 '京0105' 在本批次和数据库中都不存在",
        "cases.csv:6: court_code: 来源 沪0104 只能报送本院的案件，不能报送法院 京0105 的案件",
    ]


def test_duplicate_keys_within_a_batch_are_rejected(loaded, tmp_path):
    files = changed_files()
    files["parties"].append(dict(files["parties"][0], name="张叁"))
    files["cases"].append(dict(files["cases"][0], case_no="（2024）沪0104执1234号"))
    files["case_parties"].append(dict(files["case_parties"][1], owed_amount="1.00"))
    files["account_txns"].append(dict(files["account_txns"][0]))  # identical, but txn_id is a key
    assert rejected(write_batch(tmp_path, "沪0104", files)) == [
        "parties.csv:7: party_key: 键重复：与第 2 行相同",
        "cases.csv:7: case_no: 键重复：与第 2 行相同",
        "case_parties.csv:10: case_no+party_key+role: 键与第 3 行相同但内容不同",
        "account_txns.csv:4: txn_id: 键重复：与第 2 行相同",
    ]


def test_agency_rows_repeating_a_number_are_rejected(loaded, tmp_path):
    files = agency_batch_files()
    spaced = f"{COMPANY_CODE[:9]} {COMPANY_CODE[9:]}"
    files["registrations"].append({"id_number": spaced, "name": "上海某某贸易公司", "status": "注销"})
    files["custody"].append(dict(files["custody"][0]))
    assert rejected(write_batch(tmp_path, "监狱", files)) == [
        "custody.csv:3: record_id: 键重复：与第 2 行相同",
        "registrations.csv:3: id_number: 键重复：与第 2 行相同",
    ]


@pytest.mark.parametrize(
    ("data", "line"),
    [
        pytest.param("case_no,court_code\r\n(2024)沪0104执1号,沪0104\r\n".encode("utf-16"), 0, id="utf-16"),
        # the first byte neither encoding reads is on line 2
        pytest.param("party_key,name\r\nP1,Müller ñ\r\n".encode("latin-1") + b"\xff", 2, id="latin-1"),
    ],
)
def test_a_file_neither_utf8_nor_gb18030_is_rejected(loaded, tmp_path, data, line):
    folder = write_batch(tmp_path, "沪0104", changed_files())
    (folder / "parties.csv").write_bytes(data)
    listing = rejected(folder)
    assert listing[0].startswith(f"parties.csv:{line}: -: ")
    assert "UTF-8" in listing[0] and "GB18030" in listing[0]


def test_one_entity_in_two_formats_is_rejected(loaded, tmp_path):
    folder = write_batch(tmp_path, "沪0104", changed_files())
    jsonl = write_batch(tmp_path, "沪0104", {"cases": changed_files()["cases"]}, fmt="jsonl")
    (folder / "cases.jsonl").write_bytes((jsonl / "cases.jsonl").read_bytes())
    assert rejected(folder) == ["cases.jsonl:0: -: cases 同时由 cases.csv、cases.jsonl 提供，只能用一种"]


def test_values_too_large_for_their_columns_are_rejected_rather_than_cut(loaded, tmp_path):
    files = changed_files()
    files["actions"][0]["action"] = "查" * 41
    files["cases"].append(
        dict(files["cases"][-1], case_no="(2025)沪0104执99999999999号", applied_amount=10**15)
    )
    assert rejected(write_batch(tmp_path, "沪0104", files, fmt="jsonl")) == [
        "cases.jsonl:6: case_no: 案号序号过大：'(2025)沪0104执99999999999号'",
        "cases.jsonl:6: applied_amount: 金额超出上限 99999999999999.99：1000000000000000.00",
        "actions.jsonl:1: action: 长度 41 超过上限 40 个字符",
    ]


def test_every_error_of_every_file_is_listed_at_once_in_file_order(loaded, tmp_path):
    files = changed_files()
    files["bankruptcies"][0]["accepted_on"] = "2024-13-01"
    files["case_parties"][0]["party_key"] = "P404"
    files["staff"][1]["role"] = "法官"
    folder = write_batch(tmp_path, "沪0104", files)
    (folder / "custody.csv").write_bytes(b"\xff\xfe\x00")
    assert rejected(folder) == [
        "staff.csv:3: role: 未知取值 '法官'，应为 执行法官/法官助理/书记员/执行局长/指挥中心/审判法官/立案法官 之一",
        "case_parties.csv:2: party_key: 当事人 'P404' 在本批次和数据库中（来源 沪0104）都不存在",
        "bankruptcies.csv:2: accepted_on: 日期不存在：'2024-13-01'",
        "custody.csv:0: -: 文件是 UTF-16 编码，只接受 UTF-8 或 GB18030",
    ]


def test_a_rejected_batch_on_an_empty_database_leaves_it_empty(tmp_path):
    files = changed_files()
    files["fees"][1]["amount_due"] = "12,3a"
    listing = rejected(write_batch(tmp_path, "沪0104", files))
    assert listing == [
        "fees.csv:3: amount_due: 金额无法解析：'12,3a'（应为元，最多两位小数，如 260000.00）"
    ]
