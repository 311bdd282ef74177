"""What a round's summary looks like: text pages (rate overall and by district and commune,
statuses per task, blockers with who and where) and the same as an XLSX workbook."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from bot.texts import checkins as t
from bot.timefmt import show
from models.checkin_summary import AnswerRow, Summary, Tally
from rendering.checkins import reply_text

PAGE_CHARS = 3500


@dataclass(frozen=True)
class EvidenceUrls:
    """Download links of evidence files (by stored file id), and when they run out."""

    until: datetime
    urls: Mapping[int, str] = field(default_factory=dict)


def _figures(tally: Tally) -> dict[str, int]:
    return {"submitted": tally.submitted, "expected": tally.expected, "rate": tally.rate}


def lines(summary: Summary, zone: ZoneInfo) -> list[str]:
    """Every line of the summary, in order."""
    row = summary.row
    found = [
        t.TOTAL_HEADER.format(
            id=row.id,
            title=row.title,
            state=t.STATES.get(row.state, row.state),
            opens=show(row.opens_at, zone),
            closes=show(row.closes_at, zone),
        )
    ]
    if summary.scoped:
        found.append(t.TOTAL_SCOPED)
    overall = summary.overall
    leave = t.CLOSED_LEAVE.format(count=overall.on_leave) if overall.on_leave else ""
    found.append(t.TOTAL_RATE.format(leave=leave, **_figures(overall)))
    found.append(t.TOTAL_DISTRICTS)
    for district in sorted(summary.by_district):
        name = district or t.PROVINCE_LEVEL
        found.append(t.TOTAL_DISTRICT.format(name=name, **_figures(summary.by_district[district])))
        for (parent, commune), tally in sorted(summary.by_commune.items()):
            if parent == district and commune:
                found.append(t.TOTAL_COMMUNE.format(name=commune, **_figures(tally)))
    found.append(t.TOTAL_TASKS)
    if not summary.tasks:
        found.append(t.TOTAL_NO_TASKS)
    for task in summary.tasks:
        found.append(t.TOTAL_TASK.format(number=task.number, **task.counts))
    found += change_lines(summary, zone)
    found += _free_lines(summary)
    if summary.blockers:
        found.append(t.TOTAL_BLOCKERS.format(count=len(summary.blockers)))
        for blocker in summary.blockers:
            where = ", ".join(p for p in (blocker.commune, blocker.district) if p)
            found.append(
                t.TOTAL_BLOCKER.format(
                    number=blocker.number,
                    name=blocker.name,
                    where=where or t.PROVINCE_LEVEL,
                    note=blocker.note,
                )
            )
    return found


def _status(value: str) -> str:
    return t.STATUS_NAMES.get(value, value) if value else t.NO_ANSWER_BEFORE


def change_lines(summary: Summary, zone: ZoneInfo) -> list[str]:
    """What changed since the previous round of the series (nothing for a first round)."""
    changes = summary.changes
    if changes is None or changes.previous is None:
        return []
    previous = changes.previous
    found = [t.TOTAL_CHANGES.format(id=previous.id, opens=show(previous.opens_at, zone))]
    if not (changes.changed or changes.new_blockers or changes.resolved):
        return [*found, t.TOTAL_NO_CHANGES]
    if changes.changed:
        found.append(t.TOTAL_CHANGED.format(count=len(changes.changed)))
        found += [
            t.TOTAL_CHANGE.format(
                number=c.number,
                organisation=c.organisation,
                before=_status(c.before),
                now=_status(c.now),
            )
            for c in changes.changed
        ]
    if changes.new_blockers:
        found.append(t.TOTAL_NEW_BLOCKERS.format(count=len(changes.new_blockers)))
        found += [
            t.TOTAL_NEW_BLOCKER.format(number=c.number, organisation=c.organisation, note=c.note)
            for c in changes.new_blockers
        ]
    if changes.resolved:
        found.append(t.TOTAL_RESOLVED.format(count=len(changes.resolved)))
        found += [
            t.TOTAL_RESOLVED_ONE.format(
                number=c.number, organisation=c.organisation, now=_status(c.now)
            )
            for c in changes.resolved
        ]
    return found


def _free_lines(summary: Summary) -> list[str]:
    """One line per question of the round's own: counts, an average, or how many answered."""
    questions = summary.row.free_questions()
    if not questions:
        return []
    found = [t.TOTAL_FREE]
    for question, given in zip(questions, summary.replies, strict=False):
        kind, text = question["kind"], question["text"]
        values = [value for _, value in given]
        if kind in ("status", "yes_no"):
            counted = Counter(reply_text(kind, value) for value in values)
            counts = ", ".join(f"{name} {n}" for name, n in counted.most_common()) or "0"
            found.append(t.TOTAL_FREE_COUNTS.format(text=text, counts=counts))
        elif kind in ("percent", "number"):
            numbers = [float(value) for value in values]
            average = round(sum(numbers) / len(numbers), 1) if numbers else 0
            found.append(
                t.TOTAL_FREE_AVERAGE.format(
                    text=text, average=f"{average:g}".replace(".", ","), count=len(numbers)
                )
            )
        else:
            found.append(t.TOTAL_FREE_TEXTS.format(text=text, count=len(values)))
    return found


def pages(summary: Summary, zone: ZoneInfo, limit: int = PAGE_CHARS) -> list[str]:
    """The summary cut into messages of at most `limit` characters, at line ends."""
    found: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines(summary, zone):
        if current and size + len(line) + 1 > limit:
            found.append("\n".join(current))
            current, size = [], 0
        current.append(line[:limit])
        size += len(line) + 1
    if current:
        found.append("\n".join(current))
    if len(found) > 1:
        found = [
            f"{text}\n{t.TOTAL_PAGE.format(page=i, pages=len(found))}"
            for i, text in enumerate(found, start=1)
        ]
    return found


