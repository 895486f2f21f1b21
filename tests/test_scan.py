"""`zhixing scan` over a planted multi-court data set: exactly the planted alerts, with
the right recipients, idempotent, closing and reopening by the system, holds for S01."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from planted import PLANTED_AS_OF, plant
from scenario_data import Data
from zhixing.alerts.models import (
    BY_PERSON,
    CLOSED,
    CONDITION_GONE,
    OPEN,
    OWED_CASE_SETTLED,
    SCENARIO_DISABLED,
    Alert,
    AlertRecipient,
    Hold,
)
from zhixing.core.clock import SHANGHAI

pytestmark = pytest.mark.django_db


def scan(*args: str) -> str:
    out = io.StringIO()
    call_command("scan", "--as-of", PLANTED_AS_OF.isoformat(), *args, stdout=out)
    return out.getvalue()


def state() -> list[tuple]:
    """Everything a user sees of the alerts, without wall-clock times and ids."""
    rows = []
    for alert in Alert.objects.order_by("scenario", "dedup_key"):
        people = sorted(alert.recipients.values_list("staff_id", "reason"))
        links = sorted(alert.alert_cases.values_list("case__case_no", "label"))
        rows.append((alert.scenario, alert.dedup_key, alert.status, alert.severity, alert.subject_id,
                     alert.case_nos, alert.evidence, alert.as_of, people, links, alert.close_cause,
                     alert.close_reason))
    return rows


def test_planted_alerts_exactly_twice_in_a_row():
    planted = plant(Data())
    first = scan()
    assert "S01" in first and "新增 1" in first
    found = {(a.scenario, a.dedup_key): set(a.recipients.values_list("staff_id", flat=True))
             for a in Alert.objects.all()}
    assert found == planted.expected
    before = state()
    second = scan()
    assert "新增 0" in second and "关闭 0" in second
    assert state() == before
    assert Alert.objects.count() == len(planted.expected)
    assert AlertRecipient.objects.filter(alert__status=OPEN).count() == sum(map(len, planted.expected.values()))


def test_s01_hold_is_put_and_released_when_a_is_paid_off():
    planted = plant(Data())
    scan()
    a, b, p = planted.handles["s01_a"], planted.handles["s01_b"], planted.handles["s01_p"]
    [hold] = Hold.objects.all()
    assert (hold.case_id, hold.identity_id, hold.released_at) == (b.id, p.id, None)
    a.status, a.closure_mode, a.closed_on = "已结", "执行完毕", dt.date(2025, 6, 28)
    a.save()
    scan("--only", "S01")
    alert = Alert.objects.get(scenario="S01")
    assert alert.status == CLOSED and alert.close_cause == OWED_CASE_SETTLED and alert.closed_by_system
    assert alert.close_reason == f"A案{a.case_no}已不再欠款（执行完毕）" and alert.closed_by == ""
    hold.refresh_from_db()
    assert hold.released_by_system and hold.released_by == "" and hold.released_at is not None
    assert hold.release_reason == alert.close_reason
    # restored: the same alert reopens and the system's release is undone
    a.status, a.closure_mode, a.closed_on = "在办", "", None
    a.save()
    scan("--only", "S01")
    assert Alert.objects.filter(scenario="S01").count() == 1
    alert.refresh_from_db()
    hold.refresh_from_db()
    assert alert.status == OPEN and (alert.close_cause, alert.close_reason) == ("", "")
    assert hold.released_at is None and not hold.released_by_system


def test_condition_gone_closes_with_reason_and_a_persons_closure_stands():
    planted = plant(Data())
    scan()
    c3 = planted.handles["s03_case"]
    c3.status, c3.closure_mode, c3.closed_on = "已结", "终结执行", dt.date(2025, 6, 29)
    c3.save()
    s04 = Alert.objects.get(scenario="S04")
    s04.status, s04.close_cause, s04.closed_by, s04.close_reason = CLOSED, BY_PERSON, "judge", "已启动拍卖"
    s04.save()
    scan()
    s03 = Alert.objects.get(scenario="S03")
    assert s03.status == CLOSED and s03.close_cause == CONDITION_GONE and s03.closed_by_system
    assert s03.close_reason == f"截至{PLANTED_AS_OF.isoformat()}预警条件已不再成立"
    s04.refresh_from_db()
    assert s04.status == CLOSED and s04.close_reason == "已启动拍卖" and not s04.closed_by_system
    assert Alert.objects.filter(scenario="S04").count() == 1


def test_same_data_same_alerts_whatever_the_day(monkeypatch):
    plant(Data())
    states = []
    for today in (dt.datetime(2026, 1, 5, 9, tzinfo=SHANGHAI), dt.datetime(2031, 8, 1, 23, tzinfo=SHANGHAI)):
        monkeypatch.setattr("zhixing.core.clock.now", lambda today=today: today)
        Hold.objects.all().delete()
        Alert.objects.all().delete()
        scan()
        states.append(state())
    assert states[0] == states[1] and len(states[0]) == 17


def test_unknown_calendar_year_is_reported_not_a_traceback():
    plant(Data())
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("scan", "--as-of", "2041-03-02", "--only", "S04,S06", stdout=out)
    assert "S06" in str(error.value) and "2041" in str(error.value)
    assert "S04" in out.getvalue()  # the other scenario still ran


def test_bad_arguments_are_clear_errors():
    with pytest.raises(CommandError, match="--as-of：'2025-13-01' 不是日期"):
        call_command("scan", "--as-of", "2025-13-01")
    with pytest.raises(CommandError, match="没有场景 'S99'"):
        call_command("scan", "--only", "S99")
    with pytest.raises(CommandError, match="场景S17在本部署中已停用"):
        call_command("scan", "--only", "S17")
    with pytest.raises(CommandError, match="database"):
        call_command("scan", "--engine", "postgresql" if _vendor() == "sqlite" else "sqlite")
    assert Alert.objects.count() == 0


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


def test_a_refreshed_alert_follows_its_finding_cases_labels_and_recipients():
    from zhixing.alerts.raising import store_findings
    from zhixing.scenarios.engine import CaseLink, Finding
    from zhixing.scenarios.registry import REGISTRY

    data = Data()
    x, y, z = (data.case("沪0104", judge=f"J-{n}") for n in "XYZ")

    def finding(links, recipients):
        return Finding(
            scenario="S14", dedup_key="k", severity="中", subject_id=None,
            cases=tuple(CaseLink(c.id, c.case_no, label) for c, label in links),
            recipients=tuple(recipients), evidence={"n": len(links)},
        )

    s14 = REGISTRY.get("S14")
    store_findings(s14, [finding([(x, "A"), (y, "B")], [("J-X", "judge"), ("J-Y", "judge")])], PLANTED_AS_OF)
    alert = Alert.objects.get(scenario="S14")
    store_findings(s14, [finding([(x, "B"), (z, "A")], [("J-X", "judge"), ("J-Z", "judge")])], PLANTED_AS_OF)
    assert sorted(alert.alert_cases.values_list("case__case_no", "label")) == sorted(
        [(x.case_no, "B"), (z.case_no, "A")]
    )
    assert sorted(AlertRecipient.objects.filter(alert=alert).values_list("staff_id", flat=True)) == ["J-X", "J-Z"]
    alert.refresh_from_db()
    assert alert.evidence == {"n": 2} and alert.status == OPEN


def test_a_full_scan_closes_the_alerts_of_a_scenario_switched_off(settings):
    planted = plant(Data())
    scan()
    s01 = Alert.objects.filter(scenario="S01", status=OPEN)
    assert s01.exists() and Hold.objects.filter(released_at__isnull=True).exists()
    settings.ZHIXING_SCENARIO_PARAMETERS = {"S01": {"enabled": False}}
    out = scan()
    assert "已停用" in out
    assert not Alert.objects.filter(scenario="S01", status=OPEN).exists()
    closed = Alert.objects.filter(scenario="S01").first()
    assert (closed.close_cause, closed.close_reason) == (SCENARIO_DISABLED, "场景S01已停用")
    assert not Hold.objects.filter(released_at__isnull=True).exists()
    assert Alert.objects.filter(scenario="S03", status=OPEN).exists(), "enabled scenarios are untouched"
    settings.ZHIXING_SCENARIO_PARAMETERS = {}
    scan()
    assert Alert.objects.filter(scenario="S01", status=OPEN).exists(), "switched on again, they reopen"
    assert planted.handles["s01_p"].id in set(Alert.objects.filter(scenario="S01").values_list("subject_id", flat=True))
