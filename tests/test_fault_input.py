"""Issue 21, items 4, 5 and 10: keys normalised at both doors, XLSX formula cells never
blank a value, one amount rule and ISO date-times, and a broken character named by line."""

import json
import zipfile
from decimal import Decimal

import pytest

from batches import CASE_1, court_batch_files, row_counts, write_batch
from world import build_world, client_for, make_users
from zhixing.cases.models import AccountTxn, Case
from zhixing.exchange.commands.batches import import_batch
from zhixing.exchange.errors import BatchRejected

pytestmark = pytest.mark.django_db

ARRIVAL = {"case_no": "(2024)沪0112执200号", "txn_id": "EV-9", "amount": "1500.50",
           "occurred_at": "2025-07-01T10:00:00", "channel": "网银"}


def rejected(folder) -> list[str]:
    counts = row_counts()
    with pytest.raises(BatchRejected) as info:
        import_batch(folder)
    assert row_counts() == counts
    return info.value.listing()


# --- item 4: keys ------------------------------------------------------------------------


def test_a_byte_order_mark_inside_a_file_does_not_make_a_second_arrival(tmp_path):
    folder = write_batch(tmp_path, "沪0104", court_batch_files())
    import_batch(folder)
    assert AccountTxn.objects.filter(txn_id="T1").count() == 1
    path = folder / "account_txns.csv"
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    lines[1] = "\ufeff" + lines[1]  # two exports glued together: the second one's BOM
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    assert rejected(folder) == ["account_txns.csv:2: txn_id: 键含有不可见字符 U+FEFF（键只能由可见字符组成）"]
    assert AccountTxn.objects.count() == 2


def test_keys_are_trimmed_and_nfkc_normalised_in_the_import(tmp_path):
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))
    files = court_batch_files()
    files["account_txns"][0]["txn_id"] = "Ｔ１"  # full-width: the same key as T1
    files["parties"][0]["party_key"] = "Ｐ１"
    import_batch(write_batch(tmp_path, "沪0104", files, fmt="jsonl"))
    assert sorted(AccountTxn.objects.values_list("txn_id", flat=True)) == ["T1", "T2"]


def test_a_judgment_number_with_an_invisible_character_is_refused(tmp_path):
    files = court_batch_files()
    files["basis_changes"][0]["case_no"] = "\u200b" + files["basis_changes"][0]["case_no"]
    listing = rejected(write_batch(tmp_path, "沪0104", files, fmt="jsonl"))
    assert listing == ["basis_changes.jsonl:1: case_no: 键含有不可见字符 U+200B（键只能由可见字符组成）"]


@pytest.mark.parametrize("key", ["\u200b", "a\nb", "EV\u200b-9", "EV-9\x07"])
def test_the_api_refuses_invisible_and_control_characters_in_keys(key):
    build_world()
    make_users()
    response = client_for("judge_b").post("/api/events/money-arrival", json.dumps(ARRIVAL | {"txn_id": key}),
                                          content_type="application/json")
    assert response.status_code == 422, response.content
    answer = json.dumps(response.json(), ensure_ascii=False)
    assert "txn_id" in answer and "键含有" in answer
    assert not AccountTxn.objects.filter(txn_id__startswith="EV").exists()


def test_the_api_trims_keys():
    build_world()
    make_users()
    response = client_for("judge_b").post("/api/events/money-arrival", json.dumps(ARRIVAL | {"txn_id": "SEC-BI-1 "}),
                                          content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["stored"]["key"] == "SEC-BI-1"
    assert AccountTxn.objects.filter(txn_id="SEC-BI-1").exists()


# --- item 5: XLSX formulas ---------------------------------------------------------------


def _with_cached(folder, formula: bytes, value: bytes) -> None:
    """Give a formula the cached result Excel would have saved with it."""
    path = folder / "batch.xlsx"
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    for name, data in members.items():
        if name.startswith("xl/worksheets/"):
            members[name] = data.replace(b"<f>" + formula + b"</f><v />", b"<f>" + formula + b"</f><v>" + value + b"</v>")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_a_formula_without_a_cached_value_is_refused_with_sheet_row_and_column(tmp_path):
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files(), fmt="xlsx"))
    files = court_batch_files()
    files["cases"][0]["applied_amount"] = "=1000*2"
    files["cases"][0]["cause"] = '=HYPERLINK("http://example.invalid/1","买卖合同纠纷")'
    listing = rejected(write_batch(tmp_path, "沪0104", files, fmt="xlsx"))
    assert any(line.startswith("batch.xlsx[cases]:2: applied_amount: 单元格 ") and "=1000*2" in line for line in listing)
    assert any(line.startswith("batch.xlsx[cases]:2: cause: 单元格 ") and "HYPERLINK" in line for line in listing)
    case = Case.objects.get(case_no=CASE_1)
    assert (case.applied_amount, case.cause) == (Decimal("260000.00"), "买卖合同纠纷")


