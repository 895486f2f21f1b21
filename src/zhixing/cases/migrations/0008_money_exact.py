"""Money columns become MoneyField: unchanged NUMERIC(16, 2) on PostgreSQL; on SQLite,
whose decimals were binary floating point, whole fen in an INTEGER column. The existing
amounts are turned into fen, and the closure-day triggers, which SQLite drops with the
rebuilt tables, are created again reading fen directly."""

import importlib
import re

from django.db import migrations

import zhixing.core.money

MONEY_COLUMNS = {
    "zx_account_txn": ("amount",),
    "zx_asset_finding": ("value",),
    "zx_auction": ("amount",),
    "zx_case": ("applied_amount",),
    "zx_case_party": ("owed_amount",),
    "zx_fee": ("amount_due", "amount_paid"),
    "zx_measure": ("amount",),
}
_YUAN_TO_FEN = re.compile(r"CAST\(round\((.+?) \* 100\) AS INTEGER\)")


def _closure_day():
    return importlib.import_module("zhixing.cases.migrations.0004_closure_day")


def _drop_triggers(cursor) -> None:
    for name in _closure_day().SQLITE_TRIGGER_NAMES:
        cursor.execute(f"DROP TRIGGER IF EXISTS zx_closure_day_{name}")


def _create_triggers(cursor, fen: bool) -> None:
    for statement in _closure_day()._sqlite_triggers():
        cursor.execute(_YUAN_TO_FEN.sub(r"\1", statement) if fen else statement)


def drop_triggers(apps, schema_editor):
    """Before the tables are rebuilt: the triggers on zx_case name zx_account_txn."""
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            _drop_triggers(cursor)


def yuan_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            _create_triggers(cursor, fen=False)


def _scale(cursor, to_fen: bool) -> None:
    for table, columns in MONEY_COLUMNS.items():
        for column in columns:
            value = f"CAST(ROUND({column} * 100) AS INTEGER)" if to_fen else f"{column} / 100.0"
            cursor.execute(f"UPDATE {table} SET {column} = {value} WHERE {column} IS NOT NULL")  # noqa: S608 -- table and column names from this migration's own list


def to_fen(apps, schema_editor):
    """After the rebuild: amounts into fen (no trigger sees it), then the triggers reading fen."""
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            _drop_triggers(cursor)
            _scale(cursor, to_fen=True)
            _create_triggers(cursor, fen=True)


def to_yuan(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            _drop_triggers(cursor)
            _scale(cursor, to_fen=False)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0007_txn_reversal'),
    ]

    operations = [
        migrations.RunPython(drop_triggers, yuan_triggers),
        migrations.AlterField(
            model_name='accounttxn',
            name='amount',
            field=zhixing.core.money.MoneyField(decimal_places=2, max_digits=16),
        ),
        migrations.AlterField(
            model_name='assetfinding',
            name='value',
            field=zhixing.core.money.MoneyField(blank=True, decimal_places=2, max_digits=16, null=True),
        ),
        migrations.AlterField(
            model_name='auction',
            name='amount',
            field=zhixing.core.money.MoneyField(blank=True, decimal_places=2, max_digits=16, null=True),
        ),
        migrations.AlterField(
            model_name='case',
            name='applied_amount',
            field=zhixing.core.money.MoneyField(blank=True, decimal_places=2, max_digits=16, null=True),
        ),
        migrations.AlterField(
            model_name='caseparty',
            name='owed_amount',
            field=zhixing.core.money.MoneyField(blank=True, decimal_places=2, max_digits=16, null=True),
        ),
        migrations.AlterField(
            model_name='fee',
            name='amount_due',
            field=zhixing.core.money.MoneyField(decimal_places=2, max_digits=16),
        ),
        migrations.AlterField(
            model_name='fee',
            name='amount_paid',
            field=zhixing.core.money.MoneyField(blank=True, decimal_places=2, max_digits=16, null=True),
        ),
        migrations.AlterField(
            model_name='measure',
            name='amount',
            field=zhixing.core.money.MoneyField(blank=True, decimal_places=2, max_digits=16, null=True),
        ),
        migrations.RunPython(to_fen, to_yuan),
    ]
