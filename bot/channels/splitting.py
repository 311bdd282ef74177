"""Cutting a long text into messages at the most natural place: between paragraphs, then
between sentences, then between words, and only as a last resort inside a word.

The length is measured by a function the caller gives (messengers count differently:
Unicode code points, or UTF-16 code units where an emoji counts twice). A cut never falls
between a letter and the accent or joiner that belongs to it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

Measure = Callable[[str], int]

# Each pattern's `gap` is what lies between two parts (dropped at the cut).
_PARAGRAPH = re.compile(r"(?P<gap>\n[ \t]*\n\s*)")
_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*(?P<gap>\s+)")
_LINE = re.compile(r"(?P<gap>\n\s*)")
_WORD = re.compile(r"(?P<gap>\s+)")
# Characters that must stay with the one before them (accents, joiners, variation selectors).
_ZWJ = "\u200d"
_BINDING = {_ZWJ, "\ufe0e", "\ufe0f"}


def code_points(text: str) -> int:
    """Length in Unicode code points (what Python's len counts)."""
    return len(text)


def utf16_units(text: str) -> int:
    """Length in UTF-16 code units: characters outside the BMP (most emoji) count twice."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def split_message(text: str, limit: int, measure: Measure = code_points) -> list[str]:
    """Cut `text` into parts of at most `limit` (as `measure` counts), in order.

    Whitespace around a cut and at the end is dropped; a text that fits is returned as it is.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    parts: list[str] = []
    rest = text
    while measure(rest) > limit:
        window = _fitting_prefix(rest, limit, measure)
        cut, resume = _best_cut(rest, window, limit)
        part = rest[:cut].rstrip()
        if part:
            parts.append(part)
        rest = rest[resume:].lstrip()
    if parts:
        rest = rest.rstrip()
    if rest or not parts:
        parts.append(rest)
    return parts


def _fitting_prefix(text: str, limit: int, measure: Measure) -> int:
    """The largest index `end` such that `text[:end]` measures at most `limit`."""
    low, high = 0, min(len(text), limit)
    while low < high:  # text[:low] always fits; find the longest prefix that does
        middle = (low + high + 1) // 2
        if measure(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return max(low, 1)


def _best_cut(text: str, window: int, limit: int) -> tuple[int, int]:
    """Where the part ends and where the next one starts, for a part within `window`."""
    if window < len(text) and text[window].isspace():
        # The window ends right before whitespace: a natural break as long as it is.
        window_text = text[: window + 1]
    else:
        window_text = text[:window]
    floor = max(1, window // 2)
    for pattern in (_PARAGRAPH, _SENTENCE, _LINE):
        found = _last_match(pattern, window_text, floor)
        if found is not None:
            return found
    found = _last_match(_WORD, window_text, 1)
    if found is not None:
        return found
    cut = _safe_hard_cut(text, window)
    return cut, cut


def _last_match(pattern: re.Pattern[str], text: str, floor: int) -> tuple[int, int] | None:
    """The last break of `pattern` that leaves at least `floor` characters before it."""
    best: tuple[int, int] | None = None
    for match in pattern.finditer(text):
        if match.start("gap") >= floor:
            best = (match.start("gap"), match.end("gap"))
    return best


def _safe_hard_cut(text: str, cut: int) -> int:
    """Move a cut inside a word back so an accent or joined emoji stays whole."""
    original = cut
    while 0 < cut < len(text) and (
        unicodedata.combining(text[cut]) or text[cut] in _BINDING or text[cut - 1] == _ZWJ
    ):
        cut -= 1
    return cut if cut > 0 else original
