"""An announcement's figures by district and, inside each district, by commune (the unit of
the district itself on its own line): inline when they fit, else one button per district."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.texts import broadcast as t
from models import announcement_reports as reports
from models import unit_catalog
from models.announcement_reports import Tally

INLINE_COMMUNES = 30

UnitKey = tuple[str | None, str | None]


@dataclass
class District:
    """The recipients of one district (or of no district), and of each of its units."""

    key: UnitKey
    name: str
    tally: Tally = field(default_factory=Tally)
    units: dict[tuple[bool, str], Tally] = field(default_factory=dict)
    """Per unit, keyed (is the district level itself, name): communes sort first."""


def _place(catalog: str | None, code: str | None) -> tuple[UnitKey, str, tuple[bool, str]]:
    """(district key, district name, unit key) of a recipient's unit."""
    unit = unit_catalog.get_unit(catalog, code) if catalog and code else None
    if unit is None:
        return (None, None), t.UNIT_NONE, (True, t.UNIT_NONE)
    district = unit_catalog.parent(unit)
    if district is None:
        level = t.UNIT_DISTRICT_LEVEL.format(name=unit.name)
        return (unit.catalog, unit.code), unit.name, (True, level)
    return (district.catalog, district.code), district.name, (False, unit.name)


def group(tallies: dict[UnitKey, Tally]) -> list[District]:
    """Group per-unit counts by district, districts by name (no district last)."""
    districts: dict[UnitKey, District] = {}
    for (catalog, code), tally in tallies.items():
        key, district_name, unit_key = _place(catalog, code)
        district = districts.setdefault(key, District(key, district_name))
        district.tally.add(tally)
        district.units.setdefault(unit_key, Tally()).add(tally)
    return sorted(districts.values(), key=lambda d: (d.key == (None, None), d.name))


def _line(template: str, name: str, tally: Tally, rsvp: bool) -> str:
    line = template.format(
        name=name,
        total=tally.total,
        sent=tally.delivery.get(reports.SENT, 0),
        failed=tally.delivery.get(reports.FAILED, 0),
        unreachable=tally.delivery.get(reports.UNREACHABLE, 0),
        acked=tally.acked,
    )
    return line + (t.REPORT_DISTRICT_RSVP.format(yes=tally.yes, no=tally.no) if rsvp else "")


def commune_lines(district: District, rsvp: bool) -> list[str]:
    """One line per unit of a district (communes, then the district level), by name."""
    if district.key == (None, None):
        return []
    return [
        _line(t.REPORT_COMMUNE_LINE, name, district.units[(level, name)], rsvp)
        for level, name in sorted(district.units)
    ]


def inline(districts: list[District]) -> bool:
    """Whether the commune lines fit in the report itself."""
    return sum(len(d.units) for d in districts) <= INLINE_COMMUNES


def lines(districts: list[District], rsvp: bool) -> list[str]:
    """The district lines, each followed by its communes when they all fit."""
    show_communes = inline(districts)
    found = []
    for district in districts:
        found.append(_line(t.REPORT_DISTRICT_LINE, district.name, district.tally, rsvp))
        if show_communes:
            found.extend(commune_lines(district, rsvp))
    return found
