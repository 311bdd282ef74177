"""One rule for every free-text answer, and short quotes of what a person typed."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.texts.validation import FIELDS, TEXT_MESSAGES, explain_text
from models.validators import TEXT_CODES, TextRefused, TextRule, clean_text, shorten

LINE = TextRule(2, 120)
SEARCH = TextRule(1, 100, digits_count=True)
BODY = TextRule(1, 4096, multiline=True)


def _code(text: str, rule: TextRule) -> str:
    with pytest.raises(TextRefused) as refused:
        clean_text(text, rule)
    return refused.value.code


def test_text_is_trimmed_joined_and_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Công chức  Văn phòng")
    assert clean_text(f"  {decomposed}\t\n ", LINE) == "Công chức Văn phòng"
    assert clean_text("Tổ\u200b trưởng\ufeff", LINE) == "Tổ trưởng"  # pasted zero-width marks


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("😀🎉👍", "text_no_letters"),
        ("12345", "text_no_letters"),
        ("... --- !!!", "text_no_letters"),
        ("   ", "text_empty"),
        ("", "text_empty"),
        ("x" * 5000, "text_too_long"),
        ("a", "text_too_short"),
        ("Cán bộ\x00xã", "text_control"),
        ("Cán bộ\x1b[31m", "text_control"),
        ("\u202eTổ trưởng", "text_control"),  # right-to-left override hides what is shown
    ],
)
def test_what_is_refused(text: str, code: str) -> None:
    assert _code(text, LINE) == code


def test_lengths_are_reported() -> None:
    with pytest.raises(TextRefused) as refused:
        clean_text("Công ty " * 700, TextRule(3, 200))
    assert (refused.value.length, refused.value.limit) == (len(("Công ty " * 700).strip()), 200)
    sentence = explain_text("text_too_long", field="organisation", length=5599, limit=200)
    assert sentence.startswith("Tên đơn vị, doanh nghiệp dài 5599 ký tự, quá giới hạn 200")


def test_a_search_may_be_a_phone_number_and_a_body_keeps_its_lines() -> None:
    assert clean_text("0905 123 456", SEARCH) == "0905 123 456"
    assert _code("😀", SEARCH) == "text_no_letters"
    body = "Kính mời:\n  - anh Bình\n  - chị Hoa  \n\n\n\nTrân trọng."
    assert clean_text(body, BODY) == "Kính mời:\n  - anh Bình\n  - chị Hoa\n\nTrân trọng."


def test_every_code_has_a_sentence_in_the_anh_chi_register() -> None:
    assert set(TEXT_MESSAGES) == set(TEXT_CODES)
    for code in TEXT_CODES:
        for field in FIELDS:
            sentence = explain_text(code, field=field, length=300, limit=200)
            assert sentence[0].isupper() and "{" not in sentence
            words = sentence.casefold().replace(",", " ").split()
            assert "bạn" not in words and "mình" not in words


def test_shorten_quotes() -> None:
    assert shorten("Ia Sao") == "Ia Sao"
    assert shorten("x" * 5000) == "x" * 59 + "…"
    assert shorten("a\nb   c", 60) == "a b c"
    assert len(shorten("Xã " * 100, 20)) <= 20


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.integers(2, 50), st.booleans())
def test_what_is_kept_obeys_the_rule(text: str, maximum: int, multiline: bool) -> None:
    rule = TextRule(2, maximum, multiline=multiline)
    try:
        cleaned = clean_text(text, rule)
    except TextRefused as refused:
        assert refused.code in TEXT_CODES
        return
    assert 2 <= len(cleaned) <= maximum
    assert cleaned == cleaned.strip() and unicodedata.is_normalized("NFC", cleaned)
    assert any(unicodedata.category(char).startswith("L") for char in cleaned)
    allowed = {"\n"} if multiline else set()
    assert not [c for c in cleaned if unicodedata.category(c) == "Cc" and c not in allowed]
    assert clean_text(cleaned, rule) == cleaned  # cleaning is stable


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.integers(1, 80))
def test_shorten_never_exceeds_its_limit(text: str, limit: int) -> None:
    quoted = shorten(text, limit)
    assert len(quoted) <= limit
    flat = " ".join(text.split())
    assert quoted == flat or quoted.endswith("…")
