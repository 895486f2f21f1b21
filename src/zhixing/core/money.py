"""Money: yuan as Decimal with two places. Never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal

_AMOUNT = re.compile(r"^\d+(\.\d{1,2})?$")
CENT = Decimal("0.01")


class AmountError(ValueError):
    pass


def parse_amount(text: str | int | Decimal) -> Decimal:
    """Parse a non-negative yuan amount with at most two decimals."""
    if isinstance(text, Decimal):
        raw = format(text, "f")
    elif isinstance(text, int) and not isinstance(text, bool):
        raw = str(text)
    elif isinstance(text, str):
        raw = text.strip()
    else:
        raise AmountError(f"not an amount in yuan: {text!r}")
    if raw.startswith("-"):
        raise AmountError(f"negative amount: {text!r}")
    if not _AMOUNT.match(raw):
        raise AmountError(f"not an amount in yuan with at most 2 decimals: {text!r}")
    # Enough precision for any digit string the pattern lets through, so a huge amount
    # comes back to be refused by its caller's limit instead of failing to quantize.
    return Decimal(raw).quantize(CENT, context=Context(prec=len(raw) + 3))


def to_yuan(value: Decimal | int | str | None) -> Decimal:
    if value is None:
        return Decimal("0.00")
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def from_fen(fen: int | None) -> Decimal:
    """Yuan from a whole number of fen (分), as summary tables keep money."""
    return (Decimal(fen or 0) / 100).quantize(CENT)


def format_yuan(value: Decimal | None) -> str:
    """Chinese convention: ¥1,234,567.00."""
    amount = to_yuan(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.2f}"
