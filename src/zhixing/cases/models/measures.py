import datetime as dt
from typing import Any

from django.db import models

from zhixing.cases.enums import MEASURE_KINDS, choices
from zhixing.core.money import MoneyField
from zhixing.core.plates import plate_in

VEHICLE_SEIZURE = "查封车辆"

# 民诉法解释 art. 485: statutory terms of freezes and seizures, in years.
STATUTORY_TERM_YEARS = {"冻结存款": 1, "查封车辆": 2, "查封不动产": 3, "冻结股权": 3}
MOVABLE_TERM_YEARS = 2


def statutory_term_end(kind: str, started_on: dt.date) -> dt.date | None:
    years = STATUTORY_TERM_YEARS.get(kind)
    if years is None:
        return None
    try:
        return started_on.replace(year=started_on.year + years)
    except ValueError:  # 29 February
        return started_on.replace(year=started_on.year + years, day=28)


class Measure(models.Model):
    source = models.CharField(max_length=60)
    measure_id = models.CharField(max_length=64)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="measures")
    party = models.ForeignKey("parties.PartyRecord", on_delete=models.PROTECT, related_name="measures")
    kind = models.CharField(max_length=8, choices=choices(MEASURE_KINDS))
    started_on = models.DateField()
    lifted_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    term_ends_on = models.DateField(
        null=True, blank=True, help_text="expires_on, else the statutory term from started_on"
    )
    detail = models.CharField(max_length=200, blank=True)
    plate = models.CharField(max_length=12, blank=True, help_text="the vehicle plate in detail, normalised")
    amount = MoneyField(null=True, blank=True)

    class Meta:
        db_table = "zx_measure"
        constraints = [models.UniqueConstraint(fields=["source", "measure_id"], name="uniq_measure")]
        indexes = [
            models.Index(fields=["case", "kind"]),
            models.Index(fields=["party", "kind"]),
            models.Index(fields=["term_ends_on"]),
            models.Index(fields=["plate"], name="zx_measure_plate_idx"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.term_ends_on = self.expires_on or statutory_term_end(self.kind, self.started_on)
        self.plate = plate_in(self.detail) if self.kind == VEHICLE_SEIZURE else ""
        super().save(*args, **kwargs)
