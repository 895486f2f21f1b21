"""Page timings for the benchmark: each main page as a user of each role sees it.

``page_timings(usernames, as_of)`` renders every page twice through Django's test client
(in-process, no network) and reports the second rendering, so the figures measure the
queries and templates rather than the first import of each module."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import Client

from zhixing.accounts.permissions import viewer_for, visible_alerts, visible_cases
from zhixing.cases.models import CaseParty, Measure


@dataclass
class PageTiming:
    username: str
    url: str
    status: int
    milliseconds: float


def _urls(user, as_of: dt.date) -> list[str]:
    viewer = viewer_for(user)
    day = as_of.isoformat()
    urls = ["/", "/alerts/", "/alerts/?severity=高", "/scenarios/"]
    alert = visible_alerts(viewer).order_by("-raised_at").first()
    if alert is not None:
        urls.append(f"/alerts/{alert.pk}/")
    case = visible_cases(viewer).order_by("pk").first()
    if case is not None:
        urls += [f"/cases/{case.pk}/", f"/lookup/?q={case.case_no}"]
        debtor = CaseParty.objects.filter(case=case, party__identity__isnull=False).values_list(
            "party__identity_id", flat=True
        ).first()
        if debtor is not None:
            urls.append(f"/parties/{debtor}/")
    plate = (
        Measure.objects.filter(kind="查封车辆", case__in=visible_cases(viewer)).exclude(plate="")
        .values_list("plate", flat=True).first()
    )
    if plate:
        urls.append(f"/lookup/?q={plate}")
    if viewer.is_admin or viewer.is_court_wide:
        urls += [f"/dashboard/?as_of={day}", f"/dashboard/cases/?figure=long_open&as_of={day}"]
    return urls


def page_timings(usernames: list[str], as_of: dt.date) -> list[PageTiming]:
    timings = []
    User = get_user_model()
    for username in usernames:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        for url in _urls(user, as_of):
            client.get(url)
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            timings.append(PageTiming(username, url, response.status_code, round(elapsed, 1)))
    return timings