def test_a_formula_with_a_cached_value_uses_it_and_says_so(tmp_path):
    files = court_batch_files()
    files["cases"][0]["applied_amount"] = "=1000*2"
    folder = write_batch(tmp_path, "沪0104", files, fmt="xlsx")
    _with_cached(folder, b"1000*2", b"2000")
    result = import_batch(folder)
    assert Case.objects.get(case_no=CASE_1).applied_amount == Decimal("2000.00")
    [warning] = [w for w in result.warnings if "公式" in w]
    assert warning.startswith("batch.xlsx[cases]:2: applied_amount: 单元格 ") and "=1000*2" in warning


# --- item 10: lax values -----------------------------------------------------------------


@pytest.fixture
def world():
    w = build_world()
    make_users()
    return w


def arrival(change: dict):
    return client_for("judge_b").post("/api/events/money-arrival", json.dumps(ARRIVAL | change),
                                      content_type="application/json")


@pytest.mark.parametrize("amount", ["1_000", "1e2", "+5", 1500.5, 1500.0, "1,000", True, "100000000000000"])
def test_the_api_takes_amounts_by_the_import_rule_only(world, amount):
    response = arrival({"amount": amount})
    assert response.status_code == 422, response.content
    assert "amount" in response.content.decode()
    assert not AccountTxn.objects.filter(txn_id="EV-9").exists()


def test_amounts_as_text_or_whole_json_numbers_are_taken(world):
    assert arrival({"amount": 1500}).status_code == 200
    assert AccountTxn.objects.get(txn_id="EV-9").amount == Decimal("1500.00")
    assert arrival({"txn_id": "EV-10", "amount": "0.05"}).status_code == 200
    assert AccountTxn.objects.get(txn_id="EV-10").amount == Decimal("0.05")


@pytest.mark.parametrize("moment", [0, "0", 1751335200, "1751335200", "2025-07-01T10:00:00junk"])
def test_date_times_must_be_iso_text(world, moment):
    response = arrival({"occurred_at": moment})
    assert response.status_code == 422, response.content
    assert "occurred_at" in response.content.decode()


@pytest.mark.parametrize(("path", "query"), [("/api/stats", {"to": "0"}), ("/api/stats", {"from": 0}),
                                             ("/api/alerts", {"raised_to": "0"})])
def test_dates_in_queries_must_be_iso_text(world, path, query):
    assert client_for("admin").get(path, query).status_code == 422


def test_a_file_cut_inside_a_character_is_reported_at_its_line(tmp_path):
    files = court_batch_files()
    files["parties"][-1]["address"] = "上海市黄浦区"
    folder = write_batch(tmp_path, "沪0104", files)
    data = (folder / "parties.csv").read_bytes().rstrip(b"\r\n")
    (folder / "parties.csv").write_bytes(data[:-1])  # the last address, cut in its last character
    listing = rejected(folder)
    assert any(line.startswith("parties.csv:5: -: 文件在一个多字节字符中间截断") for line in listing), listing


def test_a_damaged_character_in_a_utf8_file_is_reported_at_its_line(tmp_path):
    folder = write_batch(tmp_path, "沪0104", court_batch_files())
    lines = (folder / "parties.csv").read_bytes().split(b"\r\n")
    lines[2] = lines[2].replace("上海".encode(), "上海".encode()[:-1], 1)
    (folder / "parties.csv").write_bytes(b"\r\n".join(lines))
    listing = rejected(folder)
    assert any(line.startswith("parties.csv:3: -: ") and "UTF-8" in line for line in listing), listing
