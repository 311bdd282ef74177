"""A member's progress report in a round, a few taps per task: the status, then the percent
(typed "60", "60%" also works; "Hoàn thành" skips it), then an optional note, then an optional
evidence photo or document (on channels the bot can receive files from); "Vướng mắc" asks
what blocks first. "Không có gì thay đổi" repeats a task's last answer, "Không có gì mới"
every last answer, each with the evidence it had (the same answer, the same proof). A
person whose organisation has no task goes straight to the round's own questions (there is
nothing to repeat: own questions are answered anew each round). A summary
comes before sending, each answer editable (its evidence kept, replaced or removed); a sent
report stays editable until the round closes. Answers write the same status fact as
/nhiemvu."""

from __future__ import annotations

import re
from typing import Any

from bot.buttons.actions import CheckinStart
from bot.buttons.choices import AssignmentChoice, StatusChoice
from bot.context import Context
from bot.conversation import Done, Next, Outcome, Retry, Step, Turn
from bot.events import Kind, Option, Reply
from bot.texts import checkins as t
from bot.texts import common as ct
from bot.timefmt import show
from handlers import person_answers
from handlers.checkins import evidence
from handlers.tasks import shared
from models import checkins, members, task_progress
from models.checkins import CheckinRound, Given, RoundState
from models.members import Role
from models.tasks import TaskStatus
from models.validators import TextRule, shorten
from rendering import checkins as view

FLOW = "checkin"
FLOW_EDIT = "checkin_edit"
FLOW_OWN = "checkin_own"
NOTE_RULE = TextRule(1, 500)
BLOCKER_RULE = TextRule(3, 300)
REPLY_RULE = TextRule(1, 300)
PERCENTS = (0, 25, 50, 75, 100)
PERCENT_VALUES = {f"pc:{p}": p for p in PERCENTS}
SAME = "same"
ALL = "all"
SKIP = "skip"
KEEP = "keep"
SEND = "send"
PERCENT_TYPED = re.compile(r"^\s*(\d{1,4})\s*%?\s*$")
ACTOR = "checkin"


async def _author_name(ctx: Context, row: CheckinRound) -> str:
    author = await members.get_member(ctx.session, member_id=row.author_member_id)
    return author.full_name if author else t.TITLE_ADMIN


async def closed_text(ctx: Context, row: CheckinRound) -> str:
    """Why a round no longer takes reports, naming who to contact."""
    zone = ctx.config.zone
    closes = show(row.closes_at, zone)
    return t.ROUND_CLOSED.format(
        title=row.title, closes=closes, author=await _author_name(ctx, row)
    )


def is_open(ctx: Context, row: CheckinRound) -> bool:
    """Whether a round takes reports now."""
    return row.state == RoundState.OPEN and ctx.now() < row.closes_at


async def refusal(ctx: Context, row: CheckinRound | None) -> str | None:
    """Why the person may not report in a round now (None when they may)."""
    if row is None or row.state == RoundState.CANCELLED:
        return t.ROUND_GONE
    if row.state == RoundState.SCHEDULED:
        return t.ROUND_NOT_OPEN.format(title=row.title, opens=show(row.opens_at, ctx.config.zone))
    if not is_open(ctx, row):
        return await closed_text(ctx, row)
    member = ctx.member
    if member is None or not member.has_role(Role.MEMBER) or member.id is None:
        return t.NOT_IN_ROUND
    assert row.id is not None
    if await checkins.person(ctx.session, round_id=row.id, member_id=member.id) is None:
        return t.NOT_IN_ROUND
    return None


def _answer(
    status: str, percent: int | None, note: str | None, ev: int | None = None
) -> dict[str, Any]:
    return {"s": status, "pc": percent, "note": note, "ev": ev}


