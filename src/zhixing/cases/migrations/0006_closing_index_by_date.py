from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_case_status_index")]
    operations = [
        migrations.RemoveIndex(model_name="case", name="zx_case_closing_idx"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["closed_on", "filed_on", "court", "judge_id", "category", "procedure"],
                name="zx_case_closing_idx",
            ),
        ),
    ]
