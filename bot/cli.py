"""The `mangluoi` command: run the bot, the demo, migrations and admin tasks."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import admin_tools, broadcast_cli, logs, targets_cli, unit_migration
from bot import config as config_module
from bot.app import BotApp
from bot.config import Config, ConfigError
from bot.startup import StartFailure
from bot.texts import admin as t
from bot.texts import broadcast as bt
from bot.texts import targets as tt
from models import migrate
from models.engine import create_engine, ensure_sqlite_folder, session_factory

DEFAULT_CONFIG = Path("config.toml")
DEMO_DB = "data/demo.db"


CONFIG_HELP = "tệp cấu hình TOML / configuration file (mặc định / default: config.toml)"
CHANNELS = ["telegram", "zalo", "webchat"]


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        label = "Cách dùng / usage: " if prefix is None else prefix
        super().add_usage(usage, actions, groups, label)


class _Parser(argparse.ArgumentParser):
    """argparse with its own headings and help option in Vietnamese first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._optionals.title = "tùy chọn / options"
        self._positionals.title = "tham số / arguments"
        self.add_argument("-h", "--help", action="help", help="hiện trợ giúp này / show this help")


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help=CONFIG_HELP)


def _account_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--channel", choices=CHANNELS, required=True, help="kênh của tài khoản / messenger"
    )
    parser.add_argument(
        "--user-id",
        required=True,
        help="mã người dùng trên kênh đó (Telegram: user id số) / the account's id there",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mangluoi",
        description="Trợ lý Mạng lưới chuyển đổi số tỉnh Gia Lai / the network's chatbot",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    run = commands.add_parser(
        "run", help="chạy bot: các kênh, lịch chạy và máy chủ web / run the bot"
    )
    _config_option(run)

    demo = commands.add_parser(
        "demo",
        help="chạy web chat thử trên CSDL demo, không cần token / web chat on a demo database",
    )
    demo.add_argument(
        "--port", type=int, default=8080, help="cổng web / web port (mặc định / default: 8080)"
    )
    demo.add_argument(
        "--host", default="127.0.0.1", help="địa chỉ lắng nghe / listen address (127.0.0.1)"
    )
    demo.add_argument("--db", default=DEMO_DB, help=f"tệp SQLite demo / demo file ({DEMO_DB})")

    db = commands.add_parser("db", help="nâng cấp, hạ cấp CSDL / database migrations")
    db.add_argument(
        "action",
        choices=["upgrade", "downgrade", "current"],
        help="upgrade: lên bản mới nhất; downgrade: lùi một bản; current: bản đang dùng",
    )
    db.add_argument(
        "--revision",
        default=None,
        help="bản đích / target revision (mặc định: head khi upgrade, -1 khi downgrade)",
    )
    _config_option(db)

    admin = commands.add_parser("admin", help="cấp, thu hồi vai trò / roles (có ghi nhật ký)")
    admin_actions = admin.add_subparsers(dest="action", required=True, metavar="VIỆC")
    grant = admin_actions.add_parser(
        "grant", help="cấp vai trò cho một tài khoản / give an account a role"
    )
    _account_options(grant)
    grant.add_argument(
        "--role",
        choices=["member", "coordinator", "admin"],
        required=True,
        help="thành viên, điều phối viên hoặc quản trị viên / the role",
    )
    grant.add_argument(
        "--scope-catalog",
        choices=["2024", "2025"],
        default=None,
        help="danh mục của mã đơn vị / the code's catalog (mặc định: units.catalog)",
    )
    grant.add_argument(
        "--scope-code",
        default=None,
        help="mã huyện hoặc xã của điều phối viên; bỏ trống = toàn tỉnh / district or commune",
    )
    grant.add_argument(
        "--yes", action="store_true", help="xác nhận bỏ quyền quản trị / confirm removing admin"
    )
    _config_option(grant)
    revoke = admin_actions.add_parser(
        "revoke", help="thu hồi vai trò, trở về thành viên / take a role back"
    )
    _account_options(revoke)
    revoke.add_argument(
        "--yes", action="store_true", help="xác nhận bỏ quyền quản trị / confirm removing admin"
    )
    _config_option(revoke)

    units = commands.add_parser("units", help="danh mục đơn vị hành chính / unit catalogs")
    unit_actions = units.add_subparsers(dest="action", required=True, metavar="VIỆC")
    unit_move = unit_actions.add_parser(
        "migrate", help="chuyển thành viên, tổ sang danh mục mới / move to another catalog"
    )
    unit_move.add_argument("--to", choices=["2025"], required=True, help="danh mục đích / target")
    unit_move.add_argument(
        "--dry-run", action="store_true", help="chỉ báo cáo, không ghi / report only"
    )
    _config_option(unit_move)
    notice = commands.add_parser("broadcast", help=bt.CLI_HELP)
    notice.add_argument(
        "--file",
        type=Path,
        required=True,
        help="tệp TOML của thông báo (mẫu: examples/thongbao.toml) / the notice file",
    )
    notice.add_argument(
        "--dry-run", action="store_true", help="chỉ xem trước, không gửi / preview only"
    )
    _config_option(notice)
    _targets_parser(commands)
    return parser


def _targets_parser(commands: Any) -> None:
    targets = commands.add_parser("targets", help=tt.CLI_HELP)
    actions = targets.add_subparsers(dest="action", required=True, metavar="VIỆC")
    show = actions.add_parser("show", help=tt.CLI_SHOW_HELP)
    show.add_argument("--scope", default=None, metavar="district:MÃ", help=tt.CLI_SCOPE_HELP)
    show.add_argument(
        "--format", choices=targets_cli.FORMATS, default="text", help=tt.CLI_FORMAT_HELP
    )
    show.add_argument("--out", type=Path, default=None, help=tt.CLI_OUT_HELP)
    _config_option(show)
    villages = actions.add_parser("import-villages", help=tt.CLI_IMPORT_HELP)
    villages.add_argument("file", type=Path, metavar="TỆP", help=tt.CLI_FILE_HELP)
    villages.add_argument("--dry-run", action="store_true", help=tt.CLI_DRY_RUN_HELP)
    _config_option(villages)


def demo_config(args: argparse.Namespace) -> Config:
    """The configuration of `mangluoi demo`: web chat only, on a local SQLite file."""
    raw = {
        "database": {"url": f"sqlite+aiosqlite:///{args.db}"},
        "web": {"host": args.host, "port": args.port, "webchat_enabled": True},
        "telegram": {"enabled": False},
    }
    return config_module.build(raw, environ={})


async def _demo(config: Config) -> None:
    app = BotApp(config, seed_demo=True)

    def started() -> None:
        print(f"Web chat: http://{config.web.host}:{app.web_port}/chat/  (Ctrl+C để dừng)")

    await app.run_until_signal(started)


async def _grant(config: Config, args: argparse.Namespace) -> int:
    names = {"channel": args.channel, "user_id": args.user_id}
    catalog = args.scope_catalog or config.units.catalog
    problem = admin_tools.scope_problem(args.role, catalog, args.scope_code)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    scope = (catalog, args.scope_code) if args.scope_code else (None, None)
    async with _database(config) as sessions, sessions() as session:
        before = await admin_tools.current_role(session, **names)
        if before is not None and before[0] == "admin" and args.role != "admin" and not args.yes:
            print(t.NEEDS_YES.format(**names), file=sys.stderr)
            return 1
        member = await admin_tools.grant(
            session,
            **names,
            role=args.role,
            by="cli",
            scope_catalog=scope[0],
            scope_code=scope[1],
        )
        await session.commit()
    after = admin_tools.describe_role(args.role, *scope)
    if before is None:
        print(t.GRANTED.format(role=after, member_id=member.id, **names))
    else:
        old = admin_tools.describe_role(*before)
        template = t.UNCHANGED if old == after else t.CHANGED
        print(template.format(before=old, after=after, member_id=member.id, **names))
    return 0


async def _revoke(config: Config, args: argparse.Namespace) -> int:
    names = {"channel": args.channel, "user_id": args.user_id}
    async with _database(config) as sessions, sessions() as session:
        before = await admin_tools.current_role(session, **names)
        if before is not None and before[0] == "admin" and not args.yes:
            print(t.NEEDS_YES.format(**names), file=sys.stderr)
            return 1
        member, changed = await admin_tools.revoke(session, **names, by="cli")
        await session.commit()
    if member is None:
        print(t.REVOKE_UNKNOWN.format(**names), file=sys.stderr)
        return 1
    print((t.REVOKED if changed else t.REVOKE_NOTHING).format(member_id=member.id, **names))
    return 0


@contextlib.asynccontextmanager
async def _database(config: Config) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """The migrated database of a command-line task, closed afterwards."""
    ensure_sqlite_folder(config.database.url)
    await migrate.upgrade_async(config.database.url)
    engine = create_engine(config.database.url)
    try:
        yield session_factory(engine)
    finally:
        await engine.dispose()


async def _migrate_units(config: Config, args: argparse.Namespace) -> int:
    _report, text = await unit_migration.run(config, to=args.to, dry_run=args.dry_run)
    print(text)
    return 0


async def _targets(config: Config, args: argparse.Namespace) -> int:
    try:
        if args.action == "import-villages":
            print(await targets_cli.import_villages(config, args.file, dry_run=args.dry_run))
            return 0
        if args.format != "text" and args.out is None:
            print(tt.CLI_NEEDS_OUT.format(format=args.format), file=sys.stderr)
            return 2
        output = await targets_cli.show(config, scope_text=args.scope, form=args.format)
    except targets_cli.TargetsCliError as error:
        print(str(error), file=sys.stderr)
        return 2
    if output.text is not None and args.out is None:
        print(output.text)
        return 0
    content = output.content if output.content is not None else (output.text or "").encode()
    await asyncio.to_thread(args.out.write_bytes, content)
    print(tt.CLI_WROTE.format(path=args.out, size=len(content)))
    return 0


async def _broadcast(config: Config, args: argparse.Namespace) -> int:
    try:
        print(await broadcast_cli.run(config, args.file, dry_run=args.dry_run))
    except broadcast_cli.NoticeError as error:
        print(bt.CLI_ERROR.format(error=error), file=sys.stderr)
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `mangluoi` console script."""
    args = _parser().parse_args(argv)
    try:
        demo = args.command == "demo"
        needs_channels = args.command == "run"
        config = (
            demo_config(args) if demo else config_module.load(args.config, channels=needs_channels)
        )
    except ConfigError as error:
        print(f"Lỗi cấu hình / configuration error: {error}", file=sys.stderr)
        return 2
    logs.setup(config.secrets())
    try:
        if args.command == "run":
            asyncio.run(BotApp(config).run_until_signal())
        elif args.command == "demo":
            asyncio.run(_demo(config))
        elif args.command == "db":
            ensure_sqlite_folder(config.database.url)
            action = {"upgrade": migrate.upgrade, "downgrade": migrate.downgrade}
            if args.action == "current":
                migrate.current(config.database.url)
            else:
                default = "head" if args.action == "upgrade" else "-1"
                action[args.action](config.database.url, args.revision or default)
        elif args.command == "admin" and args.action == "revoke":
            return asyncio.run(_revoke(config, args))
        elif args.command == "admin":
            return asyncio.run(_grant(config, args))
        elif args.command == "broadcast":
            return asyncio.run(_broadcast(config, args))
        elif args.command == "units":
            return asyncio.run(_migrate_units(config, args))
        elif args.command == "targets":
            return asyncio.run(_targets(config, args))
    except StartFailure as failure:
        print(
            logs.redact(t.START_FAILED.format(problem=failure), config.secrets()), file=sys.stderr
        )
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        logging.getLogger("mangluoi").error("%s", error)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
