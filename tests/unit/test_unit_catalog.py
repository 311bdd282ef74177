"""The packaged administrative-unit catalogs, lookups, the 2024→2025 map and unit search."""

from collections import Counter
from importlib import resources

import pytest

from models.unit_catalog import (
    CATALOGS,
    Unit,
    catalog_units,
    communes,
    districts,
    fold_key,
    get_unit,
    label,
    map_to_new,
    new_codes,
    one_edit_apart,
    parent,
    search_units,
)
from rendering.units import match_note

DATA_FILES = ("units_2024.csv", "units_2025.csv", "map_2024_2025.csv", "SOURCE.md")


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_files_are_package_resources(name: str) -> None:
    path = resources.files("models") / "data" / "admin_units" / name
    assert path.is_file()
    assert path.read_text(encoding="utf-8").strip()


def test_2024_counts() -> None:
    assert len(districts("2024")) == 17
    units = communes("2024")
    assert len(units) == 218
    assert Counter(unit.type for unit in units) == {"xã": 180, "phường": 24, "thị trấn": 14}
    assert len(catalog_units("2024")) == 235


def test_2025_counts() -> None:
    assert districts("2025") == []
    units = communes("2025")
    assert len(units) == 135
    assert Counter(unit.type for unit in units) == {"xã": 110, "phường": 25}


def test_map_rows_and_coverage() -> None:
    path = resources.files("models") / "data" / "admin_units" / "map_2024_2025.csv"
    rows = path.read_text(encoding="utf-8").strip().splitlines()[1:]
    assert len(rows) == 376
    for row in rows:
        new_code = row.split(",")[1]
        assert get_unit("2025", new_code) is not None, row
    for unit in communes("2024"):
        new = map_to_new(unit.code)
        assert new is not None, unit
        assert get_unit("2025", new) is not None


def test_map_examples_and_split_commune() -> None:
    assert map_to_new("23563") == "23563"  # Phường Ia Kring -> Phường Diên Hồng
    assert map_to_new("23557") == "23563"  # Phường Yên Đỗ -> Phường Diên Hồng
    assert map_to_new("23590") == "23590"  # Xã Biển Hồ keeps its code
    assert map_to_new("99999") is None
    assert new_codes("21634") == ("21622", "21628")  # split between two new communes
    assert map_to_new("21634") is None


def test_codes_are_keyed_by_catalog() -> None:
    old = get_unit("2024", "23575")
    new = get_unit("2025", "23575")
    assert old is not None and new is not None
    assert old.name == "Phường Tây Sơn" and new.name == "Phường Pleiku"
    assert old != new


def test_get_unit_and_parent_and_label() -> None:
    commune = get_unit("2024", "23674")
    assert commune == Unit("2024", "23674", "Xã Kông Bơ La", "xã", "commune", "625")
    district = parent(commune)
    assert district is not None and district.name == "Huyện KBang"
    assert district.level == "district" and district.parent_code is None
    assert parent(district) is None
    assert label(commune) == "Xã Kông Bơ La, Huyện KBang"
    assert label(district) == "Huyện KBang"
    new = get_unit("2025", "23764")
    assert new is not None and parent(new) is None and label(new) == "Xã Ia Grai"
    assert get_unit("2024", "nope") is None


def test_communes_of_a_district() -> None:
    pleiku = communes("2024", "622")
    assert len(pleiku) == 21  # 14 phường, 7 xã
    assert all(unit.parent_code == "622" for unit in pleiku)
    assert sum(len(communes("2024", d.code)) for d in districts("2024")) == 218
    assert communes("2025", "622") == []


def test_unknown_catalog_and_level() -> None:
    with pytest.raises(ValueError):
        catalog_units("2023")
    with pytest.raises(ValueError):
        search_units("2024", "pleiku", level="province")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Đăk Đoa", "dak doa"),
        ("  TP.Pleiku ", "tp pleiku"),
        ("K' Dang", "k dang"),
        ("K’Dang", "kdang"),
        ("ｐｌｅｉｋｕ", "pleiku"),
        ("Xã Ia Khươl", "xa ia khuol"),
        ("Phường  Hội-Phú", "phuong hoi phu"),
    ],
)
def test_fold_key(text: str, key: str) -> None:
    assert fold_key(text) == key


def test_one_edit_apart() -> None:
    assert one_edit_apart("pleku", "pleiku")
    assert one_edit_apart("iagria", "iagrai")
    assert one_edit_apart("pleikux", "pleiku")
    assert one_edit_apart("pleiky", "pleiku")
    assert not one_edit_apart("pleiku", "pleiku")
    assert not one_edit_apart("plku", "pleiku")
    assert not one_edit_apart("iargia", "iagrai")


