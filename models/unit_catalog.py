"""Gia Lai's official administrative units (2024 and 2025 catalogs) and a forgiving search.

Units are always identified by ``(catalog, code)``: the national statistics office reuses
codes with another meaning across the two catalogs. The data files live in
``models/data/admin_units`` (see SOURCE.md there).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

CATALOGS = ("2024", "2025")
LEVELS = ("district", "commune")

_UNIT_FILES = {"2024": "units_2024.csv", "2025": "units_2025.csv"}
_MAP_FILE = "map_2024_2025.csv"

# Communes merged on 2024-11-01, before the 2024 catalog: (old name, district, merged into).
_MERGED_2024 = (("Xã Tân Sơn", "622", "23590"), ("Xã Đak Hlơ", "625", "23674"))

# Type words a person may put before a name, folded; longest first so "thi xa" wins over "x".
_TYPE_WORDS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "thi tran": "thị trấn", "thitran": "thị trấn", "tt": "thị trấn", "t t": "thị trấn",
            "thi xa": "thị xã", "thixa": "thị xã", "tx": "thị xã", "t x": "thị xã",
            "thanh pho": "thành phố", "thanhpho": "thành phố", "tp": "thành phố",
            "t p": "thành phố", "huyen": "huyện", "phuong": "phường",
            "p": "phường", "xa": "xã", "x": "xã", "quan": "quận", "q": "quận",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)  # fmt: skip
_APOSTROPHES = frozenset("'’‘ʼ`´")
_TIER_SCORES = (0.9, 0.7, 0.5, 0.3)  # exact, prefix, substring, one typo
_ALIAS_PENALTY = 0.1  # an old name ranks below a current one, above a prefix of one
_CONTEXT_BONUS = 0.05  # the type word or the district typed agrees (or, for type, disagrees)
# A commune asked for and a district named: its communes rank below an exact commune name
# (exact district name) or below a commune name with one typo (district name with one typo).
_DISTRICT_TIER_SCORES = {0: 0.85, 3: 0.25}
# 2025 has no districts: a unit that took in communes of the old district named exactly.
_OLD_DISTRICT_SCORE = 0.75
_DISTRICT_TYPO_MIN = 6  # shorter district names differ from one another by one letter


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of one catalog."""

    catalog: str
    code: str
    name: str
    type: str
    level: str
    parent_code: str | None


class Change(StrEnum):
    """How an old name came to stand for a unit of the catalog."""

    MERGED_2024 = "merged_2024"  # merged on 2024-11-01, before the 2024 catalog
    CATALOG_2025 = "catalog_2025"  # a 2024 commune, now part of a 2025 one
    OLD_DISTRICT = "old_district"  # a 2025 unit that took in communes of a 2024 district


