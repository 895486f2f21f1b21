from django.db import models

from zhixing.cases.enums import BASIS_OUTCOMES, FEE_KINDS, FINDING_SOURCES, choices
from zhixing.core.money import MoneyField


class AssetFinding(models.Model):
    source = models.CharField(max_length=60)
    finding_id = models.CharField(max_length=64)
    party = models.ForeignKey("parties.PartyRecord", on_delete=models.PROTECT, related_name="findings")
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    finding_source = models.CharField(max_length=8, choices=choices(FINDING_SOURCES))
    found_on = models.DateField()
    description = models.CharField(max_length=300, blank=True)
    value = MoneyField(null=True, blank=True)

    class Meta:
        db_table = "zx_asset_finding"
        constraints = [models.UniqueConstraint(fields=["source", "finding_id"], name="uniq_finding")]
        indexes = [models.Index(fields=["party", "found_on"])]


class Fee(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="fees")
    party = models.ForeignKey("parties.PartyRecord", on_delete=models.PROTECT, related_name="fees")
    kind = models.CharField(max_length=8, choices=choices(FEE_KINDS), blank=True)
    amount_due = MoneyField()
    amount_paid = MoneyField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "zx_fee"
        constraints = [models.UniqueConstraint(fields=["case", "party", "kind"], name="uniq_fee")]
        indexes = [models.Index(fields=["party"])]


class Bankruptcy(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="bankruptcies")
    party = models.ForeignKey("parties.PartyRecord", on_delete=models.PROTECT, related_name="bankruptcies")
    accepted_on = models.DateField()
    administrator = models.CharField(max_length=200, blank=True)
    claims_deadline = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "zx_bankruptcy"
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="uniq_bankruptcy")]
        indexes = [models.Index(fields=["party"])]


class BasisChange(models.Model):
    """A decision on an enforcement basis (执行依据); its case usually is not in the database."""

    case_no = models.CharField(max_length=64, db_index=True)
    new_case_no = models.CharField(max_length=64, blank=True)
    decided_on = models.DateField()
    outcome = models.CharField(max_length=4, choices=choices(BASIS_OUTCOMES))
    source = models.CharField(max_length=60)

    class Meta:
        db_table = "zx_basis_change"
        constraints = [
            models.UniqueConstraint(
                fields=["case_no", "new_case_no", "decided_on", "outcome"], name="uniq_basis_change"
            )
        ]
