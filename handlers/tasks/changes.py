"""An admin's changes to one task from the chat: its title or result, a deadline set or
moved (for every organisation or one), an organisation added or removed. Every change
re-checks the role and is audited."""

from __future__ import annotations

from bot.buttons.choices import OrgChoice
from bot.conversation import Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import common as ct
from bot.texts import task_chat as t
from bot.texts import tasks as tt
from bot.timefmt import DATE
from handlers import person_answers
from handlers.tasks import shared
from models import (
    organisations,
    task_assignments,
    task_deadlines,
    task_edits,
    task_timing,
    tasks,
)
from models.organisations import Organisation
from models.tasks import Task
from models.validators import TextRule

RULES = {"title": TextRule(5, 1000), "result": TextRule(1, 1000)}
BAD = {"title": t.TITLE_BAD, "result": t.RESULT_BAD}


async def open_task(turn: Turn) -> Task | None:
    """The task being changed, while it is in its plan."""
    task = await tasks.get_task(turn.ctx.session, task_id=int(turn.data.get("task", 0)))
    return task if task is not None and task.in_plan else None


async def _assigned(turn: Turn, task: Task) -> list[Organisation]:
    assert task.id is not None
    return [org for _, org in await task_assignments.of_task(turn.ctx.session, task_id=task.id)]


def allowed(turn: Turn, task: Task | None) -> Outcome | None:
    """Where to go when the change may not be made (no admin any more, task gone)."""
    if not shared.is_admin(turn.ctx):
        turn.ctx.say(t.ONLY_ADMIN)
        return Next("task")
    if task is None:
        return Retry(t.TASK_GONE)
    return None


async def ask_edit(turn: Turn) -> Reply:
    """The new title or result, showing the current one."""
    task = await open_task(turn)
    if task is None:
        return Reply(t.TASK_GONE)
    field = str(turn.data.get("field", "title"))
    value = getattr(task, field) or t.EMPTY_VALUE
    text = t.ASK_EDIT[field].format(number=task.number, limit=RULES[field].max_chars, value=value)
    return Reply(text)


async def read_edit(turn: Turn) -> Outcome:
    """Save the new text."""
    field = str(turn.data.get("field", "title"))
    bad = BAD[field]
    value = person_answers.free_text(turn.text, RULES[field], "body", too_short=bad, too_long=bad)
    if isinstance(value, Retry):
        return value
    task = await open_task(turn)
    if (refused := allowed(turn, task)) is not None:
        return refused
    assert task is not None
    await task_edits.edit_task(
        turn.ctx.session,
        task=task,
        field=field,
        value=value,
        by_member_id=shared.member_id(turn.ctx),
        by_label=shared.ACTOR,
        now=turn.ctx.now(),
    )
    turn.ctx.say(t.EDITED[field].format(number=task.number))
    return Next("task")


async def ask_deadline_who(turn: Turn) -> Reply:
    """Every organisation of the task, or one of them."""
    task = await open_task(turn)
    if task is None:
        return Reply(t.TASK_GONE)
    orgs = await _assigned(turn, task)
    if not orgs:
        return Reply(t.NO_ORGS.format(number=task.number))
    options = (Option(t.ALL_ORGS.format(count=len(orgs)), "all"), Option(t.ONE_ORG, "one"))
    return Reply(t.ASK_DEADLINE_WHO.format(number=task.number), options)


async def read_deadline_who(turn: Turn) -> Outcome:
    """Go on to the date, or to the organisation first."""
    if turn.value == "all":
        turn.data["deadline_org"] = None
        return Next("deadline_date")
    if turn.value == "one":
        turn.data.pop("org_search", None)
        return Next("deadline_org")
    return Retry(ct.PICK_AN_OPTION)


async def _search_assigned(turn: Turn, task: Task, text: str) -> list[Organisation]:
    return organisations.matching(await _assigned(turn, task), text)


async def ask_assigned_org(turn: Turn) -> Reply:
    """A search among the task's organisations, then what it found (or all, when few)."""
    task = await open_task(turn)
    if task is None:
        return Reply(t.TASK_GONE)
    text = turn.data.get("org_search")
    orgs = await _assigned(turn, task)
    if text:
        found = await _search_assigned(turn, task, str(text))
        return Reply(shared.org_prompt(found, str(text)), tuple(shared.org_options(found)))
    if turn.data.get("removing"):
        if len(orgs) <= shared.ORG_CHOICES:
            question = t.ASK_REMOVE_ORG.format(number=task.number)
            return Reply(question, tuple(shared.org_options(orgs)))
        return Reply(t.ASK_REMOVE_SEARCH.format(number=task.number, count=len(orgs)))
    return Reply(t.ASK_DEADLINE_ORG.format(number=task.number))


async def _picked_assigned(turn: Turn, step: str) -> OrgChoice | Outcome:
    """The organisation picked, or a new search among the task's organisations."""
    choice = OrgChoice.decode(turn.value)
    if choice is not None:
        return choice
    task = await open_task(turn)
    if task is None:
        return Retry(t.TASK_GONE)
    text = person_answers.search_text(turn.text)
    if isinstance(text, Retry):
        return text
    if not await _search_assigned(turn, task, text):
        return Retry(t.NOT_ASSIGNED_ORG.format(text=text, number=task.number))
    turn.data["org_search"] = text
    return Next(step)


