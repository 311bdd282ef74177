"""Short tokens that stand for the options shown to one person, and the last set shown.

Buttons carry only a token. The value behind it is read here, and only for the
account the option was shown to, so a button cannot be forged or replayed into
another person's conversation (and Telegram's 64-byte callback limit is moot).

The options of one message form a set: each token keeps its set and its number in it
(1, 2, 3 … as a messenger without buttons lists them). `last_choices` keeps, per account,
the last set shown outside a conversation (a menu, an announcement, an approval request),
so a typed "2" or a typed label can be read as that button in any process, after a restart.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models.base import session_now, utcnow
from models.outbox_payloads import insert_for
from models.text_keys import fold_simple

HEADING_LIMIT = 200
_NUMBER = re.compile(r"(?:so )?(\d{1,4})")


class OptionToken(SQLModel, table=True):
    """One option shown to one account: the token on the button and the value it stands for."""

    __tablename__ = "option_tokens"

    token: str = Field(primary_key=True, max_length=24)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=64, index=True)
    value: str = Field(max_length=200)
    label: str = Field(max_length=200)
    scope: str | None = Field(default=None, max_length=80)
    set_id: str | None = Field(default=None, max_length=24, index=True)
    number: int | None = None
    created_at: datetime = Field(default_factory=utcnow, index=True)


class LastChoices(SQLModel, table=True):
    """The last set of options one account was shown outside a conversation."""

    __tablename__ = "last_choices"

    channel: str = Field(primary_key=True, max_length=16)
    external_id: str = Field(primary_key=True, max_length=64)
    set_id: str = Field(max_length=24)
    heading: str = Field(default="", max_length=HEADING_LIMIT)
    columns: int = 1
    # A conversation question was shown after this set (its numbers are the question's now).
    question_after: bool = False
    shown_at: datetime = Field(default_factory=utcnow, index=True)


@dataclass(frozen=True)
class ResolvedOption:
    """What a pressed button means."""

    value: str
    label: str
    scope: str | None


@dataclass(frozen=True)
class ShownOption:
    """One option of a shown set: its number, label, token and what it stands for."""

    number: int
    label: str
    token: str
    value: str
    scope: str | None

    @property
    def resolved(self) -> ResolvedOption:
        """The option as a pressed button would give it."""
        return ResolvedOption(value=self.value, label=self.label, scope=self.scope)


@dataclass(frozen=True)
class ShownSet:
    """The last set of options shown to an account outside a conversation."""

    heading: str
    columns: int
    question_after: bool
    options: tuple[ShownOption, ...]

    def numbered(self, number: int) -> ShownOption | None:
        """The option shown with `number`, if any."""
        return next((o for o in self.options if o.number == number), None)

    def labelled(self, text: str) -> ShownOption | None:
        """The option whose label is `text` (accents, case and punctuation aside), if any."""
        key = fold_simple(text)
        return next((o for o in self.options if key and fold_simple(o.label) == key), None)


def typed_number(text: str) -> int | None:
    """The number in a typed choice ("2", "2.", " 2 ", "số 2"), else None.

    "#2" is not a number here: labels like "#2 Tập huấn…" name announcement 2, not option 2.
    """
    if "#" in text:
        return None
    match = _NUMBER.fullmatch(fold_simple(text))
    return int(match.group(1)) if match else None


async def issue(
    session: AsyncSession,
    *,
    channel: str,
    external_id: str,
    value: str,
    label: str,
    scope: str | None,
    set_id: str | None = None,
    number: int | None = None,
    now: datetime | None = None,
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
            set_id=set_id,
            number=number,
            created_at=now or session_now(session),
        )
    )
    return token


async def issue_set(
    session: AsyncSession,
    *,
    channel: str,
    external_id: str,
    options: Sequence[tuple[str, str]],
    scope: str | None,
    heading: str = "",
    columns: int = 1,
    now: datetime | None = None,
) -> list[str]:
    """Create the numbered tokens of one message's (label, value) options; return the tokens.

    A set outside a conversation (`scope` None) becomes the account's last shown set; a
    conversation's question marks the last set as shown before it.
    """
    set_id = secrets.token_urlsafe(12)
    when = now or session_now(session)
    tokens = [
        await issue(
            session,
            channel=channel,
            external_id=external_id,
            value=value,
            label=label,
            scope=scope,
            set_id=set_id,
            number=number,
            now=when,
        )
        for number, (label, value) in enumerate(options, start=1)
    ]
    if not tokens:
        return tokens
    if scope is None:
        values = {
            "set_id": set_id,
            "heading": _heading(heading),
            "columns": columns,
            "question_after": False,
            "shown_at": when,
        }
        statement = insert_for(session, LastChoices).values(
            channel=channel, external_id=external_id, **values
        )
        await session.execute(
            statement.on_conflict_do_update(index_elements=["channel", "external_id"], set_=values)
        )
    else:
        await session.execute(
            update(LastChoices)
            .where(*_account(channel, external_id), col(LastChoices.question_after).is_(False))
            .values(question_after=True)
            .execution_options(synchronize_session=False)
        )
    return tokens


def _account(channel: str, external_id: str) -> tuple[ColumnElement[bool], ...]:
    return (col(LastChoices.channel) == channel, col(LastChoices.external_id) == external_id)


def _heading(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= 80 else first[:79].rstrip() + "…"


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


async def last_shown(session: AsyncSession, *, channel: str, external_id: str) -> ShownSet | None:
    """The last set shown to an account outside a conversation, if its tokens still exist."""
    found = await session.execute(
        select(LastChoices)
        .where(*_account(channel, external_id))
        .execution_options(populate_existing=True)
    )
    last = found.scalar_one_or_none()
    if last is None:
        return None
    result = await session.execute(
        select(OptionToken)
        .where(
            col(OptionToken.set_id) == last.set_id,
            col(OptionToken.channel) == channel,
            col(OptionToken.external_id) == external_id,
        )
        .order_by(col(OptionToken.number))
    )
    shown = tuple(
        ShownOption(
            number=row.number or 0,
            label=row.label,
            token=row.token,
            value=row.value,
            scope=row.scope,
        )
        for row in result.scalars()
    )
    if not shown:
        return None
    return ShownSet(
        heading=last.heading,
        columns=last.columns,
        question_after=last.question_after,
        options=shown,
    )


async def forget(session: AsyncSession, *, channel: str, external_id: str) -> None:
    """Forget every token and the last shown set of one account."""
    await session.execute(
        delete(OptionToken).where(
            col(OptionToken.channel) == channel, col(OptionToken.external_id) == external_id
        )
    )
    await session.execute(delete(LastChoices).where(*_account(channel, external_id)))


async def purge_older_than(session: AsyncSession, *, before: datetime) -> None:
    """Forget tokens issued before `before` (old buttons then get a polite answer)."""
    await session.execute(delete(OptionToken).where(col(OptionToken.created_at) < before))
    await session.execute(delete(LastChoices).where(col(LastChoices.shown_at) < before))
