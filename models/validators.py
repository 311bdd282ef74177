"""Checks and normal forms for what a person types: full name, mobile number, free text.

Each refusal raises ``InvalidInput`` with a short code; ``bot.texts.validation.explain``
turns the code into a Vietnamese sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType, ValidationResult

NAME_MAX_CHARS = 80
NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 7

# Mobile prefixes renumbered in 2018 (11-digit numbers): old "01xx" -> new "0xx".
OLD_MOBILE_PREFIXES = {
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036",
    "0167": "037", "0168": "038", "0169": "039",
    "0186": "056", "0188": "058", "0199": "059",
}  # fmt: skip

_JOINER_VARIANTS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-"})
_JOINERS = "-'"
_PHONE_CHARS = re.compile(r"[0-9+().\-/\s]+")
# Length of the national number (without the leading 0) by its first digit.
_NATIONAL_LENGTHS = {"2": 10, "3": 9, "5": 9, "7": 9, "8": 9, "9": 9}

NAME_CODES = (
    "name_empty", "name_one_word", "name_too_many_words", "name_too_long",
    "name_digits", "name_symbols", "name_punctuation",
)  # fmt: skip
PHONE_CODES = (
    "phone_empty", "phone_not_a_number", "phone_too_short", "phone_too_long",
    "phone_landline", "phone_old_mobile", "phone_foreign", "phone_not_mobile", "phone_invalid",
    "phone_not_own",  # a shared contact card that is not the sender's own (set by the handler)
)  # fmt: skip


class InvalidInput(ValueError):
    """Refused input; ``code`` names the reason, ``suggestion`` may hold a corrected value."""

    def __init__(self, code: str, *, suggestion: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.suggestion = suggestion


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"  # letters and combining marks


def _check_word(word: str, *, last: bool) -> None:
    """Refuse a word that is not letters joined by inner hyphens or apostrophes."""
    for char in word:
        if unicodedata.category(char)[0] == "N":
            raise InvalidInput("name_digits")
        if not (_is_letter(char) or char in _JOINERS):
            raise InvalidInput("name_symbols")
    # A prefix such as "H'" may stand apart from what follows ("Ksor H' Nga"), not at the end.
    body = word[:-1] if word.endswith("'") and not last else word
    for piece in re.split(r"['-]", body):
        if not piece or not _is_letter(piece[0]) or unicodedata.combining(piece[0]):
            raise InvalidInput("name_punctuation")


def _uniform_case(word: str) -> bool:
    return word in (word.upper(), word.lower())


def _title(word: str) -> str:
    parts = re.split(r"(['-])", word)
    titled = "".join(part[:1].upper() + part[1:].lower() for part in parts)
    return unicodedata.normalize("NFC", titled).translate(_JOINER_VARIANTS)


def _fix_case(word: str, *, last: bool) -> str:
    """Title Case for a word typed all upper or all lower; anything else is kept as typed."""
    if not _uniform_case(word):
        return word
    fixed = _title(word)
    # Kept as typed in the rare scripts where Title Case is unstable or not a valid word.
    if _uniform_case(fixed) and _title(fixed) != fixed:
        return word
    try:
        _check_word(fixed, last=last)
    except InvalidInput:
        return word
    return fixed


def normalize_full_name(text: str) -> str:
    """A person's full name, cleaned (NFC, single spaces, ALL CAPS fixed) or InvalidInput."""
    cleaned = unicodedata.normalize("NFC", text).translate(_JOINER_VARIANTS)
    words = cleaned.split()
    if not words:
        raise InvalidInput("name_empty")
    for index, word in enumerate(words):
        _check_word(word, last=index == len(words) - 1)
    if len(words) < NAME_MIN_WORDS:
        raise InvalidInput("name_one_word")
    if len(words) > NAME_MAX_WORDS:
        raise InvalidInput("name_too_many_words")
    last = len(words) - 1
    name = " ".join(_fix_case(word, last=index == last) for index, word in enumerate(words))
    if len(name) > NAME_MAX_CHARS:
        raise InvalidInput("name_too_long")
    return name


def _old_mobile(national: str) -> str | None:
    """The 2018 replacement of an old 11-digit mobile number (national digits), if it is one."""
    if len(national) != 10 or not national.startswith("1"):
        return None
    new_prefix = OLD_MOBILE_PREFIXES.get("0" + national[:3])
    return new_prefix + national[3:] if new_prefix else None