async def read_deadline_org(turn: Turn) -> Outcome:
    """Keep the organisation whose deadline changes."""
    picked = await _picked_assigned(turn, "deadline_org")
    if not isinstance(picked, OrgChoice):
        return picked
    turn.data["deadline_org"] = picked.organisation_id
    return Next("deadline_date")


async def ask_deadline_date(turn: Turn) -> Reply:
    """The new deadline, as a day."""
    task = await open_task(turn)
    if task is None:
        return Reply(t.TASK_GONE)
    org_id = turn.data.get("deadline_org")
    org = (
        await organisations.get(turn.ctx.session, organisation_id=int(org_id)) if org_id else None
    )
    who = org.display if org else t.WHO_ALL.format(number=task.number)
    return Reply(t.ASK_DEADLINE_DATE.format(who=who, example=shared.day_example(turn)))


async def read_deadline_date(turn: Turn) -> Outcome:
    """Set (or move) the deadline; a yearly task's deadline is for the year of the date."""
    due = shared.typed_day(turn)
    if isinstance(due, Retry):
        return due
    task = await open_task(turn)
    if (refused := allowed(turn, task)) is not None:
        return refused
    assert task is not None and task.id is not None
    pairs = await task_assignments.of_task(turn.ctx.session, task_id=task.id)
    org_id = turn.data.get("deadline_org")
    if org_id:
        pairs = [(a, o) for a, o in pairs if o.id == int(org_id)]
    if not pairs:
        turn.ctx.say(t.NO_ORGS.format(number=task.number))
        return Next("task")
    period = task_timing.ONCE
    if task.timing_kind == task_timing.TimingKind.YEARLY:
        period = str(due.year)
    count = await task_deadlines.set_deadline(
        turn.ctx.session,
        task=task,
        assignments=[a for a, _ in pairs],
        due_on=due,
        period=period,
        by_member_id=shared.member_id(turn.ctx),
        by_label=shared.ACTOR,
        now=turn.ctx.now(),
    )
    turn.ctx.say(tt.DEADLINE_SET.format(date=due.strftime(DATE), number=task.number, count=count))
    return Next("task")


async def ask_add_org(turn: Turn) -> Reply:
    """A search among every organisation, then what it found."""
    task = await open_task(turn)
    if task is None:
        return Reply(t.TASK_GONE)
    text = turn.data.get("org_search")
    if not text:
        return Reply(t.ASK_ADD_ORG.format(number=task.number))
    found = await task_edits.find_organisations(
        turn.ctx.session, text=str(text), catalog=turn.ctx.config.units.catalog
    )
    return Reply(shared.org_prompt(found, str(text)), tuple(shared.org_options(found)))


async def read_add_org(turn: Turn) -> Outcome:
    """Assign the task to the organisation picked, or search again."""
    choice = OrgChoice.decode(turn.value)
    if choice is None:
        text = person_answers.search_text(turn.text)
        if isinstance(text, Retry):
            return text
        catalog = turn.ctx.config.units.catalog
        if not await task_edits.find_organisations(turn.ctx.session, text=text, catalog=catalog):
            return Retry(t.ASK_LEAD_AGAIN.format(text=text))
        turn.data["org_search"] = text
        return Next("org_add")
    task = await open_task(turn)
    if (refused := allowed(turn, task)) is not None:
        return refused
    assert task is not None
    org = await organisations.get(turn.ctx.session, organisation_id=choice.organisation_id)
    if org is None or org.id is None:
        return Retry(ct.PICK_AN_OPTION)
    if any(o.id == org.id for o in await _assigned(turn, task)):
        turn.ctx.say(t.ALREADY_ASSIGNED.format(org=org.display, number=task.number))
        return Next("task")
    await task_assignments.add(
        turn.ctx.session,
        task=task,
        organisation_id=org.id,
        by_member_id=shared.member_id(turn.ctx),
        by_label=shared.ACTOR,
        now=turn.ctx.now(),
    )
    turn.ctx.say(tt.ASSIGNED.format(number=task.number, org=org.display))
    return Next("task")


async def read_remove_org(turn: Turn) -> Outcome:
    """Take the task from the organisation picked, or search again."""
    picked = await _picked_assigned(turn, "org_remove")
    if not isinstance(picked, OrgChoice):
        return picked
    task = await open_task(turn)
    if (refused := allowed(turn, task)) is not None:
        return refused
    assert task is not None
    org = await organisations.get(turn.ctx.session, organisation_id=picked.organisation_id)
    removed = org is not None and await task_assignments.remove(
        turn.ctx.session,
        task=task,
        organisation_id=picked.organisation_id,
        by_member_id=shared.member_id(turn.ctx),
        by_label=shared.ACTOR,
        now=turn.ctx.now(),
    )
    if not removed or org is None:
        return Retry(ct.PICK_AN_OPTION)
    turn.ctx.say(tt.UNASSIGNED.format(number=task.number, org=org.display))
    return Next("task")


STEPS = (
    Step("edit_text", ask_edit, read_edit),
    Step("deadline_who", ask_deadline_who, read_deadline_who, free_text=False),
    Step("deadline_org", ask_assigned_org, read_deadline_org),
    Step("deadline_date", ask_deadline_date, read_deadline_date),
    Step("org_add", ask_add_org, read_add_org),
    Step("org_remove", ask_assigned_org, read_remove_org),
)
