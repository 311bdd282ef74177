"""`mangluoi checkins open --file round.toml [--dry-run]`: a progress check-in round from a
file, with the same checks as in the chat (the creator must be a coordinator or admin, the
audience inside their scope). The round is saved as scheduled; the running bot opens it at
its time (within a minute when the time is now) and sends the prompts. Also
`mangluoi report --round ID|--latest --format text|xlsx|png|csv [--out FILE]`: a round's summary.

The file (TOML):

    creator = "telegram:123456789"   # or the creator's phone, e.g. "0905 123 456"
    title = "Báo cáo tiến độ tháng 1/2027"
    opens = "05/01/2027 08:00"       # optional; now if absent
    closes = "12/01/2027 17:00"
    repeat = "monthly"               # none | weekly | monthly | quarterly

    [audience]                       # as for announcements; nothing = everyone in the scope
    units = ["628"]

    [[questions]]                    # optional, at most 5, for everyone (after any tasks)
    kind = "number"                  # status | percent | number | yes_no | text
    text = "Số người dân được hướng dẫn cài VNeID trong tháng?"
"""

from __future__ import annotations

import asyncio
import json
import tomllib
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot import evidence_links
from bot.broadcast_cli import find_sender
from bot.config import Config
from bot.texts import broadcast as bt
from bot.texts import checkins as t
from bot.timefmt import show
from models import checkin_summary, checkins, datetimes, registrations
from models.announcement_rules import Refusal, check
from models.audience import Audience
from models.base import Clock, utcnow
from models.checkin_summary import AnswerRow
from models.checkins import (
    MAX_QUESTIONS,
    QUESTION_LIMIT,
    TITLE_LIMIT,
    CheckinRound,
    QuestionKind,
    Recurrence,
)
from models.engine import migrated_session
from rendering import checkin_chart
from rendering import checkin_summary as summary_view
from rendering import checkins as view

SHORTEST = timedelta(hours=1)
LINK_OWNER = "cli"
"""Whose evidence download links a report written from the command line holds."""
LONGEST = timedelta(days=60)
PERIOD = {
    Recurrence.WEEKLY: timedelta(days=7),
    Recurrence.MONTHLY: timedelta(days=28),
    Recurrence.QUARTERLY: timedelta(days=89),
}


class RoundFileError(Exception):
    """The round file cannot be used; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class RoundFile:
    """A round file, read and checked (except for who may ask whom)."""

    creator: str
    title: str
    opens_at: datetime
    closes_at: datetime
    recurrence: Recurrence
    spec: Audience
    questions: list[dict[str, str]]


def _text(raw: dict[str, Any], key: str, limit: int) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        problem = t.CLI_MISSING if value is None else t.CLI_NOT_TEXT
        raise RoundFileError(problem.format(key=key))
    value = value.strip()
    if len(value) > limit:
        raise RoundFileError(bt.CLI_TOO_LONG.format(key=key, count=len(value), limit=limit))
    return value


def _moment(raw: dict[str, Any], key: str, config: Config, now: datetime) -> datetime | None:
    value = raw.get(key)
    if value is None:
        return None
    moment = datetimes.read_moment(str(value), zone=config.zone, now=now)
    if not isinstance(moment, datetime):
        reason = bt.explain_when(moment.code, asdict(moment), text=str(value))
        raise RoundFileError(t.CLI_BAD_TIME.format(key=key, value=value, reason=reason))
    if moment <= now:
        raise RoundFileError(t.WHEN_PAST.format(when=show(moment, config.zone)))
    return moment


def _questions(raw: dict[str, Any]) -> list[dict[str, str]]:
    """The round's own questions (`[[questions]]` with `kind` and `text`)."""
    found = raw.get("questions", [])
    if not isinstance(found, list) or len(found) > MAX_QUESTIONS:
        raise RoundFileError(t.CLI_NOT_TEXT.format(key="questions"))
    checked = []
    for index, item in enumerate(found, start=1):
        kind = item.get("kind") if isinstance(item, dict) else None
        text = item.get("text") if isinstance(item, dict) else None
        if (
            kind not in set(QuestionKind)
            or not isinstance(text, str)
            or not 5 <= len(text.strip()) <= QUESTION_LIMIT
        ):
            kinds = ", ".join(QuestionKind)
            raise RoundFileError(
                t.CLI_BAD_QUESTION.format(index=index, kinds=kinds, limit=QUESTION_LIMIT)
            )
        checked.append({"kind": str(kind), "text": text.strip()})
    return checked