@dataclass(frozen=True, slots=True)
class FormerName:
    """The old name a search hit was found under (the text catalog words the note)."""

    old: str  # the old name with its district (OLD_DISTRICT: the old district's name)
    new: str  # the name of the unit it now belongs to
    change: Change


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A search hit: the unit, a score in (0, 1] and, for an old name, which one it was."""

    unit: Unit
    score: float
    former: FormerName | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    unit: Unit
    keys: tuple[str, ...]  # space-less search keys: bare name, then full name
    type: str  # the type of the unit this name belongs (or belonged) to
    accented: str  # the bare name with its accents (lower case, letters only)
    name_key: str  # the unit's own folded name, to break ties
    district_code: str | None  # the (old) district the name belongs to
    former: FormerName | None = None  # set for old names


def _read_rows(filename: str) -> list[dict[str, str]]:
    """Rows of one packaged CSV file as dicts."""
    path = resources.files("models") / "data" / "admin_units" / filename
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _check_catalog(catalog: str) -> None:
    if catalog not in CATALOGS:
        raise ValueError(f"unknown catalog {catalog!r}; expected one of {CATALOGS}")


@cache
def catalog_units(catalog: str) -> tuple[Unit, ...]:
    """Every unit of a catalog ("2024" or "2025"), in the official order."""
    _check_catalog(catalog)
    units = []
    for row in _read_rows(_UNIT_FILES[catalog]):
        level = row.get("level", "commune")
        parent = row.get("parent_code") if catalog == "2024" and level == "commune" else None
        units.append(Unit(catalog, row["code"], row["name"], row["type"], level, parent))
    return tuple(units)


@cache
def _by_code(catalog: str) -> dict[str, Unit]:
    return {unit.code: unit for unit in catalog_units(catalog)}


@cache
def _new_codes() -> dict[str, tuple[str, ...]]:
    mapping: dict[str, tuple[str, ...]] = {}
    for row in _read_rows(_MAP_FILE):
        mapping[row["old_code"]] = (*mapping.get(row["old_code"], ()), row["new_code"])
    return mapping


def get_unit(catalog: str, code: str) -> Unit | None:
    """The unit with this code in this catalog, or None."""
    return _by_code(catalog).get(code)


def districts(catalog: str) -> list[Unit]:
    """District-level units of a catalog (none in 2025: the level was abolished)."""
    return [unit for unit in catalog_units(catalog) if unit.level == "district"]


def communes(catalog: str, district_code: str | None = None) -> list[Unit]:
    """Commune-level units of a catalog, optionally only those of one 2024 district."""
    return [
        unit
        for unit in catalog_units(catalog)
        if unit.level == "commune" and (district_code is None or unit.parent_code == district_code)
    ]


def parent(unit: Unit) -> Unit | None:
    """The district a 2024 commune belongs to; None for districts and 2025 communes."""
    return get_unit(unit.catalog, unit.parent_code) if unit.parent_code else None


def label(unit: Unit) -> str:
    """The name to show a person: a 2024 commune with its district, otherwise the bare name."""
    district = parent(unit)
    return f"{unit.name}, {district.name}" if district else unit.name


def new_codes(old_code: str) -> tuple[str, ...]:
    """Every 2025 commune code an old commune went into (more than one if it was split)."""
    return _new_codes().get(old_code, ())


def map_to_new(old_code: str) -> str | None:
    """The 2025 commune an old commune was merged into; None if unknown or split."""
    codes = new_codes(old_code)
    return codes[0] if len(codes) == 1 else None


def fold_key(text: str) -> str:
    """Search key: no accents (đ → d), lower case, no punctuation, single spaces."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    chars = []
    for char in decomposed:
        if unicodedata.combining(char) or char in _APOSTROPHES:
            continue
        char = "d" if char == "đ" else char
        chars.append(char if char.isalnum() else " ")
    return " ".join("".join(chars).split())


def one_edit_apart(a: str, b: str) -> bool:
    """Whether two different strings are one insertion, deletion, substitution or swap apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
    return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])


def _bare_name(unit_name: str, unit_type: str) -> str:
    """The name without its type word ("Xã Ia Kha" → "Ia Kha")."""
    if unit_name.casefold().startswith(unit_type.casefold() + " "):
        return unit_name[len(unit_type) + 1 :]
    return unit_name


def _keys(name: str, unit_type: str) -> tuple[str, ...]:
    bare = fold_key(_bare_name(name, unit_type)).replace(" ", "")
    full = fold_key(name).replace(" ", "")
    return (bare, full) if bare != full else (bare,)


def _accented(text: str) -> str:
    """Lower-case letters and digits of text, accents kept ("Ia Băng" → "iabăng")."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text).casefold())
    return "".join(char for char in text if char.isalnum())


def _entry(
    unit: Unit,
    name: str,
    name_type: str,
    district_code: str | None,
    former: FormerName | None = None,
) -> _Entry:
    """A searchable name (the unit's own, or an old one) for a unit."""
    bare = _accented(_bare_name(name, name_type))
    keys = _keys(name, name_type)
    return _Entry(unit, keys, name_type, bare, fold_key(unit.name), district_code, former)


@cache
def _entries(catalog: str) -> tuple[_Entry, ...]:
    """Searchable names of a catalog: its units, then old names pointing to their successor."""
    entries = [
        _entry(unit, unit.name, unit.type, unit.parent_code) for unit in catalog_units(catalog)
    ]
    old_names: list[tuple[str, str, str | None, str]]
    old_names = [(name, "xã", district, code) for name, district, code in _MERGED_2024]
    if catalog == "2025":
        old_names += [(u.name, u.type, u.parent_code, u.code) for u in communes("2024")]
    for old_name, old_type, district_code, code in old_names:
        district = get_unit("2024", district_code) if district_code else None
        old_label = f"{old_name}, {district.name}" if district else old_name
        if catalog == "2024":
            target = get_unit("2024", code)
            change = Change.MERGED_2024
        else:
            new_code = map_to_new(code)
            target = get_unit("2025", new_code) if new_code else None
            change = Change.CATALOG_2025
        if target is not None:
            former = FormerName(old=old_label, new=target.name, change=change)
            entries.append(_entry(target, old_name, old_type, district_code, former))
    return tuple(entries)


