"""The report of announcements (/tinhhinh): recent announcements one may follow; for one of
them delivery (with the messengers it went out on), acknowledgements and answers by district
and commune, who has not acknowledged (and on which messenger), the attendee sheet, one
reminder to those who have not answered, cancelling a scheduled one and sending a correction
to the same recipients.

A coordinator follows their own announcements and those sent from above that reached their
scope (models.announcement_access), always with the figures and names of their scope only.
"""

from __future__ import annotations

import dataclasses

from bot.buttons.actions import PresenceSheet, Report, ReportCommunes, ReportList, ReportView
from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import broadcast as t
from bot.texts import common as ct
from bot.texts import targets as tt
from bot.timefmt import show
from handlers import person_answers
from handlers.broadcast import breakdown
from handlers.broadcast.chase import remind, remind_option
from models import announcement_access as access
from models import announcement_reports as reports
from models import announcements, attendance
from models.announcement_reports import Tally
from models.announcement_rules import BODY_LIMIT, Refusal, check, submit
from models.announcements import Announcement, AnnouncementState, Draft
from models.audience import Audience
from models.members import Role
from models.scopes import Scope
from models.validators import TextRule
from rendering import announcements as message
from rendering.attendance_sheet import attendee_sheet
from rendering.members import show_phone, unit_label

LIST_SIZE = 8
PAGE = 10
FIX_FLOW_NAME = "broadcast_fix"
FIX_BODY_RULE = TextRule(1, BODY_LIMIT, multiline=True)


async def begin(ctx: Context) -> None:
    """/tinhhinh: list recent announcements."""
    await show_list(ctx)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def show_list(ctx: Context) -> None:
    """The latest announcements the person may follow, as buttons."""
    member = ctx.member
    assert member is not None
    rows = await access.visible(ctx.session, viewer=member, limit=LIST_SIZE)
    if not rows:
        ctx.say(t.LIST_EMPTY)
        return
    options = []
    for row in rows:
        label = t.LIST_ITEM.format(
            id=row.id,
            kind=t.KINDS.get(row.kind, row.kind),
            title=_short(row.title),
            when=show(row.send_at, ctx.config.zone),
        )
        assert row.id is not None
        options.append(Option(label, Report(row.id).encode()))
    ctx.say(t.LIST_HEADER, options)


async def _open(ctx: Context, announcement_id: int) -> tuple[Announcement, Scope] | None:
    """The announcement and the scope of its figures the person may see, or None after
    saying why not."""
    if ctx.member is None or not ctx.member.has_role(Role.COORDINATOR):
        ctx.say(ct.NOT_ALLOWED.format(role=ct.ROLE_REFUSAL_ROLE_NAMES["coordinator"]))
        return None
    row = await announcements.get(ctx.session, announcement_id=announcement_id)
    if row is None:
        ctx.say(t.ANNOUNCEMENT_GONE)
        return None
    scope = await access.scope_for(ctx.session, viewer=ctx.member, row=row)
    if scope is None:
        ctx.say(t.NOT_YOURS)
        return None
    return row, scope


async def action(ctx: Context) -> None:
    """Buttons of the report: the list, one report, or one of its views."""
    value = ctx.option.value if ctx.option else None
    button = Report.decode(value)
    if button is None and ReportList.decode(value) is None:
        await ctx.show_menu(ct.OLD_BUTTON)
        return
    if button is None:
        if ctx.member is None or not ctx.member.has_role(Role.COORDINATOR):
            ctx.say(ct.NOT_ALLOWED.format(role=ct.ROLE_REFUSAL_ROLE_NAMES["coordinator"]))
            return
        await show_list(ctx)
        return
    opened = await _open(ctx, button.announcement_id)
    if opened is None:
        return
    row, scope = opened
    view = button.view
    if view in (ReportView.CANCEL, ReportView.FIX) and not access.owns(ctx.member, row):
        ctx.say(t.NOT_YOURS)
    elif view == ReportView.UNACKED:
        await show_unacked(ctx, row, button.page or 0, scope)
    elif view == ReportView.XLSX:
        sheet, count = await attendee_sheet(
            ctx.session, announcement=row, zone=ctx.config.zone, scope=scope
        )
        ctx.say(t.XLSX_READY.format(title=row.title, count=count), document=sheet)
    elif view == ReportView.REMIND:
        await remind(ctx, row, scope)
    elif view == ReportView.CANCEL:
        await _cancel(ctx, row)
    elif view == ReportView.FIX:
        if row.state not in (AnnouncementState.RELEASING, AnnouncementState.SENT):
            ctx.say(t.FIX_NOT_SENT)
            return
        await ctx.start_flow(FIX_FLOW_NAME, {"corrects": row.id})
    else:
        await show_report(ctx, row, scope)


def _state(ctx: Context, row: Announcement) -> str:
    moment = row.finished_at if row.state == AnnouncementState.SENT else row.send_at
    text = t.STATES.get(row.state, row.state)
    return text.format(when=show(moment or row.send_at, ctx.config.zone))


