"""Feedback people send to the admins."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, select

from models.base import session_now, utcnow


class Feedback(SQLModel, table=True):
    """One piece of feedback (góp ý) for the admins."""

    __tablename__ = "feedback"

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=64)
    member_id: int | None = Field(default=None, index=True)
    topic: str = Field(max_length=32)
    text: str = Field(max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)


async def add(
    session: AsyncSession,
    *,
    channel: str,
    external_id: str,
    member_id: int | None,
    topic: str,
    text: str,
) -> Feedback:
    """Store one piece of feedback."""
    row = Feedback(
        channel=channel,
        external_id=external_id,
        member_id=member_id,
        topic=topic,
        text=text,
        created_at=session_now(session),
    )
    session.add(row)
    await session.flush()
    return row


async def recent(session: AsyncSession, *, limit: int = 20) -> list[Feedback]:
    """List the newest feedback first."""
    result = await session.execute(
        select(Feedback).order_by(Feedback.id.desc()).limit(limit)  # type: ignore[union-attr]
    )
    return list(result.scalars())
