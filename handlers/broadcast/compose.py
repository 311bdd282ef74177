"""Composing an announcement (/thongbao): kind, title, text, attachment, time and place of
the event, attendance answers, audience, preview, then send now or at a chosen time."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from bot.buttons.actions import (
    Acknowledge,
    Attend,
    PreviewPress,
    Received,
    ReceivedList,
    Report,
    ReportCommunes,
    ReportList,
)
from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Kind, Option, Reply
from bot.router import Command, Feature
from bot.texts import broadcast as t
from bot.texts import common as ct
from bot.timefmt import show
from handlers import person_answers
from handlers.broadcast import answers as broadcast_answers
from handlers.broadcast import audience as broadcast_audience
from handlers.broadcast import files as broadcast_files
from handlers.broadcast import received as broadcast_received
from handlers.broadcast import status as broadcast_status
from handlers.notify import real_send_time
from models import announcements, audience, datetimes
from models.announcement_rules import (
    BODY_LIMIT,
    PLACE_LIMIT,
    TITLE_LIMIT,
    Refusal,
    check,
    sender_scope,
    submit,
)
from models.announcements import EVENT_KINDS, Draft
from models.members import Role
from models.outbox import MessageKind
from models.quiet_hours import is_quiet
from models.validators import TextRule, shorten
from rendering import announcements as message
from rendering import sending
from rendering.date_examples import short_example, when_example

FLOW = "broadcast"
TITLE_RULE = TextRule(3, TITLE_LIMIT)
BODY_RULE = TextRule(1, BODY_LIMIT, multiline=True)
PLACE_RULE = TextRule(2, PLACE_LIMIT)


RECEIVED = "received"


async def begin(ctx: Context) -> None:
    """/thongbao: coordinators compose (or open what was sent to them); members see the
    announcements sent to them, to read again and answer."""
    if sender_scope(ctx.member) is None:
        await broadcast_received.show_list(ctx, intro=t.MINE_NOT_COMPOSER)
        return
    await ctx.start_flow(FLOW, {"aud": {}})


async def ask_kind(turn: Turn) -> Reply:
    """Which kind of announcement (or the ones sent to oneself instead)."""
    options = [Option(label, key) for key, label in t.KINDS.items()]
    options.append(Option(t.MINE_OPEN, RECEIVED))
    return Reply(t.ASK_KIND, tuple(options), 2)


async def read_kind(turn: Turn) -> Outcome:
    """Remember the kind."""
    if turn.value == RECEIVED:
        await broadcast_received.show_list(turn.ctx)
        return Done()
    if turn.value not in t.KINDS:
        return Retry(t.ASK_KIND)
    turn.data["kind"] = turn.value
    return Next(turn.resume("title"))


async def ask_title(turn: Turn) -> Reply:
    """The title."""
    return Reply(t.ASK_TITLE.format(limit=TITLE_LIMIT))


async def read_title(turn: Turn) -> Outcome:
    """Check and remember the title."""
    title = person_answers.free_text(
        turn.text, TITLE_RULE, "title", too_short=t.TITLE_TOO_SHORT, too_long=t.TITLE_TOO_LONG
    )
    if isinstance(title, Retry):
        return title
    turn.data["title"] = title
    return Next(turn.resume("body"))


async def ask_body(turn: Turn) -> Reply:
    """The text."""
    return Reply(t.ASK_BODY.format(limit=BODY_LIMIT))


async def read_body(turn: Turn) -> Outcome:
    """Check the length (Telegram's limit) and remember the text."""
    body = person_answers.free_text(
        turn.ctx.event.text, BODY_RULE, "body", too_long=t.BODY_TOO_LONG
    )
    if isinstance(body, Retry):
        return body
    turn.data["body"] = body
    return Next(turn.resume("file"))


async def ask_file(turn: Turn) -> Reply:
    """An optional photo or document (a photo where the channel takes no documents)."""
    options = [Option(t.NO_FILE, "none")]
    if turn.data.get("file_id"):
        options.insert(0, Option(t.KEEP_FILE.format(name=turn.data.get("file_name")), "keep"))
    return Reply(_ask_file(turn), tuple(options))


def _ask_file(turn: Turn) -> str:
    return t.ASK_PHOTO if broadcast_files.photos_only(turn.ctx) else t.ASK_FILE


def _after_file(turn: Turn) -> str:
    if turn.data.get("kind") in EVENT_KINDS:
        return turn.resume("when")
    return turn.resume("audience")


async def read_file(turn: Turn) -> Outcome:
    """Keep the photo or document (downloaded once, stored with the announcement)."""
    ctx = turn.ctx
    if turn.value == "none":
        turn.data.pop("file_id", None)
        turn.data.pop("file_name", None)
        return Next(_after_file(turn))
    if turn.value == "keep" and turn.data.get("file_id"):
        return Next(_after_file(turn))
    attachment = ctx.event.attachment
    if attachment is None:
        return Retry(_ask_file(turn))
    if not broadcast_files.can_fetch(ctx, attachment.kind):
        return Retry(t.PHOTO_ONLY if broadcast_files.photos_only(ctx) else t.FILE_UNAVAILABLE)
    try:
        content, name, mime = await broadcast_files.fetch(ctx, attachment)
    except broadcast_files.FileTooBig as error:
        megabytes = round(error.size / 1024 / 1024, 1)
        limit = broadcast_files.MAX_BYTES // 1024 // 1024
        if broadcast_files.photos_only(ctx):
            return Retry(t.PHOTO_TOO_BIG.format(limit=limit))
        return Retry(t.FILE_TOO_BIG.format(size=megabytes, limit=limit))
    except broadcast_files.NotAnImage:
        return Retry(t.NOT_AN_IMAGE)
    except Exception:
        return Retry(t.FILE_FAILED)
    turn.data["file_id"] = await announcements.save_file(
        ctx.session,
        kind="photo" if attachment.kind == Kind.PHOTO else "document",
        filename=name,
        mime_type=mime,
        content=content,
        uploaded_by=ctx.member.id if ctx.member else None,
    )
    turn.data["file_name"] = name
    ctx.say(t.FILE_SAVED.format(name=name))
    return Next(_after_file(turn))


async def ask_when(turn: Turn) -> Reply:
    """When the event takes place."""
    return Reply(t.ASK_WHEN.format(example=when_example(turn.ctx.now(), turn.ctx.config.zone)))


def typed_moment(turn: Turn, *, before: datetime | None = None) -> datetime | Retry:
    """The local date and time typed, or a re-ask saying why it is not one.

    The re-ask shows examples that would be accepted now (before `before`, for a send time).
    """
    now, zone = turn.ctx.now(), turn.ctx.config.zone
    moment = datetimes.read_moment(turn.text, zone=zone, now=now)
    if isinstance(moment, datetime):
        return moment
    reason = t.explain_when(moment.code, asdict(moment), text=shorten(turn.text))
    again = t.WHEN_AGAIN.format(
        example=when_example(now, zone, before=before),
        short=short_example(now, zone, before=before),
    )
    return Retry(f"{reason} {again}")


async def read_when(turn: Turn) -> Outcome:
    """Read a future local date and time."""
    zone = turn.ctx.config.zone
    moment = typed_moment(turn)
    if isinstance(moment, Retry):
        return moment
    if moment <= turn.ctx.now():
        return Retry(t.WHEN_PAST.format(when=show(moment, zone)))
    turn.data["event_at"] = moment.isoformat()
    return Next(turn.resume("place"))


async def ask_place(turn: Turn) -> Reply:
    """Where (or the online meeting link)."""
    return Reply(t.ASK_PLACE)


async def read_place(turn: Turn) -> Outcome:
    """Remember the place."""
    place = person_answers.free_text(turn.text, PLACE_RULE, "place", too_long=t.PLACE_TOO_LONG)
    if isinstance(place, Retry):
        return place
    turn.data["place"] = place
    return Next(turn.resume("rsvp"))


async def ask_rsvp(turn: Turn) -> Reply:
    """Whether members are asked to answer attend / not attend."""
    return Reply(t.ASK_RSVP, (Option(t.RSVP_YES, "yes"), Option(t.RSVP_NO, "no")), 2)


async def read_rsvp(turn: Turn) -> Outcome:
    """Remember the answer."""
    turn.data["rsvp"] = turn.value == "yes"
    return Next(turn.resume("audience"))


def content(turn: Turn) -> message.Content:
    """The announcement as composed so far, for the preview."""
    data = turn.data
    event_at = data.get("event_at")
    author = turn.ctx.member.full_name if turn.ctx.member else None
    when = show(datetime.fromisoformat(event_at), turn.ctx.config.zone) if event_at else None
    return message.Content(
        id=None,
        kind=data.get("kind", "notice"),
        title=data.get("title", ""),
        body=data.get("body", ""),
        event_at_text=when,
        place=data.get("place"),
        rsvp=bool(data.get("rsvp")),
        author=author,
    )


async def ask_preview(turn: Turn) -> Reply:
    """Show the message exactly as members will see it, and how many will get it."""
    ctx = turn.ctx
    file = None
    if turn.data.get("file_id"):
        file = await announcements.get_file(ctx.session, file_id=int(turn.data["file_id"]))
    composed = content(turn)
    length = len(message.text(composed))
    if length > message.TEXT_LIMIT:
        text = t.PREVIEW_TOO_LONG.format(count=length, limit=message.TEXT_LIMIT)
        return Reply(text, (Option(t.EDIT_BODY, "body"),))
    ctx.say(t.PREVIEW_HEADER)
    ctx.replies.extend(message.replies(composed, file, preview=True))
    spec = broadcast_audience.spec_of(turn)
    scope = broadcast_audience.scope_of_turn(turn)
    counted = await audience.count(ctx.session, audience=spec, scope=scope)
    if counted.members == 0:
        return Reply(t.PREVIEW_EMPTY, (Option(t.EDIT_AUDIENCE, "audience"),))
    lines = [message.audience_counts(counted)]
    options = [Option(t.SEND_NOW, "now")]
    quiet = ctx.config.quiet_hours
    if is_quiet(ctx.now(), zone=ctx.config.zone, start=quiet.start, end=quiet.end):
        start, end = quiet.start.strftime("%H:%M"), quiet.end.strftime("%H:%M")
        lines.append(t.PREVIEW_QUIET.format(start=start, end=end))
        options.append(Option(t.SEND_URGENT, "urgent"))
    options += [
        Option(t.SCHEDULE, "schedule"),
        Option(t.EDIT_AUDIENCE, "audience"),
        Option(t.EDIT_BODY, "body"),
    ]
    return Reply("\n".join(lines), tuple(options))


async def read_preview(turn: Turn) -> Outcome:
    """Send now, schedule, or go back to edit."""
    if turn.value in ("now", "urgent"):
        return await _save(turn, send_at=turn.ctx.now(), urgent=turn.value == "urgent")
    if turn.value == "schedule":
        return Next("schedule")
    if turn.value == "audience":
        return Next("audience")
    if turn.value == "body":
        turn.data["_return_to"] = "preview"
        return Next("body")
    return Retry(ct.PICK_AN_OPTION)


async def ask_schedule(turn: Turn) -> Reply:
    """When to send."""
    return Reply(t.ASK_SCHEDULE.format(example=_schedule_example(turn)))


def _event_at(turn: Turn) -> datetime | None:
    event_at = turn.data.get("event_at")
    return datetime.fromisoformat(event_at) if event_at else None


def _schedule_example(turn: Turn) -> str:
    return when_example(turn.ctx.now(), turn.ctx.config.zone, before=_event_at(turn))


async def read_schedule(turn: Turn) -> Outcome:
    """Read a future time before the event, then save."""
    zone = turn.ctx.config.zone
    moment = typed_moment(turn, before=_event_at(turn))
    if isinstance(moment, Retry):
        return moment
    if moment <= turn.ctx.now():
        return Retry(t.WHEN_PAST.format(when=show(moment, zone)))
    event_at = turn.data.get("event_at")
    if event_at and moment >= datetime.fromisoformat(event_at):
        return Retry(
            t.SCHEDULE_AFTER_EVENT.format(when=show(datetime.fromisoformat(event_at), zone))
        )
    return await _save(turn, send_at=moment, urgent=False)


async def _save(turn: Turn, *, send_at: datetime, urgent: bool) -> Outcome:
    ctx = turn.ctx
    spec = broadcast_audience.spec_of(turn)
    verdict = await check(ctx.session, author=ctx.member, spec=spec)
    if isinstance(verdict, Refusal):
        ctx.say(message.refusal_text(verdict))
        return Done()
    assert ctx.member is not None and ctx.member.id is not None
    counted = await audience.count(ctx.session, audience=spec, scope=verdict)
    data = turn.data
    event_at = datetime.fromisoformat(data["event_at"]) if data.get("event_at") else None
    if event_at is not None and event_at <= ctx.now():
        return Retry(t.WHEN_PAST.format(when=show(event_at, ctx.config.zone)))
    draft = Draft(
        kind=data["kind"],
        title=data["title"],
        body=data["body"],
        author_member_id=ctx.member.id,
        audience=spec.to_json(),
        send_at=send_at,
        event_at=event_at,
        place=data.get("place"),
        rsvp=bool(data.get("rsvp")) and event_at is not None,
        attachment_id=int(data["file_id"]) if data.get("file_id") else None,
        urgent=urgent,
    )
    row = await submit(
        ctx.session, author=ctx.member, draft=draft, actor_label=ctx.member.full_name
    )
    ctx.say(_queued_text(ctx, row.id, send_at, urgent=urgent, members=counted.members))
    return Done()


def _queued_text(
    ctx: Context, announcement_id: int | None, send_at: datetime, *, urgent: bool, members: int
) -> str:
    """What the sender is told: queued now, for later, and when quiet hours hold it, the
    time it will really go."""
    zone, now = ctx.config.zone, ctx.now()
    real = real_send_time(ctx, max(send_at, now), message=MessageKind.BULK, urgent=urgent)
    quiet = ctx.config.quiet_hours
    hours = {"start": quiet.start.strftime("%H:%M"), "end": quiet.end.strftime("%H:%M")}
    when = sending.soon(real, zone, now=now)
    if send_at <= now:
        if real > now:
            return t.QUEUED_HELD.format(id=announcement_id, members=members, when=when, **hours)
        return t.QUEUED_NOW.format(id=announcement_id, members=members)
    if real > send_at:
        asked = show(send_at, zone)
        return t.QUEUED_LATER_HELD.format(
            id=announcement_id, members=members, asked=asked, when=when, **hours
        )
    return t.QUEUED_LATER.format(id=announcement_id, when=show(send_at, zone), members=members)


COMPOSE = Flow(
    name=FLOW,
    title=t.FLOW_TITLE,
    steps=(
        Step("kind", ask_kind, read_kind, free_text=False),
        Step("title", ask_title, read_title),
        Step("body", ask_body, read_body),
        Step(
            "file",
            ask_file,
            read_file,
            accepts=frozenset({Kind.TEXT, Kind.OPTION, Kind.PHOTO, Kind.DOCUMENT}),
        ),
        Step("when", ask_when, read_when),
        Step("place", ask_place, read_place),
        Step("rsvp", ask_rsvp, read_rsvp, free_text=False),
        *broadcast_audience.STEPS,
        Step("preview", ask_preview, read_preview, free_text=False),
        Step("schedule", ask_schedule, read_schedule),
    ),
)


def setup() -> Feature:
    """Register /thongbao, /tinhhinh, the answers to announcements and their flows."""
    return Feature(
        name="broadcast",
        commands=(
            Command("thongbao", begin, t.CMD_COMPOSE, access=Role.MEMBER, button=t.BUTTON_COMPOSE),
            Command(
                "tinhhinh",
                broadcast_status.begin,
                t.CMD_STATUS,
                access=Role.COORDINATOR,
                button=t.BUTTON_STATUS,
            ),
        ),
        flows=(COMPOSE, broadcast_answers.REASON_FLOW, broadcast_status.FIX_FLOW),
        actions={
            Acknowledge: broadcast_answers.acknowledge,
            Attend: broadcast_answers.rsvp,
            PreviewPress: broadcast_answers.preview_button,
            Report: broadcast_status.action,
            ReportList: broadcast_status.action,
            ReportCommunes: broadcast_status.communes,
            Received: broadcast_received.open_one,
            ReceivedList: broadcast_received.open_list,
        },
    )