def read_round(path: Path, config: Config, *, now: datetime) -> RoundFile:
    """Read and check a round file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RoundFileError(t.CLI_BAD_FILE.format(path=path, error=error)) from None
    opens = _moment(raw, "opens", config, now) or now
    closes = _moment(raw, "closes", config, now)
    if closes is None:
        raise RoundFileError(t.CLI_MISSING.format(key="closes"))
    if closes < opens + SHORTEST:
        raise RoundFileError(t.CLOSES_BEFORE.format(opens=show(opens, config.zone)))
    if closes > opens + LONGEST:
        raise RoundFileError(t.CLOSES_TOO_FAR.format(days=LONGEST.days))
    repeat = str(raw.get("repeat", Recurrence.NONE))
    if repeat not in set(Recurrence):
        raise RoundFileError(t.CLI_BAD_REPEAT.format(values=", ".join(Recurrence)))
    recurrence = Recurrence(repeat)
    period = PERIOD.get(recurrence)
    if period is not None and closes - opens >= period:
        days = round((closes - opens).total_seconds() / 86400)
        raise RoundFileError(t.REPEAT_TOO_LONG.format(length=days))
    aud = raw.get("audience", {})
    if not isinstance(aud, dict):
        raise RoundFileError(t.CLI_NOT_TEXT.format(key="audience"))
    spec = Audience.from_json(aud, catalog=config.units.catalog)
    unknown = [c for c in spec.categories if registrations.category(c) is None]
    unknown += [r for r in spec.roles if r not in bt.ROLE_NAMES]
    if unknown:
        raise RoundFileError(bt.CLI_UNKNOWN.format(values=", ".join(unknown)))
    return RoundFile(
        questions=_questions(raw),
        creator=_text(raw, "creator", 80),
        title=_text(raw, "title", TITLE_LIMIT),
        opens_at=opens,
        closes_at=closes,
        recurrence=recurrence,
        spec=spec,
    )


async def run(config: Config, path: Path, *, dry_run: bool, clock: Clock = utcnow) -> str:
    """Check a round file and save the round (or, with dry_run, only show the preview)."""
    async with migrated_session(config.database.url, clock=clock) as session:
        now = clock()
        found = read_round(path, config, now=now)
        author = await find_sender(session, found.creator)
        if author is None or author.id is None:
            raise RoundFileError(t.CLI_NO_CREATOR.format(creator=found.creator))
        verdict = await check(session, author=author, spec=found.spec)
        if isinstance(verdict, Refusal):
            raise RoundFileError(view.refusal_text(verdict))
        counted = await checkins.preview(
            session, spec=found.spec, scope=verdict, own=len(found.questions)
        )
        draft = CheckinRound(
            id=0,
            title=found.title,
            author_member_id=author.id,
            opens_at=found.opens_at,
            closes_at=found.closes_at,
            recurrence=found.recurrence,
            questions=json.dumps(found.questions, ensure_ascii=False),
        )
        if counted.people == 0:
            raise RoundFileError(t.PREVIEW_EMPTY)
        prompt = view.prompt(draft, config.zone, author=author.full_name)
        lines = [
            t.PREVIEW_HEADER,
            prompt.text,
            *view.preview_counts(draft, config.zone, counted),
        ]
        if dry_run:
            return "\n".join([*lines, t.CLI_DRY_RUN])
        row = await checkins.create(
            session,
            title=found.title,
            author_member_id=author.id,
            spec=found.spec,
            opens_at=found.opens_at,
            closes_at=found.closes_at,
            recurrence=found.recurrence,
            now=now,
            questions=found.questions,
        )
        await session.commit()
        saved = t.SCHEDULED.format(
            id=row.id,
            title=row.title,
            opens=show(row.opens_at, config.zone),
            closes=show(row.closes_at, config.zone),
        )
        return "\n".join([*lines, saved])


async def report(
    config: Config,
    *,
    round_id: int | None,
    fmt: str,
    out: Path | None,
    clock: Clock = utcnow,
) -> str:
    """`mangluoi report`: a round's summary as text (printed, or written to `out`), XLSX, a PNG
    chart or a CSV of every answer."""
    if fmt != "text" and out is None:
        raise RoundFileError(t.REPORT_NEEDS_OUT.format(fmt=fmt))
    async with migrated_session(config.database.url, clock=clock) as session:
        if round_id is None:
            row = await checkin_summary.latest(session)
        else:
            row = await checkins.get(session, round_id=round_id)
        if row is None or row.opened_at is None:
            raise RoundFileError(t.REPORT_NO_ROUND)
        today = clock().astimezone(config.zone).date()
        summary = await checkin_summary.summarize(session, row=row, today=today)
        rows: list[AnswerRow] = []
        links = None
        if fmt in ("csv", "xlsx"):
            rows = await checkin_summary.answer_rows(session, row=row)
            if fmt == "csv":  # the workbook has its own sheet of these
                rows += await checkin_summary.reply_rows(session, row=row)
            links = await evidence_links.issue(
                session, config, rows, channel=LINK_OWNER, external_id=fmt, now=clock()
            )
            await session.commit()
    if fmt == "xlsx":
        content = summary_view.xlsx(summary, rows, zone=config.zone, links=links)
    elif fmt == "png":
        content = await asyncio.to_thread(checkin_chart.png, summary, config.zone)
    elif fmt == "csv":
        content = summary_view.csv_bytes(rows, config.zone, links)
    else:
        text = "\n".join(summary_view.lines(summary, config.zone))
        if out is None:
            return text
        content = (text + "\n").encode()
    assert out is not None
    await asyncio.to_thread(out.write_bytes, content)
    return t.REPORT_WROTE.format(path=out, size=len(content))
