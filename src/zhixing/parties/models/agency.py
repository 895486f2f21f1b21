"""Rows from agency feeds (prisons, market regulator, travel and hotels): linked by number."""

from django.db import models

from zhixing.cases.enums import CONSUMPTION_KINDS, CUSTODY_KINDS, REGISTRATION_STATUSES, choices
from zhixing.core.clock import shanghai_date
from zhixing.core.idnumbers import IdKeyed


class AgencyRow(IdKeyed, models.Model):
    source = models.CharField(max_length=60)
    name = models.CharField(max_length=200)
    id_type = models.CharField(max_length=10, blank=True)
    id_number = models.CharField(max_length=64, blank=True)
    id_scheme = models.CharField(max_length=12, blank=True, help_text="scheme of the normalised number")
    id_value = models.CharField(max_length=64, blank=True, help_text="the normalised number")
    identity = models.ForeignKey(
        "parties.Identity", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class CustodyRecord(AgencyRow):
    record_id = models.CharField(max_length=64)
    facility = models.CharField(max_length=200)
    kind = models.CharField(max_length=4, choices=choices(CUSTODY_KINDS), blank=True)
    from_on = models.DateField()
    to_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "zx_custody"
        constraints = [models.UniqueConstraint(fields=["source", "record_id"], name="uniq_custody")]
        indexes = [models.Index(fields=["identity", "from_on"])]


class ConsumptionRecord(AgencyRow):
    record_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=12, choices=choices(CONSUMPTION_KINDS))
    occurred_at = models.DateTimeField()
    occurred_on = models.DateField(help_text="the Shanghai date of occurred_at, for date comparisons")
    place = models.CharField(max_length=200, blank=True)

    class Meta:
        db_table = "zx_consumption"
        constraints = [models.UniqueConstraint(fields=["source", "record_id"], name="uniq_consumption")]
        indexes = [
            models.Index(fields=["identity", "occurred_at"]),
            models.Index(fields=["identity", "occurred_on"], name="zx_consumpt_identit_on_idx"),
        ]

    def save(self, *args, **kwargs) -> None:
        self.occurred_on = shanghai_date(self.occurred_at)
        super().save(*args, **kwargs)


class Registration(AgencyRow):
    """Market-regulator status of an organisation, one row per number."""

    status = models.CharField(max_length=4, choices=choices(REGISTRATION_STATUSES))
    changed_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "zx_registration"
        constraints = [models.UniqueConstraint(fields=["id_scheme", "id_value"], name="uniq_registration")]
        indexes = [models.Index(fields=["identity"])]
