"""`mangluoi broadcast --file notice.toml [--dry-run]`: an announcement from a file, for
scripted use. The same checks as in the chat apply (the sender must be a coordinator or
admin, the audience inside their scope); the running bot then releases and sends it.

The file (TOML):

    sender = "telegram:123456789"   # or the sender's phone, e.g. "0905 123 456"
    kind = "training"               # training | meeting | workshop | notice
    title = "Tập huấn kỹ năng số"
    body = \"\"\"Kính mời …\"\"\"
    attachment = "giay-moi.pdf"     # optional, next to this file
    event_at = "15/03/2026 08:00"   # trainings, meetings, workshops
    place = "Hội trường UBND huyện"
    rsvp = true
    send_at = "14/03/2026 07:00"    # optional; now if absent
    urgent = false                  # true: also during quiet hours

    [audience]                      # all optional; nothing = everyone in the scope
    units = ["628"]                 # district or commune codes of the catalog in force
    categories = ["cong_chuc_xa"]
    teams = [12]
    roles = ["member"]
"""

from __future__ import annotations

import mimetypes
import tomllib
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.texts import broadcast as t
from bot.timefmt import show
from models import announcements, audience, datetimes, members, registrations
from models.announcement_rules import (
    BODY_LIMIT,
    PLACE_LIMIT,
    TITLE_LIMIT,
    Refusal,
    check,
    submit,
)
from models.announcements import EVENT_KINDS, AnnouncementFile, Draft
from models.audience import Audience
from models.base import Clock, utcnow
from models.engine import migrated_session
from models.members import Member
from models.outbox import SENDING, MessageKind
from models.quiet_hours import goes_out_at
from models.validators import InvalidInput, normalize_vn_mobile
from rendering import announcements as message
from rendering import sending

IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")


class NoticeError(Exception):
    """The notice file cannot be used; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Notice:
    """A notice file, read and checked (except for who may send it to whom)."""

    sender: str
    draft: Draft
    file: AnnouncementFile | None
    spec: Audience


def _text(raw: dict[str, Any], key: str, limit: int, *, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise NoticeError(t.CLI_MISSING.format(key=key))
        return None
    if not isinstance(value, str):
        raise NoticeError(t.CLI_NOT_TEXT.format(key=key))
    value = value.strip()
    if len(value) > limit:
        raise NoticeError(t.CLI_TOO_LONG.format(key=key, count=len(value), limit=limit))
    return value


def _moment(raw: dict[str, Any], key: str, config: Config, now: datetime) -> datetime | None:
    value = raw.get(key)
    if value is None:
        return None
    moment = datetimes.read_moment(str(value), zone=config.zone, now=now)
    if not isinstance(moment, datetime):
        reason = t.explain_when(moment.code, asdict(moment), text=str(value))
        raise NoticeError(t.CLI_BAD_TIME.format(key=key, value=value, reason=reason))
    if moment <= now:
        raise NoticeError(t.CLI_PAST.format(key=key, value=value))
    return moment


def _attachment(raw: dict[str, Any], folder: Path) -> AnnouncementFile | None:
    name = raw.get("attachment")
    if not name:
        return None
    path = folder / str(name)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise NoticeError(t.CLI_NO_FILE.format(path=path, error=error.strerror)) from None
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    kind = "photo" if mime in IMAGE_TYPES else "document"
    return AnnouncementFile(kind=kind, filename=path.name, mime_type=mime, content=content)


def read_notice(path: Path, config: Config, *, now: datetime) -> Notice:
    """Read and check a notice file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise NoticeError(t.CLI_UNREADABLE.format(path=path, error=error.strerror)) from None
    except tomllib.TOMLDecodeError as error:
        raise NoticeError(t.CLI_BAD_TOML.format(path=path, error=error)) from None
    kind = str(raw.get("kind", "notice"))
    if kind not in t.KINDS:
        raise NoticeError(t.CLI_BAD_KIND.format(kind=kind, kinds=", ".join(t.KINDS)))
    event_at = _moment(raw, "event_at", config, now) if kind in EVENT_KINDS else None
    send_at = _moment(raw, "send_at", config, now) or now
    if event_at is not None and send_at >= event_at:
        raise NoticeError(t.SCHEDULE_AFTER_EVENT.format(when=show(event_at, config.zone)))
    aud = raw.get("audience", {})
    if not isinstance(aud, dict):
        raise NoticeError(t.CLI_NOT_TEXT.format(key="audience"))
    spec = Audience.from_json(aud, catalog=config.units.catalog)
    unknown = [c for c in spec.categories if registrations.category(c) is None]
    unknown += [r for r in spec.roles if r not in t.ROLE_NAMES]
    if unknown:
        raise NoticeError(t.CLI_UNKNOWN.format(values=", ".join(unknown)))
    draft = Draft(
        kind=kind,
        title=_text(raw, "title", TITLE_LIMIT) or "",
        body=_text(raw, "body", BODY_LIMIT) or "",
        author_member_id=0,
        audience=spec.to_json(),
        send_at=send_at,
        event_at=event_at,
        place=_text(raw, "place", PLACE_LIMIT, required=False) if event_at else None,
        rsvp=bool(raw.get("rsvp", False)) and event_at is not None,
        urgent=bool(raw.get("urgent", False)),
    )
    sender = _text(raw, "sender", 80) or ""
    return Notice(sender=sender, draft=draft, file=_attachment(raw, path.parent), spec=spec)