async def start(ctx: Context, round_id: int) -> None:
    """Open the report of a round for the person: the questions, or the summary of what
    they sent (to edit it)."""
    row = await checkins.get(ctx.session, round_id=round_id)
    refused = await refusal(ctx, row)
    if refused is not None:
        ctx.say(refused)
        snapshot = await ctx.router.engine.load(ctx)
        if snapshot is not None:
            await ctx.router.engine.reask(ctx, snapshot)
        return
    assert row is not None and row.id is not None
    member = ctx.member
    assert member is not None and member.id is not None
    items = []
    if member.organisation_id is not None:
        items = await task_progress.of_organisation(
            ctx.session, organisation_id=member.organisation_id, today=shared.today(ctx)
        )
    if not items and not row.free_questions():
        ctx.say(t.NO_TASKS_NOW.format(author=await _author_name(ctx, row)))
        return
    sent = await checkins.answers_of(ctx.session, round_id=row.id, member_id=member.id)
    data: dict[str, Any] = {"round": row.id, "i": 0, "items": [], "ans": {}, "editing": False}
    for item in items:
        asg = item.assignment.id or 0
        last = await checkins.latest_change(ctx.session, assignment_id=asg, period=item.period)
        proof = None
        if last is not None and last.id is not None:
            proof = await checkins.evidence_of_change(ctx.session, change_id=last.id)
        data["items"].append(
            {
                "a": asg,
                "n": item.task.number,
                "t": shorten(item.task.title, 200),
                "p": item.period,
                "last": _answer(last.status, last.percent, last.note, proof) if last else None,
            }
        )
        if asg in sent:
            done = sent[asg]
            data["ans"][str(asg)] = _answer(
                done.status, done.percent, done.note, done.evidence_file_id
            )
    data["free"] = row.free_questions()
    replies = await checkins.replies_of(ctx.session, round_id=row.id, member_id=member.id)
    data["rep"] = {str(index): value for index, value in replies.items()}
    complete = all(str(i["a"]) in data["ans"] for i in data["items"]) and all(
        str(index) in data["rep"] for index in range(len(data["free"]))
    )
    if complete:
        await ctx.start_flow(FLOW_EDIT, data)
    elif data["items"]:
        await ctx.start_flow(FLOW, data)
    else:  # no task, only the round's own questions: straight to the first not answered
        data["q"] = next(i for i in range(len(data["free"])) if str(i) not in data["rep"])
        await ctx.start_flow(FLOW_OWN, data)


async def member_list(ctx: Context) -> None:
    """The open rounds the person is asked in, each with its button to report or edit."""
    member = ctx.member
    if member is None or member.id is None:
        ctx.say(t.MEMBER_NONE)
        return
    found = await checkins.open_for(ctx.session, member_id=member.id)
    if not found:
        ctx.say(t.MEMBER_NONE)
        return
    zone = ctx.config.zone
    away = await checkins.leave_until(ctx.session, member_id=member.id, today=shared.today(ctx))
    lines, options = [t.MEMBER_LIST], []
    for row, person in found:
        if person.submitted_at is not None:
            state, label = t.MEMBER_STATE_DONE, t.EDIT_REPORT
        else:
            state = t.MEMBER_STATE_LEAVE if away else t.MEMBER_STATE_TODO
            label = t.START_REPORT
        closes = show(row.closes_at, zone)
        lines.append(t.MEMBER_ITEM.format(title=row.title, closes=closes, state=state))
        options.append(Option(label.format(title=row.title), CheckinStart(row.id or 0).encode()))
    ctx.say("\n".join(lines), options)


async def pressed_start(ctx: Context) -> None:
    """ "Bắt đầu báo cáo" (or "Sửa báo cáo") pressed under a prompt, a reminder or a list."""
    button = await ctx.pressed(CheckinStart)
    if button is not None:
        await start(ctx, button.round_id)


def _item(turn: Turn) -> dict[str, Any]:
    items: list[dict[str, Any]] = turn.data["items"]
    return items[min(int(turn.data.get("i", 0)), len(items) - 1)]


def _answers(turn: Turn) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = turn.data.setdefault("ans", {})
    return found