def normalize_vn_mobile(text: str) -> str:
    """A Vietnamese mobile number in E.164 (+84xxxxxxxxx), or InvalidInput saying why not."""
    raw = unicodedata.normalize("NFKC", text).strip()
    if not raw:
        raise InvalidInput("phone_empty")
    if not _PHONE_CHARS.fullmatch(raw) or not any(char.isdigit() for char in raw):
        raise InvalidInput("phone_not_a_number")
    try:
        number = phonenumbers.parse(raw, "VN")
    except NumberParseException as error:
        if error.error_type in (
            NumberParseException.TOO_SHORT_NSN,
            NumberParseException.TOO_SHORT_AFTER_IDD,
        ):
            raise InvalidInput("phone_too_short") from error
        if error.error_type == NumberParseException.TOO_LONG:
            raise InvalidInput("phone_too_long") from error
        raise InvalidInput("phone_not_a_number") from error
    if number.country_code != 84:
        raise InvalidInput("phone_foreign")
    national = phonenumbers.national_significant_number(number)
    replacement = _old_mobile(national)
    if replacement is not None:
        raise InvalidInput("phone_old_mobile", suggestion=replacement)
    if phonenumbers.is_valid_number(number):
        kind = phonenumbers.number_type(number)
        if kind == PhoneNumberType.MOBILE:
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if kind in (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
            raise InvalidInput("phone_landline")
        raise InvalidInput("phone_not_mobile")
    national = national.lstrip("0")  # short numbers keep their trunk 0
    expected = _NATIONAL_LENGTHS.get(national[:1])
    if expected is not None:
        if len(national) < expected:
            raise InvalidInput("phone_too_short")
        if len(national) > expected:
            raise InvalidInput("phone_too_long")
        raise InvalidInput("phone_invalid")
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.TOO_SHORT:
        raise InvalidInput("phone_too_short")
    if reason == ValidationResult.TOO_LONG:
        raise InvalidInput("phone_too_long")
    raise InvalidInput("phone_invalid")


# ---- free text ---------------------------------------------------------------------------

TEXT_CODES = ("text_empty", "text_too_short", "text_too_long", "text_no_letters", "text_control")
# Invisible characters that paste along with text: dropped without a word.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
# Characters that reorder or hide what is shown (bidirectional overrides and isolates).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class TextRefused(InvalidInput):
    """Refused free text; `length` is what was typed (after cleaning), `limit` the bound."""

    def __init__(self, code: str, *, length: int = 0, limit: int = 0) -> None:
        super().__init__(code)
        self.length = length
        self.limit = limit


@dataclass(frozen=True)
class TextRule:
    """How long a free-text answer may be, whether it keeps line breaks, what it must hold."""

    min_chars: int
    max_chars: int
    multiline: bool = False
    digits_count: bool = False  # a digit is enough (search by phone number), not only letters


def _letter_or_digit(char: str, *, digits: bool) -> bool:
    kind = unicodedata.category(char)
    return kind.startswith("L") or (digits and kind == "Nd")


def _control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs", "Co") or char in _BIDI_CONTROLS


def clean_text(text: str, rule: TextRule) -> str:
    """Typed text, cleaned (NFC, trimmed, spaces joined) and checked, or TextRefused."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if rule.multiline:
        # Line breaks and inner spacing are kept as typed (lists, signatures).
        lines = [line.rstrip() for line in text.split("\n")]
        cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    else:
        cleaned = " ".join(text.split())
    if any(char != "\n" and _control(char) for char in cleaned):
        raise TextRefused("text_control", length=len(cleaned), limit=rule.max_chars)
    if not cleaned:
        raise TextRefused("text_empty", limit=rule.max_chars)
    if len(cleaned) > rule.max_chars:
        raise TextRefused("text_too_long", length=len(cleaned), limit=rule.max_chars)
    if not any(_letter_or_digit(char, digits=rule.digits_count) for char in cleaned):
        raise TextRefused("text_no_letters", length=len(cleaned), limit=rule.max_chars)
    if len(cleaned) < rule.min_chars:
        raise TextRefused("text_too_short", length=len(cleaned), limit=rule.min_chars)
    return cleaned


def shorten(text: str, limit: int = 60) -> str:
    """The person's text cut to `limit` characters (with "…") for quoting it in a reply."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: max(limit - 1, 0)].rstrip() + "…"
