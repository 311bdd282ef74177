"""Helpers of the authorization matrix and the fuzzed conversations: talking as an actor on
any channel (buttons pressed by token, or numbers typed on a channel without buttons) and
reading everything an answer carries (texts, labels, XLSX and JSON files) for leaks."""

from __future__ import annotations

import io
import json
import re
import zipfile

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from bot.dispatcher import Dispatcher
from bot.events import Incoming, Kind, OutFile, Outgoing
from tests.utils.population import Actors


class ActorDriver:
    """Sends messages as the seeded actors on one channel; keeps each one's last answer."""

    def __init__(self, dispatcher: Dispatcher, actors: Actors) -> None:
        self.dispatcher = dispatcher
        self.actors = actors
        self.last: dict[str, list[Outgoing]] = {}

    async def send_event(self, key: str, **values: object) -> list[Outgoing]:
        """Send any kind of message as actor `key`; return the answer."""
        external_id = self.actors.external_id(key)
        values.setdefault("kind", Kind.TEXT)
        event = Incoming(
            channel=self.actors.channel,
            external_id=external_id,
            chat_id=external_id,
            **values,  # type: ignore[arg-type]
        )
        delivered: list[Outgoing] = []

        async def collect(_event: Incoming, outgoing: list[Outgoing]) -> None:
            delivered.extend(outgoing)

        await self.dispatcher.handle(event, collect)
        self.last[key] = delivered
        return delivered

    async def send(self, key: str, text: str) -> list[Outgoing]:
        """Type a text as actor `key`."""
        return await self.send_event(key, text=text)

    async def press_token(self, key: str, token: str) -> list[Outgoing]:
        """Press a button by its token as actor `key`."""
        return await self.send_event(key, kind=Kind.OPTION, option_token=token)

    def text(self, key: str) -> str:
        """The texts of the last answer to `key`, joined."""
        return "\n".join(message.text for message in self.last.get(key, []))


def file_text(attachment: OutFile) -> str:
    """What a person can read in a file: every cell of an XLSX, a JSON document, or text."""
    content = attachment.content
    if attachment.filename.endswith(".xlsx") or zipfile.is_zipfile(io.BytesIO(content)):
        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        except (KeyError, InvalidFileException):  # a zip that is not a workbook (DOCX)
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return "\n".join(
                    archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                )
        cells = [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        book.close()
        return "\n".join(cells)
    if attachment.filename.endswith(".json"):
        return json.dumps(json.loads(content), ensure_ascii=False)
    return content.decode("utf-8", "replace")


def readable(answer: list[Outgoing]) -> str:
    """Everything a person reads in an answer: texts, button labels and attached files."""
    parts: list[str] = []
    for message in answer:
        parts.append(message.text)
        parts.extend(option.label for option in message.options)
        for attachment in (message.document, message.image):
            if attachment is not None and not attachment.mime_type.startswith("image/"):
                parts.append(file_text(attachment))
    return "\n".join(parts)


_NOT_DIGIT = re.compile(r"\D")


def leaks(text: str, *, names: dict[str, str], phones: dict[str, str]) -> list[str]:
    """Which of the given people (by key) are named, or whose phone (in any spacing, with
    +84 or 0) is written, in `text`."""
    found = [key for key, name in names.items() if name in text]
    digits = _NOT_DIGIT.sub("", text)
    found.extend(key for key, phone in phones.items() if phone.lstrip("0") in digits)
    return sorted(set(found))
