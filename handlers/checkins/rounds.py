"""A coordinator's check-in rounds (/baocaotiendo): their list, one round (open now, close
early, cancel), and a new round: title, window, recurrence, audience (the announcement
picker, inside the creator's scope), then a preview with the prompt exactly as members get it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from bot.buttons.choices import RoundChoice
from bot.context import Context
from bot.conversation import Done, Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import checkins as t
from bot.texts import common as ct
from bot.timefmt import show
from handlers import person_answers
from handlers.broadcast import audience as picker
from handlers.broadcast.compose import typed_moment
from handlers.checkins import report
from handlers.tasks import shared
from models import checkins
from models.announcement_rules import Refusal, check
from models.checkins import (
    MAX_QUESTIONS,
    QUESTION_LIMIT,
    TITLE_LIMIT,
    CheckinRound,
    QuestionKind,
    Recurrence,
    RoundState,
)
from models.validators import TextRule
from rendering import checkins as view

FLOW = "checkin_rounds"
TITLE_RULE = TextRule(3, TITLE_LIMIT)
QUESTION_RULE = TextRule(5, QUESTION_LIMIT)
LONGEST = timedelta(days=60)
SHORTEST = timedelta(hours=1)
PERIOD = {
    Recurrence.WEEKLY: timedelta(days=7),
    Recurrence.MONTHLY: timedelta(days=28),
    Recurrence.QUARTERLY: timedelta(days=89),
}
NOW = "now"
NEW = "new"
MINE = "mine"


async def begin(ctx: Context) -> None:
    """Open the coordinator's list of rounds."""
    await ctx.start_flow(FLOW, {"aud": {}})


async def _mine(turn: Turn) -> list[CheckinRound]:
    member_id = shared.member_id(turn.ctx)
    if member_id is None:
        return []
    return await checkins.of_author(turn.ctx.session, author_member_id=member_id)


async def ask_menu(turn: Turn) -> Reply:
    """The person's rounds, a new one, and their own reports."""
    rows = await _mine(turn)
    text = t.ADMIN_MENU if rows else t.ADMIN_EMPTY
    options = [
        Option(
            t.ADMIN_ITEM.format(title=row.title, state=t.STATES.get(row.state, row.state)),
            RoundChoice(row.id or 0).encode(),
        )
        for row in rows
    ]
    options.append(Option(t.NEW_ROUND, NEW))
    options.append(Option(t.MY_REPORTS, MINE))
    return Reply(text, tuple(options))


async def read_menu(turn: Turn) -> Outcome:
    """Open a round, start a new one, or go to one's own reports."""
    if turn.value == NEW:
        turn.data.update({"aud": {}, "title": None, "opens": None, "closes": None, "free": []})
        return Next("cr_title")
    if turn.value == MINE:
        await report.member_list(turn.ctx)
        return Done()
    choice = RoundChoice.decode(turn.value)
    if choice is None:
        return Retry(ct.PICK_AN_OPTION)
    turn.data["round"] = choice.round_id
    return Next("cr_round")


async def _own(turn: Turn) -> CheckinRound | None:
    row = await checkins.get(turn.ctx.session, round_id=int(turn.data.get("round", 0)))
    if row is None or row.author_member_id != shared.member_id(turn.ctx):
        return None
    return row


async def ask_round(turn: Turn) -> Reply:
    """One round: state, window, response so far; what can be done with it."""
    row = await _own(turn)
    if row is None or row.id is None:
        return Reply(t.NOT_YOURS)
    counted = await checkins.response(
        turn.ctx.session, round_id=row.id, today=shared.today(turn.ctx)
    )
    options = []
    if row.state == RoundState.SCHEDULED:
        options.append(Option(t.OPEN_NOW, "open"))
    if row.state == RoundState.OPEN:
        options.append(Option(t.CLOSE_EARLY, "close"))
    if row.state in (RoundState.SCHEDULED, RoundState.OPEN):
        options.append(Option(t.CANCEL_ROUND, "cancel"))
    return Reply(view.detail(row, turn.ctx.config.zone, counted), tuple(options))


