"""Creating users, turning imported staff into users, setting passwords, issuing API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from zhixing.accounts.models import (
    ASSISTANT,
    CENTRE,
    CHIEF,
    JUDGE,
    ROLES,
    SCENARIO_ADMIN,
    STAFF_ROLE_TO_ROLE,
    SYSTEM_ADMIN,
    Membership,
)
from zhixing.api.models import ApiToken
from zhixing.audit.log import record_for
from zhixing.cases.models import Court, Staff
from zhixing.core import clock
from zhixing.core.commands import Actor, write

TOKEN_PREFIX = "zx"  # noqa: S105 -- a prefix, not a secret
DEMO_COURT = "沪0104"
DEMO_USERNAMES = {
    JUDGE: "demo-judge",
    ASSISTANT: "demo-assistant",
    CHIEF: "demo-chief",
    CENTRE: "demo-centre",
    SCENARIO_ADMIN: "demo-scenarios",
    SYSTEM_ADMIN: "demo-admin",
}


MIN_PASSWORD_LENGTH = 10


class AccountError(ValueError):
    pass


def check_password_strength(password: str, user=None) -> None:
    """The platform's own floor, then whatever validators the deployment configures."""
    if len(password) < MIN_PASSWORD_LENGTH or password.isdigit():
        raise AccountError(f"password: 密码至少{MIN_PASSWORD_LENGTH}位，且不能全为数字")
    validate_password(password, user)


def create_user(
    username: str, *, court_code: str, role: str, staff_id: str | None = None,
    full_name: str = "", password: str | None = None,
):
    """A user with a membership. Without a password, login stays disabled."""
    User = get_user_model()
    if role not in ROLES:
        raise AccountError(f"role: 角色应为 {'、'.join(ROLES)} 之一，收到 {role!r}")
    court = Court.objects.filter(pk=court_code).first()
    if court is None:
        raise AccountError(f"court: 没有法院代码 {court_code!r}")
    staff = None
    if staff_id:
        staff = Staff.objects.filter(pk=staff_id).first()
        if staff is None:
            raise AccountError(f"staff: 没有工号 {staff_id!r} 的人员")
        if staff.court_id != court.pk:
            raise AccountError(f"staff: 人员 {staff_id} 属于 {staff.court_id}，不属于 {court.pk}")
        if Membership.objects.filter(staff=staff).exists():
            raise AccountError(f"staff: 人员 {staff_id} 已关联其他用户")
    if User.objects.filter(username=username).exists():
        raise AccountError(f"username: 用户 {username!r} 已存在")
    if password is not None:
        check_password_strength(password)
    with transaction.atomic():
        user = User(username=username, first_name=full_name[:150])
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save()
        Membership.objects.create(user=user, court=court, role=role, staff=staff)
    return user


def assign_assistant(username: str, judge_staff_id: str) -> None:
    """The 法官助理 ``username`` works on the cases of the judge ``judge_staff_id`` (a 执行法官
    of the same court): they see and open those cases and their alerts as the judge does."""
    membership = Membership.objects.filter(user__username=username).first()
    if membership is None or membership.role != ASSISTANT:
        raise AccountError(f"username: 用户 {username!r} 不是法官助理")
    judge = Staff.objects.filter(pk=judge_staff_id).first()
    if judge is None or judge.role != JUDGE:
        raise AccountError(f"judge: 没有工号为 {judge_staff_id!r} 的执行法官")
    if judge.court_id != membership.court_id:
        raise AccountError(f"judge: 法官 {judge_staff_id} 不在 {membership.court_id}，助理只协助本院法官")
    with transaction.atomic():
        membership.assists = judge
        membership.save(update_fields=["assists"])


def set_password(username: str, password: str) -> None:
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        raise AccountError(f"username: 没有用户 {username!r}")
    check_password_strength(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])


def change_own_password(user, current: str, new: str, repeated: str) -> None:
    """A logged-in user changes their password: the current one first, the new one twice."""
    if not user.check_password(current):
        raise AccountError("current: 当前密码不正确")
    if new != repeated:
        raise AccountError("repeated: 两次输入的新密码不一致")
    if new == current:
        raise AccountError("new: 新密码不能与当前密码相同")
    check_password_strength(new, user)
    with transaction.atomic():
        user.set_password(new)
        user.save(update_fields=["password"])


@dataclass
class SyncReport:
    created: list[str]
    skipped: list[str]


def sync_staff() -> SyncReport:
    """One user per imported staff row whose role works in the platform; login disabled."""
    report = SyncReport([], [])
    for staff in Staff.objects.filter(membership__isnull=True).order_by("pk"):
        role = STAFF_ROLE_TO_ROLE.get(staff.role)
        if role is None:
            report.skipped.append(f"{staff.staff_id}（{staff.role}）")
            continue
        if get_user_model().objects.filter(username=staff.staff_id).exists():
            report.skipped.append(f"{staff.staff_id}（用户名已被占用）")
            continue
        create_user(staff.staff_id, court_code=staff.court_id, role=role, staff_id=staff.staff_id, full_name=staff.name)
        report.created.append(staff.staff_id)
    return report


