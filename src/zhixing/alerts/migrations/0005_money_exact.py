"""Feedback.money_recovered becomes a MoneyField: whole fen on SQLite (see
cases/0008_money_exact)."""

from django.db import migrations

import zhixing.core.money


def to_fen(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "UPDATE zx_alert_feedback SET money_recovered = CAST(ROUND(money_recovered * 100) AS INTEGER)"
                " WHERE money_recovered IS NOT NULL"
            )


def to_yuan(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("UPDATE zx_alert_feedback SET money_recovered = money_recovered / 100.0 WHERE money_recovered IS NOT NULL")


class Migration(migrations.Migration):

    dependencies = [
        ('alerts', '0004_close_cause_and_system_release'),
    ]

    operations = [
        migrations.AlterField(
            model_name='feedback',
            name='money_recovered',
            field=zhixing.core.money.MoneyField(blank=True, decimal_places=2, max_digits=16, null=True),
        ),
        migrations.RunPython(to_fen, to_yuan),
    ]
