"""`zhixing users {create,set-password,assist,sync,demo,token}`."""

from __future__ import annotations

import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhixing.accounts import commands
from zhixing.accounts.models import ROLES
from zhixing.audit.log import record_command
from zhixing.core import clock
from zhixing.core.commands import Actor
from zhixing.tokens import commands as tokens
from zhixing.tokens.queries import token_rows


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
        demo.add_argument("--court", default=commands.DEMO_COURT)
        demo.add_argument("--reset", action="store_true", help="give existing demo users new passwords")
        token = sub.add_parser(
            "token", help="issue an API token for a user (shown once), or --list / --revoke PREFIX"
        )
        token.add_argument("username", nargs="?")
        token.add_argument("--name", default="api", help="which system will use it")
        token.add_argument("--days", type=int, help="days the token is valid (default ZHIXING_TOKEN_DAYS)")
        token.add_argument("--list", action="store_true", help="list tokens (of USERNAME, or all)")
        token.add_argument("--revoke", metavar="PREFIX", help="revoke the token with this prefix")

    def handle(self, *args, **options) -> None:
        try:
            getattr(self, "_" + options["sub"].replace("-", "_"))(options)
        except (commands.AccountError, tokens.TokenError) as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("password: " + "；".join(exc.messages)) from exc

    def _create(self, o) -> None:
        commands.create_user(o["username"], court_code=o["court"], role=o["role"], staff_id=o["staff"], full_name=o["name"])
        self.stdout.write(f"已创建用户 {o['username']}（{o['court']} {o['role']}），设置密码后方可登录")

    def _set_password(self, o) -> None:
        if o["stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("新密码: ")
            if password != getpass.getpass("再次输入: "):
                raise CommandError("两次输入的密码不一致")
        commands.set_password(o["username"], password)
        self.stdout.write(f"已为 {o['username']} 设置密码")

    def _assist(self, o) -> None:
        commands.assign_assistant(o["username"], o["judge"])
        self.stdout.write(f"{o['username']} 协助法官 {o['judge']}：可查看该法官承办的案件及其预警")

    def _sync(self, o) -> None:
        report = commands.sync_staff()
        self.stdout.write(f"新建用户 {len(report.created)} 个（设置密码前不能登录）")
        for item in report.skipped:
            self.stdout.write(f"  跳过 {item}")

    def _demo(self, o) -> None:
        for user in commands.ensure_demo_users(o["court"], reset=o["reset"]):
            password = user.password if user.password is not None else "（已存在，密码未变；--reset 重新生成）"
            staff = f" 工号 {user.staff_id}" if user.staff_id else ""
            self.stdout.write(f"{user.role}\t{user.username}\t{password}{staff}")

    def _token(self, o) -> None:
        if o["list"] and o["revoke"]:
            raise CommandError("--list 与 --revoke 不能同时使用")
        if o["list"]:
            self._list_tokens(o["username"])
        elif o["revoke"]:
            revoked = tokens.revoke_token(Actor.command_line(), o["revoke"])
            self.stdout.write(f"已吊销令牌 {revoked.prefix}（{revoked.user.get_username()}，{revoked.name}），此后使用即返回 401")
        elif o["username"]:
            issued = tokens.issue_token(Actor.command_line(), o["username"], o["name"], days=o["days"])
            self.stdout.write(issued.token)
            self.stderr.write(f"令牌 {issued.prefix} 有效至 {_moment(issued.expires_at)}，只显示这一次")
        else:
            raise CommandError("username: 签发令牌需要用户名；列出用 --list，吊销用 --revoke PREFIX")

    def _list_tokens(self, username: str | None) -> None:
        rows = token_rows(username)
        record_command("list_tokens", "api_token", username or "*", detail={"count": len(rows)})
        self.stdout.write("前缀\t用户\t用途\t签发\t有效至\t最近使用\t状态")
        for row in rows:
            last = _moment(row.last_used_at) if row.last_used_at else "从未使用"
            self.stdout.write("\t".join([
                row.prefix, row.username, row.name, _moment(row.created_at), _moment(row.expires_at), last, row.status,
            ]))


def _moment(moment) -> str:
    return f"{moment.astimezone(clock.SHANGHAI):%Y-%m-%d %H:%M}"
