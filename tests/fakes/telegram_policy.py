"""Request parsing, validation and rate windows shared by the fake Bot API server."""

from __future__ import annotations

import json
import math
from collections import deque
from html.parser import HTMLParser
from typing import Any

# Parameters whose values are plain strings even when they look like JSON ("123", "true").
STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "url",
        "secret_token",
        "ip_address",
        "callback_query_id",
        "inline_message_id",
        "action",
        "language_code",
        "file_id",
        "photo",
        "document",
        "voice",
        "sticker",
        "video",
        "audio",
        "animation",
        "thumbnail",
        "business_connection_id",
        "message_effect_id",
        "emoji",
        "title",
        "description",
        "short_description",
        "name",
        "phone_number",
        "first_name",
        "last_name",
        "vcard",
        "address",
        "question",
        "data",
    }
)
# Parameters that hold a JSON object/array, which a JSON body may still send as a string.
JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "menu_button",
        "link_preview_options",
        "reply_parameters",
        "media",
    }
)
_JSON_START = frozenset('{["-0123456789tfn')

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64

_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_MD2_RESERVED = frozenset("#+-=.!{}()>|")
_MD2_PAIRED = ("*", "_", "~")


class ApiError(Exception):
    """A Bot API error answer: HTTP status, description and optional response parameters."""

    def __init__(
        self, code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def too_many_requests(retry_after: float) -> ApiError:
    """The 429 flood-control error with its retry_after parameter."""
    return ApiError(
        429,
        f"Too Many Requests: retry after {retry_after}",
        {"retry_after": retry_after},
    )


def decode_form_value(name: str, value: str) -> Any:
    """Decode one form field the way PTB encoded it: JSON for non-strings, raw for strings."""
    if name in STRING_PARAMS or not value or value[0] not in _JSON_START:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def decode_json_value(name: str, value: Any) -> Any:
    """Normalise a value from a JSON body, where objects may still arrive JSON-encoded."""
    if name in JSON_PARAMS and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def as_int(value: Any, what: str) -> int:
    """An integer parameter, or a 400 naming it."""
    if isinstance(value, bool):
        raise ApiError(400, f"Bad Request: invalid {what}")
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        raise ApiError(400, f"Bad Request: invalid {what}") from None


class SlidingWindow:
    """Timestamps of accepted sends within the last window, for rate limiting."""

    __slots__ = ("_stamps",)

    def __init__(self) -> None:
        self._stamps: deque[float] = deque()

    def retry_after(self, limit: float, now: float) -> int:
        """0 if one more send fits under limit per second, else whole seconds to wait."""
        capacity, span = (int(limit), 1.0) if limit >= 1 else (1, 1.0 / limit)
        stamps = self._stamps
        horizon = now - span
        while stamps and stamps[0] <= horizon:
            stamps.popleft()
        if len(stamps) < capacity:
            return 0
        oldest_blocking = stamps[len(stamps) - capacity]
        return max(1, math.ceil(oldest_blocking + span - now))

    def add(self, now: float) -> None:
        """Count an accepted send at time now."""
        self._stamps.append(now)


class _HtmlChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.error: str | None = None
        self.plain_length = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.error is None and tag not in _HTML_TAGS:
            self.error = f'Unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.error is None:
            self.error = f'Unsupported start tag "{tag}"'

    def handle_endtag(self, tag: str) -> None:
        if self.error is not None:
            return
        if not self.stack:
            self.error = f'Unexpected end tag "{tag}"'
        elif self.stack[-1] != tag:
            self.error = f'Unmatched end tag, expected "</{self.stack[-1]}>", found "</{tag}>"'
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.plain_length += len(data)


def _html_problem(text: str) -> tuple[str | None, int]:
    checker = _HtmlChecker()
    checker.feed(text)
    checker.close()
    if checker.error is None and checker.stack:
        checker.error = f'Can\'t find end tag corresponding to start tag "{checker.stack[-1]}"'
    return checker.error, checker.plain_length


def _markdown_v2_problem(text: str) -> str | None:
    i, n = 0, len(text)
    in_code = in_pre = False
    counts = dict.fromkeys(_MD2_PAIRED, 0)
    while i < n:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if text.startswith("```", i):
            in_pre = not in_pre
            i += 3
            continue
        if in_pre:
            i += 1
            continue
        if char == "`":
            in_code = not in_code
        elif in_code:
            pass
        elif char == "]" and text.startswith("(", i + 1):
            close = text.find(")", i + 2)
            if close == -1:
                return "Can't find end of a URL"
            i = close + 1
            continue
        elif (char == ">" and (i == 0 or text[i - 1] == "\n")) or (
            char == "!" and text.startswith("[", i + 1)
        ):
            pass  # a blockquote at line start, or a custom emoji ![..](..)
        elif char == "|" and text.startswith("||", i):
            i += 2
            continue
        elif char in _MD2_RESERVED:
            return f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
        elif char in counts:
            counts[char] += 1
        i += 1
    if in_pre:
        return "Can't find end of Pre entity"
    if in_code:
        return "Can't find end of Code entity"
    for mark, count in counts.items():
        if count % 2:
            return f"Can't find end of the entity starting with '{mark}'"
    return None


def check_text(text: Any, parse_mode: Any, *, caption: bool = False, check: bool = True) -> None:
    """Reject what Telegram would reject: empty or too-long text, unparsable HTML/MarkdownV2."""
    limit = MAX_CAPTION if caption else MAX_TEXT
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if not caption and not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    length = len(text)
    mode = parse_mode.upper() if isinstance(parse_mode, str) else ""
    if check and mode == "HTML":
        problem, length = _html_problem(text)
        if problem:
            raise ApiError(400, f"Bad Request: can't parse entities: {problem}")
    elif check and mode == "MARKDOWNV2":
        problem = _markdown_v2_problem(text)
        if problem:
            raise ApiError(400, f"Bad Request: can't parse entities: {problem}")
    if length > limit:
        what = "message caption is too long" if caption else "message is too long"
        raise ApiError(400, f"Bad Request: {what}")


def check_reply_markup(markup: Any) -> None:
    """Reject malformed reply markup and inline buttons whose callback_data is over 64 bytes."""
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError(400, "Bad Request: can't parse inline keyboard button: field must be array")
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise ApiError(400, "Bad Request: can't parse inline keyboard button")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
