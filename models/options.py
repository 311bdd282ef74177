"""Short tokens that stand for the options shown to one person.

Buttons carry only a token. The value behind it is read here, and only for the
account the option was shown to, so a button cannot be forged or replayed into
another person's conversation (and Telegram's 64-byte callback limit is moot).
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, select

from models.base import session_now, utcnow


class OptionToken(SQLModel, table=True):
    """One option shown to one account: the token on the button and the value it stands for."""

    __tablename__ = "option_tokens"

    token: str = Field(primary_key=True, max_length=24)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=64, index=True)
    value: str = Field(max_length=200)
    label: str = Field(max_length=200)
    scope: str | None = Field(default=None, max_length=80)
    created_at: datetime = Field(default_factory=utcnow, index=True)


@dataclass(frozen=True)
class ResolvedOption:
    """What a pressed button means."""

    value: str
    label: str
    scope: str | None


async def issue(
    session: AsyncSession,
    *,
    channel: str,
    external_id: str,
    value: str,
    label: str,
    scope: str | None,
) -> str:
    """Create a token for an option shown to one account."""
    token = secrets.token_urlsafe(12)
    session.add(
        OptionToken(
            token=token,
            channel=channel,
            external_id=external_id,
            value=value,
            label=label[:200],
            scope=scope,
            created_at=session_now(session),
        )
    )
    return token


async def resolve(
    session: AsyncSession, *, token: str, channel: str, external_id: str
) -> ResolvedOption | None:
    """Read the option behind a token, only if it was shown to this very account."""
    result = await session.execute(
        select(OptionToken).where(
            OptionToken.token == token,
            OptionToken.channel == channel,
            OptionToken.external_id == external_id,
        )
    )
    row = result.scalar_one_or_none()
    if row is None:
        return None
    return ResolvedOption(value=row.value, label=row.label, scope=row.scope)


async def purge_older_than(session: AsyncSession, *, before: datetime) -> None:
    """Forget tokens issued before `before` (old buttons then get a polite answer)."""
    await session.execute(
        delete(OptionToken).where(OptionToken.created_at < before)  # type: ignore[arg-type]
    )
