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


ROUTE_WORDS = {"judge": "承办法官", "chief": "执行局长", "centre": "指挥中心"}
OTHER_REASONS = {"escalation": "逾期未反馈升级"}


@register.filter
def recipient_reason(reason: str) -> str:
    """Why a recipient has an alert, as stored (judge(A), chief, escalation) said in Chinese:
    A案承办法官, 执行局长, 逾期未反馈升级."""
    if reason in OTHER_REASONS:
        return OTHER_REASONS[reason]
    kind, _, rest = reason.partition("(")
    word = ROUTE_WORDS.get(kind)
    if word is None:
        return reason
    label = rest.rstrip(")")
    return f"{label}案{word}" if label else word


@register.filter
def court_name(code: str | None) -> str:
    """沪0104 → 上海市徐汇区人民法院; an unknown code is shown as it is."""
    from zhixing.cases.models import Court

    if not code:
        return ""
    return Court.objects.filter(pk=code).values_list("name", flat=True).first() or code


@register.filter
def person(who: str | None) -> str:
    """A staff id, a username or 'system' (who released a hold) as a name: the staff member's
    name, the user's full name, 系统."""
    from django.contrib.auth import get_user_model

    from zhixing.cases.models import Staff

    if not who:
        return "—"
    if who == "system":
        return "系统"
    name = Staff.objects.filter(pk=who).values_list("name", flat=True).first()
    if name:
        return name
    user = get_user_model().objects.filter(username=who).values_list("first_name", flat=True).first()
    return user or who
