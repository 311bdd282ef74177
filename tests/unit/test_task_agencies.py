"""Lead agencies' text matched to organisations and levels."""

from __future__ import annotations

import pytest

from models import organisations
from models.task_agencies import Candidate, Level, match

CANDIDATES = [
    Candidate(index, row["name"], row["short_name"])
    for index, row in enumerate(organisations.seed_rows(), start=1)
]
BY_KEY = {row["key"]: index for index, row in enumerate(organisations.seed_rows(), start=1)}


def _names(text: str) -> list[str]:
    found = match(text, CANDIDATES, catalog="2024")
    keys = {index: key for key, index in BY_KEY.items()}
    return [keys[index] for index in found.organisation_ids]


@pytest.mark.parametrize(
    "text",
    [
        "Sở Thông tin và Truyền thông",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "so thong tin va truyen thong",
        "Sở TT&TT",
        "Sở TTTT",
        "Sở TT và TT",
        "Sở Thông tin - Truyền thông",
    ],
)
def test_the_department_whatever_the_spelling(text: str) -> None:
    found = match(text, CANDIDATES, catalog="2024")
    assert _names(text) == ["so-tttt"]
    assert not found.levels and not found.unmatched


def test_abbreviations_keep_the_centre_apart_from_the_department() -> None:
    assert _names("Trung tâm CNTT&TT") == ["tt-cntt-tt"]
    assert _names("Trung tâm Công nghệ thông tin và Truyền thông tỉnh") == ["tt-cntt-tt"]
    assert _names("Sở TT&TT, Trung tâm CNTT và TT") == ["so-tttt", "tt-cntt-tt"]


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("UBND cấp huyện", {Level.DISTRICTS}),
        ("Ủy ban nhân dân cấp huyện", {Level.DISTRICTS}),
        ("UBND các huyện, thị xã, thành phố", {Level.DISTRICTS}),
        ("UBND cấp xã", {Level.COMMUNES}),
        ("UBND cấp huyện, cấp xã", {Level.DISTRICTS, Level.COMMUNES}),
        ("Các sở, ban, ngành, UBND cấp huyện", {Level.DEPARTMENTS, Level.DISTRICTS}),
        ("các Sở, ngành", {Level.DEPARTMENTS}),
    ],
)
def test_levels(text: str, levels: set[Level]) -> None:
    found = match(text, CANDIDATES, catalog="2024")
    assert found.levels == levels
    assert not found.unmatched and not found.organisation_ids


def test_names_with_commas_and_lists_of_agencies() -> None:
    text = "Sở Văn hóa, Thể thao và Du lịch; Sở Nội vụ và các đơn vị liên quan"
    assert _names(text) == ["so-vh-tt-dl", "so-noi-vu"]
    assert not match(text, CANDIDATES, catalog="2024").unmatched
    mixed = match("Sở Nội vụ; các sở, ban, ngành, UBND cấp huyện", CANDIDATES, catalog="2024")
    assert mixed.levels == {Level.DEPARTMENTS, Level.DISTRICTS}
    assert len(mixed.organisation_ids) == 1


def test_a_named_committee_is_found_in_the_unit_catalog() -> None:
    found = match("UBND huyện Chư Păh", CANDIDATES, catalog="2024")
    assert [unit.name for unit in found.units] == ["Huyện Chư Păh"]
    assert not found.unmatched


def test_unknown_names_are_reported_with_the_closest_organisation() -> None:
    found = match("Sở Giáo dục; Cục Hải quan", CANDIDATES, catalog="2024")
    assert found.empty
    assert [(u.text, u.suggestion) for u in found.unmatched] == [
        ("Sở Giáo dục", "Sở Giáo dục và Đào tạo"),
        ("Cục Hải quan", None),
    ]


def test_filler_words_alone_name_nobody_and_are_not_reported() -> None:
    found = match("Các cơ quan, đơn vị liên quan", CANDIDATES, catalog="2024")
    assert found.empty and not found.unmatched