def _advance(turn: Turn) -> Outcome:
    """The next task not answered yet, or the summary (straight back to it after an edit)."""
    answers = _answers(turn)
    if turn.data.get("editing"):
        turn.data["editing"] = False
        return Next("ci_summary")
    for index, item in enumerate(turn.data["items"]):
        if str(item["a"]) not in answers:
            turn.data["i"] = index
            return Next("ci_status")
    replies = turn.data.setdefault("rep", {})
    for index in range(len(turn.data.get("free", []))):
        if str(index) not in replies:
            turn.data["q"] = index
            return Next("ci_free")
    return Next("ci_summary")


async def ask_status(turn: Turn) -> Reply:
    """One task: its last answer and the statuses to choose."""
    item = _item(turn)
    items = turn.data["items"]
    last = item.get("last")
    shown = t.LAST_ANSWER.format(answer=view.answer(**_words(last))) if last else t.LAST_NONE
    text = t.ASK_STATUS.format(
        number=item["n"],
        index=int(turn.data.get("i", 0)) + 1,
        total=len(items),
        title=item["t"],
        last=shown,
    )
    options = [Option(label, StatusChoice(key).encode()) for key, label in t.STATUS_NAMES.items()]
    if last:
        options.append(Option(t.SAME, SAME))
    if any(one.get("last") for one in items):
        options.append(Option(t.NOTHING_NEW, ALL))
    return Reply(text, tuple(options), columns=2)


def _words(answer: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": answer["s"],
        "percent": answer.get("pc"),
        "note": answer.get("note"),
        "evidence": bool(answer.get("ev")),
    }


async def read_status(turn: Turn) -> Outcome:
    """Keep the status; go on to what it needs next."""
    item = _item(turn)
    answers = _answers(turn)
    if turn.value == SAME and item.get("last"):
        _check_later(turn, (answers.get(str(item["a"])) or {}).get("ev"))
        answers[str(item["a"])] = dict(item["last"])
        return _advance(turn)
    if turn.value == ALL:
        for one in turn.data["items"]:
            if one.get("last") and (str(one["a"]) not in answers or one is item):
                _check_later(turn, (answers.get(str(one["a"])) or {}).get("ev"))
                answers[str(one["a"])] = dict(one["last"])
        turn.data["editing"] = False
        return _advance(turn)
    choice = StatusChoice.decode(turn.value)
    if choice is None or choice.status not in t.STATUS_NAMES:
        return Retry(ct.PICK_AN_OPTION)
    turn.data["draft"] = _answer(choice.status, None, None)
    if choice.status == TaskStatus.DONE:
        turn.data["draft"]["pc"] = 100
        return Next("ci_note")
    if choice.status == TaskStatus.BLOCKED:
        return Next("ci_blocker")
    return Next("ci_percent")


async def ask_percent(turn: Turn) -> Reply:
    """How far the task is, in percent."""
    options = tuple(Option(f"{p}%", f"pc:{p}") for p in PERCENTS)
    return Reply(t.ASK_PERCENT.format(number=_item(turn)["n"]), options, columns=5)


def read_percent_text(text: str) -> int | str:
    """A typed percent ("60", "60%", "60 %"), or the sentence saying what is wrong."""
    match = PERCENT_TYPED.match(text)
    if match is None:
        return t.PERCENT_BAD
    value = int(match.group(1))
    if value > 100:
        return t.PERCENT_TOO_BIG.format(value=value)
    return value


async def read_percent(turn: Turn) -> Outcome:
    """Keep the percent; a blocked task is complete with it, others ask for a note."""
    value: int | str
    if (
        turn.value
        and turn.value.startswith("pc:")
        and turn.value[3:] in {str(p) for p in PERCENTS}
    ):
        value = int(turn.value[3:])
    else:
        value = read_percent_text(turn.text)
    if isinstance(value, str):
        return Retry(value)
    draft = turn.data.setdefault("draft", _answer(TaskStatus.IN_PROGRESS, None, None))
    draft["pc"] = value
    if draft["s"] == TaskStatus.BLOCKED:
        return _after_answer(turn)
    return Next("ci_note")


