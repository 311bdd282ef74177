"""Full-name and mobile-number checks, and their Vietnamese explanations."""

import pytest

from bot.texts.validation import MESSAGES, UNKNOWN, explain
from models.validators import (
    NAME_CODES,
    OLD_MOBILE_PREFIXES,
    PHONE_CODES,
    InvalidInput,
    normalize_full_name,
    normalize_vn_mobile,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("  Trần   Thị\tBích  Ngọc ", "Trần Thị Bích Ngọc"),
        ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
        ("nguyễn văn an", "Nguyễn Văn An"),
        ("Nguyễn văn An", "Nguyễn Văn An"),
        ("McLean John", "McLean John"),
        ("Rơ Châm H'Nhí", "Rơ Châm H'Nhí"),
        ("nay h'blơk", "Nay H'Blơk"),
        ("Ksor H’ Nga", "Ksor H' Nga"),
        ("Lê Thu-Hà", "Lê Thu-Hà"),
        ("Nguyen Van An", "Nguyen Van An"),
        ("Nguye\u0302\u0303n Văn An", "Nguyễn Văn An"),  # decomposed input becomes NFC
        ("Siu Thị Hà Lê Minh Châu Anh", "Siu Thị Hà Lê Minh Châu Anh"),
    ],
)
def test_normalize_full_name_accepts(typed: str, expected: str) -> None:
    assert normalize_full_name(typed) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "name_empty"),
        ("   ", "name_empty"),
        ("Nguyễn", "name_one_word"),
        ("Nguyễn Văn An 2", "name_digits"),
        ("Nguyen2 An", "name_digits"),
        ("Nguyễn Văn An 😀", "name_symbols"),
        ("Nguyễn Văn A.", "name_symbols"),
        ("Nguyễn, Văn An", "name_symbols"),
        ("Nguyễn @An", "name_symbols"),
        ("Nguyễn -An", "name_punctuation"),
        ("Nguyễn An-", "name_punctuation"),
        ("Nguyễn Thu--Hà", "name_punctuation"),
        ("Nguyễn H'", "name_punctuation"),
        ("A B C D E F G H", "name_too_many_words"),
        ("Nguyễn " + "A" * 80, "name_too_long"),
    ],
)
def test_normalize_full_name_refuses(typed: str, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalize_full_name(typed)
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "typed",
    [
        "0905123456",
        "+84 905 123 456",
        "0905.123.456",
        "0905-123-456",
        "0084905123456",
        "84905123456",
        "(+84) 905123456",
        "+840905123456",
        " 0905 123 456 ",
        "０９０５１２３４５６",
    ],
)
def test_normalize_vn_mobile_formats(typed: str) -> None:
    assert normalize_vn_mobile(typed) == "+84905123456"


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("0389123456", "+84389123456"),
        ("0868 555 000", "+84868555000"),
        ("059 9123456", "+84599123456"),
    ],
)
def test_normalize_vn_mobile_other_networks(typed: str, e164: str) -> None:
    assert normalize_vn_mobile(typed) == e164


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "phone_empty"),
        ("không có", "phone_not_a_number"),
        ("0905 abc 456", "phone_not_a_number"),
        ("+84", "phone_not_a_number"),
        ("0269 3823 456", "phone_landline"),
        ("02693823456", "phone_landline"),
        ("+1 202 555 0123", "phone_foreign"),
        ("+44 7911 123456", "phone_foreign"),
        ("0905123", "phone_too_short"),
        ("090512345", "phone_too_short"),
        ("0269 382 345", "phone_too_short"),
        ("09051234567", "phone_too_long"),
        ("0905 123 456 789", "phone_too_long"),
        ("1800 1091", "phone_not_mobile"),
        ("0521234567", "phone_invalid"),
    ],
)
def test_normalize_vn_mobile_refuses(typed: str, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalize_vn_mobile(typed)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("typed", "new"),
    [
        ("01689123456", "0389123456"),
        ("+84 168 9123 456", "0389123456"),
        ("0120 123 4567", "0701234567"),
        ("0199.765.4321", "0597654321"),
    ],
)
def test_old_mobile_numbers_get_their_new_form(typed: str, new: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalize_vn_mobile(typed)
    assert caught.value.code == "phone_old_mobile"
    assert caught.value.suggestion == new
    assert normalize_vn_mobile(new).endswith(new[1:])


def test_old_prefix_table_points_to_current_mobile_prefixes() -> None:
    for old, new in OLD_MOBILE_PREFIXES.items():
        assert len(old) == 4 and old.startswith("01") and len(new) == 3
        assert normalize_vn_mobile(new + "1234567") == "+84" + new[1:] + "1234567"


@pytest.mark.parametrize("code", NAME_CODES + PHONE_CODES)
def test_every_code_has_a_vietnamese_explanation(code: str) -> None:
    text = explain(code)
    assert text != UNKNOWN
    assert "ví dụ" in text
    assert code in MESSAGES


def test_explain_old_mobile_with_the_new_number() -> None:
    assert "0389 123 456" in explain("phone_old_mobile", suggestion="0389123456")
    assert explain("no_such_code") == UNKNOWN
