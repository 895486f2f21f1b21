"""`zhixing users {create,set-password,assist,sync,demo,token}`."""

from __future__ import annotations

import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhixing.accounts import actions
from zhixing.accounts.models import ROLES


class Command(BaseCommand):
    help = "Manage platform users: create, set-password, sync (staff -> users), demo, token."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        create = sub.add_parser("create", help="create a user (login disabled until a password is set)")
        create.add_argument("username")
        create.add_argument("--court", required=True, help="court code, e.g. 沪0104")
        create.add_argument("--role", required=True, choices=ROLES)
        create.add_argument("--staff", help="staff_id to link")
        create.add_argument("--name", default="", help="display name")
        setpw = sub.add_parser("set-password", help="set a password (enables login)")
        setpw.add_argument("username")
        setpw.add_argument("--stdin", action="store_true", help="read the password from standard input")
        assist = sub.add_parser("assist", help="an assistant (法官助理) works on the cases of a judge")
        assist.add_argument("username", help="the assistant's username")
        assist.add_argument("judge", help="the judge's staff_id (执行法官 of the same court)")
        sub.add_parser("sync", help="turn imported staff into users (login disabled)")
        demo = sub.add_parser("demo", help="one demo user per role in a demo court")
        demo.add_argument("--court", default=actions.DEMO_COURT)
        demo.add_argument("--reset", action="store_true", help="give existing demo users new passwords")
        token = sub.add_parser("token", help="issue an API token for a user (shown once)")
        token.add_argument("username")
        token.add_argument("--name", default="api", help="which system will use it")

    def handle(self, *args, **options) -> None:
        try:
            getattr(self, "_" + options["sub"].replace("-", "_"))(options)
        except actions.AccountError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("password: " + "；".join(exc.messages)) from exc

    def _create(self, o) -> None:
        actions.create_user(o["username"], court_code=o["court"], role=o["role"], staff_id=o["staff"], full_name=o["name"])
        self.stdout.write(f"已创建用户 {o['username']}（{o['court']} {o['role']}），设置密码后方可登录")

    def _set_password(self, o) -> None:
        if o["stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("新密码: ")
            if password != getpass.getpass("再次输入: "):
                raise CommandError("两次输入的密码不一致")
        actions.set_password(o["username"], password)
        self.stdout.write(f"已为 {o['username']} 设置密码")

    def _assist(self, o) -> None:
        actions.assign_assistant(o["username"], o["judge"])
        self.stdout.write(f"{o['username']} 协助法官 {o['judge']}：可查看该法官承办的案件及其预警")

    def _sync(self, o) -> None:
        report = actions.sync_staff()
        self.stdout.write(f"新建用户 {len(report.created)} 个（设置密码前不能登录）")
        for item in report.skipped:
            self.stdout.write(f"  跳过 {item}")

    def _demo(self, o) -> None:
        for user in actions.ensure_demo_users(o["court"], reset=o["reset"]):
            password = user.password if user.password is not None else "（已存在，密码未变；--reset 重新生成）"
            staff = f" 工号 {user.staff_id}" if user.staff_id else ""
            self.stdout.write(f"{user.role}\t{user.username}\t{password}{staff}")

    def _token(self, o) -> None:
        token = actions.issue_token(o["username"], o["name"])
        self.stdout.write(token)
