"""`mangluoi tasks …`: import a plan's table of tasks, list and show tasks, set deadlines,
change who does a task, export the progress spreadsheet, keep the admin's days off and a
task's own reminder days.

    mangluoi tasks import ke-hoach.docx --plan "KH 1690 Gia Lai" [--dry-run]
    mangluoi tasks list [--plan P] [--kind yearly|needs_date|…]
    mangluoi tasks show 5.2 [--plan P]
    mangluoi tasks set-deadline 5.2 30/06/2026 [--org "UBND huyện Ia Grai"] [--year 2026]
    mangluoi tasks set-deadline 4.1 --yearly 30/11        (or --yearly default)
    mangluoi tasks assign 6.1 --add "Sở Nội vụ" | --remove "Báo Gia Lai" | --move A B
    mangluoi tasks export --format xlsx [--out tien-do.xlsx]
    mangluoi tasks days-off add 02/01/2026 "Nghỉ bù" | remove 02/01/2026 | list
    mangluoi tasks reminders 5.2 [--offsets "7, 1, 0" | --offsets default]

What the admin reads is built in rendering/ (tasks, task_import_report, task_export), so the
chat and jobs show the same words.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Awaitable, Callable

from bot.config import Config
from bot.tasks_cli.changes import assign, set_deadline
from bot.tasks_cli.files import export, import_plan, read_plan_file
from bot.tasks_cli.lookup import TasksCliError
from bot.tasks_cli.parser import add_parser
from bot.tasks_cli.reminders import days_off_action, reminder_offsets
from bot.tasks_cli.views import list_tasks, show
from models.base import utcnow

Action = Callable[[Config, argparse.Namespace, dt.datetime], Awaitable[str]]

ACTIONS: dict[str, Action] = {
    "import": import_plan,
    "list": list_tasks,
    "show": show,
    "set-deadline": set_deadline,
    "assign": assign,
    "export": export,
    "days-off": days_off_action,
    "reminders": reminder_offsets,
}

__all__ = ["ACTIONS", "TasksCliError", "add_parser", "read_plan_file", "run"]


async def run(config: Config, args: argparse.Namespace, *, now: dt.datetime | None = None) -> str:
    """Do one `mangluoi tasks` action and return what to print (raises TasksCliError)."""
    return await ACTIONS[args.action](config, args, now or utcnow())
