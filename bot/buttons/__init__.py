"""Typed button values (a leaf: imports nothing else of the project). The base class and
codec are in `base`; kinds used outside conversations in `actions`, inside them in
`choices`. A new feature declares its buttons the same way, as a dataclass with a prefix."""

from bot.buttons.base import Button

__all__ = ["Button"]
