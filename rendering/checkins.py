"""What progress check-ins look like: the prompt and reminder members get (with their buttons),
one answer in words, a person's summary, a round for its creator, and the list of who did not
report, by district and commune."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.buttons.actions import CheckinLeave, CheckinStart
from bot.events import Option, Reply
from bot.texts import checkins as t
from bot.timefmt import show
from models import unit_catalog
from models.announcement_rules import Refusal
from models.checkins import JOIN_UNTIL, CheckinRound, Missing, Preview, Response

MAX_NAMES = 150  # names in the close message; the rest are counted (all in /tonghop)


def _buttons(row: CheckinRound) -> tuple[Option, ...]:
    assert row.id is not None
    return (
        Option(t.START, CheckinStart(row.id).encode()),
        Option(t.LEAVE, CheckinLeave(row.id).encode()),
    )


def prompt(row: CheckinRound, zone: ZoneInfo, *, author: str) -> Reply:
    """The message that opens a round for each of its people."""
    own = len(row.free_questions())
    text = (t.PROMPT_OWN if own else t.PROMPT).format(
        title=row.title,
        opens=show(row.opens_at, zone),
        closes=show(row.closes_at, zone),
        author=author,
        own=own,
    )
    return Reply(text, _buttons(row))


def preview_counts(row: CheckinRound, zone: ZoneInfo, counted: Preview) -> list[str]:
    """Who a round would ask, how many questions each (the tasks of their organisation and
    the round's own questions), who answers only the own questions, who is left out (no
    question at all), until when members who come into the audience still join, and its
    window."""
    questions = (
        str(counted.most)
        if counted.fewest == counted.most
        else t.PREVIEW_QUESTIONS_RANGE.format(fewest=counted.fewest, most=counted.most)
    )
    free = row.free_questions()
    if free:
        lines = [
            t.PREVIEW_COUNTS_OWN.format(people=counted.people, questions=questions, own=len(free))
        ]
        if counted.own_only:
            lines.append(t.PREVIEW_OWN_ONLY.format(count=counted.own_only, own=len(free)))
        texts = "; ".join(q["text"] for q in free)
        lines.append(t.PREVIEW_FREE.format(count=len(free), texts=texts))
    else:
        lines = [t.PREVIEW_COUNTS.format(people=counted.people, questions=questions)]
    if counted.left_out:
        lines.append(t.PREVIEW_WITHOUT.format(count=counted.left_out))
    lines.append(t.PREVIEW_LATE.format(until=show(row.mark(JOIN_UNTIL), zone)))
    lines.append(
        t.PREVIEW_WHEN.format(
            opens=show(row.opens_at, zone),
            closes=show(row.closes_at, zone),
            recurrence=t.RECURRENCE_DETAIL.get(row.recurrence, row.recurrence),
        )
    )
    return lines


def reminder(row: CheckinRound, zone: ZoneInfo) -> Reply:
    """The reminder sent to people who have not reported half way and near the close."""
    return Reply(
        t.REMINDER.format(title=row.title, closes=show(row.closes_at, zone)), _buttons(row)
    )


def answer(status: str, percent: int | None, note: str | None, evidence: bool = False) -> str:
    """One answer in words: the status, the percent, the note, whether evidence is attached."""
    name = t.STATUS_NAMES.get(status, status)
    text = t.ANSWER_PERCENT.format(status=name, percent=percent) if percent is not None else name
    text = t.ANSWER_NOTE.format(answer=text, note=note) if note else text
    return t.ANSWER_EVIDENCE.format(answer=text) if evidence else text


def summary(title: str, lines: Sequence[tuple[str, str]], extra: Sequence[str] = ()) -> str:
    """A person's answers before they send them: (task number, answer) per task, then the
    answers to the round's own questions."""
    rows = [t.SUMMARY_HEADER.format(title=title)]
    rows += [
        t.SUMMARY_ITEM.format(index=i, number=number, answer=text)
        for i, (number, text) in enumerate(lines, start=1)
    ]
    rows += extra
    rows.append(t.SUMMARY_ASK if lines else t.SUMMARY_ASK_OWN)
    return "\n".join(rows)


