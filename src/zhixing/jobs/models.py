"""Work the worker owes: evaluations not yet done, and the daily jobs' runs.

Both are claimed with a lease: a claim moves ``next_try_at`` past the lease, so a row whose
runner died (killed, crashed, lost its connection) becomes due again when the lease ends,
with nothing else to clean up. A row is finished only by setting ``done_at`` /
``finished_at``."""

from __future__ import annotations

from django.db import models


class PendingEvaluation(models.Model):
    """The real-time evaluation an event or a real-time import owes, written in the same
    transaction as its rows, so a stored event always has its evaluation, done or owed."""

    identity_ids = models.JSONField(default=list)
    case_ids = models.JSONField(default=list)
    # The zx_* tables the rows went into (only scenarios reading them are evaluated); null: all.
    tables = models.JSONField(null=True, blank=True)
    as_of = models.DateField()
    created_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    next_try_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=100, blank=True, default="")
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "zx_pending_evaluation"
        indexes = [
            models.Index(
                fields=["next_try_at"], name="zx_pending_eval_due",
                condition=models.Q(done_at__isnull=True),
            )
        ]


class DailyRun(models.Model):
    """One daily job's run for one as-of date: at most one finished run per job and day."""

    job = models.CharField(max_length=50)
    as_of = models.DateField()
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    next_try_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=100, blank=True, default="")
    summary = models.JSONField(default=dict)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "zx_daily_run"
        constraints = [models.UniqueConstraint(fields=["job", "as_of"], name="uniq_daily_run")]
