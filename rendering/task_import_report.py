"""The import report of a plan's table of tasks, as a person checks it in one screen: what
was found, timing kinds, who is assigned, focal points and what changed."""

from __future__ import annotations

from bot.texts import tasks as t
from models.task_import import ImportReport
from rendering.tasks import SHOWN, few


def _parsing_lines(report: ImportReport) -> list[str]:
    parsed = report.parsed
    lines = [
        t.REPORT_FOUND.format(
            groups=len(parsed.groups), tasks=len(parsed.tasks), tables=parsed.tables
        )
    ]
    unnumbered = [task.number for task in parsed.tasks if task.unnumbered]
    if unnumbered:
        lines.append(t.REPORT_UNNUMBERED.format(numbers=few(unnumbered)))
    if parsed.continuations:
        items = [
            t.REPORT_MERGED_ITEM.format(number=c.number, table=c.table, line=c.line)
            for c in parsed.continuations
        ]
        lines.append(t.REPORT_MERGED.format(count=len(items), items=few(items)))
    if parsed.blank_lines:
        lines.append(t.REPORT_BLANK.format(count=parsed.blank_lines))
    if parsed.skipped:
        items = [
            t.REPORT_SKIPPED_ITEM.format(
                table=s.table,
                line=s.line,
                number=t.REPORT_SKIPPED_NUMBER.format(number=s.number) if s.number else "",
                reason=t.SKIPPED.get(s.reason, s.reason),
            )
            for s in parsed.skipped
        ]
        lines.append(t.REPORT_SKIPPED.format(count=len(items), items=few(items, 5)))
    if parsed.ignored_tables:
        lines.append(t.REPORT_IGNORED_TABLES.format(count=parsed.ignored_tables))
    return lines


def _timing_lines(report: ImportReport) -> list[str]:
    kinds = [
        t.REPORT_KIND_ITEM.format(kind=label, count=report.by_kind[kind])
        for kind, label in t.KINDS.items()
        if report.by_kind.get(kind)
    ]
    lines = [t.REPORT_KINDS.format(items=" · ".join(kinds))]
    if report.needs_date:
        items = [
            t.REPORT_NEEDS_DATE_ITEM.format(
                number=n.number,
                reason=t.PROBLEMS.get(n.problem, n.problem),
                detail=f": “{n.detail or n.timing}”" if n.problem != "empty" else "",
            )
            for n in report.needs_date
        ]
        lines.append(t.REPORT_NEEDS_DATE.format(count=len(items), items=few(items)))
    else:
        lines.append(t.REPORT_NO_NEEDS_DATE)
    return lines


def _assignment_lines(report: ImportReport) -> list[str]:
    lines: list[str] = []
    if report.unmatched:
        lines.append(t.REPORT_UNMATCHED.format(count=len(report.unmatched)))
        for item in report.unmatched[:SHOWN]:
            suggestion = (
                t.REPORT_SUGGESTION.format(name=item.suggestion)
                if item.suggestion
                else t.REPORT_NO_SUGGESTION
            )
            lines.append(
                t.REPORT_UNMATCHED_ITEM.format(
                    number=item.number, text=item.text, suggestion=suggestion
                )
            )
        if len(report.unmatched) > SHOWN:
            lines.append("   " + t.MORE.format(count=len(report.unmatched) - SHOWN).strip())
    else:
        lines.append(t.REPORT_ALL_MATCHED)
    if report.unassigned:
        lines.append(t.REPORT_UNASSIGNED.format(numbers=few(report.unassigned)))
    kinds = [
        t.REPORT_ASSIGNED_ITEM.format(count=report.assigned_by_kind[kind], kind=label)
        for kind, label in t.ORG_KINDS.items()
        if report.assigned_by_kind.get(kind)
    ]
    lines.append(
        t.REPORT_ASSIGNED.format(items="; ".join(kinds)) if kinds else t.REPORT_NOBODY_ASSIGNED
    )
    focal = report.focal
    if focal.organisations:
        without = focal.without_focal_point
        names = f" ({few(without, 5)})" if without else ""
        lines.append(
            t.REPORT_FOCAL.format(
                points=focal.focal_points,
                with_points=focal.organisations - len(without),
                orgs=focal.organisations,
                without=len(without),
                names=names,
            )
        )
    lines.append(
        t.REPORT_FOCAL_PEOPLE.format(
            unreachable=focal.unreachable,
            left=focal.left,
            loose=focal.members_without_organisation,
        )
    )
    return lines


def _change_lines(report: ImportReport) -> list[str]:
    lines = [
        t.REPORT_CHANGES.format(
            created=len(report.created), updated=len(report.updated), unchanged=report.unchanged
        )
    ]
    if report.updated:
        items = [
            t.REPORT_UPDATED_ITEM.format(
                number=number, fields=", ".join(t.FIELDS.get(name, name) for name in fields)
            )
            for number, fields in report.updated
        ]
        lines.append(t.REPORT_UPDATED.format(items=few(items)))
    if report.dropped:
        lines.append(t.REPORT_DROPPED.format(numbers=few(report.dropped)))
    if not (report.created or report.updated or report.dropped or report.new_plan):
        lines.append(t.REPORT_NOTHING_CHANGED)
    if report.deadlines_added:
        lines.append(t.REPORT_DEADLINES.format(count=report.deadlines_added))
    return lines


def import_report(
    report: ImportReport, *, source: str, dry_run: bool, next_line: str | None = None
) -> str:
    """The import report as a person checks it, in one screen; a dry run ends with what to
    do next (`next_line`, or the command line's hint)."""
    header = t.REPORT_HEADER.format(
        source=source,
        plan=report.plan,
        new=t.REPORT_NEW_PLAN if report.new_plan else "",
        dry=t.REPORT_DRY if dry_run else "",
    )
    lines = [
        header,
        *_parsing_lines(report),
        *_timing_lines(report),
        *_assignment_lines(report),
        *_change_lines(report),
    ]
    if dry_run:
        lines.append(next_line or t.REPORT_DRY_NEXT)
    return "\n".join(lines)
