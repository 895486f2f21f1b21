from django.db import models


class WorkdayOverride(models.Model):
    """A day the official calendar declares differently from what the library knows."""

    day = models.DateField(unique=True)
    is_workday = models.BooleanField()
    note = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {'班' if self.is_workday else '休'}"