def _rate_row(district: str, commune: str, tally: Tally) -> list[object]:
    return [district, commune, tally.asked, tally.on_leave, tally.submitted, tally.rate]


def answer_columns(zone: ZoneInfo, links: EvidenceUrls | None) -> list[str]:
    """The header of the sheet of every answer (and the CSV): its evidence column says
    whether it holds download links (and until when they work) or file names."""
    if links is None:
        evidence = t.EVIDENCE_NAME_COLUMN
    else:
        evidence = t.EVIDENCE_LINK_COLUMN.format(until=show(links.until, zone))
    return [c.format(evidence=evidence) for c in t.ANSWER_COLUMNS]


def _answer_cells(row: AnswerRow, zone: ZoneInfo) -> list[object]:
    if row.kind:  # an answer to one of the round's own questions
        number = t.OWN_QUESTION_CELL.format(index=row.number)
        status = reply_text(row.kind, row.status)
    else:
        number, status = row.number, t.STATUS_NAMES.get(row.status, row.status)
    return [
        row.name,
        row.district or t.PROVINCE_LEVEL,
        row.commune,
        row.organisation,
        number,
        row.title,
        status,
        "" if row.percent is None else row.percent,
        row.note,
        row.evidence_name,
        show(row.answered_at, zone),
    ]


EVIDENCE_AT = 9
"""The position of the evidence cell in an answer's row."""


def _evidence(row: AnswerRow, links: EvidenceUrls | None) -> str:
    """The evidence cell: its link, or the file's name ("" without evidence)."""
    if row.evidence_id is None:
        return ""
    if links is None:
        return row.evidence_name
    return links.urls.get(row.evidence_id, row.evidence_name)


def xlsx(
    summary: Summary,
    rows: Iterable[AnswerRow] = (),
    *,
    zone: ZoneInfo,
    links: EvidenceUrls | None = None,
) -> bytes:
    """The summary as a workbook: rates, statuses per task, blockers, every answer (with its
    evidence link or file name), who did not report (write-only, rows streamed)."""
    book = Workbook(write_only=True)
    rates = book.create_sheet(t.SHEET_RATE)
    rates.append(list(t.RATE_COLUMNS))
    overall = summary.overall
    rates.append(
        [t.ALL_LABEL, "", overall.asked, overall.on_leave, overall.submitted, overall.rate]
    )
    for (district, commune), tally in sorted(summary.by_commune.items()):
        rates.append(
            [
                district or t.PROVINCE_LEVEL,
                commune,
                tally.asked,
                tally.on_leave,
                tally.submitted,
                tally.rate,
            ]
        )
    tasks = book.create_sheet(t.SHEET_TASKS)
    tasks.append(list(t.TASK_COLUMNS))
    for task in summary.tasks:
        counts = task.counts
        tasks.append(
            [
                task.number,
                task.title,
                counts["done"],
                counts["in_progress"],
                counts["blocked"],
                counts["not_started"],
            ]
        )
    blockers = book.create_sheet(t.SHEET_BLOCKERS)
    blockers.append(list(t.BLOCKER_COLUMNS))
    for blocker in summary.blockers:
        blockers.append(
            [blocker.number, blocker.name, blocker.district, blocker.commune, blocker.note]
        )
    answers = book.create_sheet(t.SHEET_REPLIES)
    answers.append(list(t.REPLY_COLUMNS))
    for question, given in zip(summary.row.free_questions(), summary.replies, strict=False):
        for name, value in given:
            answers.append([name, question["text"], reply_text(question["kind"], value)])
    if summary.changes is not None and summary.changes.previous is not None:
        sheet = book.create_sheet(t.SHEET_CHANGES)
        sheet.append(list(t.CHANGE_COLUMNS))
        for kind, items in (
            ("changed", summary.changes.changed),
            ("new_blocker", summary.changes.new_blockers),
            ("resolved", summary.changes.resolved),
        ):
            for c in items:
                sheet.append(
                    [
                        t.CHANGE_KINDS[kind],
                        c.number,
                        c.organisation,
                        _status(c.before),
                        _status(c.now),
                        c.note,
                    ]
                )
    every = book.create_sheet(t.SHEET_ANSWERS)
    every.append(answer_columns(zone, links))
    for answer in rows:
        # empty cells as None: the write-only writer skips them (most answers have no
        # evidence, many no note), which keeps 100,000 rows fast
        cells: list[object] = [c if c != "" else None for c in _answer_cells(answer, zone)]
        shown = _evidence(answer, links)
        if shown.startswith(("https://", "http://")):
            cell = WriteOnlyCell(every, value=shown)
            cell.hyperlink = shown
            cells[EVIDENCE_AT] = cell
        else:
            cells[EVIDENCE_AT] = shown or None
        every.append(cells)
    silent = book.create_sheet(t.SHEET_SILENT)
    silent.append(list(t.SILENT_COLUMNS))
    for name, district, commune in summary.silent:
        silent.append([name, district or t.PROVINCE_LEVEL, commune])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: Sequence[AnswerRow], zone: ZoneInfo, links: EvidenceUrls | None = None
) -> bytes:
    """Every answer of a round, one row each (with its evidence link or file name; the
    answers to the round's own questions after the tasks, when given), as CSV in UTF-8 with
    a BOM (Excel reads it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(answer_columns(zone, links))
    for row in rows:
        cells = _answer_cells(row, zone)
        cells[EVIDENCE_AT] = _evidence(row, links)
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8-sig")
