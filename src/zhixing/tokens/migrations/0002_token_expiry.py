# Tokens expire: a token issued before this migration expires ZHIXING_TOKEN_DAYS after its issue.

import datetime as dt

from django.conf import settings
from django.db import migrations, models


def expire_existing(apps, schema_editor):
    ApiToken = apps.get_model("tokens", "ApiToken")
    lifetime = dt.timedelta(days=settings.ZHIXING_TOKEN_DAYS)
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + lifetime)


class Migration(migrations.Migration):

    dependencies = [("tokens", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, help_text="refused from this moment on"),
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
    ]
