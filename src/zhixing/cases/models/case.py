from django.db import models

from zhixing.cases.enums import (
    CASE_ROLES,
    CATEGORIES,
    CLOSURE_MODES,
    PANELS,
    PROCEDURES,
    STAGES,
    STATUSES,
    choices,
)
from zhixing.core.money import MoneyField


class Case(models.Model):
    case_no = models.CharField(max_length=64, unique=True, help_text="normalised 案号")
    year = models.PositiveSmallIntegerField()
    court_code_in_no = models.CharField(max_length=16)
    type_code = models.CharField(max_length=16)
    seq = models.PositiveIntegerField()
    court = models.ForeignKey("cases.Court", on_delete=models.PROTECT, related_name="cases")
    category = models.CharField(max_length=4, choices=choices(CATEGORIES))
    procedure = models.CharField(max_length=8, choices=choices(PROCEDURES))
    cause = models.CharField(max_length=100, blank=True)
    filed_on = models.DateField()
    judge_id = models.CharField(max_length=40, blank=True, db_index=True)
    panel = models.CharField(max_length=4, choices=choices(PANELS), blank=True)
    status = models.CharField(max_length=4, choices=choices(STATUSES))
    closed_on = models.DateField(null=True, blank=True)
    closure_mode = models.CharField(max_length=12, choices=choices(CLOSURE_MODES), blank=True)
    stage = models.CharField(max_length=8, choices=choices(STAGES), blank=True)
    stage_since = models.DateField(null=True, blank=True)
    basis_case_no = models.CharField(max_length=64, blank=True, db_index=True)
    applied_amount = MoneyField(null=True, blank=True)
    deadline_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=60, help_text="batch source that last wrote the row")

    class Meta:
        db_table = "zx_case"
        indexes = [
            models.Index(fields=["category", "procedure", "status"]),
            models.Index(fields=["court", "status"]),
            models.Index(fields=["status"], name="zx_case_status_idx"),  # the administrator's open cases
            models.Index(fields=["closure_mode", "closed_on"]),
            # the dashboard's closed and long-open cases, read from the index alone; led by
            # closed_on, since led by category it drew the scans' whole-city joins into
            # reading every case through it (S01 and S14 took twice as long)
            models.Index(
                fields=["closed_on", "filed_on", "court", "judge_id", "category", "procedure"],
                name="zx_case_closing_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.case_no


class CaseParty(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_parties")
    party = models.ForeignKey("parties.PartyRecord", on_delete=models.PROTECT, related_name="case_roles")
    role = models.CharField(max_length=8, choices=choices(CASE_ROLES))
    owed_amount = MoneyField(null=True, blank=True)

    class Meta:
        db_table = "zx_case_party"
        constraints = [
            models.UniqueConstraint(fields=["case", "party", "role"], name="uniq_case_party_role")
        ]
        indexes = [models.Index(fields=["party", "role"])]


class Action(models.Model):
    """A procedural act done in a case (发送执行通知书, 网络查控, …)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(max_length=40)
    done_on = models.DateField()
    staff_id = models.CharField(max_length=40, blank=True)

    class Meta:
        db_table = "zx_action"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "action", "done_on", "staff_id"], name="uniq_action"
            )
        ]
        indexes = [models.Index(fields=["case", "action", "done_on"])]


class StageHistory(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stage_history")
    stage = models.CharField(max_length=8, choices=choices(STAGES))
    entered_on = models.DateField()

    class Meta:
        db_table = "zx_stage_history"
        constraints = [
            models.UniqueConstraint(fields=["case", "stage", "entered_on"], name="uniq_stage_entry")
        ]
