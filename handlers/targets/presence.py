"""Confirming who actually came to a training (from /tinhhinh → the announcement, or
/chitieu → Xác nhận có mặt): after its start, its sender and coordinators see the recipients
in their scope, marked present if they answered "Tham gia", and toggle each person; the
confirmed list then counts for the training target instead of the answers."""

from __future__ import annotations

from bot.buttons.actions import PresenceConfirm, PresenceSheet, Report, TargetsPage, TargetView
from bot.context import Context
from bot.events import Option
from bot.texts import broadcast as bt
from bot.texts import common as ct
from bot.texts import targets as t
from bot.timefmt import show
from models import announcements, attendance, members
from models.announcements import Announcement, AnnouncementKind
from models.members import Member, Role
from models.scopes import Scope
from models.scopes import of as scope_of
from rendering.members import unit_label

PAGE = 8


def may_see_report(member: Member, row: Announcement) -> bool:
    """Whether the person may open the announcement's report (its author, admins)."""
    return member.has_role(Role.ADMIN) or row.author_member_id == member.id


async def _training(ctx: Context, announcement_id: int) -> tuple[Announcement, Scope] | None:
    """The training to confirm and the confirmer's scope, or None after saying why not."""
    member = ctx.member
    if member is None or not member.has_role(Role.COORDINATOR):
        ctx.say(ct.NOT_ALLOWED.format(role=ct.ROLE_REFUSAL_ROLE_NAMES["coordinator"]))
        return None
    row = await announcements.get(ctx.session, announcement_id=announcement_id)
    if row is None:
        ctx.say(bt.ANNOUNCEMENT_GONE)
        return None
    if not attendance.is_open(row, ctx.now()):
        if (
            row.event_at is not None
            and row.kind == AnnouncementKind.TRAINING
            and row.event_at > ctx.now()
        ):
            ctx.say(t.PRESENCE_NOT_STARTED.format(when=show(row.event_at, ctx.config.zone)))
        else:
            ctx.say(t.PRESENCE_ONLY_TRAINING)
        return None
    return row, scope_of(member)


def _unit(catalog: str | None, code: str | None) -> str:
    return unit_label(catalog, code) if catalog and code else t.PRESENCE_NO_UNIT


async def _who(ctx: Context, member_id: int | None) -> str:
    if member_id is None:
        return t.PRESENCE_BY_UNKNOWN
    someone = await members.get_member(ctx.session, member_id=member_id)
    return someone.full_name if someone else t.PRESENCE_BY_UNKNOWN


async def show_sheet(ctx: Context, row: Announcement, scope: Scope, page: int) -> None:
    """One page of the recipients in scope, each a button that marks them."""
    assert row.id is not None and row.event_at is not None and ctx.member is not None
    zone = ctx.config.zone
    state = await attendance.state(ctx.session, announcement_id=row.id, scope=scope)
    if state.recipients == 0:
        ctx.say(t.PRESENCE_NOBODY, (Option(t.OVERVIEW, TargetsPage().encode()),))
        return
    pages = max(1, (state.recipients + PAGE - 1) // PAGE)
    page = min(max(page, 0), pages - 1)
    people = await attendance.sheet_page(
        ctx.session, announcement_id=row.id, scope=scope, limit=PAGE, offset=page * PAGE
    )
    if state.confirmed and state.last_at is not None:
        progress = t.PRESENCE_CONFIRMED.format(
            confirmed=state.confirmed,
            total=state.recipients,
            when=show(state.last_at, zone),
            by=await _who(ctx, state.last_by),
        )
    else:
        progress = t.PRESENCE_FROM_ANSWERS
    marker = t.PAGE.format(page=page + 1, pages=pages) if pages > 1 else ""
    text = "\n".join(
        [
            t.PRESENCE_HEAD.format(
                title=row.title,
                when=show(row.event_at, zone),
                present=state.present,
                total=state.recipients,
                state=progress,
            ),
            t.PRESENCE_HINT.format(page=marker).rstrip(),
        ]
    )
    options = [
        Option(
            t.PRESENCE_PERSON.format(
                mark=t.MARK_PRESENT if person.present else t.MARK_ABSENT,
                name=person.name,
                unit=_unit(person.unit_catalog, person.unit_code),
            ),
            PresenceSheet(row.id, page, person.member_id).encode(),
        )
        for person in people
    ]
    if page > 0:
        options.append(Option(t.PREV, PresenceSheet(row.id, page - 1).encode()))
    if page + 1 < pages:
        options.append(Option(t.MORE, PresenceSheet(row.id, page + 1).encode()))
    options.append(Option(t.PRESENCE_SAVE, PresenceConfirm(row.id, page).encode()))
    if may_see_report(ctx.member, row):
        options.append(Option(t.PRESENCE_BACK, Report(row.id).encode()))
    else:
        options.append(Option(t.PRESENCE_TO_LIST, TargetsPage(TargetView.PRESENCE).encode()))
    ctx.say(text, options)


async def sheet(ctx: Context) -> None:
    """A page of the sheet; with a person on the button, mark them first."""
    button = await ctx.pressed(PresenceSheet)
    if button is None:
        return
    found = await _training(ctx, button.announcement_id)
    if found is None:
        return
    row, scope = found
    assert ctx.member is not None
    if button.member_id is not None:
        present = await attendance.toggle(
            ctx.session,
            announcement_id=button.announcement_id,
            member_id=button.member_id,
            scope=scope,
            by=ctx.member.id,
            now=ctx.now(),
        )
        if present is None:
            ctx.say(t.PRESENCE_NOT_RECIPIENT)
        else:
            person = await members.get_member(ctx.session, member_id=button.member_id)
            name = person.full_name if person else ""
            template = t.PRESENCE_MARKED_IN if present else t.PRESENCE_MARKED_OUT
            ctx.say(template.format(name=name))
    await show_sheet(ctx, row, scope, button.page)


async def confirm(ctx: Context) -> None:
    """ "Xác nhận danh sách": everyone in scope as the sheet shows them."""
    button = await ctx.pressed(PresenceConfirm)
    if button is None:
        return
    found = await _training(ctx, button.announcement_id)
    if found is None:
        return
    row, scope = found
    assert ctx.member is not None
    await attendance.confirm_all(
        ctx.session,
        announcement_id=button.announcement_id,
        scope=scope,
        by=ctx.member.id,
        now=ctx.now(),
    )
    state = await attendance.state(
        ctx.session, announcement_id=button.announcement_id, scope=scope
    )
    ctx.say(t.PRESENCE_SAVED.format(present=state.present, total=state.recipients))
    await show_sheet(ctx, row, scope, button.page)
