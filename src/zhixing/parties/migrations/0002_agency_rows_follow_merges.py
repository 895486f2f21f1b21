"""Agency rows merged before merges repointed them still name the merged identity; point
them at the survivor, as a merge now does."""

from django.db import migrations

AGENCY_MODELS = ("CustodyRecord", "ConsumptionRecord", "Registration")


def repoint(apps, schema_editor):
    Identity = apps.get_model("parties", "Identity")
    merged = dict(
        Identity.objects.filter(merged_into__isnull=False).values_list("id", "merged_into_id")
    )
    if not merged:
        return
    for name in AGENCY_MODELS:
        model = apps.get_model("parties", name)
        stale = model.objects.filter(identity_id__in=list(merged))
        for identity_id in set(stale.values_list("identity_id", flat=True)):
            model.objects.filter(identity_id=identity_id).update(identity_id=merged[identity_id])


class Migration(migrations.Migration):
    dependencies = [("parties", "0001_initial")]
    operations = [migrations.RunPython(repoint, migrations.RunPython.noop)]
