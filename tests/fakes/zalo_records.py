"""What the fake Zalo Bot API server records and answers: calls, sent messages, webhook
deliveries, injected failures."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.fakes.zalo_updates import JSONDict


class ApiError(Exception):
    """An error answer of the fake API."""

    def __init__(self, code: int, description: str, retry_after: float | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


@dataclass
class Call:
    """One request: method, JSON params, the error code answered (0 for ok)."""

    method: str
    params: JSONDict
    error: int = 0


@dataclass(frozen=True)
class Sent:
    """A message the fake accepted."""

    method: str
    chat_id: str
    message_id: str
    text: str | None = None
    photo: str | None = None


@dataclass(frozen=True)
class Delivery:
    """One webhook POST and the status it got (0: no answer)."""

    message_id: str | None
    status: int
    attempt: int


@dataclass
class Failure:
    """An error to answer instead of doing the next `times` calls of `method`."""

    method: str
    code: int
    description: str
    times: int = 1
    retry_after: float | None = None
    chat_id: str | None = field(default=None)


def utf16_units(text: str) -> int:
    """Length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2
