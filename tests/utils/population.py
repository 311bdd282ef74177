"""Many members at once, for broadcast tests and benchmarks (bulk inserts, no ORM objects)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from models import announcements, members
from models.announcements import Announcement, Draft
from models.base import session_now
from models.members import ChannelIdentity, Member, MemberBase, MemberStatus, Role

CHUNK = 2000


@dataclass(frozen=True)
class Unit:
    """Where seeded members live."""

    catalog: str | None = None
    code: str | None = None


async def seed_members(
    sessions: async_sessionmaker[AsyncSession],
    *,
    count: int,
    chat_base: int,
    channel: str = "telegram",
    units: Sequence[Unit] = (Unit(),),
    category: str | None = None,
    name: str = "Thành viên",
) -> None:
    """Create `count` active members, member i with one identity on `channel` whose chat id
    is chat_base + i, spread over `units` in turn, registered now by the clock of `sessions`."""
    async with sessions() as session:
        now = session_now(session)
    for start in range(0, count, CHUNK):
        indexes = range(start, min(count, start + CHUNK))
        rows = []
        for i in indexes:
            unit = units[i % len(units)]
            rows.append(
                {
                    "full_name": f"{name} {i + 1}",
                    "phone": None,
                    "category": category,
                    "unit_catalog": unit.catalog,
                    "unit_code": unit.code,
                    "status": MemberStatus.ACTIVE,
                    "role": Role.MEMBER,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        async with sessions() as session:
            result = await session.execute(insert(Member).values(rows).returning(col(Member.id)))
            ids = [int(row[0]) for row in result.all()]
            identities = [
                {
                    "channel": channel,
                    "external_id": str(chat_base + i),
                    "chat_id": str(chat_base + i),
                    "member_id": member_id,
                    "reachable": True,
                    "created_at": now,
                    "last_seen_at": now,
                }
                for i, member_id in zip(indexes, ids, strict=True)
            ]
            await session.execute(insert(ChannelIdentity).values(identities))
            await session.commit()


async def make_admin(
    sessions: async_sessionmaker[AsyncSession], *, name: str = "Quản trị viên"
) -> int:
    """Create an active admin without any messenger identity; return the member id."""
    async with sessions() as session:
        member = await members.create_member(
            session, data=MemberBase(full_name=name), status=MemberStatus.ACTIVE
        )
        await members.set_role(session, member=member, role=Role.ADMIN)
        await session.commit()
        assert member.id is not None
        return member.id


async def announce(
    sessions: async_sessionmaker[AsyncSession],
    *,
    author_member_id: int,
    now: datetime,
    title: str = "Tập huấn kỹ năng số",
    body: str = "Kính mời các thành viên tham dự.",
    kind: str = "notice",
    audience: dict[str, object] | None = None,
    **extra: object,
) -> Announcement:
    """Save an announcement due now (the release job or a test then sends it)."""
    async with sessions() as session:
        row = await announcements.create(
            session,
            draft=Draft(
                kind=kind,
                title=title,
                body=body,
                author_member_id=author_member_id,
                audience=audience or {},
                send_at=now,
                **extra,  # type: ignore[arg-type]
            ),
        )
        await session.commit()
        return row
