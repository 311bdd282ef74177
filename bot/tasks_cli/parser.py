"""The arguments of `mangluoi tasks …`, every one described, Vietnamese first."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from bot.texts import tasks as t

ConfigOption = Callable[[argparse.ArgumentParser], None]


def _plan_option(parser: argparse.ArgumentParser, help_key: str = "plan") -> None:
    parser.add_argument(
        "--plan", default=None, metavar=t.CLI_METAVARS["plan"], help=t.CLI_OPTIONS[help_key]
    )


def _number(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", metavar=t.CLI_METAVARS["number"], help=t.CLI_OPTIONS["number"])


def _import(actions: argparse._SubParsersAction) -> argparse.ArgumentParser:
    load = actions.add_parser("import", help=t.CLI_ACTIONS["import"])
    load.add_argument(
        "file", type=Path, metavar=t.CLI_METAVARS["file"], help=t.CLI_OPTIONS["file"]
    )
    _plan_option(load, "import_plan")
    load.add_argument("--dry-run", action="store_true", help=t.CLI_OPTIONS["dry_run"])
    return load


def _list(actions: argparse._SubParsersAction) -> argparse.ArgumentParser:
    listing = actions.add_parser("list", help=t.CLI_ACTIONS["list"])
    listing.add_argument("--kind", choices=list(t.KINDS), default=None, help=t.CLI_OPTIONS["kind"])
    _plan_option(listing)
    return listing


def _show(actions: argparse._SubParsersAction) -> argparse.ArgumentParser:
    show = actions.add_parser("show", help=t.CLI_ACTIONS["show"])
    _number(show)
    _plan_option(show)
    return show


def _set_deadline(actions: argparse._SubParsersAction) -> argparse.ArgumentParser:
    deadline = actions.add_parser("set-deadline", help=t.CLI_ACTIONS["set-deadline"])
    _number(deadline)
    deadline.add_argument(
        "date", nargs="?", default=None, metavar=t.CLI_METAVARS["date"], help=t.CLI_OPTIONS["date"]
    )
    deadline.add_argument(
        "--org", default=None, metavar=t.CLI_METAVARS["org"], help=t.CLI_OPTIONS["org"]
    )
    deadline.add_argument(
        "--year",
        type=int,
        default=None,
        metavar=t.CLI_METAVARS["year"],
        help=t.CLI_OPTIONS["year"],
    )
    deadline.add_argument(
        "--yearly", default=None, metavar=t.CLI_METAVARS["yearly"], help=t.CLI_OPTIONS["yearly"]
    )
    _plan_option(deadline)
    return deadline


def _assign(actions: argparse._SubParsersAction) -> argparse.ArgumentParser:
    assign = actions.add_parser("assign", help=t.CLI_ACTIONS["assign"])
    _number(assign)
    group = assign.add_mutually_exclusive_group(required=True)
    org = t.CLI_METAVARS["org"]
    group.add_argument("--add", default=None, metavar=org, help=t.CLI_OPTIONS["add"])
    group.add_argument("--remove", default=None, metavar=org, help=t.CLI_OPTIONS["remove"])
    group.add_argument(
        "--move", nargs=2, default=None, metavar=t.CLI_MOVE_METAVARS, help=t.CLI_OPTIONS["move"]
    )
    _plan_option(assign)
    return assign


def _export(actions: argparse._SubParsersAction) -> argparse.ArgumentParser:
    export = actions.add_parser("export", help=t.CLI_ACTIONS["export"])
    export.add_argument("--format", choices=["xlsx"], default="xlsx", help=t.CLI_OPTIONS["format"])
    export.add_argument("--out", type=Path, default=None, help=t.CLI_OPTIONS["out"])
    _plan_option(export)
    return export


def _days_off(actions: argparse._SubParsersAction) -> argparse.ArgumentParser:
    days = actions.add_parser("days-off", help=t.CLI_ACTIONS["days-off"])
    days.add_argument("what", choices=["add", "remove", "list"], help=t.CLI_OPTIONS["days_off"])
    days.add_argument(
        "date", nargs="?", default=None, metavar=t.CLI_METAVARS["date"], help=t.CLI_OPTIONS["day"]
    )
    days.add_argument(
        "name", nargs="?", default=None, metavar=t.CLI_METAVARS["name"], help=t.CLI_OPTIONS["name"]
    )
    return days


def _reminders(actions: argparse._SubParsersAction) -> argparse.ArgumentParser:
    reminders = actions.add_parser("reminders", help=t.CLI_ACTIONS["reminders"])
    _number(reminders)
    reminders.add_argument(
        "--offsets",
        default=None,
        metavar=t.CLI_METAVARS["offsets"],
        help=t.CLI_OPTIONS["offsets"],
    )
    _plan_option(reminders)
    return reminders


def add_parser(commands: argparse._SubParsersAction, *, config_option: ConfigOption) -> None:
    """Add `tasks` and its actions to the `mangluoi` parser; `config_option` adds --config."""
    parser = commands.add_parser("tasks", help=t.CLI_HELP)
    actions = parser.add_subparsers(dest="action", required=True, metavar=t.CLI_ACTION_METAVAR)
    for build in (_import, _list, _show, _set_deadline, _assign, _export, _days_off, _reminders):
        config_option(build(actions))
