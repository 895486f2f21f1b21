"""Money: yuan as Decimal with two places. Never float.

Every money column is a ``MoneyField``: NUMERIC(16, 2) on PostgreSQL, a whole number of fen
(分) on SQLite, whose own decimal type is binary floating point. ``MONEY_MAX`` is the
largest amount such a column holds; input (import and API), storage and display share it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any

from django.db import models

MONEY_DIGITS, MONEY_PLACES = 16, 2
MONEY_MAX = Decimal("99999999999999.99")  # DECIMAL(16, 2)
AMOUNT_PATTERN = r"^\d+(\.\d{1,2})?$"
_AMOUNT = re.compile(AMOUNT_PATTERN)
CENT = Decimal("0.01")
# Room for any sum of money columns without rounding (SQLite's integer sums stop at 2**63 fen).
_EXACT = Context(prec=40)


class AmountError(ValueError):
    """Why a value is not an amount in yuan, in Chinese."""


def parse_amount(value: str | int | Decimal) -> Decimal:
    """The one amount rule of every door: a non-negative number of yuan written as digits
    with at most two decimals (``260000``, ``12.5``, ``0.05``), at most ``MONEY_MAX``.
    Signs, exponents, digit separators (``1_000``, ``1,000``) and floats are refused."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AmountError(f"金额无法解析：{value}")
        raw = format(value, "f")
    elif isinstance(value, int) and not isinstance(value, bool):
        raw = str(value)
    elif isinstance(value, str):
        raw = value.strip()
    else:
        raise AmountError(f"金额应为文本或整数，实为 {type(value).__name__}")
    shown = repr(raw) if type(value) is str else raw  # text quoted, numbers as written
    if raw.startswith("-"):
        raise AmountError(f"金额不能为负数：{shown}")
    if not _AMOUNT.match(raw):
        raise AmountError(f"金额无法解析：{shown}（应为元，最多两位小数，如 260000.00）")
    amount = Decimal(raw).quantize(CENT, context=Context(prec=len(raw) + 3))
    if amount > MONEY_MAX:
        raise AmountError(f"金额超出上限 {MONEY_MAX}：{amount}")
    return amount


def to_yuan(value: Decimal | int | str | None) -> Decimal:
    if value is None:
        return Decimal("0.00")
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP, context=_EXACT)


def from_fen(fen: int | None) -> Decimal:
    """Yuan from a whole number of fen (分), as summary tables keep money."""
    return Decimal(int(fen or 0)).scaleb(-MONEY_PLACES, context=_EXACT)


def to_fen(amount: Decimal) -> int:
    """Whole fen of an amount with at most two decimals; ValueError for anything else."""
    if not amount.is_finite() or amount != amount.quantize(CENT, context=_EXACT):
        raise ValueError(f"金额最多两位小数：{amount}")
    return int(amount.scaleb(MONEY_PLACES, context=_EXACT))


def format_yuan(value: Decimal | None) -> str:
    """Chinese convention: ¥1,234,567.00."""
    amount = to_yuan(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.2f}"


class MoneyField(models.DecimalField):  # type: ignore[type-arg]
    """Yuan, exact on every database: NUMERIC(16, 2) on PostgreSQL (and what Spark's
    snapshot reads), whole fen in an INTEGER column on SQLite. Values beyond ``MONEY_MAX``
    or with more than two decimals are refused before they reach the database.

    Raw SQL reading a money column on SQLite sees fen: scenario SQL therefore turns money
    into fen with the one expression ``CAST(ROUND(x * 100) AS BIGINT)``, which the SQLite
    engine rewrites to ``x`` (see ``zhixing.scenarios.engines.sqlite``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_PLACES)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, _, args, kwargs = super().deconstruct()
        return name, "zhixing.core.money.MoneyField", args, kwargs

    def get_internal_type(self) -> str:
        # Not "DecimalField": Django's SQLite backend would read the column as a float
        # and quantize it, which raised InvalidOperation for 16-digit amounts.
        return "MoneyField"

    def db_type(self, connection: Any) -> str:
        if connection.vendor == "sqlite":
            return "integer"
        return f"numeric({self.max_digits}, {self.decimal_places})"

    def cast_db_type(self, connection: Any) -> str:
        return self.db_type(connection)

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        if value is not None and not hasattr(value, "as_sql"):
            amount = self.to_python(value)
            if abs(amount) > MONEY_MAX:
                raise ValueError(f"金额超出上限 {MONEY_MAX}：{amount}")
            to_fen(amount)  # refuses a third decimal, which NUMERIC would round away
        return self.get_db_prep_value(value, connection, prepared=False)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is None or hasattr(value, "as_sql"):
            return value
        amount = self.to_python(value)
        if connection.vendor != "sqlite":
            return amount
        fen = amount.scaleb(MONEY_PLACES, context=_EXACT)
        # A lookup may compare with a fraction of a fen: SQLite compares it as a number.
        return int(fen) if fen == fen.to_integral_value() else str(fen)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Decimal | None:
        if value is None:
            return None
        if connection.vendor == "sqlite":
            if isinstance(value, float):  # an average, or a row written before money was fen
                value = Decimal(value).to_integral_value(ROUND_HALF_UP)
            try:
                return from_fen(int(value))
            except (TypeError, ValueError, InvalidOperation):
                raise ValueError(f"金额列中有无法读取的值：{value!r}") from None
        return to_yuan(value)
