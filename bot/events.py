"""Channel-neutral messages: what a person sent, and what the bot answers."""

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What kind of message a person sent."""

    TEXT = "text"
    OPTION = "option"
    CONTACT = "contact"
    PHOTO = "photo"
    DOCUMENT = "document"
    STICKER = "sticker"
    VOICE = "voice"
    LOCATION = "location"
    OTHER = "other"


@dataclass(frozen=True)
class Attachment:
    """A file a person sent (the channel keeps the bytes; we keep its reference)."""

    kind: Kind
    file_id: str
    filename: str | None = None
    mime_type: str | None = None


class FileUnavailable(LookupError):
    """The channel cannot download what a person sent."""


class NotAnImage(FileUnavailable):
    """What a person sent as a photo is not a picture the bot can read."""


class FileTooBig(Exception):
    """A file a person sent is over the size we accept."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def storable(text: str) -> str:
    """`text` without NUL characters, lone surrogates replaced by U+FFFD."""
    if text.isascii():
        return text.replace("\x00", "")
    return _SURROGATE.sub("\ufffd", text.replace("\x00", ""))


_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Incoming:
    """One message from one person, as every channel describes it."""

    channel: str
    external_id: str
    chat_id: str
    kind: Kind
    text: str = ""
    option_token: str | None = None
    contact_phone: str | None = None
    contact_is_own: bool | None = None  # False: someone else's card (None: channel cannot tell)
    attachment: Attachment | None = None
    display_name: str | None = None
    is_private: bool = True
    addressed_to_bot: bool = False

    def __post_init__(self) -> None:
        # Whatever a messenger hands over is stored and compared as UTF-8 text: a NUL
        # (PostgreSQL refuses it) or a lone surrogate (not UTF-8 at all) would fail there.
        for name in ("text", "option_token", "contact_phone", "display_name"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, storable(value))

    @property
    def command(self) -> str | None:
        """The command name without the slash (`/start abc` → `start`), if the text is one."""
        if self.kind != Kind.TEXT or not self.text.startswith("/"):
            return None
        head = self.text[1:].split(maxsplit=1)[0] if len(self.text) > 1 else ""
        return head.split("@", 1)[0].lower() or None

    @property
    def command_args(self) -> str:
        """What follows the command name (`/start abc` → `abc`)."""
        parts = self.text.split(maxsplit=1)
        return parts[1].strip() if len(parts) > 1 else ""


@dataclass(frozen=True)
class Option:
    """One choice offered to the person; `value` never leaves the server."""

    label: str
    value: str


@dataclass(frozen=True)
class OutFile:
    """A file or picture to send."""

    filename: str
    content: bytes
    mime_type: str


@dataclass(frozen=True)
class Reply:
    """One message of the bot's answer, before a channel renders it."""

    text: str = ""
    options: tuple[Option, ...] = ()
    columns: int = 1
    document: OutFile | None = None
    image: OutFile | None = None
    ask_contact: bool = False
    scope: str | None = None


@dataclass(frozen=True)
class RenderedOption:
    """An option as a channel shows it: label, the token on the button, its number."""

    label: str
    token: str
    number: int


@dataclass(frozen=True)
class Outgoing:
    """A reply ready for a channel: options carry tokens instead of values."""

    text: str = ""
    options: tuple[RenderedOption, ...] = ()
    columns: int = 1
    document: OutFile | None = None
    image: OutFile | None = None
    ask_contact: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    def option_rows(self) -> list[list[RenderedOption]]:
        """Split the options into rows of `columns` buttons."""
        width = max(1, self.columns)
        return [list(self.options[i : i + width]) for i in range(0, len(self.options), width)]


@dataclass(frozen=True)
class FetchedFile:
    """A file a person sent, downloaded: its bytes and, when the messenger says, name and
    MIME type."""

    content: bytes
    filename: str | None = None
    mime_type: str | None = None
