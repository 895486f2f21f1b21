"""Types shared by the API schemas: text without NUL, keys, ISO dates, amounts in yuan.

Keys, amounts and date-times follow the same rules as the exchange-format import:
``core.keys.normalise_key``, ``core.money.parse_amount`` and ``exchange.values.to_datetime``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from ninja.errors import HttpError, ValidationError
from pydantic import AfterValidator, BeforeValidator, Field, PlainValidator, WithJsonSchema

from zhixing.core.commands import Refused
from zhixing.core.keys import BadKey, normalise_key
from zhixing.core.money import AMOUNT_PATTERN, MONEY_MAX, AmountError, parse_amount
from zhixing.exchange.values import DATE_PATTERN, BadValue, to_datetime

MAX_ID = 2**53
_DATE = re.compile(DATE_PATTERN)


def _plausible_date(value: dt.date) -> dt.date:
    if not 1900 <= value.year <= 2199:
        raise ValueError("日期应在1900年至2199年之间")
    return value


def _plausible_datetime(value: dt.datetime) -> dt.datetime:
    _plausible_date(value.date())
    return value


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD text: pydantic alone reads a bare 0 as 1 January 1970."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATE.match(value.strip()):
        return value.strip()
    raise ValueError("日期应为 YYYY-MM-DD 格式的文本")


def _iso_datetime(value: Any) -> Any:
    """ISO 8601 text, read as the import reads it (+08:00 when no offset is given)."""
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("日期时间应为 ISO 8601 文本，如 2025-06-30T18:00:00+08:00")
    try:
        return to_datetime(value)
    except BadValue as exc:
        raise ValueError(str(exc)) from None


def _key(value: str) -> str:
    try:
        return normalise_key(value)
    except BadKey as exc:
        raise ValueError(str(exc)) from None


def _yuan(value: Any) -> Decimal:
    """A JSON string or integer; a JSON number with a fraction is binary floating point
    by the time it is parsed, so it is refused rather than guessed."""
    if isinstance(value, float):
        raise ValueError("金额应写为文本（如 \"260000.00\"）或整数，不接受浮点数")
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError("金额应为文本或整数")
    try:
        return parse_amount(value)
    except AmountError as exc:
        raise ValueError(str(exc)) from None


def _positive_yuan(value: Any) -> Decimal:
    amount = _yuan(value)
    if amount <= 0:
        raise ValueError("金额应大于0")
    return amount


_YUAN_SCHEMA = {
    "description": f"金额（元）：文本（最多两位小数）或整数，不大于 {MONEY_MAX}",
    "anyOf": [
        {"type": "string", "pattern": AMOUNT_PATTERN, "maxLength": len(str(MONEY_MAX))},
        {"type": "integer", "minimum": 0, "maximum": int(MONEY_MAX)},
    ],
}

Text = Annotated[str, Field(max_length=300, pattern=r"^[^\x00]*$")]
LongText = Annotated[str, Field(max_length=2000, pattern=r"^[^\x00]*$")]
Key = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_key)]
Day = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_plausible_date)]
Moment = Annotated[dt.datetime, BeforeValidator(_iso_datetime), AfterValidator(_plausible_datetime)]
Yuan = Annotated[Decimal, PlainValidator(_yuan), WithJsonSchema(_YUAN_SCHEMA)]
PositiveYuan = Annotated[Decimal, PlainValidator(_positive_yuan), WithJsonSchema(_YUAN_SCHEMA)]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]


def field_error(field: str, message: str) -> ValidationError:
    """A 422 naming the body field at fault, in the shape pydantic errors have."""
    return ValidationError([{"loc": ["body", "payload", field], "msg": message, "type": "value_error"}])


REFUSED_STATUS = {"unavailable": 404, "forbidden": 403, "conflict": 409}


def refused(exc: Refused) -> Exception:
    """A command's refusal as the API answers it (docs/architecture.md, One write path)."""
    if exc.kind == "invalid":
        return field_error(exc.field or "payload", exc.message)
    return HttpError(REFUSED_STATUS[exc.kind], exc.message)