def rate(response: Response) -> int:
    """The response rate in whole percent (100 when nobody counts)."""
    if response.expected <= 0:
        return 100
    return round(100 * response.submitted / response.expected)


def detail(row: CheckinRound, zone: ZoneInfo, response: Response) -> str:
    """A round as its creator sees it."""
    leave = t.DETAIL_LEAVE.format(count=response.on_leave) if response.on_leave else ""
    return t.ROUND_DETAIL.format(
        id=row.id,
        title=row.title,
        state=t.STATES.get(row.state, row.state),
        opens=show(row.opens_at, zone),
        closes=show(row.closes_at, zone),
        recurrence=t.RECURRENCE_DETAIL.get(row.recurrence, row.recurrence),
        submitted=response.submitted,
        expected=response.expected,
        leave=leave,
    )


def _where(person: Missing) -> tuple[str, str]:
    """(district, commune) names of where someone works."""
    if not person.unit_catalog or not person.unit_code:
        return t.NO_UNIT, t.NO_UNIT
    unit = unit_catalog.get_unit(person.unit_catalog, person.unit_code)
    if unit is None:
        return t.NO_UNIT, person.unit_code
    if unit.level == "district":
        return unit.name, unit.name
    parent = unit_catalog.parent(unit)
    return (parent.name if parent else t.OUTSIDE_DISTRICT), unit.name


def closed_report(
    row: CheckinRound, zone: ZoneInfo, response: Response, missing: Sequence[Missing]
) -> Reply:
    """What the creator gets when a round closes: the rate and who did not report."""
    leave = t.CLOSED_LEAVE.format(count=response.on_leave) if response.on_leave else ""
    lines = [
        t.CLOSED_REPORT_HEADER.format(
            title=row.title,
            closes=show(row.closes_at, zone),
            submitted=response.submitted,
            expected=response.expected,
            rate=rate(response),
            leave=leave,
        )
    ]
    if not missing:
        lines.append(t.CLOSED_ALL_DONE)
        return Reply("\n".join(lines))
    lines.append(t.CLOSED_MISSING.format(count=len(missing)))
    grouped: dict[str, dict[str, list[str]]] = {}
    for person in missing:
        district, commune = _where(person)
        grouped.setdefault(district, {}).setdefault(commune, []).append(person.name)
    budget = MAX_NAMES
    for district in sorted(grouped):
        lines.append(t.CLOSED_DISTRICT.format(district=district))
        for commune in sorted(grouped[district]):
            people = grouped[district][commune]
            shown, budget = people[:budget], max(0, budget - len(people))
            names = ", ".join(shown)
            if len(shown) < len(people):
                more = t.CLOSED_MORE.format(count=len(people) - len(shown))
                names = f"{names}, {more}" if shown else more
            lines.append(t.CLOSED_COMMUNE.format(commune=commune, names=names))
    if budget == 0 and len(missing) > MAX_NAMES:
        lines.append(t.CLOSED_SEE_SUMMARY)
    return Reply("\n".join(lines))


def refusal_text(verdict: Refusal) -> str:
    """Why a round may not be saved: the creator may not ask, or not these people."""
    if verdict == Refusal.NOT_A_SENDER:
        return t.NOT_A_COORDINATOR
    return t.OUTSIDE_SCOPE


def reply_text(kind: str, value: str) -> str:
    """An answer to a round's own question, in words."""
    if kind == "status":
        return t.STATUS_NAMES.get(value, value)
    if kind == "yes_no":
        return t.YES if value == "yes" else t.NO
    if kind == "percent":
        return f"{value}%"
    if kind == "number":
        return value.replace(".", ",")
    return value
