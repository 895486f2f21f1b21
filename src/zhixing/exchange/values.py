"""Cell values of a batch file turned into Python values, or a reason why they cannot be.

A cell arrives as text (CSV), a JSON value (JSONL: str, int, JsonNumber, bool, null…) or an
Excel cell value (str, int, float, datetime). Empty cells and whitespace are null.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from zhixing.core.clock import SHANGHAI
from zhixing.core.keys import BadKey, normalise_key
from zhixing.core.money import AMOUNT_PATTERN as AMOUNT_PATTERN  # the one amount rule, re-exported
from zhixing.core.money import AmountError, parse_amount

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# ISO 8601 date and time; the offset is optional (+08:00 when absent).
DATETIME_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$"
)
_DATE = re.compile(DATE_PATTERN)
_DATETIME = re.compile(DATETIME_PATTERN)
# Excel keeps numbers as doubles: integers past 2**53 have already lost digits.
_EXACT_FLOAT_LIMIT = 2**53


class JsonNumber(str):
    """A JSONL number with a fraction or exponent, kept as written: ``8220.00`` is an
    amount, ``1e2`` is not, by the same rule as text."""


class BadValue(ValueError):
    """The reason a cell cannot be read, in words a data clerk understands."""


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def to_text(raw: Any) -> str:
    if isinstance(raw, str):
        if "\x00" in raw:
            raise BadValue("含有 NUL 字符")
        return raw.strip()
    if isinstance(raw, bool):
        raise BadValue(f"应为文本，实为 {raw!r}")
    if isinstance(raw, int | Decimal):
        return str(raw)
    if isinstance(raw, float):
        if raw.is_integer():
            if abs(raw) >= _EXACT_FLOAT_LIMIT:
                raise BadValue("数字单元格位数过多，已丢失精度：请把该列设为文本格式")
            return str(int(raw))
        return repr(raw)
    raise BadValue(f"应为文本，实为 {type(raw).__name__}")


def to_key(raw: Any) -> str:
    """A key column's value: trimmed, NFKC-normalised, no invisible or control characters."""
    try:
        return normalise_key(to_text(raw))
    except BadKey as exc:
        raise BadValue(str(exc)) from None


def to_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time(0):
            raise BadValue(f"应为日期，实为带时刻的值 {raw.isoformat(sep=' ')}")
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        raise BadValue(f"日期无法解析：{raw!r}（应为 YYYY-MM-DD）")
    text = raw.strip()
    if not _DATE.match(text):
        raise BadValue(f"日期无法解析：{text!r}（应为 YYYY-MM-DD）")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadValue(f"日期不存在：{text!r}") from None


def to_datetime(raw: Any) -> dt.datetime:
    """Aware datetime; a value without an offset is Shanghai time (+08:00)."""
    if isinstance(raw, dt.datetime):
        value = raw
    elif isinstance(raw, dt.date):
        value = dt.datetime.combine(raw, dt.time(0), tzinfo=SHANGHAI)
    elif isinstance(raw, str):
        text = raw.strip()
        if not _DATETIME.match(text):
            raise BadValue(f"日期时间无法解析：{text!r}（应为 ISO 8601，如 2025-06-30T18:00:00+08:00）")
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise BadValue(f"日期时间不存在：{text!r}") from None
    else:
        raise BadValue(f"日期时间无法解析：{raw!r}")
    if value.tzinfo is None:
        value = value.replace(tzinfo=SHANGHAI)
    return value


def to_amount(raw: Any) -> Decimal:
    """Yuan as Decimal with two places, by the one amount rule (``core.money.parse_amount``).
    An Excel number cell arrives as a float and is read by its shortest decimal spelling;
    a JSONL number by its literal digits (``JsonNumber``)."""
    if isinstance(raw, bool):
        raise BadValue(f"金额无法解析：{raw!r}")
    if isinstance(raw, float):
        if raw < 0:
            raise BadValue(f"金额不能为负数：{raw!r}")
        raw = repr(raw)  # the shortest text that reads back as the same double
    try:
        return parse_amount(raw)
    except AmountError as exc:
        raise BadValue(str(exc)) from None
