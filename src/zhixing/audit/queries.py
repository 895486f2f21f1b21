"""Reading the audit log."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from zhixing.audit.models import AuditEvent
from zhixing.core.clock import SHANGHAI
from zhixing.core.idnumbers import normalise_id


def events(
    *, username: str | None = None, party: str | None = None, since: dt.date | None = None
) -> QuerySet[AuditEvent]:
    """Events, oldest first. ``party`` is an identity id or an identity number."""
    qs = AuditEvent.objects.select_related("identity").order_by("at", "pk")
    if username:
        qs = qs.filter(username=username)
    if party:
        qs = qs.filter(_party_filter(party))
    if since:
        qs = qs.filter(at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=SHANGHAI))
    return qs


def _party_filter(party: str) -> Q:
    text = party.strip()
    if text.isdigit() and len(text) < 15:
        return Q(identity_id=int(text))
    normalised = normalise_id(None, text)
    numbers = {text}
    if normalised is not None:
        numbers.add(normalised.value)
    return Q(identity__id_number__in=numbers)
