"""Reading single cells and whole files, without a database."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhixing.exchange.encoding import EncodingProblem, decode_text
from zhixing.exchange.errors import BatchRejected, Problem, Problems
from zhixing.exchange.parsing import parse_file
from zhixing.exchange.readers import RawFile, _split_csv, _split_jsonl
from zhixing.exchange.spec import FILES
from zhixing.exchange.values import BadValue, to_amount, to_date, to_datetime, to_text

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("260000.00", Decimal("260000.00")),
        (" 12.5 ", Decimal("12.50")),
        ("0", Decimal("0.00")),
        (1200, Decimal("1200.00")),
        (Decimal("48000.5"), Decimal("48000.50")),
        (260000.0, Decimal("260000.00")),  # an Excel number cell
        (1234.56, Decimal("1234.56")),
    ],
)
def test_amounts_read_as_two_place_decimals(raw, expected):
    value = to_amount(raw)
    assert value == expected
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize("raw", ["5O000.00", "12,3a", "12,345.00", "1.234", "1e5", "", "¥100", True])
def test_unparsable_amounts_are_refused_with_the_value_shown(raw):
    with pytest.raises(BadValue, match="金额无法解析"):
        to_amount(raw)


@pytest.mark.parametrize("raw", ["-1.00", " -0.5", -3, Decimal("-2"), -0.01])
def test_negative_amounts_are_refused(raw):
    with pytest.raises(BadValue, match="金额不能为负数"):
        to_amount(raw)


def test_amounts_beyond_the_money_columns_are_refused():
    assert to_amount("99999999999999.99") == Decimal("99999999999999.99")
    with pytest.raises(BadValue, match="金额超出上限"):
        to_amount("100000000000000")
    with pytest.raises(BadValue, match="金额超出上限"):
        to_amount(10**20)


def test_dates_take_only_the_contract_form_and_must_exist():
    assert to_date("2025-06-30") == dt.date(2025, 6, 30)
    assert to_date(dt.datetime(2025, 6, 30)) == dt.date(2025, 6, 30)  # noqa: DTZ001 -- an Excel date cell is naive
    with pytest.raises(BadValue, match="日期不存在"):
        to_date("2025-02-30")
    for raw in ("2025/06/30", "20250630", "2025-6-30", "30.06.2025", "2025-W01-1"):
        with pytest.raises(BadValue, match="日期无法解析"):
            to_date(raw)
    with pytest.raises(BadValue, match="带时刻"):
        to_date(dt.datetime(2025, 6, 30, 9, 15))  # noqa: DTZ001 -- an Excel cell is naive


def test_datetimes_without_offset_are_shanghai_time():
    assert to_datetime("2025-03-01T10:00:00") == dt.datetime(2025, 3, 1, 10, tzinfo=SHANGHAI)
    assert to_datetime("2025-03-01 10:00") == dt.datetime(2025, 3, 1, 10, tzinfo=SHANGHAI)
    utc = to_datetime("2025-03-01T02:00:00Z")
    assert utc == dt.datetime(2025, 3, 1, 10, tzinfo=SHANGHAI)
    assert to_datetime("2025-03-01T10:00:00+09:00").utcoffset() == dt.timedelta(hours=9)
    assert to_datetime(dt.datetime(2025, 3, 1, 10)).tzinfo is SHANGHAI  # noqa: DTZ001 -- an Excel cell is naive
    with pytest.raises(BadValue, match="日期时间不存在"):
        to_datetime("2025-02-30T10:00:00")
    with pytest.raises(BadValue, match="日期时间无法解析"):
        to_datetime("2025-03-01 10点")


def test_text_cells_keep_digits_of_numbers_and_refuse_lossy_ones():
    assert to_text("  张三 ") == "张三"
    assert to_text(13800000000.0) == "13800000000"
    assert to_text(42) == "42"
    with pytest.raises(BadValue, match="丢失精度"):
        to_text(310104198001011230.0)
    with pytest.raises(BadValue, match="NUL"):
        to_text("张\x00三")


def test_encodings_are_detected_from_bytes():
    text = "案号,当事人\r\n(2024)沪0104执1234号,张三\r\n"
    assert decode_text(text.encode("utf-8")) == (text, "UTF-8")
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "UTF-8 (BOM)")
    assert decode_text(text.encode("gb18030")) == (text, "GB18030")
    for data in (text.encode("utf-16"), text.encode("utf-16-le"), "café,€".encode("cp1252") + b"\xff"):
        with pytest.raises(EncodingProblem):
            decode_text(data)


def test_csv_rows_carry_their_physical_line_numbers():
    problems = Problems()
    text = 'a,b\r\n1,2\r\n\r\n"multi\nline",3\r\n4,5\r\n6,7,8\r\n9\r\n'
    raw = _split_csv("x", "x.csv", text, problems)
    assert [line for line, _ in raw.rows] == [2, 4, 6, 8]
    assert raw.rows[1][1] == {"a": "multi\nline", "b": "3"}
    assert raw.rows[3][1] == {"a": "9"}  # a short row: missing cells are empty
    assert [str(p) for p in problems.items] == ["x.csv:7: -: 有 3 个值，多于表头的 2 列"]


def test_jsonl_missing_keys_and_bad_lines():
    problems = Problems()
    text = '{"a": 1.50, "b": null}\n\n[1]\n{"a": \n{"b": "x"}\n{"b": "\\ud800"}\n{"b": "\\ud83d\\ude00"}\n'
    raw = _split_jsonl("x", "x.jsonl", text, problems)
    assert raw.rows == [(1, {"a": "1.50", "b": None}), (5, {"b": "x"}), (7, {"b": "😀"})]
    assert [(p.line, p.reason.split("：")[0]) for p in problems.items] == [
        (3, "每行应为一个 JSON 对象"),
        (4, "不是有效的 JSON"),
        (6, "含有不成对的 Unicode 代理字符（\\ud800–\\udfff）"),
    ]


def test_rejection_lists_the_first_200_problems_then_counts_the_rest():
    problems = [Problem("cases.csv", line, "filed_on", "日期不存在：'2025-02-30'") for line in range(2, 252)]
    listing = BatchRejected(problems).listing()
    assert len(listing) == 201
    assert listing[0] == "cases.csv:2: filed_on: 日期不存在：'2025-02-30'"
    assert listing[199].startswith("cases.csv:201: ")
    assert listing[200] == "……另有 50 个错误未列出"
    assert BatchRejected(problems[:200]).listing()[-1].startswith("cases.csv:201: ")


cells = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates().map(lambda d: dt.datetime.combine(d, dt.time(0))),
    st.datetimes(),
    st.times(),
    st.lists(st.integers(), max_size=2),
)


@pytest.mark.parametrize("spec", FILES, ids=lambda spec: spec.name)
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_any_cell_value_is_either_read_or_named_as_a_problem(spec, data):
    row = data.draw(st.fixed_dictionaries({c.name: cells for c in spec.columns}))
    problems = Problems()
    raw = RawFile(spec.name, f"{spec.name}.jsonl", None, [(1, row)])
    parsed = parse_file(spec, raw, problems, [])
    assert len(parsed.rows) + bool(problems) == 1
    for problem in problems.items:
        assert problem.file == f"{spec.name}.jsonl" and problem.line == 1 and problem.reason


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=200) | st.text(max_size=80).map(lambda t: t.encode("gb18030")))
def test_any_bytes_are_either_split_into_rows_or_refused_by_encoding(data):
    try:
        text, _ = decode_text(data)
    except EncodingProblem as exc:
        assert str(exc)
        return
    problems = Problems()
    for split in (_split_csv, _split_jsonl):
        raw = split("x", "x", text, problems)
        assert all(line >= 1 for line, _ in raw.rows)


def test_an_amount_with_more_digits_than_decimal_precision_is_refused_by_the_limit():
    from zhixing.exchange.values import BadValue, to_amount

    with pytest.raises(BadValue, match="金额超出上限"):
        to_amount("100000000000000000000000000")
