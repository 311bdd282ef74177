"""Folding text into comparison keys (accents, đ, case, punctuation, spacing)."""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """Remove Vietnamese diacritics, folding đ/Đ to d/D by hand (Unicode does not decompose it)."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.replace("đ", "d").replace("Đ", "D")


def fold_simple(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with single spaces (for matching words)."""
    folded = _NOT_WORD.sub(" ", strip_accents(text).lower().replace("_", " "))
    return _SPACES.sub(" ", folded).strip()
