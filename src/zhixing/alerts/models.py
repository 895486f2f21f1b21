from django.db import models

from zhixing.core.money import MoneyField

SEVERITIES = ("高", "中", "低")
OPEN = "待处理"
CLOSED = "已关闭"
ALERT_STATUSES = (OPEN, CLOSED)

# Why an alert was closed. Every cause but BY_PERSON is the system's.
CONDITION_GONE = "condition_gone"
OWED_CASE_SETTLED = "owed_case_settled"
SCENARIO_DISABLED = "scenario_disabled"
BY_PERSON = "person"
CLOSE_CAUSES = (CONDITION_GONE, OWED_CASE_SETTLED, SCENARIO_DISABLED, BY_PERSON)
CLOSE_CAUSE_LABELS = {
    CONDITION_GONE: "预警条件已不再成立",
    OWED_CASE_SETTLED: "另案已不再欠款",
    SCENARIO_DISABLED: "场景已停用",
    BY_PERSON: "人工关闭",
}

UNREAD = "未读"
READ = "已读"
ANSWERED = "已反馈"
HANDLED = "已处理"  # the recipient has done with it (with or without feedback)
RECIPIENT_STATES = (UNREAD, READ, ANSWERED, HANDLED)
CLOSED_BY_PERSON = "人工关闭："  # close_reason prefix of an alert a judge closed


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
    close_cause = models.CharField(
        max_length=20, blank=True, choices=[(c, CLOSE_CAUSE_LABELS[c]) for c in CLOSE_CAUSES],
        help_text="why it was closed; empty while open",
    )
    closed_by = models.CharField(max_length=150, blank=True, help_text="username of the person; empty when the system closed it")
    close_reason = models.CharField(max_length=300, blank=True, help_text="the reason in words")

    class Meta:
        db_table = "zx_alert"
        constraints = [
            models.UniqueConstraint(fields=["scenario", "dedup_key"], name="uniq_alert_dedup")
        ]
        indexes = [
            models.Index(fields=["status", "scenario"]),
            models.Index(fields=["raised_at"]),
            models.Index(fields=["severity", "raised_at"], name="zx_alert_severity_raised_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scenario} {self.dedup_key}"

    @property
    def closed_by_system(self) -> bool:
        """Closed by a scan (the next scan may reopen it), not by a person."""
        return self.status == CLOSED and self.close_cause not in ("", BY_PERSON)


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
    """Money held in a case for party P may not be disbursed while the hold is open.

    Raised with an alert whose scenario declares ``HoldMoney`` (zhixing.alerts.effects);
    released by a person (judge of the owed case) or by the system when the owed case is
    no longer owed. Open = ``released_at`` is null."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="holds")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="holds")
    identity = models.ForeignKey("parties.Identity", on_delete=models.PROTECT, related_name="holds")
    held_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.CharField(max_length=60, blank=True, help_text="staff_id or username of the person")
    released_by_system = models.BooleanField(default=False, help_text="released by the system, not a person")
    release_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "zx_hold"
        constraints = [models.UniqueConstraint(fields=["alert", "case"], name="uniq_hold_per_alert_case")]
        indexes = [models.Index(fields=["case", "identity", "released_at"])]


HELPFUL = "有帮助"
NOT_HELPFUL = "无帮助"
VERDICTS = (HELPFUL, NOT_HELPFUL)

HELPFUL_REASONS = ("发现可供执行财产", "及时暂缓发放", "促成履行或和解", "推动案件进展", "其他")
NOT_HELPFUL_REASONS = (
    "已掌握该情况", "数据有误", "非同一当事人", "案件已结或款项已处理", "无可采取措施", "其他",
)
FEEDBACK_REASONS = tuple(dict.fromkeys(HELPFUL_REASONS + NOT_HELPFUL_REASONS))

MEASURES_TAKEN = (
    "联系另案承办人", "冻结", "扣划", "暂缓发放", "传唤", "罚款或拘留", "恢复执行", "其他",
)


class Feedback(models.Model):
    """One recipient's answer to an alert; the outcome may be added then or later."""

    recipient = models.OneToOneField(AlertRecipient, on_delete=models.CASCADE, related_name="feedback")
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="feedbacks")
    verdict = models.CharField(max_length=4, choices=_choices(VERDICTS))
    reason = models.CharField(max_length=20, choices=_choices(FEEDBACK_REASONS), blank=True)
    comment = models.TextField(blank=True)
    measures = models.JSONField(default=list, help_text="values of MEASURES_TAKEN")
    given_by = models.CharField(max_length=150, help_text="username")
    given_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    outcome_case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="the case the outcome is about: the recipient's own case of the alert",
    )
    money_recovered = MoneyField(null=True, blank=True)
    case_closed = models.BooleanField(default=False)
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "zx_alert_feedback"
        indexes = [models.Index(fields=["alert", "given_at"])]

    def __str__(self) -> str:
        return f"{self.alert_id} {self.recipient.staff_id} {self.verdict}"


class Escalation(models.Model):
    """An unanswered high-severity alert sent to a court's chief (执行局长)."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="escalations")
    court = models.ForeignKey("cases.Court", on_delete=models.PROTECT, related_name="+")
    chief_staff_ids = models.JSONField(default=list)
    as_of = models.DateField()
    escalated_at = models.DateTimeField()

    class Meta:
        db_table = "zx_alert_escalation"
        constraints = [
            models.UniqueConstraint(fields=["alert", "court"], name="uniq_escalation_per_court")
        ]

