"""Who may see what: the single place the API and the web pages ask.

Rules (docs/roles.md):
- 系统管理员 sees everything.
- 执行局长 and 指挥中心 see every alert touching a case of their court, every case of their
  court, and the panoramic view of every party in a case of their court.
- 执行法官 and 法官助理 see the alerts addressed to them and the alerts about the cases
  they handle (case.judge_id == their staff_id), those cases, and the panoramic view of the
  parties in those cases. A case of another court appears to them only as the alert's
  evidence shows it.
- 场景管理员 sees scenarios and figures, no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from zhixing.accounts.models import ASSISTANT, CENTRE, CHIEF, JUDGE, SCENARIO_ADMIN, SYSTEM_ADMIN
from zhixing.alerts.models import Alert, AlertCase, AlertRecipient, Hold
from zhixing.cases.models import Case, CaseParty
from zhixing.parties.models import Identity


@dataclass(frozen=True)
class Viewer:
    user_id: int
    username: str
    role: str
    court_code: str
    staff_id: str
    assists: str = ""  # an assistant's judge (staff id)

    @property
    def is_admin(self) -> bool:
        return self.role == SYSTEM_ADMIN

    @property
    def is_court_wide(self) -> bool:
        return self.role in (CHIEF, CENTRE)

    @property
    def handles_cases(self) -> bool:
        return self.role in (JUDGE, ASSISTANT)

    @property
    def sees_figures(self) -> bool:
        return self.role in (SYSTEM_ADMIN, SCENARIO_ADMIN, CHIEF, CENTRE, JUDGE, ASSISTANT)


class NoMembership(PermissionError):
    def __init__(self, username: str):
        super().__init__(f"用户 {username} 未分配法院和角色，无权访问")


def viewer_for(user) -> Viewer:
    """The viewer a logged-in user acts as. Superusers without a membership act as 系统管理员."""
    membership = getattr(user, "membership", None)
    if membership is None:
        if user.is_superuser:
            return Viewer(user.pk, user.get_username(), SYSTEM_ADMIN, "", "")
        raise NoMembership(user.get_username())
    return Viewer(
        user.pk, user.get_username(), membership.role, membership.court_id, membership.staff_id or "",
        membership.assists_id or "",
    )


def _own_case_filter(viewer: Viewer, prefix: str = "") -> Q:
    """Cases this viewer may open in full."""
    if viewer.is_admin:
        return Q()
    if viewer.is_court_wide:
        return Q(**{f"{prefix}court_id": viewer.court_code})
    if viewer.handles_cases and viewer.staff_id:
        mine = Q(**{f"{prefix}judge_id": viewer.staff_id})
        if viewer.assists:
            mine |= Q(**{f"{prefix}judge_id": viewer.assists})
        return mine
    return Q(pk__in=[])


def visible_cases(viewer: Viewer) -> QuerySet[Case]:
    return Case.objects.filter(_own_case_filter(viewer))


def can_view_case(viewer: Viewer, case: Case) -> bool:
    return visible_cases(viewer).filter(pk=case.pk).exists()


def visible_alerts(viewer: Viewer) -> QuerySet[Alert]:
    if viewer.is_admin:
        return Alert.objects.all()
    if viewer.role == SCENARIO_ADMIN or not (viewer.is_court_wide or viewer.handles_cases):
        return Alert.objects.none()
    about_own_cases = AlertCase.objects.filter(
        _own_case_filter(viewer, "case__")
    ).values("alert_id")
    # Two id lists, each found through its own index: a join of recipients OR'd with the
    # case list made the database read every alert (50 ms a query at a million cases).
    addressed = AlertRecipient.objects.filter(staff_id=viewer.staff_id).values("alert_id")
    visible = Q(pk__in=about_own_cases)
    if viewer.staff_id:
        visible |= Q(pk__in=addressed)
    return Alert.objects.filter(visible)


def can_view_alert(viewer: Viewer, alert: Alert) -> bool:
    return visible_alerts(viewer).filter(pk=alert.pk).exists()


def visible_identities(viewer: Viewer) -> QuerySet[Identity]:
    """Parties whose panoramic view this viewer may open: parties in cases they may open."""
    if viewer.is_admin:
        return Identity.objects.all()
    own = CaseParty.objects.filter(_own_case_filter(viewer, "case__")).values(
        "party__identity_id"
    )
    if not (viewer.is_court_wide or viewer.handles_cases):
        return Identity.objects.none()
    return Identity.objects.filter(Q(pk__in=own) | Q(merged_into__isnull=False, merged_into__in=own))


def can_view_party(viewer: Viewer, identity: Identity) -> bool:
    """The same rule as visible_identities, asked from the identity's side: its party rows
    (an index lookup) in a case the viewer may open, rather than every identity of the
    viewer's court (160 ms at a million cases)."""
    if viewer.is_admin:
        return True
    if not (viewer.is_court_wide or viewer.handles_cases):
        return False
    target = identity.merged_into_id or identity.pk
    return CaseParty.objects.filter(_own_case_filter(viewer, "case__"), party__identity_id=target).exists()


def may_close_alert(viewer: Viewer, alert: Alert) -> bool:
    """The judges who act on an alert close it: a recipient as the judge of one of its cases
    (judge, judge(A), judge(B)), or the judge of one of its cases; when none of its cases
    has a judge, the command centre of their court."""
    if not viewer.staff_id:
        return False
    if AlertRecipient.objects.filter(alert=alert, staff_id=viewer.staff_id, reason__startswith="judge").exists():
        return True
    judges = set(AlertCase.objects.filter(alert=alert).values_list("case__judge_id", flat=True))
    if viewer.staff_id in judges:
        return True
    if viewer.role == CENTRE and not any(judges):
        return AlertCase.objects.filter(alert=alert, case__court_id=viewer.court_code).exists()
    return False


def may_release_hold(viewer: Viewer, hold: Hold) -> bool:
    """judge(A) releases an S01 hold; when case A has no judge, the command centre of A's court."""
    link = AlertCase.objects.filter(alert_id=hold.alert_id, label="A").select_related("case").first()
    if link is None:
        return False
    case_a = link.case
    if case_a.judge_id:
        return bool(viewer.staff_id) and case_a.judge_id == viewer.staff_id
    return viewer.role == CENTRE and viewer.court_code == case_a.court_id


def can_see_full_id_numbers(viewer: Viewer) -> bool:
    """Whole identity numbers appear only in single-record views for these roles."""
    return viewer.is_admin or viewer.is_court_wide or viewer.handles_cases


def can_post_events(viewer: Viewer, case: Case) -> bool:
    return can_view_case(viewer, case)


def can_see_figures(viewer: Viewer) -> bool:
    """Scenario figures (raised, answered, helpful, recovered: no personal data), web and API."""
    return viewer.sees_figures


def can_see_dashboard(viewer: Viewer) -> bool:
    """The command dashboard (看板): court-wide case figures per judge with drill-down to the
    cases, so only roles that see a whole court (or every court) open it."""
    return viewer.is_admin or viewer.is_court_wide or viewer.role == SCENARIO_ADMIN


def figures_court_scope(viewer: Viewer) -> str | None:
    """None = all courts; else the only court whose figures this viewer sees."""
    if viewer.role in (SYSTEM_ADMIN, SCENARIO_ADMIN):
        return None
    return viewer.court_code