async def show_report(ctx: Context, row: Announcement, scope: Scope) -> None:
    """Delivery, acknowledgements and answers inside the scope, in total, by district and
    by commune."""
    assert row.id is not None
    zone = ctx.config.zone
    tallies = await reports.tally_by_unit(
        ctx.session, announcement_id=row.id, dedupe_key=row.dedupe_key, scope=scope
    )
    total = Tally()
    for tally in tallies.values():
        total.add(tally)
    districts = breakdown.group(tallies)
    kind = t.KINDS.get(row.kind, row.kind)
    lines = [t.REPORT_HEADER.format(id=row.id, kind=kind, title=row.title, state=_state(ctx, row))]
    if row.event_at is not None:
        place = t.PLACE_SUFFIX.format(place=row.place) if row.place else ""
        lines.append(t.REPORT_EVENT.format(when=show(row.event_at, zone), place=place))
    lines.append(
        t.REPORT_TOTALS.format(
            total=total.total,
            sent=total.delivery.get(reports.SENT, 0),
            queued=total.delivery.get(reports.QUEUED, 0),
            failed=total.delivery.get(reports.FAILED, 0),
            unreachable=total.delivery.get(reports.UNREACHABLE, 0),
            channels=_sent_channels(total),
            uncertain=_uncertain(total),
            acked=total.acked,
        )
    )
    if row.rsvp:
        none = total.total - total.yes - total.no
        lines.append(t.REPORT_RSVP.format(yes=total.yes, no=total.no, none=none))
    if districts:
        lines.append(t.REPORT_BY_DISTRICT)
        lines.extend(breakdown.lines(districts, row.rsvp))
    options = []
    if not breakdown.inline(districts):
        for district in districts:
            catalog, code = district.key
            if catalog and code:
                button = ReportCommunes(row.id, catalog, code)
                options.append(Option(t.BY_COMMUNE.format(name=district.name), button.encode()))
    if total.total > total.acked:
        options.append(Option(t.SHOW_UNACKED, Report(row.id, ReportView.UNACKED, 0).encode()))
    chase = remind_option(row, total, ctx.now())
    if chase is not None:
        options.append(chase)
    if row.rsvp:
        options.append(Option(t.DOWNLOAD_XLSX, Report(row.id, ReportView.XLSX).encode()))
    if attendance.is_open(row, ctx.now()):
        options.append(Option(tt.BUTTON_PRESENCE, PresenceSheet(row.id, 0).encode()))
    if access.owns(ctx.member, row):
        if row.state == AnnouncementState.SCHEDULED:
            options.append(Option(t.CANCEL_SCHEDULED, Report(row.id, ReportView.CANCEL).encode()))
        elif row.state != AnnouncementState.CANCELLED and row.corrects_id is None:
            options.append(Option(t.SEND_FIX, Report(row.id, ReportView.FIX).encode()))
    options += [
        Option(t.REFRESH, Report(row.id).encode()),
        Option(t.BACK_TO_LIST, ReportList().encode()),
    ]
    ctx.say("\n".join(lines), options)


def _sent_channels(total: Tally) -> str:
    """The line saying which messengers the sent messages went out on, when any were sent."""
    counts = message.channel_counts(total.by_channel(reports.SENT))
    return t.REPORT_CHANNELS.format(channels=counts) if counts else ""


def _uncertain(total: Tally) -> str:
    """The line about sends that may have arrived, when there are any."""
    count = total.delivery.get(reports.UNCERTAIN, 0)
    return t.REPORT_UNCERTAIN.format(count=count) if count else ""


async def communes(ctx: Context) -> None:
    """The "<huyện> theo xã" button: one district's figures by commune, inside the scope."""
    button = await ctx.pressed(ReportCommunes)
    if button is None:
        return
    opened = await _open(ctx, button.announcement_id)
    if opened is None:
        return
    row, scope = opened
    assert row.id is not None
    tallies = await reports.tally_by_unit(
        ctx.session, announcement_id=row.id, dedupe_key=row.dedupe_key, scope=scope
    )
    wanted = (button.catalog, button.district)
    found = next((d for d in breakdown.group(tallies) if d.key == wanted), None)
    back = (Option(t.BACK_TO_REPORT, Report(row.id).encode()),)
    if found is None:
        ctx.say(t.COMMUNES_NONE.format(district=unit_label(*wanted)), back)
        return
    header = t.COMMUNES_HEADER.format(id=row.id, title=row.title, district=found.name)
    ctx.say("\n".join([header, *breakdown.commune_lines(found, row.rsvp)]), back)


