"""An admin adds a task by hand: plan, group, number, title, lead organisation (found by
what is typed), timing as the plan would print it (read like an imported one), then save."""

from __future__ import annotations

import re
from typing import Any

from bot.buttons.choices import GroupChoice, OrgChoice, PlanChoice
from bot.conversation import Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import common as ct
from bot.texts import task_chat as t
from bot.texts import tasks as tt
from bot.timefmt import DATE
from handlers import person_answers
from handlers.tasks import shared
from models import organisations, task_edits, task_timing, tasks
from models.task_edits import NUMBER_LIMIT
from models.validators import TextRule
from rendering.tasks import short

NUMBER = re.compile(r"[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*")
TITLE_RULE = TextRule(5, 1000)
TIMING_RULE = TextRule(1, 300)


def _new(turn: Turn) -> dict[str, Any]:
    return turn.data.setdefault("new", {})


async def enter(turn: Turn) -> Outcome:
    """Begin a new task: choose the plan if there are several."""
    every = await tasks.plans(turn.ctx.session)
    if not every:
        return Retry(t.NO_PLAN)
    turn.data["new"] = {}
    if len(every) == 1:
        return await _chose_plan(turn, every[0].id or 0)
    return Next("new_plan")


async def _chose_plan(turn: Turn, plan_id: int) -> Outcome:
    _new(turn)["plan"] = plan_id
    groups = await tasks.groups_of(turn.ctx.session, plan_id=plan_id)
    return Next("new_group" if groups else "new_number")


async def ask_plan(turn: Turn) -> Reply:
    """Which plan."""
    options = [
        Option(plan.name, PlanChoice(plan.id or 0).encode())
        for plan in await tasks.plans(turn.ctx.session)
    ]
    return Reply(t.ASK_NEW_PLAN, tuple(options))


async def read_plan(turn: Turn) -> Outcome:
    """Keep the plan."""
    choice = PlanChoice.decode(turn.value)
    if choice is None or not await shared.plan_name(turn.ctx, choice.plan_id):
        return Retry(ct.PICK_AN_OPTION)
    return await _chose_plan(turn, choice.plan_id)


async def ask_group(turn: Turn) -> Reply:
    """Which group of the plan."""
    groups = await tasks.groups_of(turn.ctx.session, plan_id=int(_new(turn)["plan"]))
    options = [
        Option(
            t.GROUP_LABEL.format(number=g.number, title=short(g.title, 40)),
            GroupChoice(g.id or 0).encode(),
        )
        for g in groups
    ]
    options.append(Option(t.NO_GROUP, "none"))
    return Reply(t.ASK_GROUP, tuple(options))


async def read_group(turn: Turn) -> Outcome:
    """Keep the group (or none)."""
    choice = GroupChoice.decode(turn.value)
    if choice is None and turn.value != "none":
        return Retry(ct.PICK_AN_OPTION)
    _new(turn)["group"] = choice.group_id if choice else None
    return Next("new_number")


async def ask_number(turn: Turn) -> Reply:
    """The task's number in the plan."""
    return Reply(t.ASK_NUMBER)


async def read_number(turn: Turn) -> Outcome:
    """Keep a number the plan does not have yet."""
    number = turn.text.strip().rstrip(".")
    if len(number) > NUMBER_LIMIT or not NUMBER.fullmatch(number):
        return Retry(t.NUMBER_BAD.format(limit=NUMBER_LIMIT))
    plan_id = int(_new(turn)["plan"])
    if await tasks.task_by_number(turn.ctx.session, plan_id=plan_id, number=number):
        return Retry(t.NUMBER_TAKEN.format(number=number))
    _new(turn)["number"] = number
    return Next("new_title")


async def ask_title(turn: Turn) -> Reply:
    """The task as the plan would print it."""
    return Reply(t.ASK_TASK_TITLE.format(limit=TITLE_RULE.max_chars))


async def read_title(turn: Turn) -> Outcome:
    """Keep the title."""
    bad = t.TITLE_BAD
    title = person_answers.free_text(turn.text, TITLE_RULE, "body", too_short=bad, too_long=bad)
    if isinstance(title, Retry):
        return title
    _new(turn)["title"] = title
    _new(turn).pop("search", None)
    return Next("new_lead")


