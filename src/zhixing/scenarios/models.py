from django.db import models


class ParameterOverride(models.Model):
    """One court's value for one scenario parameter (e.g. 沪0104 · S05 · disburse_days = 20).

    Deployment-wide values come from settings.ZHIXING_SCENARIO_PARAMETERS; a row here wins
    for findings anchored in that court."""

    scenario = models.CharField(max_length=8)
    court = models.ForeignKey("cases.Court", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=40)
    value = models.JSONField()
    note = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "zx_scenario_parameter"
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "court", "name"], name="uniq_scenario_parameter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scenario} {self.court_id} {self.name}={self.value!r}"
