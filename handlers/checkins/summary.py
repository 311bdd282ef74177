"""/tonghop: the summary of a check-in round for its creator (an admin: any round) — the
response rate overall and by district and commune, statuses per task, blockers with who and
where — as text pages, a spreadsheet and a chart; and a reminder to who has not reported.
A district or commune coordinator also gets the rounds created above them that reached their
scope, counted inside their scope only."""

from __future__ import annotations

import asyncio
import logging

from bot import evidence_links
from bot.buttons.actions import (
    CheckinEvidence,
    CheckinEvidenceList,
    CheckinNudge,
    CheckinSummary,
    CheckinSummaryChart,
    CheckinSummaryXlsx,
)
from bot.context import Context
from bot.events import Option, OutFile
from bot.texts import checkins as t
from bot.timefmt import show
from handlers.notify import real_send_time
from handlers.tasks import shared
from models import checkin_nudges, checkin_summary, checkins, members, outbox, scopes
from models.checkin_summary import Summary
from models.checkins import CheckinRound, RoundState
from models.outbox import MessageKind
from models.scopes import Scope
from models.validators import shorten
from rendering import checkin_chart
from rendering import checkin_summary as view
from rendering import checkins as prompts
from rendering.exports import XLSX_MIME

log = logging.getLogger(__name__)
EVIDENCE_PAGE = 10


async def _above(ctx: Context, row: CheckinRound, mine: Scope) -> bool:
    """Whether a round was created by someone whose scope is wider than the person's."""
    author = await members.get_member(ctx.session, member_id=row.author_member_id)
    return author is not None and scopes.of(author).wider_than(mine)


async def begin(ctx: Context) -> None:
    """The rounds the person may summarise, newest first."""
    mine = scopes.of(ctx.member)
    me = shared.member_id(ctx)
    admin = shared.is_admin(ctx)
    reaching = None if admin or mine.whole_province else mine
    found = await checkin_summary.reported_rounds(
        ctx.session, author_member_id=None if admin else me, reaching=reaching
    )
    shown = [
        (row, admin or row.author_member_id == me)
        for row in found
        if admin or row.author_member_id == me or await _above(ctx, row, mine)
    ]
    if not shown:
        ctx.say(t.SUMMARY_NONE)
        return
    zone = ctx.config.zone
    options = [
        Option(
            (t.SUMMARY_ROUND if own else t.SUMMARY_ROUND_ABOVE).format(
                title=row.title, opens=show(row.opens_at, zone)
            ),
            CheckinSummary(row.id or 0, 0).encode(),
        )
        for row, own in shown
    ]
    ctx.say(t.SUMMARY_PICK, options)


async def _allowed(ctx: Context, round_id: int) -> tuple[CheckinRound, Scope | None] | None:
    """The round and the scope to count it in (None: all of it), if the person may see it."""
    row = await checkins.get(ctx.session, round_id=round_id)
    if row is None or row.id is None or not shared.is_coordinator(ctx):
        return None
    if shared.is_admin(ctx) or row.author_member_id == shared.member_id(ctx):
        return row, None
    mine = scopes.of(ctx.member)
    if mine.whole_province or not await _above(ctx, row, mine):
        return None
    if not await checkin_summary.reaches(ctx.session, round_id=row.id, scope=mine):
        return None
    return row, mine


async def _permitted(
    ctx: Context, round_id: int | None
) -> tuple[CheckinRound, Scope | None] | None:
    """`_allowed` for a round pressed on (None: unknown); else say it is not theirs."""
    allowed = None if round_id is None else await _allowed(ctx, round_id)
    if allowed is None:
        ctx.say(t.NOT_YOURS)
    return allowed


async def _summarized(ctx: Context, round_id: int) -> tuple[CheckinRound, Summary] | None:
    """A round the person may see, with its summary inside their scope; else say why not."""
    allowed = await _permitted(ctx, round_id)
    if allowed is None:
        return None
    row, scope = allowed
    summary = await checkin_summary.summarize(
        ctx.session, row=row, today=shared.today(ctx), scope=scope
    )
    return row, summary


async def page(ctx: Context) -> None:
    """One page of a round's summary, with the buttons to turn pages and get the file."""
    button = await ctx.pressed(CheckinSummary)
    if button is None:
        return
    found = await _summarized(ctx, button.round_id)
    if found is None:
        return
    row, summary = found
    assert row.id is not None
    texts = view.pages(summary, ctx.config.zone)
    number = min(max(button.page, 0), len(texts) - 1)
    options = []
    if number > 0:
        options.append(Option(t.PREV_PAGE, CheckinSummary(row.id, number - 1).encode()))
    if number < len(texts) - 1:
        options.append(Option(t.NEXT_PAGE, CheckinSummary(row.id, number + 1).encode()))
    options.append(Option(t.XLSX_BUTTON, CheckinSummaryXlsx(row.id).encode()))
    options.append(Option(t.PNG_BUTTON, CheckinSummaryChart(row.id).encode()))
    scope = scopes.of(ctx.member) if summary.scoped else None
    proofs = await checkin_summary.evidence_count(ctx.session, row=row, scope=scope)
    if proofs:
        label = t.EVIDENCE_BUTTON.format(count=proofs)
        options.append(Option(label, CheckinEvidenceList(row.id, 0).encode()))
    if row.state == RoundState.OPEN and summary.silent:
        options.append(Option(t.NUDGE_BUTTON, CheckinNudge(row.id).encode()))
    ctx.say(texts[number], options)


