"""Commands of the accounts context: creating users, turning imported staff into users,
setting passwords, the demo users, and what a login attempt leaves in the audit log. Each
writes and audits in one transaction."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from zhixing.accounts.lockout import LOGIN, LOGIN_FAILED, login_key
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
from zhixing.audit.log import record_for
from zhixing.cases.models import Court, Staff
from zhixing.core.commands import Actor, write

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
    """The platform's own floor, then settings.AUTH_PASSWORD_VALIDATORS (length, common
    passwords, digits only, similarity to the user, blanks, one repeated character, the
    username inside); every way a password is set comes through here or through Django's."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH or password.isdigit():
        problems.append(f"密码至少{MIN_PASSWORD_LENGTH}位，且不能全为数字")
    try:
        validate_password(password, user)
    except ValidationError as exc:
        problems.extend(m for m in exc.messages if m not in problems)
    if problems:
        raise AccountError("password: " + "；".join(problems))


def create_user(
    username: str, *, court_code: str, role: str, staff_id: str | None = None,
    full_name: str = "", password: str | None = None, actor: Actor | None = None,
) -> Any:
    """A user with a membership. Without a password, login stays disabled."""
    with write():
        user = _create_user(username, court_code=court_code, role=role, staff_id=staff_id,
                            full_name=full_name, password=password)
        _audit_new_user(actor or Actor.command_line(), user.username, court_code, role)
    return user


def _audit_new_user(actor: Actor, username: str, court_code: str, role: str) -> None:
    record_for(actor, "create_user", "user", username, detail={"court": court_code, "role": role})


def _create_user(
    username: str, *, court_code: str, role: str, staff_id: str | None = None,
    full_name: str = "", password: str | None = None,
) -> Any:
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
        check_password_strength(password, User(username=username, first_name=full_name[:150]))
    user = User(username=username, first_name=full_name[:150])
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    Membership.objects.create(user=user, court=court, role=role, staff=staff)
    return user


def assign_assistant(username: str, judge_staff_id: str, actor: Actor | None = None) -> None:
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
    with write():
        membership.assists = judge
        membership.save(update_fields=["assists"])
        record_for(actor or Actor.command_line(), "assign_assistant", "user", username,
                   detail={"judge": judge_staff_id})


def set_password(username: str, password: str, actor: Actor | None = None, *, action: str = "set_password") -> None:
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        raise AccountError(f"username: 没有用户 {username!r}")
    check_password_strength(password, user)
    with write():
        user.set_password(password)
        user.save(update_fields=["password"])
        record_for(actor or Actor.command_line(), action, "user", username)


def change_own_password(user: Any, current: str, new: str, repeated: str, actor: Actor | None = None) -> None:
    """A logged-in user changes their password: the current one first, the new one twice."""
    if not user.check_password(current):
        raise AccountError("current: 当前密码不正确")
    if new != repeated:
        raise AccountError("repeated: 两次输入的新密码不一致")
    if new == current:
        raise AccountError("new: 新密码不能与当前密码相同")
    check_password_strength(new, user)
    with write():
        user.set_password(new)
        user.save(update_fields=["password"])
        record_for(actor or Actor(username=user.get_username(), user=user), "change_password", "user",
                   user.get_username())


@dataclass
class SyncReport:
    created: list[str]
    skipped: list[str]


def sync_staff(actor: Actor | None = None) -> SyncReport:
    """One user per imported staff row whose role works in the platform; login disabled."""
    with write():
        return _sync_staff(actor or Actor.command_line())


def _sync_staff(actor: Actor) -> SyncReport:
    report = SyncReport([], [])
    for staff in Staff.objects.filter(membership__isnull=True).order_by("pk"):
        role = STAFF_ROLE_TO_ROLE.get(staff.role)
        if role is None:
            report.skipped.append(f"{staff.staff_id}（{staff.role}）")
            continue
        if get_user_model().objects.filter(username=staff.staff_id).exists():
            report.skipped.append(f"{staff.staff_id}（用户名已被占用）")
            continue
        _create_user(staff.staff_id, court_code=staff.court_id, role=role, staff_id=staff.staff_id,
                     full_name=staff.name)
        _audit_new_user(actor, staff.staff_id, staff.court_id, role)
        report.created.append(staff.staff_id)
    return report


@dataclass
class DemoUser:
    username: str
    role: str
    staff_id: str
    password: str | None


def ensure_demo_users(
    court_code: str = DEMO_COURT, *, reset: bool = False, actor: Actor | None = None
) -> list[DemoUser]:
    """One user per role in the demo court, attached to that court's staff where there is some.
    Existing demo users keep their password unless ``reset``; ``password`` is None then."""
    with write():
        return _ensure_demo_users(court_code, reset, actor or Actor.command_line())


def _ensure_demo_users(court_code: str, reset: bool, actor: Actor) -> list[DemoUser]:
    User = get_user_model()
    if not Court.objects.filter(pk=court_code).exists():
        raise AccountError(f"court: 没有法院代码 {court_code!r}")
    result = []
    for role, username in DEMO_USERNAMES.items():
        user = User.objects.filter(username=username).first()
        password = _demo_password(username) if user is None or reset else None
        if user is None:
            staff = _busiest_free_staff(court_code, role) if role in STAFF_ROLE_TO_ROLE else None
            user = _create_user(
                username, court_code=court_code, role=role,
                staff_id=staff.pk if staff else None, full_name=f"演示{role}", password=password,
            )
            _audit_new_user(actor, username, court_code, role)
        elif password is not None:
            user.set_password(password)
            user.save(update_fields=["password"])
            record_for(actor, "set_password", "user", username)
        membership = Membership.objects.get(user=user)
        if role == ASSISTANT and membership.assists is None:
            _assist_demo_judge(membership)
        result.append(DemoUser(username, role, membership.staff_id or "", password))
    return result


def _demo_password(username: str) -> str:
    """A random password that passes every password rule (a rare draw may not)."""
    while True:
        password = secrets.token_urlsafe(9)
        try:
            check_password_strength(password, get_user_model()(username=username))
        except AccountError:
            continue
        return password


def _assist_demo_judge(assistant: Membership) -> None:
    """The demo assistant works for the demo judge, so their pages are not empty."""
    judge = Membership.objects.filter(user__username=DEMO_USERNAMES[JUDGE], staff__isnull=False).first()
    if judge is not None and judge.court_id == assistant.court_id:
        assistant.assists = judge.staff
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

def record_login(actor: Actor) -> None:
    """A good login; the failures before it no longer count towards a lockout."""
    with write():
        record_for(actor, LOGIN, "login", login_key(actor.username))


def record_login_failure(username: str, ip: str | None) -> None:
    """A failed login: the audit entry names the username tried and the address it came from."""
    key = login_key(username)
    with write():
        record_for(Actor(username=key, ip=ip), LOGIN_FAILED, "login", key)


# The administrator's user management in the browser: each change audited with who made it.

def admin_create_user(actor: Actor, username: str, *, court_code: str, role: str, staff_id: str | None,
                      full_name: str) -> str:
    """A new user with a generated first password (returned once, to hand over)."""
    password = _demo_password(username)
    create_user(username, court_code=court_code, role=role, staff_id=staff_id or None,
                full_name=full_name, password=password, actor=actor)
    return password


def admin_reset_password(actor: Actor, username: str) -> str:
    """A new generated password for ``username`` (returned once)."""
    password = _demo_password(username)
    set_password(username, password, actor, action="reset_password")
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
