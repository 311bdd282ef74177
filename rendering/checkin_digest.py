"""The weekly digest of a coordinator: late tasks in their scope (longest late first), the
response rate of the round they opened last, and the blockers written in the week."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.events import Reply
from bot.texts import checkins as t
from bot.timefmt import DATE, show
from models.checkin_digest import NewBlocker
from models.checkins import CheckinRound, Response
from models.task_progress import Progress

MAX_LINES = 10  # per part; the rest are counted


def digest(
    *,
    name: str,
    since_day: str,
    late: Sequence[Progress],
    last: tuple[CheckinRound, Response] | None,
    blockers: Sequence[NewBlocker],
    zone: ZoneInfo,
) -> Reply:
    """The digest as one message."""
    lines = [t.DIGEST_HEADER.format(name=name, since=since_day)]
    if late:
        lines.append(t.DIGEST_LATE.format(count=len(late)))
        lines += [
            t.DIGEST_LATE_ONE.format(
                number=item.task.number,
                organisation=item.organisation.name,
                days=item.late,
                due=item.due.strftime(DATE) if item.due else "",
            )
            for item in late[:MAX_LINES]
        ]
        if len(late) > MAX_LINES:
            lines.append(t.DIGEST_MORE.format(count=len(late) - MAX_LINES))
    else:
        lines.append(t.DIGEST_NO_LATE)
    if last is None:
        lines.append(t.DIGEST_NO_ROUND)
    else:
        row, response = last
        expected = response.expected
        rate = 100 if expected <= 0 else round(100 * response.submitted / expected)
        lines.append(
            t.DIGEST_ROUND.format(
                title=row.title,
                opens=show(row.opens_at, zone),
                state=t.STATES.get(row.state, row.state),
                submitted=response.submitted,
                expected=expected,
                rate=rate,
            )
        )
    if blockers:
        lines.append(t.DIGEST_BLOCKERS.format(count=len(blockers)))
        lines += [
            t.DIGEST_BLOCKER.format(
                number=b.number, organisation=b.organisation, note=b.note or t.DIGEST_NO_NOTE
            )
            for b in blockers[:MAX_LINES]
        ]
        if len(blockers) > MAX_LINES:
            lines.append(t.DIGEST_MORE.format(count=len(blockers) - MAX_LINES))
    else:
        lines.append(t.DIGEST_NO_BLOCKERS)
    lines.append(t.DIGEST_FOOTER)
    return Reply("\n".join(lines))
