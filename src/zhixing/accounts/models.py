"""Platform users: a Django user plus the court they belong to, their role, and their staff row."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhixing.cases.enums import ASSISTANT, CENTRE, CHIEF, JUDGE

SCENARIO_ADMIN = "场景管理员"
SYSTEM_ADMIN = "系统管理员"
ROLES = (JUDGE, ASSISTANT, CHIEF, CENTRE, SCENARIO_ADMIN, SYSTEM_ADMIN)

# Staff roles of the exchange format that become platform users, and the role they get.
STAFF_ROLE_TO_ROLE = {JUDGE: JUDGE, ASSISTANT: ASSISTANT, CHIEF: CHIEF, CENTRE: CENTRE}


class Membership(models.Model):
    """Who a user is in the courts: one court, one role, and (for court staff) one staff row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    court = models.ForeignKey("cases.Court", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=8, choices=[(r, r) for r in ROLES])
    staff = models.OneToOneField(
        "cases.Staff", null=True, blank=True, on_delete=models.SET_NULL, related_name="membership"
    )
    # 法官助理: the judge (a 执行法官 staff row of the same court) whose cases the assistant works on
    assists = models.ForeignKey(
        "cases.Staff", null=True, blank=True, on_delete=models.SET_NULL, related_name="assistants"
    )

    class Meta:
        db_table = "zx_membership"
        indexes = [models.Index(fields=["court", "role"])]

    def __str__(self) -> str:
        return f"{self.user} {self.court_id} {self.role}"