async def read_round(turn: Turn) -> Outcome:
    """Open now, close early or cancel."""
    ctx = turn.ctx
    row = await _own(turn)
    if row is None or not shared.is_coordinator(ctx):
        ctx.say(t.NOT_YOURS)
        return Done()
    if turn.value == "open" and row.state == RoundState.SCHEDULED:
        row.opens_at = min(row.opens_at, ctx.now())
        await open_and_tell(ctx, row)
        return Done()
    if turn.value == "close" and row.state == RoundState.OPEN:
        await checkins.close(ctx.session, row=row, now=ctx.now())
        ctx.say(t.CLOSED_EARLY.format(id=row.id))
        return Done()
    if turn.value == "cancel" and row.state in (RoundState.SCHEDULED, RoundState.OPEN):
        await checkins.cancel(ctx.session, row=row, now=ctx.now())
        ctx.say(t.CANCELLED.format(id=row.id))
        return Done()
    return Retry(ct.PICK_AN_OPTION)


async def open_and_tell(ctx: Context, row: CheckinRound) -> None:
    """Open a round now and tell its creator how many people were asked."""
    now = ctx.now()
    found = await checkins.opener(ctx.session, row=row, now=now)
    if found is None:
        ctx.say(t.NOT_A_COORDINATOR)
        return
    author, scope = found
    queued = await checkins.open_round(
        ctx.session,
        row=row,
        scope=scope,
        catalog=ctx.config.units.catalog,
        reply=view.prompt(row, ctx.config.zone, author=author.full_name),
        today=shared.today(ctx),
        now=now,
    )
    if ctx.services.sender is not None:
        ctx.services.sender.wake()
    closes = show(row.closes_at, ctx.config.zone)
    ctx.say(t.OPENED.format(id=row.id, title=row.title, queued=queued, closes=closes))


async def ask_title(turn: Turn) -> Reply:
    """The round's title."""
    return Reply(t.ASK_TITLE.format(limit=TITLE_LIMIT))


async def read_title(turn: Turn) -> Outcome:
    """Keep the title."""
    bad = t.TITLE_BAD.format(limit=TITLE_LIMIT)
    title = person_answers.free_text(turn.text, TITLE_RULE, "title", too_short=bad, too_long=bad)
    if isinstance(title, Retry):
        return title
    turn.data["title"] = title
    return Next("cr_opens")


def _example(turn: Turn, days: int = 1) -> str:
    moment = turn.ctx.now().astimezone(turn.ctx.config.zone) + timedelta(days=days)
    return moment.replace(hour=8, minute=0).strftime("%d/%m/%Y %H:%M")


async def ask_opens(turn: Turn) -> Reply:
    """When the round opens."""
    return Reply(t.ASK_OPENS.format(example=_example(turn)), (Option(t.OPEN_NOW, NOW),))


async def read_opens(turn: Turn) -> Outcome:
    """Now, or a future local time."""
    if turn.value == NOW:
        turn.data["opens"] = None
        return Next("cr_closes")
    moment = typed_moment(turn)
    if isinstance(moment, Retry):
        return moment
    if moment <= turn.ctx.now():
        return Retry(t.WHEN_PAST.format(when=show(moment, turn.ctx.config.zone)))
    turn.data["opens"] = moment.isoformat()
    return Next("cr_closes")


def _opens(turn: Turn) -> datetime:
    opens = turn.data.get("opens")
    return datetime.fromisoformat(opens) if opens else turn.ctx.now()


async def ask_closes(turn: Turn) -> Reply:
    """When the round closes."""
    return Reply(t.ASK_CLOSES.format(example=_example(turn, 7)))


