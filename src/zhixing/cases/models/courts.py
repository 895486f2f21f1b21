from django.db import models

from zhixing.cases.enums import COURT_LEVELS, STAFF_ROLES, choices


class Court(models.Model):
    code = models.CharField(max_length=16, primary_key=True)
    name = models.CharField(max_length=100)
    level = models.CharField(max_length=4, choices=choices(COURT_LEVELS), blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        db_table = "zx_court"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Staff(models.Model):
    """Court staff as the case systems name them. ``user`` links a login (alerts issue)."""

    staff_id = models.CharField(max_length=40, primary_key=True)
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="staff")
    name = models.CharField(max_length=60)
    role = models.CharField(max_length=8, choices=choices(STAFF_ROLES))
    phone = models.CharField(max_length=40, blank=True, help_text="work phone, shown to colleagues on alerts")

    class Meta:
        db_table = "zx_staff"
        ordering = ["staff_id"]
        indexes = [models.Index(fields=["court", "role"])]

    def __str__(self) -> str:
        return f"{self.staff_id} {self.name}"
