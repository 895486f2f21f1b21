"""Users and roles: staff become users with login disabled; passwords; demo users; tokens."""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from world import make_staff
from zhixing.accounts.commands import AccountError, create_user
from zhixing.accounts.models import Membership
from zhixing.accounts.permissions import NoMembership, viewer_for
from zhixing.cases.models import Staff
from zhixing.tokens.models import ApiToken, token_digest

pytestmark = pytest.mark.django_db
User = get_user_model()


def run(*args) -> str:
    out = io.StringIO()
    call_command("users", *args, stdout=out)
    return out.getvalue()


def test_sync_turns_staff_into_users_with_login_disabled():
    make_staff()
    Staff.objects.create(staff_id="沪0104-S001", court_id="沪0104", name="书记员甲", role="书记员")
    output = run("sync")
    assert "新建用户 8 个" in output
    assert "沪0104-S001" in output  # a clerk is not a platform role: skipped and said so
    judge = User.objects.get(username="沪0104-J001")
    assert not judge.has_usable_password()
    assert judge.membership.role == "执行法官"
    assert judge.membership.court_id == "沪0104"
    assert judge.membership.staff_id == "沪0104-J001"
    assert "新建用户 0 个" in run("sync")  # idempotent


def test_set_password_enables_login(monkeypatch):
    make_staff()
    run("sync")
    assert authenticate(username="沪0104-J001", password="Zhixing-2025-good") is None
    monkeypatch.setattr("sys.stdin", io.StringIO("Zhixing-2025-good\n"))
    run("set-password", "沪0104-J001", "--stdin")
    assert authenticate(username="沪0104-J001", password="Zhixing-2025-good") is not None


def test_set_password_rejects_weak_or_unknown(monkeypatch):
    make_staff()
    run("sync")
    monkeypatch.setattr("sys.stdin", io.StringIO("Zhixing-2025-good\n"))
    with pytest.raises(CommandError, match="username"):
        run("set-password", "nobody", "--stdin")
    monkeypatch.setattr("sys.stdin", io.StringIO("123\n"))
    with pytest.raises(CommandError, match="password"):
        run("set-password", "沪0104-J001", "--stdin")
    assert not User.objects.get(username="沪0104-J001").has_usable_password()


def test_create_checks_court_role_and_staff():
    make_staff()
    with pytest.raises(AccountError, match="court"):
        create_user("x", court_code="沪9999", role="执行法官")
    with pytest.raises(AccountError, match="role"):
        create_user("x", court_code="沪0104", role="院长")
    with pytest.raises(AccountError, match="staff"):
        create_user("x", court_code="沪0112", role="执行法官", staff_id="沪0104-J001")
    out = run("create", "centre2", "--court", "沪0104", "--role", "指挥中心")
    assert "centre2" in out
    assert Membership.objects.get(user__username="centre2").role == "指挥中心"


def test_demo_users_one_per_role_idempotent():
    make_staff()
    first = run("demo")
    lines = [line.split("\t") for line in first.strip().splitlines()]
    assert {line[0] for line in lines} == {"执行法官", "法官助理", "执行局长", "指挥中心", "场景管理员", "系统管理员"}
    judge_line = next(line for line in lines if line[0] == "执行法官")
    assert judge_line[1] == "demo-judge"
    assert "工号 沪0104-J001" in judge_line[2]
    password = judge_line[2].split(" ")[0]
    assert authenticate(username="demo-judge", password=password) is not None
    second = run("demo")
    assert "密码未变" in second
    assert User.objects.filter(username__startswith="demo-").count() == 6
    assert authenticate(username="demo-judge", password=password) is not None


def test_demo_judge_is_the_judge_with_the_most_open_alerts():
    from world import build_world

    world = build_world()
    Staff.objects.create(staff_id="沪0104-J000", court_id="沪0104", name="甲法官", role="执行法官")
    assert world.alert.recipients.filter(staff_id="沪0104-J001").exists()
    run("demo")
    assert User.objects.get(username="demo-judge").membership.staff_id == "沪0104-J001"


def test_token_is_stored_as_a_digest_only():
    create_user("system1", court_code="沪0104", role="系统管理员")
    token = run("token", "system1", "--name", "审判系统").strip()
    stored = ApiToken.objects.get()
    assert stored.digest == token_digest(token)
    assert token not in (stored.digest, stored.prefix)


def test_user_without_membership_is_refused():
    user = User.objects.create_user("loner")
    with pytest.raises(NoMembership):
        viewer_for(user)


@pytest.mark.django_db
def test_creating_a_user_and_setting_a_password_are_audited_commands():
    from zhixing.accounts.commands import set_password
    from zhixing.audit.models import AuditEvent
    from zhixing.core.commands import Actor

    create_user("new-chief", court_code="沪0104", role="执行局长", actor=Actor(username="admin"))
    set_password("new-chief", "correct-horse-battery-9", actor=Actor(username="admin"))
    assert list(AuditEvent.objects.order_by("pk").values_list("username", "action", "object_id")) == [
        ("admin", "create_user", "new-chief"), ("admin", "set_password", "new-chief"),
    ]
