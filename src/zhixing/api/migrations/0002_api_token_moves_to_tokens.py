# ApiToken now belongs to the tokens app (tokens.0001); its table is kept, only the state moves.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ApiToken")],
            database_operations=[],
        ),
    ]