CASES = [
    ("2024", "pleiku", "622"),
    ("2024", "Plei Ku", "622"),
    ("2024", "TP. Pleiku", "622"),
    ("2024", "ｐｌｅｉｋｕ", "622"),
    ("2024", "dak doa", "626"),
    ("2024", "Đăk Đoa", "626"),
    ("2024", "tt Đăk Đoa", "23677"),
    ("2024", "iagrai", "628"),
    ("2024", "ia grai", "628"),
    ("2024", "k dang", "23698"),
    ("2024", "KDang", "23698"),
    ("2024", "K' Dang", "23698"),
    ("2024", "pleku", "622"),
    ("2024", "iagria", "628"),
    ("2024", "Phường Tây Sơn, An Khê", "23617"),
    ("2024", "Ia Bang", "23924"),
    ("2025", "pleiku", "23575"),
    ("2025", "Plei Ku", "23575"),
    ("2025", "TP. Pleiku", "23575"),
    ("2025", "ｐｌｅｉｋｕ", "23575"),
    ("2025", "dak doa", "23677"),
    ("2025", "Đăk Đoa", "23677"),
    ("2025", "iagrai", "23764"),
    ("2025", "ia grai", "23764"),
    ("2025", "k dang", "23714"),
    ("2025", "KDang", "23714"),
    ("2025", "K' Dang", "23714"),
    ("2025", "pleku", "23575"),
    ("2025", "iagria", "23764"),
    ("2025", "quy nhon", "21583"),
]


@pytest.mark.parametrize(("catalog", "query", "code"), CASES)
def test_search_top_hit(catalog: str, query: str, code: str) -> None:
    matches = search_units(catalog, query)
    assert matches, query
    assert matches[0].unit.code == code
    assert matches[0].unit.catalog == catalog


def test_search_ranks_exact_prefix_substring_typo() -> None:
    exact = search_units("2024", "ia ka")[0]
    assert exact.unit.name == "Xã Ia Ka"
    prefix = search_units("2024", "pleik")[0]
    substring = search_units("2024", "leiku")[0]
    typo = search_units("2024", "pleiky")[0]
    assert [m.unit.code for m in (prefix, substring, typo)] == ["622"] * 3
    assert exact.score > prefix.score > substring.score > typo.score > 0


def test_search_district_before_its_namesake_town() -> None:
    matches = search_units("2024", "Chư Sê", limit=2)
    assert [m.unit.level for m in matches] == ["district", "commune"]
    assert search_units("2024", "Thị trấn Chư Sê")[0].unit.level == "commune"
    assert search_units("2024", "Chư Sê", level="commune")[0].unit.name == "Thị trấn Chư Sê"


def test_search_limit_level_and_empty_query() -> None:
    assert len(search_units("2024", "ia", limit=5)) == 5
    assert all(m.unit.level == "district" for m in search_units("2024", "h", level="district"))
    assert search_units("2024", "") == []
    assert search_units("2024", " ,.- ") == []
    assert search_units("2025", "zzzzqqq") == []


def test_search_merged_2024_communes_as_aliases() -> None:
    tan_son = search_units("2024", "Tân Sơn")[0]
    assert (tan_son.unit.code, tan_son.unit.name) == ("23590", "Xã Biển Hồ")
    note = match_note(tan_son)
    assert note is not None and "Tân Sơn" in note and "01/11/2024" in note
    dak_hlo = search_units("2024", "xa dak hlo")[0]
    assert dak_hlo.unit.name == "Xã Kông Bơ La"
    note = match_note(dak_hlo)
    assert note is not None and "Đak Hlơ" in note
    assert search_units("2025", "Tân Sơn")[0].unit == get_unit("2025", "23590")
    assert match_note(search_units("2024", "Biển Hồ")[0]) is None


def test_search_old_commune_names_in_2025() -> None:
    match = search_units("2025", "Ia Kha")[0]
    assert match.unit == get_unit("2025", "23764")
    note = match_note(match)
    assert note is not None and "Ia Kha" in note
    current = search_units("2025", "Tây Sơn")
    assert current[0].unit.name == "Xã Tây Sơn" and match_note(current[0]) is None
    assert {m.unit.name for m in current[1:3]} == {"Phường Pleiku", "Phường An Khê"}


@pytest.mark.parametrize("catalog", CATALOGS)
def test_label_finds_its_own_unit(catalog: str) -> None:
    for unit in catalog_units(catalog):
        assert search_units(catalog, label(unit))[0].unit == unit, label(unit)
