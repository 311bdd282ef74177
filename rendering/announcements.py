"""What members receive: an announcement, a correction, the eve reminder and the RSVP nudge,
built the same way for the preview, the release and the reminders."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.buttons import Button
from bot.buttons.actions import Acknowledge, Attend, Attendance, PreviewKey, PreviewPress
from bot.events import Option, OutFile, Reply
from bot.texts import broadcast as t
from bot.timefmt import show, show_date
from models.announcement_reports import UNKNOWN_CHANNEL
from models.announcement_rules import Refusal
from models.announcements import Announcement, AnnouncementFile
from models.audience import AudienceCount

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


@dataclass(frozen=True)
class Content:
    """The parts of an announcement that shape its message (saved or still being composed)."""

    id: int | None
    kind: str
    title: str
    body: str
    event_at_text: str | None = None
    place: str | None = None
    rsvp: bool = False
    author: str | None = None
    correction_of: str | None = None


def content_of(
    announcement: Announcement,
    zone: ZoneInfo,
    *,
    author: str | None,
    original: Announcement | None = None,
) -> Content:
    """The message content of a saved announcement."""
    event = original.event_at if original is not None else announcement.event_at
    correction = None
    if original is not None:
        correction = t.CORRECTION_OF.format(
            title=original.title, when=show(original.created_at, zone)
        )
    return Content(
        id=announcement.id,
        kind=announcement.kind,
        title=announcement.title,
        body=announcement.body,
        event_at_text=show(event, zone) if event else None,
        place=original.place if original is not None else announcement.place,
        rsvp=original.rsvp if original is not None else announcement.rsvp,
        author=author,
        correction_of=correction,
    )


def text(content: Content) -> str:
    """The text members read."""
    if content.correction_of is not None:
        lines = [
            f"{t.CORRECTION_HEADING}: {content.title}",
            content.correction_of,
            "",
            content.body,
        ]
    else:
        heading = t.KIND_HEADINGS.get(content.kind, t.KIND_HEADINGS["notice"])
        lines = [f"{heading}: {content.title}", "", content.body]
    details = []
    if content.event_at_text:
        details.append(t.LINE_WHEN.format(when=content.event_at_text))
    if content.place:
        details.append(t.LINE_PLACE.format(place=content.place))
    if details:
        lines.extend(["", *details])
    if content.author:
        lines.extend(["", t.LINE_FROM.format(name=content.author)])
    lines.append(t.ASK_ATTEND if content.rsvp else t.ASK_ACK)
    return "\n".join(lines)


def options(
    content: Content, *, rsvp_id: int | None = None, preview: bool = False
) -> tuple[Option, ...]:
    """The buttons under the message: acknowledge, and attend / not attend if asked."""
    values: tuple[Button, Button, Button]
    if preview:
        values = (
            PreviewPress(PreviewKey.ACK),
            PreviewPress(PreviewKey.YES),
            PreviewPress(PreviewKey.NO),
        )
    else:
        assert content.id is not None
        target = rsvp_id if rsvp_id is not None else content.id
        values = (
            Acknowledge(content.id),
            Attend(target, Attendance.YES),
            Attend(target, Attendance.NO),
        )
    buttons = [Option(t.ACK, values[0].encode())]
    if content.rsvp:
        buttons += [Option(t.ATTEND, values[1].encode()), Option(t.NOT_ATTEND, values[2].encode())]
    return tuple(buttons)


def out_file(file: AnnouncementFile | None) -> tuple[OutFile | None, OutFile | None]:
    """The attachment as (document, image)."""
    if file is None:
        return None, None
    attachment = OutFile(filename=file.filename, content=file.content, mime_type=file.mime_type)
    return (None, attachment) if file.kind == "photo" else (attachment, None)


def replies(
    content: Content,
    file: AnnouncementFile | None,
    *,
    rsvp_id: int | None = None,
    preview: bool = False,
) -> list[Reply]:
    """The message(s) of an announcement: one, or the file first when the text is too long
    to be its caption."""
    body = text(content)
    buttons = options(content, rsvp_id=rsvp_id, preview=preview)
    document, image = out_file(file)
    columns = 3 if len(buttons) == 3 else 1
    if file is None or len(body) <= CAPTION_LIMIT:
        return [Reply(body, buttons, columns=columns, document=document, image=image)]
    heading = t.KIND_HEADINGS.get(content.kind, t.KIND_HEADINGS["notice"])
    caption = t.FILE_CAPTION.format(heading=heading, title=content.title)[:CAPTION_LIMIT]
    return [
        Reply(caption, document=document, image=image),
        Reply(body, buttons, columns=columns),
    ]


def release_replies(
    announcement: Announcement,
    zone: ZoneInfo,
    *,
    author: str | None,
    original: Announcement | None,
    file: AnnouncementFile | None,
    now: datetime,
) -> list[Reply]:
    """What every recipient of a released announcement (or correction) gets; a correction
    asks again for answers only while its event is still ahead."""
    content = content_of(announcement, zone, author=author, original=original)
    rsvp_open = original is None or (original.event_at is not None and original.event_at > now)
    if not rsvp_open:
        content = dataclasses.replace(content, rsvp=False)
    return replies(content, file, rsvp_id=announcement.corrects_id)


def audience_counts(counted: AudienceCount) -> str:
    """How many members an announcement will reach, by channel, and how many it cannot."""
    channels = ", ".join(
        f"{t.CHANNEL_NAMES.get(name, name)} {n}" for name, n in sorted(counted.by_channel.items())
    )
    return t.PREVIEW_COUNTS.format(
        members=counted.members,
        channels=channels or t.PREVIEW_NO_CHANNEL,
        unreachable=counted.unreachable,
    )


def channel_name(channel: str | None) -> str | None:
    """A messenger as people call it ("Zalo"); "không rõ kênh" for one not kept, None for
    none at all."""
    if channel is None:
        return None
    if channel == UNKNOWN_CHANNEL:
        return t.CHANNEL_UNKNOWN
    return t.CHANNEL_NAMES.get(channel, channel)


def channel_counts(counts: dict[str | None, int]) -> str:
    """How many on each messenger, most first ("Telegram 80 · Zalo 38 · Web chat 2"); the
    unknown ones last, those with no messenger left out."""
    named = [
        (channel == UNKNOWN_CHANNEL, -count, channel_name(channel) or "", count)
        for channel, count in counts.items()
        if channel is not None and count > 0
    ]
    return t.CHANNEL_SEPARATOR.join(
        t.CHANNEL_COUNT.format(channel=name, count=count) for _, _, name, count in sorted(named)
    )


def refusal_text(refusal: Refusal) -> str:
    """Why an announcement cannot be saved, in words."""
    return t.REFUSALS[refusal]


def _place(announcement: Announcement) -> str:
    return t.PLACE_SUFFIX.format(place=announcement.place) if announcement.place else ""


def reminder(announcement: Announcement, zone: ZoneInfo) -> Reply:
    """The eve-of-event reminder for those who will attend."""
    assert announcement.event_at is not None
    message = t.REMINDER.format(
        kind=t.KINDS.get(announcement.kind, "").lower(),
        title=announcement.title,
        when=show(announcement.event_at, zone),
        place=_place(announcement),
    )
    assert announcement.id is not None
    button = Attend(announcement.id, Attendance.NO)
    return Reply(message, (Option(t.NOT_ATTEND, button.encode()),))


def nudge(announcement: Announcement, zone: ZoneInfo) -> Reply:
    """The one nudge for those who have not answered."""
    assert announcement.event_at is not None
    message = t.NUDGE.format(
        kind=t.KINDS.get(announcement.kind, "").lower(),
        title=announcement.title,
        when=show(announcement.event_at, zone),
        place=_place(announcement),
    )
    assert announcement.id is not None
    buttons = (
        Option(t.ATTEND, Attend(announcement.id, Attendance.YES).encode()),
        Option(t.NOT_ATTEND, Attend(announcement.id, Attendance.NO).encode()),
    )
    return Reply(message, buttons, columns=2)


def chase(announcement: Announcement, zone: ZoneInfo, *, attendance_open: bool) -> Reply:
    """The one reminder a coordinator sends to those who have not answered: attend / not
    attend while the event is ahead (answering counts as received), else "Đã nhận"."""
    assert announcement.id is not None
    kind = t.KINDS.get(announcement.kind, "").lower()
    if attendance_open and announcement.event_at is not None:
        message = t.CHASE_RSVP.format(
            kind=kind,
            title=announcement.title,
            when=show(announcement.event_at, zone),
            place=_place(announcement),
        )
        buttons = (
            Option(t.ATTEND, Attend(announcement.id, Attendance.YES).encode()),
            Option(t.NOT_ATTEND, Attend(announcement.id, Attendance.NO).encode()),
        )
        return Reply(message, buttons, columns=2)
    sent = announcement.released_at or announcement.send_at
    message = t.CHASE_ACK.format(kind=kind, title=announcement.title, date=show_date(sent, zone))
    return Reply(message, (Option(t.ACK, Acknowledge(announcement.id).encode()),))