async def find_sender(session: AsyncSession, sender: str) -> Member | None:
    """The member named by `channel:user_id` or by a phone number."""
    channel, colon, user_id = sender.partition(":")
    if colon and channel in ("telegram", "zalo", "webchat"):
        identity = await members.get_identity(session, channel=channel, external_id=user_id)
        if identity is None or identity.member_id is None:
            return None
        return await members.get_member(session, member_id=identity.member_id)
    try:
        phone = normalize_vn_mobile(sender)
    except InvalidInput:
        return None
    return await registrations.member_by_phone(session, phone=phone)


async def run(config: Config, path: Path, *, dry_run: bool, clock: Clock = utcnow) -> str:
    """Check a notice file and save it (or, with dry_run, only show what would be sent)."""
    async with migrated_session(config.database.url, clock=clock) as session:
        now = clock()
        notice = read_notice(path, config, now=now)
        author = await find_sender(session, notice.sender)
        if author is None or author.id is None:
            raise NoticeError(t.CLI_NO_SENDER.format(sender=notice.sender))
        verdict = await check(session, author=author, spec=notice.spec)
        if isinstance(verdict, Refusal):
            raise NoticeError(message.refusal_text(verdict))
        counted = await audience.count(session, audience=notice.spec, scope=verdict)
        lines = _summary(notice, author, counted, config)
        if dry_run:
            return "\n".join([*lines, t.CLI_DRY_RUN])
        draft = notice.draft
        if notice.file is not None:
            stored = await announcements.save_file(
                session,
                kind=notice.file.kind,
                filename=notice.file.filename,
                mime_type=notice.file.mime_type,
                content=notice.file.content,
                uploaded_by=author.id,
            )
            draft = _with(draft, attachment_id=stored)
        row = await submit(
            session,
            author=author,
            draft=_with(draft, author_member_id=author.id),
            actor_label="cli",
        )
        await session.commit()
        return "\n".join([*lines, _saved(config, row.id, row.send_at, row.urgent, now)])


def _saved(
    config: Config, announcement_id: int | None, send_at: datetime, urgent: bool, now: datetime
) -> str:
    """Saved, and from when it goes: quiet hours hold what is not urgent until they end."""
    quiet = config.quiet_hours
    start = max(send_at, now)
    real = goes_out_at(
        start,
        zone=config.zone,
        start=quiet.start,
        end=quiet.end,
        through_quiet_hours=urgent or SENDING[MessageKind.BULK].through_quiet_hours,
    )
    if real > start:
        return t.CLI_SAVED_HELD.format(
            id=announcement_id,
            start=quiet.start.strftime("%H:%M"),
            end=quiet.end.strftime("%H:%M"),
            when=sending.soon(real, config.zone, now=now),
        )
    return t.CLI_SAVED.format(id=announcement_id, when=show(send_at, config.zone))


def _with(draft: Draft, **changes: Any) -> Draft:
    return Draft(**{**draft.__dict__, **changes})


def _summary(
    notice: Notice, author: Member, counted: audience.AudienceCount, config: Config
) -> list[str]:
    draft = notice.draft
    content = message.Content(
        id=None,
        kind=draft.kind,
        title=draft.title,
        body=draft.body,
        event_at_text=show(draft.event_at, config.zone) if draft.event_at else None,
        place=draft.place,
        rsvp=draft.rsvp,
        author=author.full_name,
    )
    text = message.text(content)
    if len(text) > message.TEXT_LIMIT:
        raise NoticeError(t.PREVIEW_TOO_LONG.format(count=len(text), limit=message.TEXT_LIMIT))
    counts = message.audience_counts(counted)
    attached = [t.CLI_ATTACHED.format(name=notice.file.filename)] if notice.file else []
    return [t.PREVIEW_HEADER, text, *attached, "", counts]
