"""The `mangluoi` command: run the bot, the demo, migrations and admin tasks."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import admin_tools, broadcast_cli, logs, unit_migration
from bot import config as config_module
from bot.app import BotApp
from bot.config import Config, ConfigError
from bot.texts import admin as t
from bot.texts import broadcast as bt
from models import migrate
from models.engine import create_engine, ensure_sqlite_folder, session_factory

DEFAULT_CONFIG = Path("config.toml")
DEMO_DB = "data/demo.db"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mangluoi", description=t.CLI_DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the configured channels, scheduler and web server")
    run.add_argument("--config", type=Path, default=DEFAULT_CONFIG)

    demo = commands.add_parser("demo", help="run the web chat on a local demo database")
    demo.add_argument("--port", type=int, default=8080)
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--db", default=DEMO_DB)

    db = commands.add_parser("db", help="database migrations")
    db.add_argument("action", choices=["upgrade", "downgrade", "current"])
    db.add_argument("--revision", default=None)
    db.add_argument("--config", type=Path, default=DEFAULT_CONFIG)

    admin = commands.add_parser("admin", help="administration")
    admin_actions = admin.add_subparsers(dest="action", required=True)
    grant = admin_actions.add_parser("grant", help="give an account a role (audited)")
    grant.add_argument("--channel", choices=["telegram", "zalo", "webchat"], required=True)
    grant.add_argument("--user-id", required=True)
    grant.add_argument("--role", choices=["member", "coordinator", "admin"], required=True)
    grant.add_argument("--scope-catalog", default=None)
    grant.add_argument("--scope-code", default=None, help="district or commune code")
    grant.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    revoke = admin_actions.add_parser("revoke", help="take a coordinator/admin role back")
    revoke.add_argument("--channel", choices=["telegram", "zalo", "webchat"], required=True)
    revoke.add_argument("--user-id", required=True)
    revoke.add_argument("--config", type=Path, default=DEFAULT_CONFIG)

    units = commands.add_parser("units", help="administrative unit catalogs")
    unit_actions = units.add_subparsers(dest="action", required=True)
    unit_move = unit_actions.add_parser("migrate", help="move members and teams to a catalog")
    unit_move.add_argument("--to", choices=["2025"], required=True)
    unit_move.add_argument("--dry-run", action="store_true")
    unit_move.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    notice = commands.add_parser("broadcast", help=bt.CLI_HELP)
    notice.add_argument("--file", type=Path, required=True)
    notice.add_argument("--dry-run", action="store_true")
    notice.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    return parser


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
    print(t.DEMO_RUNNING.format(url=f"http://{config.web.host}:{config.web.port}/chat/"))
    await app.run_until_signal()


async def _grant(config: Config, args: argparse.Namespace) -> None:
    ensure_sqlite_folder(config.database.url)
    await migrate.upgrade_async(config.database.url)
    engine = create_engine(config.database.url)
    try:
        async with session_factory(engine)() as session:
            member = await admin_tools.grant(
                session,
                channel=args.channel,
                user_id=args.user_id,
                role=args.role,
                by="cli",
                scope_catalog=args.scope_catalog,
                scope_code=args.scope_code,
            )
            await session.commit()
    finally:
        await engine.dispose()
    print(
        t.GRANTED.format(
            role=t.ROLE_NAMES[args.role],
            channel=args.channel,
            user_id=args.user_id,
            member_id=member.id,
        )
    )


async def _revoke(config: Config, args: argparse.Namespace) -> int:
    ensure_sqlite_folder(config.database.url)
    await migrate.upgrade_async(config.database.url)
    engine = create_engine(config.database.url)
    try:
        async with session_factory(engine)() as session:
            member, changed = await admin_tools.revoke(
                session, channel=args.channel, user_id=args.user_id, by="cli"
            )
            await session.commit()
    finally:
        await engine.dispose()
    names = {"channel": args.channel, "user_id": args.user_id}
    if member is None:
        print(t.REVOKE_UNKNOWN.format(**names), file=sys.stderr)
        return 1
    print((t.REVOKED if changed else t.REVOKE_NOTHING).format(member_id=member.id, **names))
    return 0


async def _migrate_units(config: Config, args: argparse.Namespace) -> int:
    _report, text = await unit_migration.run(config, to=args.to, dry_run=args.dry_run)
    print(text)
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
        config = demo_config(args) if demo else config_module.load(args.config)
    except ConfigError as error:
        print(t.CONFIG_ERROR.format(error=error), file=sys.stderr)
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
            asyncio.run(_grant(config, args))
        elif args.command == "broadcast":
            return asyncio.run(_broadcast(config, args))
        elif args.command == "units":
            return asyncio.run(_migrate_units(config, args))
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        logging.getLogger("mangluoi").error("%s", error)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
