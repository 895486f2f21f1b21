from django.db import models

SEVERITIES = ("高", "中", "低")
OPEN = "待处理"
CLOSED = "已关闭"
ALERT_STATUSES = (OPEN, CLOSED)

UNREAD = "未读"
READ = "已读"
ANSWERED = "已反馈"
RECIPIENT_STATES = (UNREAD, READ, ANSWERED)


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


class Alert(models.Model):
    """One raised risk. A scan that finds the same dedup key again updates it, never duplicates."""

    scenario = models.CharField(max_length=8)
    dedup_key = models.CharField(max_length=300)
    status = models.CharField(max_length=4, choices=_choices(ALERT_STATUSES), default=OPEN)
    severity = models.CharField(max_length=1, choices=_choices(SEVERITIES))
    subject = models.ForeignKey(
        "parties.Identity", null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    case_nos = models.JSONField(default=list, help_text="sorted case numbers")
    evidence = models.JSONField(default=dict)
    as_of = models.DateField(help_text="as-of date of the scan that last confirmed the alert")
    raised_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "zx_alert"
        constraints = [
            models.UniqueConstraint(fields=["scenario", "dedup_key"], name="uniq_alert_dedup")
        ]
        indexes = [models.Index(fields=["status", "scenario"]), models.Index(fields=["raised_at"])]

    def __str__(self) -> str:
        return f"{self.scenario} {self.dedup_key}"


class AlertCase(models.Model):
    """The cases an alert is about, for routing and need-to-know checks."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="alert_cases")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="alert_links")
    label = models.CharField(max_length=8, blank=True, help_text="A / B as the catalogue names them")

    class Meta:
        db_table = "zx_alert_case"
        constraints = [models.UniqueConstraint(fields=["alert", "case"], name="uniq_alert_case")]


class AlertRecipient(models.Model):
    """A person an alert is routed to, with their own reading and answering state."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="recipients")
    staff_id = models.CharField(max_length=40, db_index=True)
    reason = models.CharField(max_length=40, help_text="judge(A), judge(B), chief, centre, escalation")
    state = models.CharField(max_length=4, choices=_choices(RECIPIENT_STATES), default=UNREAD)
    read_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "zx_alert_recipient"
        constraints = [
            models.UniqueConstraint(fields=["alert", "staff_id"], name="uniq_alert_recipient")
        ]


class Hold(models.Model):
    """S01: money held in case B for party P may not be disbursed while the hold is open.

    Raised with the S01 alert; released by judge(A)'s decision or by the system when case A
    is no longer owed. Open = ``released_at`` is null."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="holds")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="holds")
    identity = models.ForeignKey("parties.Identity", on_delete=models.PROTECT, related_name="holds")
    held_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.CharField(max_length=60, blank=True, help_text="staff_id, or 'system'")
    release_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "zx_hold"
        constraints = [models.UniqueConstraint(fields=["alert", "case"], name="uniq_hold_per_alert_case")]
        indexes = [models.Index(fields=["case", "identity", "released_at"])]
