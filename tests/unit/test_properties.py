"""Property tests: phone formats, name normalization, and unit search over every unit."""

import random
import unicodedata
from collections import Counter

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from models.unit_catalog import CATALOGS, catalog_units, fold_key, search_units
from models.validators import (
    NAME_MAX_CHARS,
    InvalidInput,
    normalize_full_name,
    normalize_vn_mobile,
)

# Mobile prefixes where every 7-digit subscriber number is valid.
CURRENT_MOBILE_PREFIXES = (
    *(f"03{d}" for d in "23456789"),
    *("056", "058", "059", "070"),
    *(f"07{d}" for d in "6789"),
    *(f"08{d}" for d in "12345678"),
    *(f"09{d}" for d in "01234678"),
)

VIETNAMESE_LOWER = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
VIETNAMESE_LETTERS = VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper()


def _group(digits: str, rng: random.Random) -> str:
    """The digits with separators a person might type between some of them."""
    out = []
    for index, digit in enumerate(digits):
        if index and rng.random() < 0.3:
            out.append(rng.choice([" ", ".", "-", "  "]))
        out.append(digit)
    return "".join(out)


@settings(max_examples=150, deadline=None)
@given(
    prefix=st.sampled_from(CURRENT_MOBILE_PREFIXES),
    rest=st.text(alphabet="0123456789", min_size=7, max_size=7),
    style=st.sampled_from(["0", "+84", "+84 ", "0084", "84", "(+84) ", "+84 0"]),
    rng=st.randoms(use_true_random=False),
)
def test_any_format_of_a_mobile_gives_the_same_e164(
    prefix: str, rest: str, style: str, rng: random.Random
) -> None:
    national = prefix[1:] + rest
    typed = style + _group(national, rng)
    if rng.random() < 0.3:
        typed = f"  {typed} "
    assert normalize_vn_mobile(typed) == "+84" + national


word = st.builds(
    lambda parts, joiner: joiner.join(parts),
    st.lists(st.text(alphabet=VIETNAMESE_LETTERS, min_size=1, max_size=6), min_size=1, max_size=2),
    st.sampled_from(["-", "'"]),
)
spaces = st.text(alphabet=" \t\u00a0", min_size=1, max_size=3)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(word, min_size=2, max_size=7), gaps=st.lists(spaces, min_size=8, max_size=8))
def test_names_normalize_idempotently_and_keep_their_letters(
    words: list[str], gaps: list[str]
) -> None:
    assume(len(" ".join(words)) <= NAME_MAX_CHARS)  # longer names are refused by design
    typed = gaps[0] + "".join(w + g for w, g in zip(words, gaps[1:], strict=False))
    name = normalize_full_name(typed)
    assert normalize_full_name(name) == name
    assert name.casefold() == unicodedata.normalize("NFC", " ".join(words)).casefold()
    assert len(name.split()) == len(words)


any_script_words = st.lists(
    st.text(alphabet=st.characters(categories=["L", "Mn"]), min_size=1, max_size=5),
    min_size=2,
    max_size=4,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), any_script_words))
@example("A ŉa")  # "ŉ".upper() is "ʼN", which starts with an apostrophe
@example("ĐẶNG THỊ ß")  # "ß".upper() is "SS", whose Title Case differs
def test_any_accepted_text_is_a_fixed_point(text: str) -> None:
    try:
        name = normalize_full_name(text)
    except InvalidInput:
        return
    assert normalize_full_name(name) == name


def _strip_some_accents(text: str, rng: random.Random) -> str:
    out = []
    for char in text:
        if rng.random() < 0.5:
            char = "".join(
                c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
            )
            char = {"đ": "d", "Đ": "D"}.get(char, char)
        out.append(char)
    return "".join(out)


def _change_case(text: str, rng: random.Random) -> str:
    mode = rng.choice(["keep", "lower", "upper", "random"])
    if mode == "random":
        return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)
    return {"keep": text, "lower": text.lower(), "upper": text.upper()}[mode]


def _change_spacing(text: str, rng: random.Random) -> str:
    gaps = [rng.choice(["", " ", "  "]) if c == " " else c for c in text]
    return rng.choice(["", " "]) + "".join(gaps) + rng.choice(["", "  "])


def _variant(name: str, unit_type: str, rng: random.Random) -> str:
    """The unit's name as a person might type it: type word or not, accents, case, spacing."""
    if rng.random() < 0.5 and name.casefold().startswith(unit_type + " "):
        name = name[len(unit_type) + 1 :]
    return _change_spacing(_change_case(_strip_some_accents(name, rng), rng), rng)


def _bare_key(name: str, unit_type: str) -> str:
    bare = name[len(unit_type) + 1 :] if name.casefold().startswith(unit_type + " ") else name
    return fold_key(bare).replace(" ", "")


@pytest.mark.parametrize("catalog", CATALOGS)
@settings(max_examples=6, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_every_unit_is_found_by_its_own_name(catalog: str, seed: int) -> None:
    rng = random.Random(seed)  # one seed drives the variations of all units
    units = catalog_units(catalog)
    key_counts = Counter(_bare_key(u.name, u.type) for u in units)
    for unit in units:
        typed = _variant(unit.name, unit.type, rng)
        found = [match.unit for match in search_units(catalog, typed)]
        assert unit in found, (typed, unit)
        if key_counts[_bare_key(unit.name, unit.type)] == 1:
            assert found[0] == unit, (typed, unit, found[:3])
