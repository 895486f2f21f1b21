"""Chinese display conventions for templates: money, dates, masked identity numbers, rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template

from zhixing.core.clock import SHANGHAI
from zhixing.core.idnumbers import mask_id_number
from zhixing.core.money import format_yuan

register = template.Library()


@register.filter
def yuan(value: Decimal | None) -> str:
    """¥1,234,567.00; an empty amount shows as a dash."""
    return "—" if value is None or value == "" else format_yuan(value)


@register.filter
def cndate(value: dt.date | dt.datetime | None) -> str:
    """2024年3月5日 (datetimes in Shanghai time)."""
    if not value:
        return "—"
    if isinstance(value, dt.datetime):
        value = value.astimezone(SHANGHAI).date()
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def cndatetime(value: dt.datetime | None) -> str:
    """2024年3月5日 14:05 in Shanghai time."""
    if not value:
        return "—"
    local = value.astimezone(SHANGHAI)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


@register.filter
def masked(value: str | None) -> str:
    return mask_id_number(value) or "—"


@register.filter
def percent(value: Decimal | None) -> str:
    """A share (0.7428) as 74.28%."""
    if value is None:
        return "—"
    return f"{(Decimal(value) * 100).quantize(Decimal('0.01'))}%"


@register.filter
def severity_class(value: str) -> str:
    return {"高": "sev-high", "中": "sev-mid", "低": "sev-low"}.get(value, "")


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key, key)
