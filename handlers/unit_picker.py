"""Choosing an administrative unit inside a conversation: type a name and confirm one of the
numbered matches (8 a page; a district's name lists its communes), or pick a district and
then one of its communes.

Any flow adds the steps of a `UnitPicker` and says what happens once a unit is chosen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.buttons.choices import UnitChoice
from bot.conversation import Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import units as t
from handlers import person_answers
from models import unit_catalog
from models.scopes import PROVINCE, Scope
from models.unit_catalog import Unit
from models.validators import shorten
from rendering.units import match_note

BY_DISTRICT = "by_district"
AGAIN = "again"
SKIP = "skip"
MAX_MATCHES = 8  # a page of matches
MAX_RESULTS = 40
NEXT_PAGE = "page:next"
PREV_PAGE = "page:prev"

OnPick = Callable[[Turn, Unit], Awaitable[Outcome]]


def catalog_of(turn: Turn) -> str:
    """The catalog of units in force."""
    return turn.ctx.config.units.catalog


def unit_of(catalog: str | None, code: str | None) -> Unit | None:
    """The unit behind a stored (catalog, code) pair."""
    if not catalog or not code:
        return None
    return unit_catalog.get_unit(catalog, code)


@dataclass(frozen=True)
class UnitPicker:
    """The steps that ask for one unit; `prefix` names them and their data keys."""

    prefix: str
    on_pick: OnPick
    level: Callable[[Turn], str] = lambda turn: "commune"
    scope: Callable[[Turn], Scope] = lambda turn: PROVINCE
    question: Callable[[Turn], str | None] = lambda turn: None
    skip_label: Callable[[Turn], str | None] = lambda turn: None
    on_skip: Callable[[Turn], Awaitable[Outcome]] | None = None

    @property
    def first(self) -> str:
        """The name of the step that starts the choice."""
        return self.prefix

    def steps(self) -> tuple[Step, ...]:
        """The steps to add to a flow."""
        p = self.prefix
        return (
            Step(p, self._ask, self._read),
            Step(f"{p}_pick", self._ask_pick, self._read_pick),
            Step(f"{p}_district", self._ask_district, self._read_district),
            Step(f"{p}_commune", self._ask_commune, self._read_commune, free_text=False),
        )

    def _allowed(self, turn: Turn, unit: Unit) -> bool:
        scope = self.scope(turn)
        if scope.covers_unit(unit.catalog, unit.code):
            return True
        if unit.level != "district" or scope.whole_province:
            return False
        return any(
            scope.covers_unit(c.catalog, c.code)
            for c in unit_catalog.communes(unit.catalog, unit.code)
        )

    def _districts(self, turn: Turn, *, whole: bool = False) -> list[Unit]:
        """Districts to offer: covered ones, or (for communes) ones with covered communes."""
        scope = self.scope(turn)
        return [
            d
            for d in unit_catalog.districts(catalog_of(turn))
            if (scope.covers_unit(d.catalog, d.code) if whole else self._allowed(turn, d))
        ]

    def _extra(self, turn: Turn) -> list[Option]:
        label = self.skip_label(turn)
        return [Option(label, SKIP)] if label else []

    async def _ask(self, turn: Turn) -> Reply:
        catalog = catalog_of(turn)
        question = self.question(turn)
        if self.level(turn) == "district":
            options = [
                Option(d.name, UnitChoice(d.code).encode())
                for d in self._districts(turn, whole=True)
            ]
            return Reply(question or t.ASK_DISTRICT, (*options, *self._extra(turn)), columns=2)
        if unit_catalog.districts(catalog):
            return Reply(
                question or t.ASK_COMMUNE, (Option(t.BY_DISTRICT, BY_DISTRICT), *self._extra(turn))
            )
        return Reply(question or t.ASK_COMMUNE_NO_DISTRICTS, tuple(self._extra(turn)))

    async def _chosen(self, turn: Turn, code: str) -> Outcome:
        unit = unit_catalog.get_unit(catalog_of(turn), code)
        if unit is None:
            return Retry(t.NOT_FOUND.format(text=code))
        if unit.level == "district" and self.level(turn) == "commune":
            if not self._allowed(turn, unit):
                return Retry(t.NOT_IN_SCOPE)
            turn.data[f"{self.prefix}_district"] = unit.code
            return Next(f"{self.prefix}_commune")
        if not self.scope(turn).covers_unit(unit.catalog, unit.code):
            return Retry(t.NOT_IN_SCOPE)
        return await self.on_pick(turn, unit)

    def _search(self, turn: Turn, text: str) -> list[list[str]]:
        matches = unit_catalog.search_units(
            catalog_of(turn), text, limit=MAX_RESULTS * 2, level=self.level(turn)
        )
        found = [
            [m.unit.code, match_note(m) or ""] for m in matches if self._allowed(turn, m.unit)
        ]
        return found[:MAX_RESULTS]

    def _not_found(self, turn: Turn, text: str) -> Retry:
        if unit_catalog.districts(catalog_of(turn)) and self.level(turn) == "commune":
            return Retry(t.NOT_FOUND.format(text=shorten(text)))
        return Retry(t.NOT_FOUND_NO_DISTRICTS.format(text=shorten(text)))

    def _find(self, turn: Turn) -> str | Retry:
        """Search what was typed; keep the matches (first page) or say nothing was found."""
        query = person_answers.search_text(turn.text)
        if isinstance(query, Retry):
            return query
        found = self._search(turn, query)
        if not found:
            return self._not_found(turn, query)
        turn.data[f"{self.prefix}_matches"] = found
        turn.data[f"{self.prefix}_page"] = 0
        return query

    async def _read(self, turn: Turn) -> Outcome:
        if turn.value == BY_DISTRICT:
            return Next(f"{self.prefix}_district")
        if turn.value == SKIP and self.on_skip is not None:
            return await self.on_skip(turn)
        choice = UnitChoice.decode(turn.value)
        if choice is not None:
            return await self._chosen(turn, choice.code)
        query = self._find(turn)
        if isinstance(query, Retry):
            return query
        return Next(f"{self.prefix}_pick")

    async def _ask_pick(self, turn: Turn) -> Reply:
        found = turn.data.get(f"{self.prefix}_matches", [])
        pages = max((len(found) + MAX_MATCHES - 1) // MAX_MATCHES, 1)
        page = min(max(int(turn.data.get(f"{self.prefix}_page", 0)), 0), pages - 1)
        lines = [t.FOUND_ONE if len(found) == 1 else t.FOUND]
        if pages > 1:
            lines[0] += " " + t.PAGE_OF.format(page=page + 1, pages=pages, total=len(found))
        options = []
        shown_now = found[page * MAX_MATCHES : (page + 1) * MAX_MATCHES]
        for number, (code, note) in enumerate(shown_now, start=1):
            unit = unit_catalog.get_unit(catalog_of(turn), code)
            if unit is None:
                continue
            shown = unit_catalog.label(unit)
            lines.append(f"{number}. {shown}" + (f" — {note}" if note else ""))
            options.append(Option(shown, UnitChoice(code).encode()))
        if page > 0:
            options.append(Option(t.PREV_PAGE, PREV_PAGE))
        if page < pages - 1:
            options.append(Option(t.NEXT_PAGE, NEXT_PAGE))
        options.append(Option(t.SEARCH_AGAIN, AGAIN))
        return Reply("\n".join(lines), tuple(options))

    async def _read_pick(self, turn: Turn) -> Outcome:
        if turn.value == AGAIN:
            return Next(self.prefix)
        if turn.value in (NEXT_PAGE, PREV_PAGE):
            step = 1 if turn.value == NEXT_PAGE else -1
            key = f"{self.prefix}_page"
            turn.data[key] = int(turn.data.get(key, 0)) + step
            return Next(f"{self.prefix}_pick")
        choice = UnitChoice.decode(turn.value)
        if choice is not None:
            return await self._chosen(turn, choice.code)
        query = self._find(turn)
        if isinstance(query, Retry):
            return query
        return Retry(t.NEW_RESULTS.format(text=shorten(query)))

    async def _ask_district(self, turn: Turn) -> Reply:
        districts = self._districts(turn)
        if not districts:
            return Reply(t.NOTHING_IN_SCOPE)
        options = tuple(Option(d.name, UnitChoice(d.code).encode()) for d in districts)
        return Reply(t.ASK_DISTRICT, options, columns=2)

    async def _read_district(self, turn: Turn) -> Outcome:
        choice = UnitChoice.decode(turn.value)
        if choice is not None:
            turn.data[f"{self.prefix}_district"] = choice.code
            return Next(f"{self.prefix}_commune")
        query = person_answers.search_text(turn.text)
        if isinstance(query, Retry):
            return query
        matches = unit_catalog.search_units(catalog_of(turn), query, level="district")
        allowed = [m.unit for m in matches if self._allowed(turn, m.unit)]
        if len(allowed) == 1 or (allowed and matches[0].score >= 0.9):
            turn.data[f"{self.prefix}_district"] = allowed[0].code
            return Next(f"{self.prefix}_commune")
        return Retry(t.NOT_FOUND_NO_DISTRICTS.format(text=shorten(query)))

    async def _ask_commune(self, turn: Turn) -> Reply:
        catalog = catalog_of(turn)
        code = turn.data.get(f"{self.prefix}_district", "")
        district = unit_catalog.get_unit(catalog, code)
        communes = [c for c in unit_catalog.communes(catalog, code) if self._allowed(turn, c)]
        options = tuple(Option(c.name, UnitChoice(c.code).encode()) for c in communes)
        name = district.name if district else code
        return Reply(t.ASK_COMMUNE_OF.format(district=name), options, columns=2)

    async def _read_commune(self, turn: Turn) -> Outcome:
        choice = UnitChoice.decode(turn.value)
        if choice is not None:
            return await self._chosen(turn, choice.code)
        return Retry(t.NOT_FOUND_NO_DISTRICTS.format(text=shorten(turn.text)))
