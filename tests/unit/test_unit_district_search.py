"""A district or town name typed where a commune is asked lists that district's communes."""

from __future__ import annotations

import pytest

from models.unit_catalog import communes, get_unit, named_districts, parent, search_units
from rendering.units import match_note

# What people typed, and the 2024 district they meant.
TYPED_DISTRICTS = [
    ("pleiku", "622"),
    ("an khe", "623"),
    ("ayun pa", "624"),
    ("chư păh", "627"),
    ("ia grai", "628"),
]


@pytest.mark.parametrize(("typed", "district"), TYPED_DISTRICTS)
def test_2024_a_district_name_finds_all_its_communes_first(typed: str, district: str) -> None:
    found = search_units("2024", typed, limit=60, level="commune")
    own = {unit.code for unit in communes("2024", district)}
    first = [match.unit.code for match in found[: len(own)]]
    assert set(first) == own  # every commune of the district, before anything else
    assert all(match.unit.level == "commune" for match in found)
    assert [match.score for match in found] == sorted((m.score for m in found), reverse=True)


def test_2024_chu_pah_is_no_longer_a_commune_of_ayun_pa() -> None:
    [best, *_] = search_units("2024", "chư păh", level="commune")
    district = parent(best.unit)
    assert district is not None and district.name == "Huyện Chư Păh"
    # The commune one letter away is still offered, after the district's communes.
    found = search_units("2024", "chư păh", limit=60, level="commune")
    names = [match.unit.name for match in found]
    assert "Xã Chư Băh" in names and names.index("Xã Chư Băh") == len(communes("2024", "627"))


def test_2024_an_exact_commune_name_still_comes_first() -> None:
    [first, second, *_] = search_units("2024", "kbang", limit=60, level="commune")
    assert first.unit.name == "Thị trấn KBang" and first.score > second.score
    assert parent(second.unit) == get_unit("2024", "625")


def test_2024_type_words_and_typos_in_district_names() -> None:
    for typed in ("tp pleiku", "Thành phố Pleiku", "TX An Khê", "huyện chư păh"):
        found = search_units("2024", typed, limit=60, level="commune")
        assert parent(found[0].unit) is not None
        assert parent(found[0].unit) == parent(found[1].unit)
    assert [(d.code, tier) for d, tier in named_districts("plieku")] == [("622", 3)]
    # An exact district name hides districts one letter away (Chư Păh / Chư Pưh).
    assert [d.code for d, _ in named_districts("chu pah")] == ["627"]
    assert named_districts("ia ka") == []  # short names are too close to one another


def test_district_names_only_add_communes_when_a_commune_is_asked() -> None:
    [district] = [m for m in search_units("2024", "ia grai") if m.unit.level == "district"]
    assert district.unit.code == "628"
    assert all(
        m.unit.level == "district" for m in search_units("2024", "ia grai", level="district")
    )


@pytest.mark.parametrize(("typed", "district"), TYPED_DISTRICTS)
def test_2025_the_unit_of_that_name_first_then_those_that_took_in_the_old_district(
    typed: str, district: str
) -> None:
    found = search_units("2025", typed, limit=60, level="commune")
    assert match_note(found[0]) is None and found[0].score == 0.9  # the 2025 unit of that name
    notes = [(m, match_note(m) or "") for m in found]
    took_in = [m for m, note in notes if "(cũ)" in note and "có địa bàn" in note]
    assert took_in and all(m.score < found[0].score for m in took_in)
    assert all(get_unit("2025", m.unit.code) is not None for m in found)
