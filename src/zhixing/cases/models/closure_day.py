from django.db import models


class ClosureDay(models.Model):
    """Enforcement cases (执行; 首次执行, 恢复执行) closed in one court on one day, summed for the
    dashboard. Kept by database triggers on zx_case and zx_account_txn (migration
    cases/0004), so every writer keeps it right in its own transaction. Money in fen."""

    court = models.ForeignKey("cases.Court", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    closed_on = models.DateField()
    closed = models.IntegerField(default=0)
    completed = models.IntegerField(default=0, help_text="closed as 执行完毕")
    zhongben = models.IntegerField(default=0, help_text="closed as 终结本次执行程序")
    within_limit = models.IntegerField(default=0, help_text="closed within the statutory limit")
    total_days = models.BigIntegerField(default=0, help_text="Σ closed_on − filed_on")
    applied_fen = models.BigIntegerField(default=0, help_text="Σ applied_amount")
    arrived_fen = models.BigIntegerField(default=0, help_text="Σ 到账 of these cases, at any time")

    class Meta:
        db_table = "zx_closure_day"
        constraints = [models.UniqueConstraint(fields=["court", "closed_on"], name="uniq_closure_day")]
        indexes = [models.Index(fields=["closed_on"], name="zx_closure_day_on_idx")]
