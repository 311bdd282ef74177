"""Feedback people send to the admins."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models.base import utcnow
from models.members import ChannelIdentity, Member


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


@dataclass(frozen=True)
class FeedbackWithSender:
    """A piece of feedback with who sent it, as far as it is still known."""

    feedback: Feedback
    member: Member | None
    identity: ChannelIdentity | None


async def add(
    session: AsyncSession,
    *,
    channel: str,
    external_id: str,
    member_id: int | None,
    topic: str,
    text: str,
    now: datetime,
) -> Feedback:
    """Store one piece of feedback."""
    row = Feedback(
        channel=channel,
        external_id=external_id,
        member_id=member_id,
        topic=topic,
        text=text,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    return row


async def recent(session: AsyncSession, *, limit: int = 20) -> list[Feedback]:
    """List the newest feedback first."""
    result = await session.execute(select(Feedback).order_by(col(Feedback.id).desc()).limit(limit))
    return list(result.scalars())


async def recent_with_senders(
    session: AsyncSession, *, limit: int = 20
) -> list[FeedbackWithSender]:
    """The newest feedback first, each with its sender's member record and account.

    Feedback sent before registering is shown with the member the account belongs to now.
    """
    result = await session.execute(
        select(Feedback, Member, ChannelIdentity)
        .outerjoin(
            ChannelIdentity,
            and_(
                col(ChannelIdentity.channel) == col(Feedback.channel),
                col(ChannelIdentity.external_id) == col(Feedback.external_id),
            ),
        )
        .outerjoin(
            Member,
            col(Member.id)
            == func.coalesce(col(Feedback.member_id), col(ChannelIdentity.member_id)),
        )
        .order_by(col(Feedback.id).desc())
        .limit(limit)
    )
    return [
        FeedbackWithSender(feedback=row, member=member, identity=identity)
        for row, member, identity in result.all()
    ]
