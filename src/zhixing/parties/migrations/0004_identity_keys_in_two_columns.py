"""Identity keys as (scheme, value) columns instead of one "scheme:value" text.

The old text had the forms ``ric:N``, ``uscc:N``, ``org:N``, ``orgname:NAME``,
``raw:TYPE:N`` (a number of no known form, kept under its ID type) and
``unverified:<any of those>`` (a weak key). The weak marker is dropped: whether a number
passes its check follows from its scheme and value. Converted in the database, no rows read."""

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Left, StrIndex, Substr

# Longest first: each row is converted by the first prefix it has.
OLD_PREFIXES = ("unverified:raw:", "unverified:", "raw:", "")
KEYED = (
    ("IdentityKey", "key", "scheme", "value"),
    ("PartyRecord", "id_key", "id_scheme", "id_value"),
    ("CustodyRecord", "id_key", "id_scheme", "id_value"),
    ("ConsumptionRecord", "id_key", "id_scheme", "id_value"),
    ("Registration", "id_key", "id_scheme", "id_value"),
)


def split_keys(apps, schema_editor):
    for model_name, key, scheme, value in KEYED:
        rows = apps.get_model("parties", model_name).objects.exclude(**{key: ""})
        for prefix in OLD_PREFIXES:
            rest = Substr(key, len(prefix) + 1)
            colon = StrIndex(rest, Value(":"))
            rows.filter(**{scheme: "", f"{key}__startswith": prefix}).update(
                **{scheme: Left(rest, colon - 1), value: Substr(rest, colon + 1)}
            )


def join_keys(apps, schema_editor):
    """Back to the text form, weak keys of zx_identity_key marked again (rows are read)."""
    from zhixing.core.idnumbers import CHECKED_SCHEMES, HMT_PERMIT, PASSPORT, normalise_id

    def text(scheme: str, value: str, marked: bool) -> str:
        if scheme == "orgname":
            return f"{scheme}:{value}"
        if scheme in CHECKED_SCHEMES:
            normalised = normalise_id(CHECKED_SCHEMES[scheme], value)
            weak = normalised is None or not normalised.verified
            old = f"{scheme}:{value}"
        else:
            weak = scheme not in (PASSPORT, HMT_PERMIT)
            old = f"raw:{scheme}:{value}"
        return f"unverified:{old}" if marked and weak else old

    for model_name, key, scheme, value in KEYED:
        model = apps.get_model("parties", model_name)
        changed = []
        for row in model.objects.exclude(**{scheme: ""}).only("id", scheme, value).iterator(chunk_size=2000):
            setattr(row, key, text(getattr(row, scheme), getattr(row, value), model_name == "IdentityKey"))
            changed.append(row)
        model.objects.bulk_update(changed, [key], batch_size=2000)


def _text(length, help_text):
    return models.CharField(blank=True, default="", max_length=length, help_text=help_text)


class Migration(migrations.Migration):

    dependencies = [
        ("parties", "0003_consumption_shanghai_date"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="registration", name="uniq_registration"),
        migrations.AlterField("identitykey", "key", models.CharField(blank=True, max_length=220)),
        migrations.AddField("identitykey", "scheme", models.CharField(default="", max_length=12), preserve_default=False),
        migrations.AddField("identitykey", "value", models.CharField(default="", max_length=210), preserve_default=False),
        *(
            migrations.AddField(model, field, _text(length, help_text), preserve_default=False)
            for model in ("partyrecord", "custodyrecord", "consumptionrecord", "registration")
            for field, length, help_text in (
                ("id_scheme", 12, "scheme of the normalised number"),
                ("id_value", 64, "the normalised number"),
            )
        ),
        migrations.RunPython(split_keys, join_keys, elidable=False),
        *(
            migrations.RemoveField(model, field)
            for model, field in (
                ("identitykey", "key"), ("partyrecord", "id_key"), ("custodyrecord", "id_key"),
                ("consumptionrecord", "id_key"), ("registration", "id_key"),
            )
        ),
        migrations.AddConstraint(
            model_name="identitykey",
            constraint=models.UniqueConstraint(fields=("scheme", "value"), name="uniq_identity_key"),
        ),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.UniqueConstraint(fields=("id_scheme", "id_value"), name="uniq_registration"),
        ),
    ]