def _keep(turn: Turn) -> Outcome:
    item = _item(turn)
    _answers(turn)[str(item["a"])] = turn.data.pop("draft")
    return _advance(turn)


def _sent_evidence(turn: Turn) -> int | None:
    """The evidence the task's answer had before this edit (None when it had none)."""
    before = _answers(turn).get(str(_item(turn)["a"])) or {}
    found = before.get("ev")
    return int(found) if found else None


def _check_later(turn: Turn, file_id: int | None) -> None:
    """Remember a file this report stored or let go of: when it ends, the ones no answer
    uses any more are deleted."""
    if file_id is not None:
        turn.data.setdefault("files", []).append(file_id)


def _after_answer(turn: Turn) -> Outcome:
    """Ask for evidence where the channel can receive files; elsewhere keep the answer with
    the evidence it had (sent from another channel), so nothing is lost."""
    if evidence.can_receive(turn.ctx):
        return Next("ci_evidence")
    turn.data.setdefault("draft", _answer(TaskStatus.IN_PROGRESS, None, None))["ev"] = (
        _sent_evidence(turn)
    )
    return _keep(turn)


async def ask_evidence(turn: Turn) -> Reply:
    """An optional photo or document as evidence (a photo where the channel takes no documents;
    it may be skipped); an answer that had evidence offers to keep or drop it."""
    number, limit = _item(turn)["n"], evidence.MAX_BYTES >> 20
    photos = evidence.photos_only(turn.ctx)
    if _sent_evidence(turn) is not None:
        options = (Option(t.EVIDENCE_KEEP, KEEP), Option(t.EVIDENCE_REMOVE, SKIP))
        again = t.ASK_EVIDENCE_PHOTO_AGAIN if photos else t.ASK_EVIDENCE_AGAIN
        return Reply(again.format(number=number, limit=limit), options)
    ask = t.ASK_EVIDENCE_PHOTO if photos else t.ASK_EVIDENCE
    return Reply(ask.format(number=number, limit=limit), (Option(t.SKIP, SKIP),))


async def read_evidence(turn: Turn) -> Outcome:
    """Keep the photo or document sent (stored at once), the earlier one, or none."""
    draft = turn.data.setdefault("draft", _answer(TaskStatus.IN_PROGRESS, None, None))
    earlier = _sent_evidence(turn)
    if turn.value == SKIP:
        draft["ev"] = None
        _check_later(turn, earlier)
        return _keep(turn)
    if turn.value == KEEP and earlier is not None:
        draft["ev"] = earlier
        return _keep(turn)
    event = turn.ctx.event
    if event.attachment is None or event.kind not in (Kind.PHOTO, Kind.DOCUMENT):
        if evidence.photos_only(turn.ctx):
            return Retry(t.EVIDENCE_PHOTO_TEXT if earlier is None else t.EVIDENCE_PHOTO_TEXT_AGAIN)
        return Retry(t.EVIDENCE_TEXT if earlier is None else t.EVIDENCE_TEXT_AGAIN)
    stored = await evidence.receive(turn.ctx, event.attachment)
    if isinstance(stored, str):
        return Retry(stored)
    file_id, name = stored
    _check_later(turn, earlier)
    _check_later(turn, file_id)
    draft["ev"] = file_id
    turn.ctx.say(t.EVIDENCE_SAVED.format(name=name))
    return _keep(turn)


async def ask_blocker(turn: Turn) -> Reply:
    """What blocks the task (required)."""
    return Reply(t.ASK_BLOCKER.format(number=_item(turn)["n"], limit=BLOCKER_RULE.max_chars))


async def read_blocker(turn: Turn) -> Outcome:
    """Keep what blocks, then ask the percent."""
    note = person_answers.free_text(
        turn.text,
        BLOCKER_RULE,
        "reason",
        too_short=t.BLOCKER_TOO_SHORT,
        too_long=t.BLOCKER_TOO_LONG,
    )
    if isinstance(note, Retry):
        return note
    turn.data.setdefault("draft", _answer(TaskStatus.BLOCKED, None, None))["note"] = note
    return Next("ci_percent")


