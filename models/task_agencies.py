"""Reading the lead agency of a task ("Sở TT&TT", "Các sở, ban, ngành, UBND cấp huyện") into
organisations and levels, accents, case and the plans' abbreviations free. Pure: the caller
passes the departments; no database.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from models import unit_catalog
from models.unit_catalog import fold_key

SUGGEST_CUTOFF = 0.75
UNIT_SCORE = 0.9  # an exact name in the catalog ("UBND huyện Chư Păh")


class Level(StrEnum):
    """A whole level of organisations named at once."""

    DEPARTMENTS = "departments"
    DISTRICTS = "districts"
    COMMUNES = "communes"


@dataclass(frozen=True)
class Candidate:
    """An organisation the text may name."""

    id: int
    name: str
    short_name: str | None = None


@dataclass(frozen=True)
class Unmatched:
    """A part of the text that names nothing known, and the closest name, if any."""

    text: str
    suggestion: str | None


@dataclass(frozen=True)
class AgencyMatch:
    """What a lead agency's text names."""

    organisation_ids: tuple[int, ...] = ()
    levels: frozenset[Level] = frozenset()
    units: tuple[unit_catalog.Unit, ...] = ()
    unmatched: tuple[Unmatched, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing recognised."""
        return not (self.organisation_ids or self.levels or self.units)


# Folded word sequences the plans abbreviate, and the one token both forms become.
_ABBREVIATIONS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        (
            (tuple(phrase.split()), token)
            for phrase, token in {
                "cong nghe thong tin va truyen thong": "cntt&tt",
                "cntt va tt": "cntt&tt", "cntt & tt": "cntt&tt", "cntt tt": "cntt&tt",
                "cntttt": "cntt&tt",
                "thong tin va truyen thong": "tt&tt", "thong tin truyen thong": "tt&tt",
                "tt va tt": "tt&tt", "tt & tt": "tt&tt", "tt tt": "tt&tt", "tttt": "tt&tt",
                "cong nghe thong tin": "cntt",
                "uy ban nhan dan": "ubnd",
            }.items()
        ),
        key=lambda item: -len(item[0]),
    )
)  # fmt: skip

_LEVEL_PHRASES: tuple[tuple[tuple[str, ...], Level], ...] = tuple(
    sorted(
        (
            (tuple(phrase.split()), level)
            for phrase, level in {
                "cac so ban nganh": Level.DEPARTMENTS, "so ban nganh": Level.DEPARTMENTS,
                "cac so nganh": Level.DEPARTMENTS, "so nganh": Level.DEPARTMENTS,
                "cac co quan don vi cap tinh": Level.DEPARTMENTS,
                "ubnd cap huyen": Level.DISTRICTS, "ubnd cac huyen": Level.DISTRICTS,
                "ubnd cac huyen thi xa thanh pho": Level.DISTRICTS,
                "ubnd huyen thi xa thanh pho": Level.DISTRICTS,
                "ubnd cac huyen thanh pho": Level.DISTRICTS,
                "cac huyen thanh pho": Level.DISTRICTS,
                "cac huyen thi xa thanh pho": Level.DISTRICTS, "cap huyen": Level.DISTRICTS,
                "ubnd cap xa": Level.COMMUNES, "ubnd cac xa": Level.COMMUNES,
                "ubnd cac xa phuong thi tran": Level.COMMUNES,
                "ubnd xa phuong thi tran": Level.COMMUNES,
                "cac xa phuong thi tran": Level.COMMUNES, "cap xa": Level.COMMUNES,
            }.items()
        ),
        key=lambda item: -len(item[0]),
    )
)  # fmt: skip

# Words that name nobody on their own ("các đơn vị liên quan", "và", "phối hợp").
_FILLER = frozenset(
    {
        "cac", "va", "cung", "voi", "cua", "co", "quan", "don", "vi", "lien", "dia", "phuong",
        "tinh", "khac", "theo", "chuc", "nang", "nhiem", "vu", "duoc", "giao", "phoi", "hop",
        "chu", "tri", "thuc", "hien", "trien", "khai",
    }
)  # fmt: skip
_TRAILING = (("tinh", "gia", "lai"), ("gia", "lai"), ("tinh",))
_WORD = re.compile(r"[^\W_]+|&")
_SEPARATOR = re.compile(r"[,;:\n()/+]|\s-\s")


@dataclass
class _Token:
    key: str
    start: int
    end: int
    sep_before: bool


@dataclass
class _Scan:
    tokens: list[_Token]
    used: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.used = [False] * len(self.tokens)


def _raw_tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    last_end = 0
    for found in _WORD.finditer(text):
        key = "&" if found.group(0) == "&" else fold_key(found.group(0))
        if not key:
            continue
        gap = text[last_end : found.start()]
        tokens.append(_Token(key, found.start(), found.end(), bool(_SEPARATOR.search(gap))))
        last_end = found.end()
    return tokens


def _at(keys: Sequence[str], index: int, phrase: tuple[str, ...]) -> bool:
    return tuple(keys[index : index + len(phrase)]) == phrase


def tokens(text: str) -> list[_Token]:
    """Words of text, folded, with the plans' abbreviations made one token each."""
    raw = _raw_tokens(text)
    keys = [token.key for token in raw]
    out: list[_Token] = []
    index = 0
    while index < len(raw):
        for phrase, token in _ABBREVIATIONS:
            if _at(keys, index, phrase):
                last = raw[index + len(phrase) - 1]
                out.append(_Token(token, raw[index].start, last.end, raw[index].sep_before))
                index += len(phrase)
                break
        else:
            out.append(raw[index])
            index += 1
    return out


@cache
def name_keys(name: str) -> tuple[tuple[str, ...], ...]:
    """The token sequences that name an organisation (with and without "tỉnh Gia Lai")."""
    base = tuple(token.key for token in tokens(name))
    found = [base]
    for tail in _TRAILING:
        if len(base) > len(tail) + 1 and base[-len(tail) :] == tail:
            found.append(base[: -len(tail)])
    return tuple(found)


def _variants(candidates: Sequence[Candidate]) -> list[tuple[tuple[str, ...], int]]:
    variants: list[tuple[tuple[str, ...], int]] = []
    for candidate in candidates:
        for name in (candidate.name, candidate.short_name):
            if name:
                variants.extend((key, candidate.id) for key in name_keys(name))
    variants.sort(key=lambda item: -len(item[0]))
    return variants


def _fragments(scan: _Scan) -> list[list[_Token]]:
    """Runs of unrecognised words, cut at separators and at "và"."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for token, used in zip(scan.tokens, scan.used, strict=True):
        if used or token.sep_before or token.key == "va":
            if current:
                runs.append(current)
            current = []
        if not used and token.key != "va":
            current.append(token)
    if current:
        runs.append(current)
    return [run for run in runs if any(token.key not in _FILLER for token in run)]


def _suggest(fragment: str, candidates: Sequence[Candidate]) -> str | None:
    """The closest organisation: one whose name contains the words typed, else the most
    similar name above a cutoff."""
    by_id = {candidate.id: candidate for candidate in candidates}
    names = [(" ".join(key), cid) for key, cid in _variants(candidates)]
    names += [(fold_key(c.name), c.id) for c in candidates]
    wanted = (" ".join(token.key for token in tokens(fragment)), fold_key(fragment))
    best: tuple[float, str] | None = None
    for name, candidate_id in names:
        for typed in wanted:
            score = 0.95 if f" {typed} " in f" {name} " else 0.0
            score = max(score, difflib.SequenceMatcher(None, typed, name).ratio())
            if score >= SUGGEST_CUTOFF and (best is None or score > best[0]):
                best = (score, by_id[candidate_id].name)
    return best[1] if best else None


def _unit(fragment: list[_Token], text: str, catalog: str) -> unit_catalog.Unit | None:
    if fragment[0].key != "ubnd" or len(fragment) < 2:
        return None
    query = text[fragment[1].start : fragment[-1].end]
    matches = unit_catalog.search_units(catalog, query, limit=1)
    if matches and matches[0].score >= UNIT_SCORE:
        return matches[0].unit
    return None


def match(text: str, candidates: Sequence[Candidate], *, catalog: str) -> AgencyMatch:
    """What organisations and levels a lead agency's text names, and what it names that is
    unknown (with the closest known name)."""
    scan = _Scan(tokens(text))
    keys = [token.key for token in scan.tokens]
    variants = _variants(candidates)
    organisation_ids: list[int] = []
    levels: set[Level] = set()
    index = 0
    while index < len(keys):
        hit: tuple[int, int | Level] | None = None
        for phrase, level in _LEVEL_PHRASES:
            if _at(keys, index, phrase):
                hit = (len(phrase), level)
                break
        for phrase, candidate_id in variants:
            if (hit is None or len(phrase) > hit[0]) and _at(keys, index, phrase):
                hit = (len(phrase), candidate_id)
                break
        if hit is None:
            index += 1
            continue
        length, what = hit
        if isinstance(what, Level):
            levels.add(what)
        elif what not in organisation_ids:
            organisation_ids.append(what)
        for position in range(index, index + length):
            scan.used[position] = True
        index += length
    units: list[unit_catalog.Unit] = []
    unmatched: list[Unmatched] = []
    for fragment in _fragments(scan):
        unit = _unit(fragment, text, catalog)
        if unit is not None:
            units.append(unit)
            continue
        shown = text[fragment[0].start : fragment[-1].end]
        unmatched.append(Unmatched(shown, _suggest(shown, candidates)))
    return AgencyMatch(tuple(organisation_ids), frozenset(levels), tuple(units), tuple(unmatched))
