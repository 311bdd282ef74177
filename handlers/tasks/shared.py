"""What every step of /nhiemvu needs: today's date, the person's role and scope, a page of a
long list, an organisation picked from what was typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.buttons.choices import OrgChoice, PageChoice
from bot.context import Context
from bot.conversation import Retry, Turn
from bot.events import Option, Reply
from bot.texts import broadcast as bt
from bot.texts import task_chat as t
from bot.timefmt import DATE
from handlers import person_answers
from models import datetimes, tasks
from models.members import Role
from models.organisations import Organisation
from models.scopes import NOTHING, Scope
from models.scopes import of as scope_of
from models.validators import TextRule

ACTOR = "chat"
EXAMPLE_DAYS = 90
REASON_RULE = TextRule(3, 300)
"""What blocks a task, as a person writes it (in /nhiemvu and under a reminder)."""
PAGE = 8
ORG_CHOICES = 8
Item = TypeVar("Item")


def today(ctx: Context) -> dt.date:
    """The local date now."""
    return ctx.now().astimezone(ctx.config.zone).date()


def is_admin(ctx: Context) -> bool:
    """Whether the person is (still) an active admin."""
    return ctx.member is not None and ctx.member.has_role(Role.ADMIN)


def is_coordinator(ctx: Context) -> bool:
    """Whether the person is (still) an active coordinator or admin."""
    return ctx.member is not None and ctx.member.has_role(Role.COORDINATOR)


def scope(ctx: Context) -> Scope:
    """The part of the network the person follows (nothing for a member)."""
    return scope_of(ctx.member) if is_coordinator(ctx) else NOTHING


def member_id(ctx: Context) -> int | None:
    """The person's member id."""
    return ctx.member.id if ctx.member else None


async def plan_name(ctx: Context, plan_id: int) -> str:
    """The name of a plan."""
    plan = next((p for p in await tasks.plans(ctx.session) if p.id == plan_id), None)
    return plan.name if plan else ""


@dataclass(frozen=True)
class Page(Generic[Item]):
    """One page of a list: its items, the number of the first, which page of how many."""

    items: list[Item]
    first: int
    page: int
    pages: int
    total: int


def cut(items: Sequence[Item], page: int, size: int = PAGE) -> Page[Item]:
    """The page `page` (counted from 0, kept in range) of a list."""
    pages = max(1, (len(items) + size - 1) // size)
    page = min(max(0, page), pages - 1)
    start = page * size
    return Page(list(items[start : start + size]), start + 1, page, pages, len(items))


def page_options(page: Page[Item]) -> list[Option]:
    """The buttons to the previous and next page, where there are some."""
    options = []
    if page.page > 0:
        options.append(Option(bt.PREV_PAGE, PageChoice(page.page - 1).encode()))
    if page.page + 1 < page.pages:
        options.append(Option(bt.NEXT_PAGE, PageChoice(page.page + 1).encode()))
    return options


def turned_page(turn: Turn, key: str) -> bool:
    """Keep the page a page button asked for; tell whether it was one."""
    choice = PageChoice.decode(turn.value)
    if choice is None:
        return False
    turn.data[key] = choice.page
    return True


def org_options(found: Sequence[Organisation]) -> list[Option]:
    """The first organisations found, as buttons."""
    return [Option(org.display, OrgChoice(org.id or 0).encode()) for org in found[:ORG_CHOICES]]


def org_prompt(found: Sequence[Organisation], text: str) -> str:
    """The question over organisations found by a search."""
    lines = [t.PICK_ORG.format(count=len(found), text=text)]
    if len(found) > ORG_CHOICES:
        lines.append(t.PICK_ORG_MORE.format(shown=ORG_CHOICES))
    return "\n".join(lines)


def day_example(turn: Turn) -> str:
    """A day to show as an example: some weeks ahead, so it is never in the past."""
    return (today(turn.ctx) + dt.timedelta(days=EXAMPLE_DAYS)).strftime(DATE)


def typed_day(turn: Turn) -> dt.date | Retry:
    """The day typed (today or later), or the question again with the reason."""
    read = datetimes.read_date(turn.text, today=today(turn.ctx))
    if isinstance(read, dt.date):
        if read < today(turn.ctx):
            return Retry(t.DATE_PAST.format(date=read.strftime(DATE)))
        return read
    template = t.DATE_PROBLEMS.get(read.code, t.DATE_PROBLEMS["unreadable"])
    reason = template.format(text=turn.text, month=read.month, limit=read.limit, year=read.year)
    return Retry(t.DATE_AGAIN.format(reason=reason, example=day_example(turn)))


def ask_blocker() -> Reply:
    """The question after the blocked status: what blocks the task."""
    return Reply(t.ASK_REASON.format(limit=REASON_RULE.max_chars))


def typed_blocker(turn: Turn) -> str | Retry:
    """What blocks the task, cleaned, or the question again saying what is wrong."""
    return person_answers.free_text(
        turn.text,
        REASON_RULE,
        "reason",
        too_short=t.REASON_TOO_SHORT,
        too_long=t.REASON_TOO_LONG,
    )