async def ask_lead(turn: Turn) -> Reply:
    """The lead organisation: a search, then the organisations it found."""
    text = _new(turn).get("search")
    if not text:
        return Reply(t.ASK_LEAD)
    found = await task_edits.find_organisations(
        turn.ctx.session, text=str(text), catalog=turn.ctx.config.units.catalog
    )
    return Reply(shared.org_prompt(found, str(text)), tuple(shared.org_options(found)))


async def read_lead(turn: Turn) -> Outcome:
    """Keep the organisation picked, or search again with what was typed."""
    choice = OrgChoice.decode(turn.value)
    if choice is not None:
        _new(turn)["lead"] = choice.organisation_id
        return Next("new_timing")
    text = person_answers.search_text(turn.text)
    if isinstance(text, Retry):
        return text
    found = await task_edits.find_organisations(
        turn.ctx.session, text=text, catalog=turn.ctx.config.units.catalog
    )
    if not found:
        return Retry(t.ASK_LEAD_AGAIN.format(text=text))
    _new(turn)["search"] = text
    return Next("new_lead")


async def ask_timing(turn: Turn) -> Reply:
    """The timing, as printed."""
    return Reply(t.ASK_TIMING)


async def read_timing(turn: Turn) -> Outcome:
    """Keep the timing text (read when shown and when saved)."""
    bad = t.TIMING_BAD
    timing = person_answers.free_text(turn.text, TIMING_RULE, "body", too_long=bad)
    if isinstance(timing, Retry):
        return timing
    _new(turn)["timing"] = timing
    return Next("new_confirm")


def _reading(text: str) -> str:
    timing = task_timing.parse(text)
    due = t.TIMING_DUE.format(date=timing.due.strftime(DATE)) if timing.due else ""
    return t.TIMING_READ.format(kind=tt.KINDS.get(timing.kind, timing.kind), due=due)


async def ask_confirm(turn: Turn) -> Reply:
    """The new task before it is saved."""
    new, session = _new(turn), turn.ctx.session
    group = (
        await tasks.get_group(session, group_id=int(new["group"])) if new.get("group") else None
    )
    lead = await organisations.get(session, organisation_id=int(new["lead"]))
    text = t.CONFIRM_NEW.format(
        plan=await shared.plan_name(turn.ctx, int(new["plan"])),
        group=t.GROUP_LABEL.format(number=group.number, title=short(group.title, 60))
        if group
        else t.NO_GROUP,
        number=new["number"],
        title=new["title"],
        lead=lead.name if lead else "—",
        timing=new["timing"],
        reading=_reading(str(new["timing"])),
    )
    return Reply(text, (Option(t.SAVE, "save"),))


async def read_confirm(turn: Turn) -> Outcome:
    """Save the task (an admin only; the number still free), then open it."""
    ctx, new = turn.ctx, _new(turn)
    if turn.value != "save":
        return Retry(ct.PICK_AN_OPTION)
    if not shared.is_admin(ctx):
        return Retry(t.ONLY_ADMIN)
    plan_id = int(new["plan"])
    if await tasks.task_by_number(ctx.session, plan_id=plan_id, number=str(new["number"])):
        return Retry(t.NUMBER_TAKEN.format(number=new["number"]))
    lead = await organisations.get(ctx.session, organisation_id=int(new["lead"]))
    if lead is None:
        return Retry(t.ASK_LEAD)
    task = await task_edits.create_task(
        ctx.session,
        plan_id=plan_id,
        group_id=int(new["group"]) if new.get("group") else None,
        number=str(new["number"]),
        title=str(new["title"]),
        lead=lead,
        timing_text=str(new["timing"]),
        today=shared.today(ctx),
        default_day=ctx.config.tasks.yearly_day,
        by_member_id=shared.member_id(ctx),
        by_label=shared.ACTOR,
        now=ctx.now(),
    )
    plan = await shared.plan_name(ctx, plan_id)
    ctx.say(t.CREATED.format(number=task.number, plan=plan, lead=lead.display))
    turn.data["task"] = task.id
    return Next("task")


STEPS = (
    Step("new_plan", ask_plan, read_plan, free_text=False),
    Step("new_group", ask_group, read_group, free_text=False),
    Step("new_number", ask_number, read_number),
    Step("new_title", ask_title, read_title),
    Step("new_lead", ask_lead, read_lead),
    Step("new_timing", ask_timing, read_timing),
    Step("new_confirm", ask_confirm, read_confirm, free_text=False),
)