def _tier(query: str, key: str) -> int | None:
    """0 exact, 1 prefix, 2 substring, 3 one typo; None when the key does not match."""
    if query == key:
        return 0
    if key.startswith(query):
        return 1
    if len(query) >= 2 and query in key:
        return 2
    if len(query) >= 4 and one_edit_apart(query, key):
        return 3
    return None


def _variants(text: str) -> tuple[list[str], str | None]:
    """Space-less query keys (as typed, and without a leading type word) and the type named."""
    key = fold_key(text)
    if not key:
        return [], None
    for word, unit_type in _TYPE_WORDS:
        if key.startswith(word + " "):
            return [key.replace(" ", ""), key[len(word) + 1 :].replace(" ", "")], unit_type
    return [key.replace(" ", "")], None


def _district_codes(text: str) -> set[str]:
    """2024 districts whose name matches text exactly or as a prefix (the part after a comma)."""
    found = set()
    for query in _variants(text)[0]:
        for unit in districts("2024"):
            if any(key.startswith(query) for key in _keys(unit.name, unit.type)):
                found.add(unit.code)
    return found


def named_districts(text: str) -> list[tuple[Unit, int]]:
    """2024 districts a text names: exactly (tier 0), else with one typo (tier 3)."""
    found: dict[Unit, int] = {}
    variants = _variants(text)[0]
    for unit in districts("2024"):
        for query in variants:
            for key in _keys(unit.name, unit.type):
                tier = _tier(query, key)
                if tier == 0 or (tier == 3 and len(query) >= _DISTRICT_TYPO_MIN):
                    found[unit] = min(found.get(unit, 3), tier)
    best = min(found.values(), default=None)
    return sorted(
        ((unit, tier) for unit, tier in found.items() if tier == best),
        key=lambda item: item[0].code,
    )


def _district_members(catalog: str, text: str) -> list[tuple[Unit, float, FormerName | None]]:
    """The communes of the districts a text names (for 2025: their old communes' successors)."""
    found: list[tuple[Unit, float, FormerName | None]] = []
    for district, tier in named_districts(text):
        if catalog == "2024":
            found += [
                (unit, _DISTRICT_TIER_SCORES[tier], None)
                for unit in communes("2024", district.code)
            ]
        elif tier == 0:
            codes = {new for old in communes("2024", district.code) for new in new_codes(old.code)}
            for code in sorted(codes):
                unit = get_unit("2025", code)
                if unit is not None:
                    former = FormerName(district.name, unit.name, Change.OLD_DISTRICT)
                    found.append((unit, _OLD_DISTRICT_SCORE, former))
    return found


def search_units(
    catalog: str, query: str, *, limit: int = 8, level: str | None = None
) -> list[UnitMatch]:
    """Units whose name matches what a person typed, best first (accents, case, spacing free).

    Asked for communes, a district's name also finds that district's communes, below exact
    commune names (in 2025, the units that took in the old district's communes).
    """
    _check_catalog(catalog)
    if level is not None and level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}")
    head, _, tail = query.partition(",")
    variants, typed_type = _variants(head)
    typed_accented = _accented(head)
    wanted_districts = _district_codes(tail) if tail.strip() else set()
    best: dict[Unit, tuple[tuple[float, bool, int, int, str, str], UnitMatch]] = {}

    def offer(order: tuple[float, bool, int, int, str, str], match: UnitMatch) -> None:
        if match.unit not in best or order < best[match.unit][0]:
            best[match.unit] = (order, match)

    for entry in _entries(catalog):
        unit = entry.unit
        if level is not None and unit.level != level:
            continue
        accent_differs = not typed_accented.endswith(entry.accented)
        context = 0.0
        if typed_type is not None:
            context += _CONTEXT_BONUS if typed_type == entry.type else -_CONTEXT_BONUS
        if entry.district_code in wanted_districts:
            context += _CONTEXT_BONUS
        for text in variants:
            for key in entry.keys:
                tier = _tier(text, key)
                if tier is None:
                    continue
                penalty = _ALIAS_PENALTY if entry.former else 0.0
                score = round(_TIER_SCORES[tier] - penalty + context, 2)
                level_rank = LEVELS.index(unit.level)  # a district before its namesake town
                extra = len(key) - len(text)
                order = (-score, accent_differs, level_rank, extra, entry.name_key, unit.code)
                offer(order, UnitMatch(unit, score, entry.former))
    if level == "commune":
        for unit, score, former in _district_members(catalog, head):
            order = (-score, False, 1, 0, fold_key(unit.name), unit.code)
            offer(order, UnitMatch(unit, score, former))
    ranked = sorted(best.values(), key=lambda item: item[0])
    return [match for _, match in ranked[: max(limit, 0)]]
