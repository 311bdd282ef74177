"""Typed button values: one frozen dataclass per kind of button, with a prefix, that packs
into the value stored behind a button's token and unpacks from it, checked.

    @dataclass(frozen=True)
    class Acknowledge(Button, prefix="ack"):
        announcement_id: int

    Acknowledge(12).encode() == "ack:12"
    Acknowledge.decode("ack:12") == Acknowledge(12)
    Acknowledge.decode("ack:12x") is None  # forged, stale or of another kind

Fields are packed in order after the prefix, separated by ":". A field may be an `int`
(0 … 2**63-1, written without leading zeros), a `str` (not empty; only the last field may
contain ":"), a `StrEnum` (one of its values), or any of them `| None` at the end (left out
when None). A kind may add its own check by overriding `valid()`. Decoding is strict: what
decodes packs back to exactly the same value, anything else is None.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import StrEnum
from typing import Any, ClassVar, Self

SEPARATOR = ":"
MAX_INT = 2**63 - 1


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    kind: type
    optional: bool


@dataclasses.dataclass(frozen=True)
class Button:
    """Base of every kind of button; subclasses are frozen dataclasses naming a prefix."""

    prefix: ClassVar[str] = ""

    def __init_subclass__(cls, *, prefix: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if prefix is not None:
            if not prefix or any(not part for part in prefix.split(SEPARATOR)):
                raise ValueError(f"bad button prefix {prefix!r}")
            cls.prefix = prefix

    def valid(self) -> bool:
        """Checks beyond the field types (ranges, fields that go together)."""
        return True

    def encode(self) -> str:
        """The value stored behind the button's token."""
        fields = _fields(type(self))
        parts = [self.prefix]
        missing = False
        for index, field in enumerate(fields):
            value = getattr(self, field.name)
            if value is None and field.optional:
                missing = True
                continue
            if missing:
                raise ValueError(f"{type(self).__name__}: {field.name} follows a missing field")
            parts.append(_dump(value, field, last=index == len(fields) - 1))
        if not self.valid():
            raise ValueError(f"{self!r} is not a valid button")
        return SEPARATOR.join(parts)

    @classmethod
    def decode(cls, value: str | None) -> Self | None:
        """The button a stored value stands for; None if it is not one of this kind."""
        if value is None or not cls.prefix:
            return None
        if value == cls.prefix:
            raw: list[str] = []
        elif value.startswith(cls.prefix + SEPARATOR):
            raw = value[len(cls.prefix) + 1 :].split(SEPARATOR)
        else:
            return None
        fields = _fields(cls)
        if len(raw) > len(fields):
            if not fields or fields[-1].kind is not str:
                return None
            raw = [*raw[: len(fields) - 1], SEPARATOR.join(raw[len(fields) - 1 :])]
        values: list[Any] = []
        for index, field in enumerate(fields):
            if index >= len(raw):
                if not field.optional:
                    return None
                values.append(None)
                continue
            loaded = _load(raw[index], field.kind)
            if loaded is None:
                return None
            values.append(loaded)
        button = cls(*values)
        return button if button.valid() else None


_FIELDS: dict[type, tuple[_Field, ...]] = {}


def _fields(kind: type) -> tuple[_Field, ...]:
    """The packed fields of a kind of button, read once from its annotations."""
    if kind not in _FIELDS:
        _FIELDS[kind] = _read_fields(kind)
    return _FIELDS[kind]


def _read_fields(kind: type) -> tuple[_Field, ...]:
    hints = typing.get_type_hints(kind)
    found = []
    for field in dataclasses.fields(kind):
        annotation = hints[field.name]
        optional = False
        if (
            isinstance(annotation, types.UnionType)
            or typing.get_origin(annotation) is typing.Union
        ):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                raise TypeError(f"{kind.__name__}.{field.name}: one type, or one type | None")
            annotation, optional = members[0], True
        if annotation not in (int, str) and not (
            isinstance(annotation, type) and issubclass(annotation, StrEnum)
        ):
            raise TypeError(f"{kind.__name__}.{field.name}: int, str or a StrEnum")
        found.append(_Field(field.name, annotation, optional))
    return tuple(found)


def _dump(value: object, field: _Field, *, last: bool) -> str:
    kind = field.kind
    if issubclass(kind, StrEnum):
        if not isinstance(value, kind):
            raise TypeError(f"{field.name}: expected {kind.__name__}, got {value!r}")
        return value.value
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_INT:
            raise ValueError(f"{field.name}: expected an int in 0…{MAX_INT}, got {value!r}")
        return str(value)
    if not isinstance(value, str) or not value or (SEPARATOR in value and not last):
        raise ValueError(f"{field.name}: expected a non-empty text, got {value!r}")
    return value


def _load(text: str, kind: type) -> Any:
    if issubclass(kind, StrEnum):
        try:
            return kind(text)
        except ValueError:
            return None
    if kind is int:
        if not (text.isascii() and text.isdigit()) or (text[0] == "0" and text != "0"):
            return None
        number = int(text)
        return number if number <= MAX_INT else None
    return text or None
