"""Invite links as people receive them (Telegram deep link, /start code, terms) and their
creation on behalf of the person in the conversation (audited)."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Context
from bot.texts import invites as t
from bot.timefmt import show_date
from models import audit, invites
from models.invites import Invite


def links(ctx: Context, invite: Invite) -> str:
    """How to use an invite: the Telegram deep link and the /start command."""
    lines = []
    username = ctx.services.bot_usernames.get("telegram")
    if username:
        lines.append(t.LINK_TELEGRAM.format(url=f"https://t.me/{username}?start={invite.code}"))
    lines.append(t.LINK_WEB.format(code=invite.code))
    lines.append(terms(ctx, invite))
    return "\n".join(lines)


def terms(ctx: Context, invite: Invite) -> str:
    """Expiry, uses and approval of an invite in one line."""
    return t.LINK_TERMS.format(
        expires=show_date(invite.expires_at, ctx.config.zone),
        uses=invite.uses,
        max_uses=invite.max_uses,
        auto=t.AUTO_ON if invite.auto_approve else t.AUTO_OFF,
    )


async def create(
    ctx: Context,
    *,
    days: int,
    max_uses: int,
    auto: bool,
    category: str | None = None,
    organisation_id: int | None = None,
    unit_catalog: str | None = None,
    unit_code: str | None = None,
    team_id: int | None = None,
) -> Invite:
    """Create an invite for the person in `ctx` and record it in the audit log."""
    assert ctx.member is not None and ctx.member.id is not None
    invite = await invites.create(
        ctx.session,
        created_by=ctx.member.id,
        expires_at=ctx.now() + timedelta(days=days),
        max_uses=max_uses,
        auto_approve=auto,
        category=category,
        organisation_id=organisation_id,
        unit_catalog=unit_catalog,
        unit_code=unit_code,
        team_id=team_id,
    )
    await audit.record(
        ctx.session,
        action="invite.create",
        actor_member_id=ctx.member.id,
        actor_label="chat",
        details={
            "invite": invite.id,
            "category": category,
            "unit": [unit_catalog, unit_code],
            "team_id": team_id,
            "auto_approve": auto,
        },
    )
    return invite
