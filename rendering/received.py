"""What a member sees of the announcements sent to them (/thongbao): one line per
announcement with their answer so far, and one announcement again with its answer and the
buttons still open (attend / not attend until the event starts, else "Đã nhận")."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.buttons.actions import Acknowledge, Attend, Attendance, Received, ReceivedList
from bot.events import Option, Reply
from bot.texts import broadcast as t
from bot.timefmt import show, show_date
from models.announcements import Announcement, Answer, Recipient
from rendering.announcements import content_of, text

TITLE_IN_LIST = 40


def asks_attendance(target: Announcement) -> bool:
    """Whether the announcement asks who will attend (the original, for a correction)."""
    return target.rsvp and target.event_at is not None


def attendance_open(target: Announcement, now: datetime) -> bool:
    """Whether attendance answers can still be given or changed (until the event starts)."""
    return asks_attendance(target) and target.event_at is not None and target.event_at > now


def state(target: Announcement, answered: Recipient, acked: Recipient) -> str:
    """The member's answer so far, in a word or two."""
    if asks_attendance(target):
        if answered.answer in (Answer.YES, Answer.NO):
            return t.MINE_STATES[str(answered.answer)]
        return t.MINE_STATES["unanswered"]
    return t.MINE_STATES["acked" if acked.acked_at else "unacked"]


def list_option(
    row: Announcement, target: Announcement, answered: Recipient, acked: Recipient, zone: ZoneInfo
) -> Option:
    """One announcement in the member's list, as a button that opens it."""
    title = row.title if len(row.title) <= TITLE_IN_LIST else row.title[: TITLE_IN_LIST - 1] + "…"
    label = t.MINE_ITEM.format(
        title=title,
        date=show_date(row.released_at or row.send_at, zone),
        state=state(target, answered, acked),
    )
    assert row.id is not None
    return Option(label, Received(row.id).encode())


def follow_up(
    target: Announcement, answered: Recipient | None, now: datetime
) -> tuple[Option, ...]:
    """The attendance buttons still worth showing after an answer: both before any answer,
    the other one after an answer; none once the event started or when nothing is asked."""
    if not attendance_open(target, now):
        return ()
    assert target.id is not None
    answer = answered.answer if answered is not None else None
    buttons = []
    if answer != Answer.YES:
        buttons.append(Option(t.ATTEND, Attend(target.id, Attendance.YES).encode()))
    if answer != Answer.NO:
        buttons.append(Option(t.NOT_ATTEND, Attend(target.id, Attendance.NO).encode()))
    return tuple(buttons)


def view(
    row: Announcement,
    target: Announcement,
    answered: Recipient,
    acked: Recipient,
    zone: ZoneInfo,
    *,
    author: str | None,
    now: datetime,
) -> Reply:
    """One announcement again (`target` is the original of a correction, else the same),
    with the member's answer and the buttons still open."""
    original = target if target is not row else None
    lines = [text(content_of(row, zone, author=author, original=original)), ""]
    if acked.acked_at is not None:
        lines.append(t.MINE_ACKED_AT.format(when=show(acked.acked_at, zone)))
    elif not asks_attendance(target):
        lines.append(t.MINE_NOT_ACKED)
    options: list[Option] = []
    if asks_attendance(target):
        if answered.answer in (Answer.YES, Answer.NO) and answered.answered_at is not None:
            word = t.MINE_ANSWERS[str(answered.answer)]
            lines.append(t.MINE_ANSWER.format(answer=word, when=show(answered.answered_at, zone)))
            if answered.answer == Answer.NO and answered.reason:
                lines.append(t.MINE_REASON.format(reason=answered.reason))
        else:
            lines.append(t.MINE_NO_ANSWER)
        assert target.event_at is not None and target.id is not None
        when = show(target.event_at, zone)
        if attendance_open(target, now):
            lines.append(t.MINE_CHANGE.format(when=when))
            options += [
                Option(t.ATTEND, Attend(target.id, Attendance.YES).encode()),
                Option(t.NOT_ATTEND, Attend(target.id, Attendance.NO).encode()),
            ]
        else:
            lines.append(t.MINE_STARTED.format(when=when))
    if acked.acked_at is None and not options:
        assert row.id is not None
        options.append(Option(t.ACK, Acknowledge(row.id).encode()))
    options.append(Option(t.MINE_BACK, ReceivedList().encode()))
    return Reply("\n".join(lines), tuple(options), columns=2)
