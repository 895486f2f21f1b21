from django.db import models

from zhixing.cases.enums import PARTY_KINDS, choices
from zhixing.core.idnumbers import IdKey, IdKeyed


class Identity(models.Model):
    """One person or organisation across all courts and agencies."""

    kind = models.CharField(max_length=6, choices=choices(PARTY_KINDS))
    name = models.CharField(max_length=200, help_text="the name most recently written")
    id_type = models.CharField(max_length=10, blank=True)
    id_number = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="canonical number (18-digit ID, credit code…)"
    )
    verified = models.BooleanField(default=False, help_text="the canonical number's check digits hold")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "zx_identity"
        verbose_name_plural = "identities"

    def __str__(self) -> str:
        return f"{self.name} {self.id_number}".strip()


class IdentityKey(models.Model):
    """A matching key that leads to an identity (zhixing.parties.resolution.keys): scheme
    ric, uscc, org or orgname, or the ID type of a number without a known form."""

    scheme = models.CharField(max_length=12)
    value = models.CharField(max_length=210)
    identity = models.ForeignKey(Identity, on_delete=models.CASCADE, related_name="keys")

    class Meta:
        db_table = "zx_identity_key"
        constraints = [models.UniqueConstraint(fields=["scheme", "value"], name="uniq_identity_key")]

    def __str__(self) -> str:
        return f"{self.scheme} {self.value}"

    @property
    def key(self) -> IdKey:
        return IdKey(self.scheme, self.value)


class PartyRecord(IdKeyed, models.Model):
    """A party as one source wrote it. ``party_key`` is unique only within its source."""

    source = models.CharField(max_length=60)
    party_key = models.CharField(max_length=64)
    kind = models.CharField(max_length=6, choices=choices(PARTY_KINDS))
    name = models.CharField(max_length=200)
    id_type = models.CharField(max_length=10, blank=True)
    id_number = models.CharField(max_length=64, blank=True, help_text="as written")
    id_scheme = models.CharField(max_length=12, blank=True, help_text="scheme of the normalised number")
    id_value = models.CharField(max_length=64, blank=True, help_text="the normalised number")
    id_verified = models.BooleanField(default=False)
    phone = models.CharField(max_length=40, blank=True)
    address = models.CharField(max_length=300, blank=True)
    identity = models.ForeignKey(
        Identity, null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )

    class Meta:
        db_table = "zx_party"
        constraints = [
            models.UniqueConstraint(fields=["source", "party_key"], name="uniq_party_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.source}/{self.party_key} {self.name}"