async def show_unacked(ctx: Context, row: Announcement, page: int, scope: Scope) -> None:
    """One page of the recipients inside the scope who have not acknowledged."""
    assert row.id is not None
    people, total = await reports.unacknowledged(
        ctx.session,
        announcement_id=row.id,
        dedupe_key=row.dedupe_key,
        limit=PAGE,
        offset=max(0, page) * PAGE,
        scope=scope,
    )
    if total == 0:
        ctx.say(t.UNACKED_NONE, (Option(t.REFRESH, Report(row.id).encode()),))
        return
    pages = (total + PAGE - 1) // PAGE
    lines = [t.UNACKED_HEADER.format(total=total, page=page + 1, pages=pages)]
    for number, person in enumerate(people, start=page * PAGE + 1):
        phone = f" — {show_phone(person.phone)}" if person.phone else ""
        if person.channel == reports.UNKNOWN_CHANNEL:
            via = t.UNACKED_CHANNEL_UNKNOWN
        elif person.channel is not None:
            via = t.UNACKED_CHANNEL.format(channel=message.channel_name(person.channel))
        else:
            via = ""
        lines.append(
            t.UNACKED_ITEM.format(
                number=number,
                name=person.name,
                unit=unit_label(person.unit_catalog, person.unit_code),
                phone=phone,
                delivery=t.DELIVERY_NAMES.get(person.delivery, person.delivery),
                channel=via,
            )
        )
    options = []
    if page > 0:
        options.append(Option(t.PREV_PAGE, Report(row.id, ReportView.UNACKED, page - 1).encode()))
    if page + 1 < pages:
        options.append(Option(t.NEXT_PAGE, Report(row.id, ReportView.UNACKED, page + 1).encode()))
    options.append(Option(t.REFRESH, Report(row.id).encode()))
    ctx.say("\n".join(lines), options, columns=2)


async def _cancel(ctx: Context, row: Announcement) -> None:
    assert row.id is not None
    if await announcements.cancel_scheduled(ctx.session, announcement_id=row.id, now=ctx.now()):
        ctx.say(t.CANCELLED_OK.format(id=row.id))
    else:
        ctx.say(t.CANCEL_TOO_LATE.format(id=row.id))


async def _original(turn: Turn) -> Announcement | None:
    return await announcements.get(
        turn.ctx.session, announcement_id=int(turn.data.get("corrects", 0))
    )


async def ask_fix_body(turn: Turn) -> Reply:
    """The text of the correction."""
    original = await _original(turn)
    return Reply(t.ASK_FIX_BODY.format(title=original.title if original else ""))


async def read_fix_body(turn: Turn) -> Outcome:
    """Check and keep the text."""
    body = person_answers.free_text(
        turn.ctx.event.text, FIX_BODY_RULE, "body", too_long=t.BODY_TOO_LONG
    )
    if isinstance(body, Retry):
        return body
    turn.data["body"] = body
    return Next("fix_confirm")


def _correction(turn: Turn, original: Announcement) -> message.Content:
    member = turn.ctx.member
    draft = Announcement(
        kind=original.kind,
        title=original.title,
        body=str(turn.data.get("body", "")),
        author_member_id=original.author_member_id,
        send_at=turn.ctx.now(),
    )
    content = message.content_of(
        draft, turn.ctx.config.zone, author=member.full_name if member else None, original=original
    )
    still_open = original.event_at is not None and original.event_at > turn.ctx.now()
    return dataclasses.replace(content, rsvp=content.rsvp and still_open)


async def ask_fix_confirm(turn: Turn) -> Reply:
    """Preview the correction and say how many will get it."""
    original = await _original(turn)
    if original is None:
        return Reply(t.ANNOUNCEMENT_GONE)
    turn.ctx.say(t.PREVIEW_HEADER)
    turn.ctx.replies.extend(message.replies(_correction(turn, original), None, preview=True))
    text = t.FIX_PREVIEW.format(count=original.recipients, id=original.id)
    return Reply(text, (Option(t.SEND_FIX_NOW, "send"), Option(t.EDIT_BODY, "body")))


async def read_fix_confirm(turn: Turn) -> Outcome:
    """Queue the correction for the original's recipients."""
    ctx = turn.ctx
    if turn.value == "body":
        return Next("fix_body")
    if turn.value != "send":
        return Retry(ct.PICK_AN_OPTION)
    original = await _original(turn)
    if original is None or not access.owns(ctx.member, original):
        ctx.say(t.NOT_YOURS)
        return Done()
    spec = Audience.from_json(original.audience_spec(), catalog=ctx.config.units.catalog)
    verdict = await check(ctx.session, author=ctx.member, spec=spec)
    if isinstance(verdict, Refusal):
        ctx.say(message.refusal_text(verdict))
        return Done()
    assert ctx.member is not None and ctx.member.id is not None
    draft = Draft(
        kind=original.kind,
        title=original.title,
        body=str(turn.data["body"]),
        author_member_id=ctx.member.id,
        audience=original.audience_spec(),
        send_at=ctx.now(),
        corrects_id=original.id,
    )
    row = await submit(
        ctx.session, author=ctx.member, draft=draft, actor_label=ctx.member.full_name
    )
    ctx.say(t.FIX_QUEUED.format(id=row.id, count=original.recipients))
    return Done()


FIX_FLOW = Flow(
    name=FIX_FLOW_NAME,
    title=t.FIX_TITLE,
    steps=(
        Step("fix_body", ask_fix_body, read_fix_body),
        Step("fix_confirm", ask_fix_confirm, read_fix_confirm, free_text=False),
    ),
)