@dataclass
class DemoUser:
    username: str
    role: str
    staff_id: str
    password: str | None


def ensure_demo_users(court_code: str = DEMO_COURT, *, reset: bool = False) -> list[DemoUser]:
    """One user per role in the demo court, attached to that court's staff where there is some.
    Existing demo users keep their password unless ``reset``; ``password`` is None then."""
    User = get_user_model()
    if not Court.objects.filter(pk=court_code).exists():
        raise AccountError(f"court: 没有法院代码 {court_code!r}")
    result = []
    for role, username in DEMO_USERNAMES.items():
        user = User.objects.filter(username=username).first()
        password = secrets.token_urlsafe(9) if user is None or reset else None
        if user is None:
            staff = _busiest_free_staff(court_code, role) if role in STAFF_ROLE_TO_ROLE else None
            user = create_user(
                username, court_code=court_code, role=role,
                staff_id=staff.pk if staff else None, full_name=f"演示{role}", password=password,
            )
        elif password is not None:
            user.set_password(password)
            user.save(update_fields=["password"])
        membership = Membership.objects.get(user=user)
        if role == ASSISTANT and membership.assists_id is None:
            _assist_demo_judge(membership)
        result.append(DemoUser(username, role, membership.staff_id or "", password))
    return result


def _assist_demo_judge(assistant: Membership) -> None:
    """The demo assistant works for the demo judge, so their pages are not empty."""
    judge = Membership.objects.filter(user__username=DEMO_USERNAMES[JUDGE], staff__isnull=False).first()
    if judge is not None and judge.court_id == assistant.court_id:
        assistant.assists_id = judge.staff_id
        assistant.save(update_fields=["assists"])


def _busiest_free_staff(court_code: str, role: str) -> Staff | None:
    """The staff member of that role without a user who has the most open alerts: the demo
    user then opens an inbox with something in it."""
    from django.db.models import Count

    from zhixing.alerts.models import OPEN, AlertRecipient

    free = list(
        Staff.objects.filter(court_id=court_code, role=role, membership__isnull=True).order_by("pk")
    )
    if not free:
        return None
    counts = dict(
        AlertRecipient.objects.filter(staff_id__in=[s.pk for s in free], alert__status=OPEN)
        .values("staff_id").annotate(n=Count("id")).values_list("staff_id", "n")
    )
    return max(free, key=lambda s: (counts.get(s.pk, 0), -free.index(s)))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(username: str, name: str) -> str:
    """Create an API token for a user; the token itself is shown once and never stored."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise AccountError(f"username: 没有用户 {username!r}")
    prefix = secrets.token_hex(4)
    token = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    ApiToken.objects.create(
        user=user, name=name or "api", prefix=prefix, digest=token_digest(token), created_at=clock.now()
    )
    return token


# The administrator's user management in the browser: each change audited with who made it.

def admin_create_user(actor: Actor, username: str, *, court_code: str, role: str, staff_id: str | None,
                      full_name: str) -> str:
    """A new user with a generated first password (returned once, to hand over)."""
    password = secrets.token_urlsafe(9)
    with write():
        create_user(username, court_code=court_code, role=role, staff_id=staff_id or None,
                    full_name=full_name, password=password)
        record_for(actor, "create_user", "user", username, detail={"court": court_code, "role": role})
    return password


def admin_reset_password(actor: Actor, username: str) -> str:
    """A new generated password for ``username`` (returned once)."""
    password = secrets.token_urlsafe(9)
    with write():
        set_password(username, password)
        record_for(actor, "reset_password", "user", username)
    return password


def admin_set_membership(actor: Actor, username: str, *, court_code: str, role: str, staff_id: str | None) -> None:
    """Another court, role or staff row for an existing user."""
    if role not in ROLES:
        raise AccountError(f"role: 角色应为 {'、'.join(ROLES)} 之一")
    with write():
        membership = Membership.objects.select_for_update().filter(user__username=username).first()
        if membership is None:
            raise AccountError(f"username: 没有用户 {username!r}")
        court = Court.objects.filter(pk=court_code).first()
        if court is None:
            raise AccountError(f"court: 没有法院代码 {court_code!r}")
        staff = Staff.objects.filter(pk=staff_id).first() if staff_id else None
        if staff_id and staff is None:
            raise AccountError(f"staff: 没有工号 {staff_id!r} 的人员")
        if staff is not None and staff.court_id != court.pk:
            raise AccountError(f"staff: 人员 {staff_id} 不属于该法院")
        if staff is not None and Membership.objects.filter(staff=staff).exclude(pk=membership.pk).exists():
            raise AccountError(f"staff: 人员 {staff_id} 已关联其他用户")
        membership.court, membership.role, membership.staff = court, role, staff
        judge = membership.assists
        if judge is not None and (role != ASSISTANT or judge.court_id != court.pk):
            membership.assists = None
        membership.save(update_fields=["court", "role", "staff", "assists"])
        record_for(actor, "set_membership", "user", username,
                   detail={"court": court_code, "role": role, "staff": staff_id or ""})
