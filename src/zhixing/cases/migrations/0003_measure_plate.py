"""Vehicle seizures keep the plate of their description, normalised and indexed: the quick
lookup by plate read every measure's text (450 ms at a million cases)."""

from django.db import migrations, models

from zhixing.core.plates import plate_in

VEHICLE_SEIZURE = "查封车辆"


def fill(apps, schema_editor):
    Measure = apps.get_model("cases", "Measure")
    batch = []
    for measure in Measure.objects.filter(kind=VEHICLE_SEIZURE).only("id", "detail").iterator(chunk_size=2000):
        measure.plate = plate_in(measure.detail)
        batch.append(measure)
        if len(batch) >= 2000:
            Measure.objects.bulk_update(batch, ["plate"])
            batch = []
    Measure.objects.bulk_update(batch, ["plate"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_seed_shanghai_courts")]
    operations = [
        migrations.AddField(
            model_name="measure", name="plate",
            field=models.CharField(blank=True, default="", max_length=12, help_text="the vehicle plate in detail, normalised"),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(model_name="measure", index=models.Index(fields=["plate"], name="zx_measure_plate_idx")),
    ]