async def read_closes(turn: Turn) -> Outcome:
    """A local time at least an hour after the opening, at most 60 days."""
    moment = typed_moment(turn)
    if isinstance(moment, Retry):
        return moment
    opens = _opens(turn)
    if moment < opens + SHORTEST:
        return Retry(t.CLOSES_BEFORE.format(opens=show(opens, turn.ctx.config.zone)))
    if moment > opens + LONGEST:
        return Retry(t.CLOSES_TOO_FAR.format(days=LONGEST.days))
    turn.data["closes"] = moment.isoformat()
    return Next("cr_repeat")


async def ask_repeat(turn: Turn) -> Reply:
    """Once, weekly, monthly or quarterly."""
    options = tuple(Option(label, key) for key, label in t.RECURRENCES.items())
    return Reply(t.ASK_REPEAT, options, columns=2)


async def read_repeat(turn: Turn) -> Outcome:
    """Keep the recurrence (its period must be longer than the window)."""
    if turn.value not in t.RECURRENCES:
        return Retry(ct.PICK_AN_OPTION)
    recurrence = Recurrence(turn.value)
    length = datetime.fromisoformat(turn.data["closes"]) - _opens(turn)
    period = PERIOD.get(recurrence)
    if period is not None and length >= period:
        return Retry(t.REPEAT_TOO_LONG.format(length=round(length.total_seconds() / 86400)))
    turn.data["repeat"] = recurrence.value
    return Next("cr_questions")


async def ask_questions(turn: Turn) -> Reply:
    """The round's own questions so far, and whether to add one."""
    free: list[dict[str, str]] = turn.data.setdefault("free", [])
    lines = [t.ASK_QUESTIONS.format(limit=MAX_QUESTIONS)]
    if free:
        lines.append(t.QUESTIONS_SO_FAR)
        lines += [
            t.QUESTION_LINE.format(index=i, text=q["text"], kind=t.QUESTION_KINDS[q["kind"]])
            for i, q in enumerate(free, start=1)
        ]
    options = [Option(t.CONTINUE, "go")]
    if len(free) < MAX_QUESTIONS:
        options.append(Option(t.ADD_QUESTION, "add"))
    if free:
        options.append(Option(t.CLEAR_QUESTIONS, "clear"))
    return Reply("\n".join(lines), tuple(options))


async def read_questions(turn: Turn) -> Outcome:
    """Add a question, clear them, or go on to the audience."""
    if turn.value == "go":
        return Next("audience")
    if turn.value == "clear":
        turn.data["free"] = []
        return Next("cr_questions")
    if turn.value == "add":
        if len(turn.data.get("free", [])) >= MAX_QUESTIONS:
            return Retry(t.QUESTIONS_FULL.format(limit=MAX_QUESTIONS))
        return Next("cr_qkind")
    return Retry(ct.PICK_AN_OPTION)


async def ask_question_kind(turn: Turn) -> Reply:
    """How the new question is answered."""
    options = tuple(Option(label, key) for key, label in t.QUESTION_KINDS.items())
    return Reply(t.ASK_QUESTION_KIND, options, columns=2)


async def read_question_kind(turn: Turn) -> Outcome:
    """Keep the kind."""
    if turn.value not in t.QUESTION_KINDS:
        return Retry(ct.PICK_AN_OPTION)
    turn.data["qkind"] = turn.value
    return Next("cr_qtext")


async def ask_question_text(turn: Turn) -> Reply:
    """The question itself."""
    return Reply(t.ASK_QUESTION_TEXT.format(limit=QUESTION_LIMIT))


async def read_question_text(turn: Turn) -> Outcome:
    """Add the question, then back to the list."""
    bad = t.QUESTION_BAD.format(limit=QUESTION_LIMIT)
    text = person_answers.free_text(turn.text, QUESTION_RULE, "body", too_short=bad, too_long=bad)
    if isinstance(text, Retry):
        return text
    free = turn.data.setdefault("free", [])
    if len(free) < MAX_QUESTIONS:
        free.append({"kind": str(turn.data.get("qkind", QuestionKind.TEXT)), "text": text})
    return Next("cr_questions")