async def ask_note(turn: Turn) -> Reply:
    """An optional note."""
    text = t.ASK_NOTE.format(number=_item(turn)["n"], limit=NOTE_RULE.max_chars)
    return Reply(text, (Option(t.SKIP, SKIP),))


async def read_note(turn: Turn) -> Outcome:
    """Keep the note (or none) and go on."""
    draft = turn.data.setdefault("draft", _answer(TaskStatus.IN_PROGRESS, None, None))
    if turn.value == SKIP:
        draft["note"] = None
        return _after_answer(turn)
    note = person_answers.free_text(turn.text, NOTE_RULE, "body", too_long=t.NOTE_TOO_LONG)
    if isinstance(note, Retry):
        return note
    draft["note"] = note
    return _after_answer(turn)


async def ask_summary(turn: Turn) -> Reply:
    """Every answer, then send or edit one."""
    row = await checkins.get(turn.ctx.session, round_id=int(turn.data["round"]))
    answers = _answers(turn)
    lines = [
        (item["n"], view.answer(**_words(answers[str(item["a"])])))
        for item in turn.data["items"]
        if str(item["a"]) in answers
    ]
    free = turn.data.get("free", [])
    replies = turn.data.get("rep", {})
    extra = [
        t.SUMMARY_FREE.format(
            index=index, text=q["text"], answer=view.reply_text(q["kind"], replies[str(index - 1)])
        )
        for index, q in enumerate(free, start=1)
        if str(index - 1) in replies
    ]
    text = view.summary(row.title if row else "", lines, extra)
    options = [Option(t.SEND, SEND)]
    options += [
        Option(t.EDIT_ITEM.format(number=item["n"]), AssignmentChoice(item["a"]).encode())
        for item in turn.data["items"]
    ]
    options += [
        Option(t.EDIT_QUESTION.format(index=index), f"q:{index - 1}")
        for index in range(1, len(free) + 1)
    ]
    return Reply(text, tuple(options))


async def read_summary(turn: Turn) -> Outcome:
    """Send the report, or open one task again."""
    if turn.value == SEND:
        return await _send(turn)
    if turn.value and turn.value.startswith("q:") and turn.value[2:].isdigit():
        index = int(turn.value[2:])
        if index < len(turn.data.get("free", [])):
            turn.data["q"], turn.data["editing"] = index, True
            return Next("ci_free")
    choice = AssignmentChoice.decode(turn.value)
    if choice is None:
        return Retry(ct.PICK_AN_OPTION)
    for index, item in enumerate(turn.data["items"]):
        if item["a"] == choice.assignment_id:
            turn.data["i"], turn.data["editing"] = index, True
            return Next("ci_status")
    return Retry(ct.PICK_AN_OPTION)


async def _send(turn: Turn) -> Outcome:
    ctx = turn.ctx
    row = await checkins.get(ctx.session, round_id=int(turn.data["round"]))
    refused = await refusal(ctx, row)
    if refused is not None:
        await cancelled(turn)
        ctx.say(refused)
        return Done()
    assert row is not None and ctx.member is not None
    answers = _answers(turn)
    given = [
        Given(
            assignment_id=int(item["a"]),
            period=str(item["p"]),
            status=TaskStatus(answers[str(item["a"])]["s"]),
            percent=answers[str(item["a"])].get("pc"),
            note=answers[str(item["a"])].get("note"),
            evidence_file_id=answers[str(item["a"])].get("ev"),
        )
        for item in turn.data["items"]
        if str(item["a"]) in answers
    ]
    replies = {int(index): str(value) for index, value in turn.data.get("rep", {}).items()}
    await checkins.submit(
        ctx.session,
        row=row,
        member=ctx.member,
        given=given,
        by_label=ACTOR,
        now=ctx.now(),
        replies=replies,
    )
    await checkins.drop_unused_evidence(ctx.session, file_ids=turn.data.get("files", []))
    closes = show(row.closes_at, ctx.config.zone)
    counts = []
    if given or not replies:
        counts.append(t.SUBMITTED_TASKS.format(count=len(given)))
    if replies:
        counts.append(t.SUBMITTED_OWN.format(count=len(replies)))
    ctx.say(t.SUBMITTED.format(title=row.title, count=", ".join(counts), closes=closes))
    return Done()


