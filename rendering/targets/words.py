"""The targets in words: a short overview and pages of detail lines ("Xem thêm")."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.texts import registration as rt
from bot.texts import targets as t
from bot.timefmt import local, show_date
from models import unit_catalog
from models.targets import DEPARTMENT, Area, FocalUnit, Share, Targets
from models.validators import shorten
from models.village_file import Parsed

PAGE_LINES = 8
BAD_ROWS_SHOWN = 10


def percent(share: Share) -> str:
    """A share as "25%", or a dash without a total."""
    value = share.percent
    return t.NO_PERCENT if value is None else t.PERCENT.format(value=value)


def scope_name(targets: Targets) -> str:
    """What the figures cover, in words."""
    unit = targets.scope_unit
    if unit is None:
        return t.SCOPE_PROVINCE
    return unit_catalog.label(unit)


def area_name(area: Area) -> str:
    """A district's or commune's name, or the provincial level."""
    return area.name or t.PROVINCIAL


def category_name(key: str | None) -> str:
    """A member category in words."""
    return rt.CATEGORIES.get(key or "", key or t.CATEGORY_NONE)


def title(targets: Targets, zone: ZoneInfo) -> str:
    """The first line: which plan, which scope, which day."""
    date = show_date(targets.as_of, zone)
    return t.TITLE.format(plan=t.PLAN, scope=scope_name(targets), date=date)


def overview(targets: Targets, zone: ZoneInfo) -> str:
    """The three targets in a few lines."""
    lines = [title(targets, zone), t.FOCAL_HEAD]
    for level in targets.focal.levels():
        share = targets.focal.share(level)
        lines.append(
            t.FOCAL_LINE.format(
                level=t.LEVELS[level], done=share.done, total=share.total, percent=percent(share)
            )
        )
    training = targets.training
    total = training.total()
    lines += [
        t.TRAINING_HEAD.format(year=training.year),
        t.TRAINING_LINE.format(
            done=total.done, total=total.total, percent=percent(total), sessions=training.sessions
        ),
        t.TEAMS_HEAD,
        teams_line(targets),
    ]
    return "\n".join(lines)


def teams_line(targets: Targets) -> str:
    """Villages with a team: a share where totals were imported, else counts."""
    teams = targets.teams
    share = teams.share()
    communes = len(teams.communes)
    if share.total is None:
        with_team = sum(1 for c in teams.communes if c.with_team)
        return t.TEAMS_COUNTS.format(done=share.done, with_team=with_team, communes=communes)
    return t.TEAMS_SHARE.format(
        done=share.done,
        total=share.total,
        percent=percent(share),
        known=len(teams.known()),
        communes=communes,
    )


def focal_item(targets: Targets, unit: FocalUnit) -> str:
    """One unit without a focal point."""
    district = ""
    if unit.level != DEPARTMENT and targets.scope_unit is None:
        found = unit_catalog.get_unit(targets.catalog, unit.key)
        parent = unit_catalog.parent(found) if found else None
        if parent is not None:
            district = t.IN_DISTRICT.format(district=parent.name)
    return t.FOCAL_ITEM[unit.level].format(name=unit.name, district=district)


def focal_lines(targets: Targets) -> tuple[str, list[str]]:
    """The heading and lines of the units that have no focal point."""
    missing = targets.focal.missing()
    if not missing:
        return t.FOCAL_NONE, []
    return t.FOCAL_PAGE_HEAD.format(count=len(missing)), [
        focal_item(targets, unit) for unit in missing
    ]


def _share_line(name: str, share: Share) -> str:
    return t.AREA_LINE.format(
        name=name, done=share.done, total=share.total, percent=percent(share)
    )


def training_lines(targets: Targets) -> tuple[str, list[str]]:
    """The heading and lines of the training figures, by area then by category."""
    training = targets.training
    total = training.total()
    head = t.TRAINING_PAGE_HEAD.format(
        year=training.year, done=total.done, total=total.total, percent=percent(total)
    )
    lines = [t.BY_UNIT if targets.by_commune else t.BY_DISTRICT]
    lines += [_share_line(area_name(area), share) for area, share in training.by_area()]
    lines.append(t.BY_CATEGORY)
    lines += [_share_line(category_name(key), share) for key, share in training.by_category()]
    return head, lines


def _team_line(name: str, share: Share) -> str:
    if share.total is None:
        return t.TEAMS_LINE_COUNT.format(name=name, done=share.done)
    return t.TEAMS_LINE_SHARE.format(
        name=name, done=share.done, total=share.total, percent=percent(share)
    )


def team_lines(targets: Targets) -> tuple[str, list[str]]:
    """The heading and lines of villages with a team: by district (whole province), then by
    commune."""
    teams = targets.teams
    head = t.TEAMS_PAGE_HEAD.format(done=teams.with_team())
    lines: list[str] = []
    if not targets.by_commune:
        lines.append(t.BY_DISTRICT)
        lines += [_team_line(area_name(area), share) for area, share in teams.by_area()]
        lines.append(t.BY_COMMUNE)
    for commune in teams.communes:
        name = commune.unit.name if targets.scope_unit else unit_catalog.label(commune.unit)
        lines.append(_team_line(name, Share(commune.with_team, commune.villages)))
    return head, lines


def pages(lines: list[str], size: int = PAGE_LINES) -> int:
    """How many pages the lines fill (at least one)."""
    return max(1, (len(lines) + size - 1) // size)


def page_text(head: str, lines: list[str], page: int, size: int = PAGE_LINES) -> str:
    """One page: the heading with its page number, then its lines."""
    count = pages(lines, size)
    page = min(max(page, 0), count - 1)
    shown = lines[page * size : (page + 1) * size]
    marker = f" {t.PAGE.format(page=page + 1, pages=count)}" if count > 1 else ""
    return "\n".join([head + marker, *shown])


def file_name(targets: Targets, zone: ZoneInfo, ext: str) -> str:
    """A file name saying which scope and day (and, by its extension, which form)."""
    unit = targets.scope_unit
    if unit is None:
        scope = t.FILE_SCOPE_PROVINCE
    else:
        scope = t.FILE_SCOPE_UNIT.get(unit.level, "{code}").format(code=unit.code)
    date = local(targets.as_of, zone).strftime("%Y%m%d")
    return t.FILE_NAME.format(scope=scope, date=date, ext=ext)


def import_report(parsed: Parsed, *, dry_run: bool) -> str:
    """What an import of village totals did (or would do), and the rows it left out."""
    template = t.VILLAGES_PREVIEW if dry_run else t.VILLAGES_SAVED
    lines = [template.format(count=len(parsed.good))]
    if parsed.bad:
        lines.append(t.VILLAGES_BAD_HEAD.format(count=len(parsed.bad)))
        for row in parsed.bad[:BAD_ROWS_SHOWN]:
            reason = t.ROW_PROBLEMS.get(row.problem, row.problem)
            lines.append(
                t.VILLAGES_BAD_LINE.format(line=row.line, text=shorten(row.text), reason=reason)
            )
        if len(parsed.bad) > BAD_ROWS_SHOWN:
            lines.append(t.VILLAGES_BAD_MORE.format(count=len(parsed.bad) - BAD_ROWS_SHOWN))
    return "\n".join(lines)
