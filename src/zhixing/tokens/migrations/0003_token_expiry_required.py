# Its own migration (own transaction): PostgreSQL refuses to alter a table with rows the same
# transaction has just updated when they carry deferred constraint checks.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("tokens", "0002_token_expiry")]

    operations = [
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(help_text="refused from this moment on"),
        ),
    ]