def _draft(turn: Turn) -> CheckinRound:
    """The round as composed so far (not saved)."""
    opens = _opens(turn)
    return CheckinRound(
        id=0,
        title=turn.data.get("title") or "",
        author_member_id=shared.member_id(turn.ctx) or 0,
        opens_at=opens,
        closes_at=datetime.fromisoformat(turn.data["closes"]),
        recurrence=turn.data.get("repeat", Recurrence.NONE),
        questions=json.dumps(turn.data.get("free", []), ensure_ascii=False),
    )


async def ask_preview(turn: Turn) -> Reply:
    """Who would be asked, how many questions each, and the prompt exactly as sent."""
    ctx = turn.ctx
    spec = picker.spec_of(turn)
    scope = picker.scope_of_turn(turn)
    draft = _draft(turn)
    counted = await checkins.preview(
        ctx.session, spec=spec, scope=scope, own=len(draft.free_questions())
    )
    if counted.people == 0:
        return Reply(t.PREVIEW_EMPTY, (Option(t.EDIT_AUDIENCE, "audience"),))
    zone = ctx.config.zone
    author = ctx.member.full_name if ctx.member else ""
    ctx.say(t.PREVIEW_HEADER)
    ctx.replies.append(view.prompt(draft, zone, author=author))
    lines = view.preview_counts(draft, zone, counted)
    if turn.data.get("opens"):
        first = Option(t.SAVE_SCHEDULED.format(opens=show(draft.opens_at, zone)), "save")
    else:
        first = Option(t.OPEN_NOW, NOW)
    return Reply("\n".join(lines), (first, Option(t.EDIT_AUDIENCE, "audience")))


async def read_preview(turn: Turn) -> Outcome:
    """Save the round (and open it now if asked), or change the audience."""
    if turn.value == "audience":
        return Next("audience")
    if turn.value not in (NOW, "save"):
        return Retry(ct.PICK_AN_OPTION)
    ctx = turn.ctx
    spec = picker.spec_of(turn)
    verdict = await check(ctx.session, author=ctx.member, spec=spec)
    if isinstance(verdict, Refusal):
        ctx.say(view.refusal_text(verdict))
        return Done()
    draft = _draft(turn)
    if turn.value == "save" and draft.opens_at <= ctx.now():
        return Retry(t.WHEN_PAST.format(when=show(draft.opens_at, ctx.config.zone)))
    assert ctx.member is not None and ctx.member.id is not None
    row = await checkins.create(
        ctx.session,
        title=draft.title,
        author_member_id=ctx.member.id,
        spec=spec,
        opens_at=draft.opens_at if turn.value == "save" else ctx.now(),
        closes_at=draft.closes_at,
        recurrence=Recurrence(draft.recurrence),
        now=ctx.now(),
        questions=draft.free_questions(),
    )
    if turn.value == NOW:
        await open_and_tell(ctx, row)
    else:
        zone = ctx.config.zone
        ctx.say(
            t.SCHEDULED.format(
                id=row.id,
                title=row.title,
                opens=show(row.opens_at, zone),
                closes=show(row.closes_at, zone),
            )
        )
    return Done()


STEPS = (
    Step("cr_menu", ask_menu, read_menu, free_text=False),
    Step("cr_round", ask_round, read_round, free_text=False),
    Step("cr_title", ask_title, read_title),
    Step("cr_opens", ask_opens, read_opens),
    Step("cr_closes", ask_closes, read_closes),
    Step("cr_repeat", ask_repeat, read_repeat, free_text=False),
    Step("cr_questions", ask_questions, read_questions, free_text=False),
    Step("cr_qkind", ask_question_kind, read_question_kind, free_text=False),
    Step("cr_qtext", ask_question_text, read_question_text),
    *picker.STEPS,
    Step("preview", ask_preview, read_preview, free_text=False),
)
