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

from bot import (
    admin_tools,
    backup_cli,
    broadcast_cli,
    checkins_cli,
    logs,
    targets_cli,
    tasks_cli,
    unit_migration,
)
from bot import config as config_module
from bot.app import BotApp
from bot.config import Config, ConfigError
from bot.startup import StartFailure
from bot.texts import admin as t
from bot.texts import broadcast as bt
from bot.texts import checkins as checkin_texts
from bot.texts import operations as ot
from bot.texts import targets as target_texts
from bot.texts import tasks as task_texts
from models import migrate
from models.base import Clock, utcnow
from models.engine import create_engine, ensure_sqlite_folder, session_factory

DEFAULT_CONFIG = Path("config.toml")
DEMO_DB = "data/demo.db"


CHANNELS = ["telegram", "zalo", "webchat"]


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        label = t.HELP_USAGE if prefix is None else prefix
        super().add_usage(usage, actions, groups, label)


class _Parser(argparse.ArgumentParser):
    """argparse with its own headings and help option in Vietnamese first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._optionals.title = t.HELP_OPTIONS
        self._positionals.title = t.HELP_ARGUMENTS
        self.add_argument("-h", "--help", action="help", help=t.HELP_HELP)


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help=t.HELP_CONFIG)


def _account_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--channel", choices=CHANNELS, required=True, help=t.HELP_CHANNEL)
    parser.add_argument("--user-id", required=True, help=t.HELP_USER_ID)


def _yes_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--yes", action="store_true", help=t.HELP_YES)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mangluoi", description=t.CLI_DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar=t.HELP_COMMAND)

    run = commands.add_parser("run", help=t.HELP_RUN)
    _config_option(run)

    demo = commands.add_parser("demo", help=t.HELP_DEMO)
    demo.add_argument("--port", type=int, default=8080, help=t.HELP_DEMO_PORT)
    demo.add_argument("--host", default="127.0.0.1", help=t.HELP_DEMO_HOST)
    demo.add_argument("--db", default=DEMO_DB, help=t.HELP_DEMO_DB.format(path=DEMO_DB))

    db = commands.add_parser("db", help=t.HELP_DB)
    db.add_argument("action", choices=["upgrade", "downgrade", "current"], help=t.HELP_DB_ACTION)
    db.add_argument("--revision", default=None, help=t.HELP_DB_REVISION)
    _config_option(db)

    admin = commands.add_parser("admin", help=t.HELP_ADMIN)
    admin_actions = admin.add_subparsers(dest="action", required=True, metavar=t.HELP_ACTION)
    grant = admin_actions.add_parser("grant", help=t.HELP_GRANT)
    _account_options(grant)
    grant.add_argument(
        "--role", choices=["member", "coordinator", "admin"], required=True, help=t.HELP_ROLE
    )
    grant.add_argument(
        "--scope-catalog", choices=["2024", "2025"], default=None, help=t.HELP_SCOPE_CATALOG
    )
    grant.add_argument("--scope-code", default=None, help=t.HELP_SCOPE_CODE)
    _yes_option(grant)
    _config_option(grant)
    revoke = admin_actions.add_parser("revoke", help=t.HELP_REVOKE)
    _account_options(revoke)
    _yes_option(revoke)
    _config_option(revoke)

    units = commands.add_parser("units", help=t.HELP_UNITS)
    unit_actions = units.add_subparsers(dest="action", required=True, metavar=t.HELP_ACTION)
    unit_move = unit_actions.add_parser("migrate", help=t.HELP_UNITS_MIGRATE)
    unit_move.add_argument("--to", choices=["2025"], required=True, help=t.HELP_UNITS_TO)
    unit_move.add_argument("--dry-run", action="store_true", help=t.HELP_UNITS_DRY_RUN)
    _config_option(unit_move)
    notice = commands.add_parser("broadcast", help=bt.CLI_HELP)
    notice.add_argument("--file", type=Path, required=True, help=t.HELP_BROADCAST_FILE)
    notice.add_argument("--dry-run", action="store_true", help=t.HELP_BROADCAST_DRY_RUN)
    _config_option(notice)
    tasks_cli.add_parser(commands, config_option=_config_option)
    save = commands.add_parser("backup", help=ot.BACKUP_HELP)
    save.add_argument("--out", type=Path, required=True, help=ot.BACKUP_OUT_HELP)
    _config_option(save)
    load = commands.add_parser("restore", help=ot.RESTORE_HELP)
    load.add_argument("--from", dest="source", type=Path, required=True, help=ot.RESTORE_FROM_HELP)
    load.add_argument("--yes", action="store_true", help=ot.RESTORE_YES_HELP)
    _config_option(load)
    _targets_parser(commands)
    rounds = commands.add_parser("checkins", help=checkin_texts.CLI_HELP)
    round_actions = rounds.add_subparsers(dest="action", required=True, metavar=t.HELP_ACTION)
    opening = round_actions.add_parser("open", help=checkin_texts.CLI_OPEN_HELP)
    opening.add_argument("--file", type=Path, required=True, help=checkin_texts.CLI_FILE_HELP)
    opening.add_argument("--dry-run", action="store_true", help=checkin_texts.CLI_DRY_RUN_HELP)
    _config_option(opening)
    summary = commands.add_parser("report", help=checkin_texts.REPORT_CLI_HELP)
    which = summary.add_mutually_exclusive_group(required=True)
    which.add_argument("--round", type=int, help=checkin_texts.REPORT_ROUND_HELP)
    which.add_argument("--latest", action="store_true", help=checkin_texts.REPORT_LATEST_HELP)
    summary.add_argument(
        "--format",
        choices=("text", "xlsx", "png", "csv"),
        default="text",
        help=checkin_texts.REPORT_FORMAT_HELP,
    )
    summary.add_argument("--out", type=Path, help=checkin_texts.REPORT_OUT_HELP)
    _config_option(summary)
    return parser


def _targets_parser(commands: Any) -> None:
    targets = commands.add_parser("targets", help=target_texts.CLI_HELP)
    actions = targets.add_subparsers(dest="action", required=True, metavar=t.HELP_ACTION)
    show = actions.add_parser("show", help=target_texts.CLI_SHOW_HELP)
    show.add_argument(
        "--scope",
        default=None,
        metavar=target_texts.CLI_SCOPE_METAVAR,
        help=target_texts.CLI_SCOPE_HELP,
    )
    show.add_argument(
        "--format", choices=targets_cli.FORMATS, default="text", help=target_texts.CLI_FORMAT_HELP
    )
    show.add_argument("--out", type=Path, default=None, help=target_texts.CLI_OUT_HELP)
    _config_option(show)
    villages = actions.add_parser("import-villages", help=target_texts.CLI_IMPORT_HELP)
    villages.add_argument(
        "file", type=Path, metavar=target_texts.CLI_FILE_METAVAR, help=target_texts.CLI_FILE_HELP
    )
    villages.add_argument("--dry-run", action="store_true", help=target_texts.CLI_DRY_RUN_HELP)
    _config_option(villages)


def demo_config(args: argparse.Namespace) -> Config:
    """The configuration of `mangluoi demo`: web chat only, on a local SQLite file."""
    raw = {
        "database": {"url": f"sqlite+aiosqlite:///{args.db}"},
        "web": {"host": args.host, "port": args.port, "webchat_enabled": True},
        "telegram": {"enabled": False},
    }
    return config_module.build(raw, environ={})


async def _demo(config: Config, clock: Clock) -> None:
    app = BotApp(config, seed_demo=True, clock=clock)

    def started() -> None:
        print(t.DEMO_RUNNING.format(url=f"http://{config.web.host}:{app.web_port}/chat/"))

    await app.run_until_signal(started)


async def _grant(config: Config, args: argparse.Namespace, clock: Clock) -> int:
    names = {"channel": args.channel, "user_id": args.user_id}
    catalog = args.scope_catalog or config.units.catalog
    problem = admin_tools.scope_problem(args.role, catalog, args.scope_code)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    scope = (catalog, args.scope_code) if args.scope_code else (None, None)
    async with _database(config, clock) as sessions, sessions() as session:
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


async def _revoke(config: Config, args: argparse.Namespace, clock: Clock) -> int:
    names = {"channel": args.channel, "user_id": args.user_id}
    async with _database(config, clock) as sessions, sessions() as session:
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
async def _database(
    config: Config, clock: Clock
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """The migrated database of a command-line task (stamping rows by `clock`), closed
    afterwards."""
    ensure_sqlite_folder(config.database.url)
    await migrate.upgrade_async(config.database.url)
    engine = create_engine(config.database.url)
    try:
        yield session_factory(engine, clock=clock)
    finally:
        await engine.dispose()


async def _migrate_units(config: Config, args: argparse.Namespace, clock: Clock) -> int:
    _report, text = await unit_migration.run(config, to=args.to, dry_run=args.dry_run, clock=clock)
    print(text)
    return 0


async def _targets(config: Config, args: argparse.Namespace, clock: Clock) -> int:
    try:
        if args.action == "import-villages":
            print(
                await targets_cli.import_villages(
                    config, args.file, dry_run=args.dry_run, clock=clock
                )
            )
            return 0
        if args.format != "text" and args.out is None:
            print(target_texts.CLI_NEEDS_OUT.format(format=args.format), file=sys.stderr)
            return 2
        output = await targets_cli.show(
            config, scope_text=args.scope, form=args.format, now=clock()
        )
    except targets_cli.TargetsCliError as error:
        print(str(error), file=sys.stderr)
        return 2
    if output.text is not None and args.out is None:
        print(output.text)
        return 0
    content = output.content if output.content is not None else (output.text or "").encode()
    await asyncio.to_thread(args.out.write_bytes, content)
    print(target_texts.CLI_WROTE.format(path=args.out, size=len(content)))
    return 0


async def _broadcast(config: Config, args: argparse.Namespace, clock: Clock) -> int:
    try:
        print(await broadcast_cli.run(config, args.file, dry_run=args.dry_run, clock=clock))
    except broadcast_cli.NoticeError as error:
        print(bt.CLI_ERROR.format(error=error), file=sys.stderr)
        return 2
    return 0


async def _checkins(config: Config, args: argparse.Namespace, clock: Clock) -> int:
    try:
        print(await checkins_cli.run(config, args.file, dry_run=args.dry_run, clock=clock))
    except checkins_cli.RoundFileError as error:
        print(checkin_texts.CLI_ERROR.format(error=error), file=sys.stderr)
        return 2
    return 0


async def _report(config: Config, args: argparse.Namespace, clock: Clock) -> int:
    try:
        print(
            await checkins_cli.report(
                config, round_id=args.round, fmt=args.format, out=args.out, clock=clock
            )
        )
    except checkins_cli.RoundFileError as error:
        print(checkin_texts.CLI_ERROR.format(error=error), file=sys.stderr)
        return 2
    return 0


async def _tasks(config: Config, args: argparse.Namespace, clock: Clock) -> int:
    try:
        print(await tasks_cli.run(config, args, now=clock()))
    except tasks_cli.TasksCliError as error:
        print(task_texts.CLI_ERROR.format(error=error), file=sys.stderr)
        return 2
    return 0


def main(argv: Sequence[str] | None = None, *, clock: Clock = utcnow) -> int:
    """Entry point of the `mangluoi` console script (tests hand it their clock)."""
    args = _parser().parse_args(argv)
    try:
        demo = args.command == "demo"
        needs_channels = args.command == "run"
        config = (
            demo_config(args) if demo else config_module.load(args.config, channels=needs_channels)
        )
    except ConfigError as error:
        print(t.CONFIG_ERROR.format(error=error), file=sys.stderr)
        return 2
    logs.setup(config.secrets())
    try:
        if args.command == "run":
            asyncio.run(BotApp(config, clock=clock).run_until_signal())
        elif args.command == "demo":
            asyncio.run(_demo(config, clock))
        elif args.command == "db":
            ensure_sqlite_folder(config.database.url)
            action = {"upgrade": migrate.upgrade, "downgrade": migrate.downgrade}
            if args.action == "current":
                migrate.current(config.database.url)
            else:
                default = "head" if args.action == "upgrade" else "-1"
                action[args.action](config.database.url, args.revision or default)
        elif args.command == "admin" and args.action == "revoke":
            return asyncio.run(_revoke(config, args, clock))
        elif args.command == "admin":
            return asyncio.run(_grant(config, args, clock))
        elif args.command == "broadcast":
            return asyncio.run(_broadcast(config, args, clock))
        elif args.command == "tasks":
            return asyncio.run(_tasks(config, args, clock))
        elif args.command == "units":
            return asyncio.run(_migrate_units(config, args, clock))
        elif args.command == "backup":
            return backup_cli.backup(config, args.out)
        elif args.command == "restore":
            return backup_cli.restore(config, args.source, yes=args.yes)
        elif args.command == "targets":
            return asyncio.run(_targets(config, args, clock))
        elif args.command == "checkins":
            return asyncio.run(_checkins(config, args, clock))
        elif args.command == "report":
            return asyncio.run(_report(config, args, clock))
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