async def cancelled(turn: Turn) -> None:
    """The report was cancelled: forget the evidence sent during it that no answer uses."""
    await checkins.drop_unused_evidence(turn.ctx.session, file_ids=turn.data.get("files", []))


YES_NO = {"yes": t.YES, "no": t.NO}
NUMBER_TYPED = re.compile(r"^\s*-?\d{1,9}(?:[.,]\d{1,3})?\s*$")


def _question(turn: Turn) -> dict[str, str]:
    free: list[dict[str, str]] = turn.data.get("free", [])
    return free[min(int(turn.data.get("q", 0)), len(free) - 1)]


async def ask_free(turn: Turn) -> Reply:
    """One of the round's own questions, with the choices its kind offers."""
    question = _question(turn)
    kind = question["kind"]
    text = t.ASK_FREE.format(
        index=int(turn.data.get("q", 0)) + 1, total=len(turn.data["free"]), text=question["text"]
    )
    hint = t.FREE_HINTS.get(kind, "").format(limit=REPLY_RULE.max_chars)
    if hint:
        text = f"{text}\n{hint}"
    options: tuple[Option, ...] = ()
    if kind == "status":
        options = tuple(Option(label, f"st:{key}") for key, label in t.STATUS_NAMES.items())
    elif kind == "yes_no":
        options = tuple(Option(label, f"yn:{key}") for key, label in YES_NO.items())
    elif kind == "percent":
        options = tuple(Option(f"{p}%", f"pc:{p}") for p in PERCENTS)
    return Reply(text, options, columns=2)


def _free_value(turn: Turn, kind: str) -> str | Retry:
    value = turn.value or ""
    if kind == "status":
        key = value[3:] if value.startswith("st:") else ""
        return key if key in t.STATUS_NAMES else Retry(ct.PICK_AN_OPTION)
    if kind == "yes_no":
        key = value[3:] if value.startswith("yn:") else ""
        return key if key in YES_NO else Retry(ct.PICK_AN_OPTION)
    if kind == "percent":
        if value in PERCENT_VALUES:
            return str(PERCENT_VALUES[value])
        read = read_percent_text(turn.text)
        return Retry(read) if isinstance(read, str) else str(read)
    if kind == "number":
        if NUMBER_TYPED.match(turn.text) is None:
            return Retry(t.NUMBER_BAD)
        return turn.text.strip().replace(",", ".")
    return person_answers.free_text(turn.text, REPLY_RULE, "body", too_long=t.REPLY_TOO_LONG)


async def read_free(turn: Turn) -> Outcome:
    """Keep the answer to a round's own question and go on."""
    value = _free_value(turn, _question(turn)["kind"])
    if isinstance(value, Retry):
        return value
    turn.data.setdefault("rep", {})[str(turn.data.get("q", 0))] = value
    return _advance(turn)


STATUS = Step("ci_status", ask_status, read_status, free_text=False)
SUMMARY = Step("ci_summary", ask_summary, read_summary, free_text=False)
OTHERS = (
    Step("ci_percent", ask_percent, read_percent),
    Step("ci_blocker", ask_blocker, read_blocker),
    Step("ci_note", ask_note, read_note),
    Step("ci_evidence", ask_evidence, read_evidence, accepts=evidence.KINDS),
)
FREE = Step("ci_free", ask_free, read_free)
STEPS = (STATUS, *OTHERS, FREE, SUMMARY)
EDIT_STEPS = (SUMMARY, STATUS, *OTHERS, FREE)
OWN_STEPS = (FREE, SUMMARY, STATUS, *OTHERS)
"""A report with no task: the round's own questions first."""
