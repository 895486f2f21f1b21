"""Consumption records get the Shanghai date of their moment: S13 compares it with the
start date of a consumption ban (a moment compared with a date meant midnight UTC, so a
flight before 08:00 on the ban's first day did not count)."""

from django.db import migrations, models

from zhixing.core.bulksql import fill_field
from zhixing.core.clock import shanghai_date


def fill(apps, schema_editor):
    ConsumptionRecord = apps.get_model("parties", "ConsumptionRecord")
    records = ConsumptionRecord.objects.only("id", "occurred_at")
    fill_field(records, "occurred_on", lambda record: shanghai_date(record.occurred_at))


class Migration(migrations.Migration):
    dependencies = [("parties", "0002_agency_rows_follow_merges")]
    operations = [
        migrations.AddField(
            model_name="consumptionrecord", name="occurred_on",
            field=models.DateField(null=True, help_text="the Shanghai date of occurred_at, for date comparisons"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="consumptionrecord", name="occurred_on",
            field=models.DateField(help_text="the Shanghai date of occurred_at, for date comparisons"),
        ),
        migrations.AddIndex(
            model_name="consumptionrecord",
            index=models.Index(fields=["identity", "occurred_on"], name="zx_consumpt_identit_on_idx"),
        ),
    ]
