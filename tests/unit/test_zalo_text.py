"""Zalo text: splitting long texts at natural boundaries within 2000 UTF-16 units, how a
reply is rendered without buttons, and which send failure each Zalo error answer means."""

from __future__ import annotations

import unicodedata

import pytest

from bot.channels.base import (
    PermanentFailure,
    RateLimited,
    TemporaryFailure,
    Unreachable,
)
from bot.channels.splitting import code_points, split_message, utf16_units
from bot.channels.zalo_api import ZaloApiError
from bot.channels.zalo_send import (
    PHOTO_URL,
    RATE_LIMIT_WAIT,
    TEXT_LIMIT,
    Piece,
    failure,
    render,
    split_text,
)
from bot.events import OutFile, Outgoing, RenderedOption
from bot.texts import zalo as t

SENTENCE = "Sở Thông tin và Truyền thông tổ chức tập huấn chuyển đổi số cho cán bộ xã. "


def announcement(paragraph_chars: int = 1600, paragraphs: int = 3) -> str:
    """A Vietnamese announcement of `paragraphs` paragraphs of about `paragraph_chars`."""
    body = (SENTENCE * (paragraph_chars // len(SENTENCE) + 1))[:paragraph_chars].rstrip()
    return "\n\n".join(f"{n}. {body}." for n in range(1, paragraphs + 1))


def squashed(text: str) -> str:
    return "".join(text.split())


def test_utf16_counts_emoji_twice_and_vietnamese_once() -> None:
    assert utf16_units("Đồng ý") == code_points("Đồng ý") == 6
    assert utf16_units("😀") == 2 and code_points("😀") == 1
    assert utf16_units("👍🏽") == 4  # thumbs up + skin tone, both outside the BMP


def test_a_5000_character_announcement_is_three_parts_in_order() -> None:
    text = announcement(1650, 3)
    assert 4900 <= len(text) <= 5100
    parts = split_text(text)
    assert len(parts) == 3
    assert all(utf16_units(part) <= TEXT_LIMIT for part in parts)
    assert [part[:2] for part in parts] == ["1.", "2.", "3."]  # cut between paragraphs
    assert squashed("".join(parts)) == squashed(text)


def test_a_short_text_is_left_alone() -> None:
    assert split_text("Xin chào anh/chị") == ["Xin chào anh/chị"]
    assert split_text("x" * TEXT_LIMIT) == ["x" * TEXT_LIMIT]


def test_without_paragraphs_the_cut_falls_after_a_sentence() -> None:
    text = SENTENCE * 60  # one long paragraph, ~4500 characters
    parts = split_text(text)
    assert len(parts) == 3
    assert all(part.endswith(".") for part in parts)
    assert all(utf16_units(part) <= TEXT_LIMIT for part in parts)
    assert squashed("".join(parts)) == squashed(text)


def test_without_sentences_the_cut_falls_between_words() -> None:
    words = ["chuyển", "đổi", "số", "Gia", "Lai", "thôn", "làng"]
    text = " ".join(words[i % len(words)] for i in range(1200))
    parts = split_text(text)
    assert len(parts) >= 2
    for part in parts:
        assert utf16_units(part) <= TEXT_LIMIT
        assert set(part.split()) <= set(words)  # no word cut in two
    assert " ".join(parts).split() == text.split()


def test_emoji_count_twice_and_are_never_cut_apart() -> None:
    text = ("Chúc mừng 🎉👨‍👩‍👧 " * 400).strip()  # 400 × (10 + 2 + 8 + 1) UTF-16 units
    parts = split_text(text)
    assert all(utf16_units(part) <= TEXT_LIMIT for part in parts)
    assert any(code_points(part) < utf16_units(part) for part in parts)
    assert " ".join(parts) == text
    assert len(parts) == 5


def test_a_run_without_spaces_is_cut_hard_but_keeps_each_emoji_whole() -> None:
    family = "👨‍👩‍👧"  # three emoji joined by zero-width joiners
    text = family * 500
    parts = split_text(text)
    assert all(utf16_units(part) <= TEXT_LIMIT for part in parts)
    assert all(part.startswith("👨") and part.endswith("👧") for part in parts)
    assert "".join(parts) == text


def test_decomposed_vietnamese_is_normalised_before_counting() -> None:
    nfd = unicodedata.normalize("NFD", SENTENCE * 26)  # ~1970 letters, many more code points
    assert len(nfd) > TEXT_LIMIT
    [part] = split_text(nfd)
    assert part == unicodedata.normalize("NFC", nfd)


def test_a_hard_cut_never_separates_a_combining_accent() -> None:
    word = "g\u0303" * 1500  # g + combining tilde: no precomposed form exists
    assert unicodedata.normalize("NFC", word) == word
    parts = split_message(word, 7, code_points)
    assert all(len(part) <= 7 and part[0] == "g" for part in parts)
    assert "".join(parts) == word


def test_options_become_a_numbered_list_under_the_text() -> None:
    options = (RenderedOption("Đồng ý", "tok1", 1), RenderedOption("Không", "tok2", 2))
    [piece] = render(Outgoing(text="Anh/chị đồng ý chứ?", options=options))
    assert piece == Piece("Anh/chị đồng ý chứ?\n\n1. Đồng ý\n2. Không")


def test_a_long_text_with_options_keeps_the_list_in_the_last_part() -> None:
    options = (RenderedOption("Đã nhận", "tok", 1),)
    pieces = render(Outgoing(text=announcement(1600, 3), options=options))
    assert len(pieces) == 3
    assert pieces[-1].text.endswith("\n\n1. Đã nhận")


def test_a_file_without_a_public_address_is_named_with_where_to_get_it() -> None:
    document = OutFile("du-lieu.json", b"{}", "application/json")
    [piece] = render(Outgoing(text="Dữ liệu của anh/chị:", document=document))
    assert piece.photo_url is None
    assert piece.text == "Dữ liệu của anh/chị:\n\n" + t.FILE_ELSEWHERE.format(name="du-lieu.json")
    image = OutFile("bieu-do.png", b"png", "image/png")
    [alone] = render(Outgoing(image=image, extra={PHOTO_URL: "file:///etc/passwd"}))
    assert alone.text == t.FILE_ELSEWHERE.format(name="bieu-do.png")


def test_a_picture_with_a_public_address_goes_as_a_photo() -> None:
    image = OutFile("bieu-do.png", b"png", "image/png")
    url = "https://bot.example.vn/files/abc.png"
    [piece] = render(Outgoing(text="Biểu đồ tiến độ", image=image, extra={PHOTO_URL: url}))
    assert piece == Piece("Biểu đồ tiến độ", url)
    long = render(Outgoing(text=announcement(1600, 2), image=image, extra={PHOTO_URL: url}))
    assert long[0] == Piece("", url) and len(long) == 3


def test_an_empty_reply_still_sends_something_zalo_accepts() -> None:
    assert render(Outgoing()) == [Piece(t.EMPTY)]


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (400, PermanentFailure),
        (401, PermanentFailure),
        (403, Unreachable),
        (404, PermanentFailure),
        (408, TemporaryFailure),
        (429, RateLimited),
        (500, TemporaryFailure),
        (502, TemporaryFailure),
        (503, TemporaryFailure),
    ],
)
def test_error_answers_map_to_send_failures(code: int, kind: type) -> None:
    problem = failure(ZaloApiError(code, "mô tả"))
    assert type(problem) is kind
    assert problem.reason == f"{code} mô tả"


def test_a_429_waits_as_long_as_zalo_says_or_a_default() -> None:
    told = failure(ZaloApiError(429, "Quota exceeded", retry_after=3.0))
    assert isinstance(told, RateLimited) and told.retry_after == 3.0
    untold = failure(ZaloApiError(429, "Quota exceeded"))
    assert isinstance(untold, RateLimited) and untold.retry_after == RATE_LIMIT_WAIT
