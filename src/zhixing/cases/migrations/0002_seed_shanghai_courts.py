from django.db import migrations


def seed(apps, schema_editor):
    from zhixing.cases.shanghai import SHANGHAI_COURTS

    Court = apps.get_model("cases", "Court")
    for code, name, level, parent in SHANGHAI_COURTS:
        Court.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "parent_id": parent}
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
