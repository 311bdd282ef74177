"""Helpers of the registration tests: walking the conversation, reading the database."""

from __future__ import annotations

import json

from sqlmodel import col, select

from bot.app import BotApp
from models import audit, members, outbox
from models.audit import AuditEntry
from models.members import Member
from models.outbox import OutboxMessage
from tests.utils.chat import ChatDriver


async def register(
    chat: ChatDriver,
    person: str,
    *,
    name: str = "Nguyễn Văn Bình",
    phone: str = "0905 123 456",
    category: str = "Cán bộ, công chức cấp xã",
    commune: str = "Ia Sao",
    pick: str = "Xã Ia Sao, Huyện Ia Grai",
    position: str = "Công chức Văn phòng - Thống kê",
    submit: bool = True,
) -> None:
    """Register a commune-level member the straight way."""
    await chat.send(person, "/dangky")
    await chat.press(person, "Tôi đồng ý")
    await chat.send(person, name)
    await chat.send(person, phone)
    await chat.press(person, category)
    await chat.send(person, commune)
    await chat.press(person, pick)
    await chat.press(person, position)
    assert "kiểm tra lại" in chat.text(person), chat.text(person)
    if submit:
        await chat.press(person, "Gửi đăng ký")


async def member_of(app: BotApp, person: str) -> Member | None:
    """The member behind a web chat person, fresh from the database."""
    async with app.sessions() as session:
        identity = await members.get_identity(session, channel="webchat", external_id=person)
        if identity is None or identity.member_id is None:
            return None
        return await members.get_member(session, member_id=identity.member_id)


async def queued_texts(app: BotApp, member_id: int) -> list[str]:
    """The texts queued in the outbox for a member, oldest first."""
    async with app.sessions() as session:
        result = await session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.member_id == member_id)
            .order_by(col(OutboxMessage.id))
        )
        texts = []
        for row in result.scalars():
            reply = await outbox.load_payload(session, payload_id=row.payload_id)
            texts.append(reply.text)
        return texts


async def queued_options(app: BotApp, member_id: int) -> list[list[str]]:
    """The option values of each message queued for a member."""
    async with app.sessions() as session:
        result = await session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.member_id == member_id)
            .order_by(col(OutboxMessage.id))
        )
        values = []
        for row in result.scalars():
            reply = await outbox.load_payload(session, payload_id=row.payload_id)
            values.append([option.value for option in reply.options])
        return values


async def actions_about(app: BotApp, member_id: int) -> list[tuple[str, dict[str, object]]]:
    """The audit entries about a member: (action, details)."""
    async with app.sessions() as session:
        entries = await audit.entries_for(session, target_member_id=member_id)
        return [(entry.action, json.loads(entry.details)) for entry in entries]


async def actions(app: BotApp, action: str) -> list[AuditEntry]:
    """Every audit entry of one action."""
    async with app.sessions() as session:
        result = await session.execute(select(AuditEntry).where(AuditEntry.action == action))
        return list(result.scalars())


async def grant(
    app: BotApp, person: str, *, role: str, scope_code: str | None = None, name: str = ""
) -> Member:
    """Make a web chat person an active member with a role (like `mangluoi admin grant`)."""
    from bot import admin_tools

    async with app.sessions() as session:
        member = await admin_tools.grant(
            session,
            channel="webchat",
            user_id=person,
            role=role,
            by="test",
            scope_catalog="2024" if scope_code else None,
            scope_code=scope_code,
        )
        if name:
            member.full_name = name
            session.add(member)
        await session.commit()
        return member
