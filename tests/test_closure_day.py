"""The dashboard's per-court, per-day summary (zx_closure_day) holds what the cases say, after
imports, re-imports that change a case, and any other write."""

import datetime as dt
from decimal import Decimal

import pytest

from batches import CASE_1, court_batch_files, write_batch
from zhixing.cases.models import AccountTxn, Case, ClosureDay
from zhixing.core.money import from_fen
from zhixing.demo.generator import generate
from zhixing.exchange.commands.batches import import_batch
from zhixing.web.queries.figures import Period, closed_by_court, closed_direct, figures

pytestmark = pytest.mark.django_db(transaction=False)


def summary() -> dict:
    rows = ClosureDay.objects.values_list(
        "court_id", "closed_on", "closed", "completed", "zhongben", "within_limit", "total_days",
        "applied_fen", "arrived_fen",
    )
    return {(r[0], r[1]): (*r[2:7], from_fen(r[7]), from_fen(r[8])) for r in rows if r[2]}


def direct() -> dict:
    """The same sums computed from the cases and transactions, one day at a time."""
    days = sorted(set(Case.objects.exclude(closed_on=None).values_list("closed_on", flat=True)))
    table = {}
    for day in days:
        period = Period(day, day)
        for court, sums in closed_direct(period, None, "court_id").items():
            arrived = sum(  # every 到账 of these cases, whenever it arrived, as the summary keeps it
                AccountTxn.objects.filter(
                    direction="到账", case__court_id=court, case__closed_on=day,
                    case__category="执行", case__procedure__in=("首次执行", "恢复执行"),
                ).values_list("amount", flat=True),
                Decimal("0.00"),
            )
            table[(court, day)] = (
                sums.closed, sums.completed, sums.zhongben, sums.within_limit, sums.total_days,
                sums.applied, arrived,
            )
    return table


def test_summary_agrees_with_the_cases_after_a_demo_import(tmp_path):
    generate(tmp_path / "demo", cases=300, seed=3)
    for manifest in sorted((tmp_path / "demo").rglob("manifest.json")):
        import_batch(manifest.parent)
    assert ClosureDay.objects.exists()
    assert summary() == direct()
    period = Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert closed_by_court(period, None) == {
        court: sums for court, sums in closed_direct(period, None, "court_id").items() if sums.closed
    }


def test_a_reimport_that_closes_a_case_moves_it_into_the_summary(tmp_path):
    files = court_batch_files()
    import_batch(write_batch(tmp_path / "first", "沪0104", files))
    before = summary()
    assert summary() == direct()
    case = next(c for c in files["cases"] if c["case_no"] == CASE_1)
    case.update(status="已结", closed_on=dt.date(2024, 9, 30), closure_mode="执行完毕")
    import_batch(write_batch(tmp_path / "second", "沪0104", files))
    after = summary()
    assert after != before
    assert after[("沪0104", dt.date(2024, 9, 30))][:2] == (1, 1)
    assert after == direct()


def test_writes_outside_the_importer_keep_the_summary(tmp_path):
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))
    case = Case.objects.filter(category="执行", closed_on__isnull=False).first()
    AccountTxn.objects.create(
        source="t", txn_id="late", case=case, direction="到账", amount=Decimal("12.34"),
        occurred_at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC),
    )
    assert summary() == direct()
    Case.objects.filter(pk=case.pk).update(closed_on=case.closed_on + dt.timedelta(days=3), deadline_on=None)
    assert summary() == direct()
    AccountTxn.objects.filter(case=case).update(amount=Decimal("1.00"))
    assert summary() == direct()
    AccountTxn.objects.filter(case=case).delete()
    case.delete()
    assert summary() == direct()


def test_money_arriving_after_the_as_of_day_is_not_counted(tmp_path):
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()))
    case = Case.objects.filter(category="执行", closed_on__isnull=False).first()
    period = Period(case.closed_on.replace(month=1, day=1), case.closed_on)
    before = figures(period, court=None, by="court")[0].arrived
    AccountTxn.objects.create(
        source="t", txn_id="after", case=case, direction="到账", amount=Decimal("99.00"),
        occurred_at=dt.datetime.combine(case.closed_on + dt.timedelta(days=1), dt.time(10), tzinfo=dt.UTC),
    )
    assert figures(period, court=None, by="court")[0].arrived == before
    later = Period(period.date_from, case.closed_on + dt.timedelta(days=2))
    assert figures(later, court=None, by="court")[0].arrived == before + Decimal("99.00")
