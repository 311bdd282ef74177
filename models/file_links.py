"""Signed download links: a file sent to someone whose messenger takes no files (Zalo) is
kept here and fetched from our web server at `/files/<id>/<token>`.

A link has a random id (the row's key) and a random secret token of which only the
SHA-256 is stored, so a copy of the database cannot be turned into working links. It names
its owner (channel and person), runs out at `expires_at`, and a document link works once
(the first download marks it used). A picture link is fetched by the messenger's own
servers (Zalo's `sendPhoto`), which may ask more than once, so it stays valid until it
runs out. The bytes are kept once per content (`file_link_contents`), so an announcement
photo sent to many people is stored once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, exists, or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models.outbox_payloads import insert_for

ID_BYTES = 12
TOKEN_BYTES = 24


class FileLinkContent(SQLModel, table=True):
    """The bytes behind one or more links, kept once per content."""

    __tablename__ = "file_link_contents"

    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(max_length=64, unique=True)
    content: bytes
    created_at: datetime = Field(index=True)


class FileLink(SQLModel, table=True):
    """One person's link to one file."""

    __tablename__ = "file_links"

    id: str = Field(primary_key=True, max_length=32)
    token_hash: str = Field(max_length=64)
    content_id: int = Field(foreign_key="file_link_contents.id", index=True)
    filename: str = Field(max_length=255)
    mime_type: str = Field(max_length=128)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=64)
    single_use: bool = True
    created_at: datetime
    expires_at: datetime = Field(index=True)
    used_at: datetime | None = None


@dataclass(frozen=True)
class IssuedLink:
    """A new link: its id and secret token (only shown once), and when it runs out."""

    link_id: str
    token: str
    expires_at: datetime

    @property
    def path(self) -> str:
        """The address of the link on our web server, from its root."""
        return f"/files/{self.link_id}/{self.token}"


class Refusal(StrEnum):
    """Why a link does not give its file."""

    UNKNOWN = "unknown"
    FORGED = "forged"
    EXPIRED = "expired"
    USED = "used"


@dataclass(frozen=True)
class LinkedFile:
    """A file a link gives."""

    filename: str
    mime_type: str
    content: bytes


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue(
    session: AsyncSession,
    *,
    content: bytes,
    filename: str,
    mime_type: str,
    channel: str,
    external_id: str,
    now: datetime,
    lifetime: timedelta,
    single_use: bool = True,
) -> IssuedLink:
    """Keep a file for one person and return a new link to it."""
    digest = hashlib.sha256(content).hexdigest()
    await session.execute(
        insert_for(session, FileLinkContent)
        .values(digest=digest, content=content, created_at=now)
        .on_conflict_do_update(index_elements=["digest"], set_={"created_at": now})
    )
    found = await session.execute(
        select(FileLinkContent.id).where(FileLinkContent.digest == digest)
    )
    content_id = found.scalar_one()
    assert content_id is not None
    link_id = secrets.token_urlsafe(ID_BYTES)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = FileLink(
        id=link_id,
        token_hash=_hash(token),
        content_id=content_id,
        filename=filename[:255],
        mime_type=mime_type[:128],
        channel=channel,
        external_id=external_id[:64],
        single_use=single_use,
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(link)
    await session.flush()
    return IssuedLink(link_id, token, link.expires_at)


async def check(
    session: AsyncSession, *, link_id: str, token: str, now: datetime
) -> FileLink | Refusal:
    """The link if `token` opens it now, else why not (the token compared in constant
    time); nothing is marked."""
    link = await session.get(FileLink, link_id[:32])
    if link is None:
        return Refusal.UNKNOWN
    if not hmac.compare_digest(link.token_hash, _hash(token)):
        return Refusal.FORGED
    if link.expires_at <= now:
        return Refusal.EXPIRED
    if link.single_use and link.used_at is not None:
        return Refusal.USED
    return link


async def take(
    session: AsyncSession, *, link_id: str, token: str, now: datetime
) -> LinkedFile | Refusal:
    """The file a link gives, marking a single-use link used (two downloads racing: one
    wins, the other is told it was used); commit right after."""
    link = await check(session, link_id=link_id, token=token, now=now)
    if isinstance(link, Refusal):
        return link
    claimed = await session.execute(
        update(FileLink)
        .where(
            col(FileLink.id) == link.id,
            or_(col(FileLink.used_at).is_(None), ~col(FileLink.single_use)),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 1) != 1:
        return Refusal.USED
    row = await session.get(FileLinkContent, link.content_id)
    if row is None:
        return Refusal.UNKNOWN
    return LinkedFile(link.filename, link.mime_type, row.content)


async def purge_expired(session: AsyncSession, *, before: datetime, limit: int) -> int:
    """Delete up to `limit` links that ran out before `before`, then the contents no link
    uses any more; return how many links were deleted."""
    found = await session.execute(
        select(col(FileLink.id))
        .where(col(FileLink.expires_at) < before)
        .order_by(col(FileLink.expires_at))
        .limit(limit)
    )
    ids = list(found.scalars())
    if ids:
        await session.execute(
            delete(FileLink)
            .where(col(FileLink.id).in_(ids))
            .execution_options(synchronize_session=False)
        )
    used = exists().where(col(FileLink.content_id) == col(FileLinkContent.id))
    await session.execute(
        delete(FileLinkContent)
        .where(~used, col(FileLinkContent.created_at) < before)
        .execution_options(synchronize_session=False)
    )
    return len(ids)
