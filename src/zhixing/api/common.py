"""Types shared by the API schemas: text without NUL, bounded dates, amounts in yuan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja.errors import ValidationError
from pydantic import AfterValidator, Field

MAX_ID = 2**53


def _plausible_date(value: dt.date) -> dt.date:
    if not 1900 <= value.year <= 2199:
        raise ValueError("日期应在1900年至2199年之间")
    return value


def _plausible_datetime(value: dt.datetime) -> dt.datetime:
    _plausible_date(value.date())
    return value


Text = Annotated[str, Field(max_length=300, pattern=r"^[^\x00]*$")]
LongText = Annotated[str, Field(max_length=2000, pattern=r"^[^\x00]*$")]
Key = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00]*[^\s\x00][^\x00]*$")]
Day = Annotated[dt.date, AfterValidator(_plausible_date)]
Moment = Annotated[dt.datetime, AfterValidator(_plausible_datetime)]
Yuan = Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=2)]
PositiveYuan = Annotated[Decimal, Field(gt=0, max_digits=16, decimal_places=2)]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]


def field_error(field: str, message: str) -> ValidationError:
    """A 422 naming the body field at fault, in the shape pydantic errors have."""
    return ValidationError([{"loc": ["body", "payload", field], "msg": message, "type": "value_error"}])