async def spreadsheet(ctx: Context) -> None:
    """A round's summary as an XLSX document."""
    button = await ctx.pressed(CheckinSummaryXlsx)
    if button is None:
        return
    found = await _summarized(ctx, button.round_id)
    if found is None:
        return
    row, summary = found
    assert row.id is not None
    scope = scopes.of(ctx.member) if summary.scoped else None
    rows = await checkin_summary.answer_rows(ctx.session, row=row, scope=scope)
    event = ctx.event
    links = await evidence_links.issue(
        ctx.session,
        ctx.config,
        rows,
        channel=event.channel,
        external_id=event.external_id,
        now=ctx.now(),
    )
    content = view.xlsx(summary, rows, zone=ctx.config.zone, links=links)
    file = OutFile(t.XLSX_NAME.format(id=row.id), content, XLSX_MIME)
    ctx.say(t.XLSX_SENT.format(id=row.id), document=file)


async def evidence_list(ctx: Context) -> None:
    """ "📎 Minh chứng": a page of the round's answers sent with evidence (inside the person's
    scope for a round created above them), each a button that sends its file."""
    button = await ctx.pressed(CheckinEvidenceList)
    if button is None:
        return
    allowed = await _permitted(ctx, button.round_id)
    if allowed is None:
        return
    row, scope = allowed
    assert row.id is not None
    count = await checkin_summary.evidence_count(ctx.session, row=row, scope=scope)
    if count == 0:
        ctx.say(t.EVIDENCE_NONE.format(title=row.title))
        return
    pages = (count + EVIDENCE_PAGE - 1) // EVIDENCE_PAGE
    number = min(max(button.page, 0), pages - 1)
    found = await checkin_summary.evidence_page(
        ctx.session, row=row, scope=scope, offset=number * EVIDENCE_PAGE, limit=EVIDENCE_PAGE
    )
    options = [
        Option(
            shorten(t.EVIDENCE_ITEM.format(number=e.number, name=e.name, filename=e.filename), 60),
            CheckinEvidence(e.answer_id).encode(),
        )
        for e in found
    ]
    if number > 0:
        options.append(Option(t.PREV_PAGE, CheckinEvidenceList(row.id, number - 1).encode()))
    if number < pages - 1:
        options.append(Option(t.NEXT_PAGE, CheckinEvidenceList(row.id, number + 1).encode()))
    first = number * EVIDENCE_PAGE + 1
    text = t.EVIDENCE_LIST.format(
        title=row.title, first=first, last=first + len(found) - 1, count=count
    )
    ctx.say(text, options)


async def evidence_file(ctx: Context) -> None:
    """One answer's evidence file, for those who may see the round's summary and, for a
    round created above them, only of people inside their scope."""
    button = await ctx.pressed(CheckinEvidence)
    if button is None:
        return
    round_id = await checkin_summary.answer_round(ctx.session, answer_id=button.answer_id)
    allowed = await _permitted(ctx, round_id)
    if allowed is None:
        return
    scope = allowed[1]
    found = await checkin_summary.evidence_file(
        ctx.session, answer_id=button.answer_id, scope=scope
    )
    if found is None:
        ctx.say(t.NOT_YOURS)
        return
    if found.file is None:
        ctx.say(t.EVIDENCE_GONE)
        return
    stored = found.file
    caption = t.EVIDENCE_SENT.format(
        number=found.number, name=found.name, answered=show(found.answered_at, ctx.config.zone)
    )
    file = OutFile(stored.filename, stored.content, stored.mime_type)
    if stored.kind == "photo":
        ctx.say(caption, image=file)
    else:
        ctx.say(caption, document=file)


async def chart(ctx: Context) -> None:
    """A round's summary as a PNG chart (rates by district or commune, statuses per task)."""
    button = await ctx.pressed(CheckinSummaryChart)
    if button is None:
        return
    found = await _summarized(ctx, button.round_id)
    if found is None:
        return
    row, summary = found
    assert row.id is not None
    try:
        content = await asyncio.to_thread(checkin_chart.png, summary, ctx.config.zone)
    except Exception:
        log.exception("check-in chart failed")
        ctx.say(t.PNG_FAILED)
        return
    image = OutFile(t.PNG_NAME.format(id=row.id), content, "image/png")
    ctx.say(t.PNG_SENT.format(id=row.id), image=image)


async def nudge(ctx: Context) -> None:
    """ "Nhắc những người chưa báo cáo": one reminder to the silent people in the asker's scope
    (a second press reminds nobody twice); says how many and when it goes."""
    button = await ctx.pressed(CheckinNudge)
    if button is None:
        return
    allowed = await _permitted(ctx, button.round_id)
    if allowed is None:
        return
    row = allowed[0]
    if row.state != RoundState.OPEN:
        ctx.say(t.NUDGE_NOT_OPEN.format(title=row.title))
        return
    zone = ctx.config.zone
    payload_id = await outbox.store_payload(ctx.session, reply=prompts.reminder(row, zone))
    done = await checkin_nudges.nudge(
        ctx.session,
        row=row,
        scope=scopes.of(ctx.member),
        payload_id=payload_id,
        today=shared.today(ctx),
    )
    if done.silent == 0:
        ctx.say(t.NUDGE_NOBODY)
        return
    if done.queued == 0:
        ctx.say(t.NUDGED_BEFORE.format(count=done.silent, title=row.title))
        return
    lines = [t.NUDGED.format(count=done.queued, title=row.title)]
    if done.silent > done.queued:
        lines.append(t.NUDGED_REST.format(rest=done.silent - done.queued))
    now = ctx.now()
    goes = real_send_time(ctx, now, message=MessageKind.REMINDER)
    if goes > now:
        lines.append(t.NUDGE_HELD.format(when=show(goes, zone)))
    ctx.say("\n".join(lines))
