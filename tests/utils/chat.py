"""Talking to the bot as a web chat person, straight through the dispatcher."""

import dataclasses

from bot.channels import webchat
from bot.dispatcher import Dispatcher
from bot.events import Incoming, Kind, Outgoing


class ChatDriver:
    """Sends messages as people and remembers what the bot answered each of them."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        self.last: dict[str, list[Outgoing]] = {}
        self.transcript: dict[str, list[Outgoing]] = {}

    async def _run(self, event: Incoming) -> list[Outgoing]:
        delivered: list[Outgoing] = []

        async def collect(_event: Incoming, outgoing: list[Outgoing]) -> None:
            delivered.extend(outgoing)

        await self.dispatcher.handle(event, collect)
        self.last[event.external_id] = delivered
        self.transcript.setdefault(event.external_id, []).extend(delivered)
        return delivered

    async def send(self, person: str, text: str) -> list[Outgoing]:
        """Type a message as `person`; return the bot's answer."""
        return await self._run(webchat.incoming(person, {"text": text}))

    async def press(self, person: str, label: str) -> list[Outgoing]:
        """Press the button whose label contains `label` in the last answer to `person`."""
        token = self.token(person, label)
        return await self._run(webchat.incoming(person, {"option": token}))

    async def press_token(self, person: str, token: str) -> list[Outgoing]:
        """Press a button by its token (e.g. an old one)."""
        return await self._run(webchat.incoming(person, {"option": token}))

    async def share_contact(
        self, person: str, phone: str, *, own: bool | None = None
    ) -> list[Outgoing]:
        """Share a phone number as a contact (`own=False`: someone else's card)."""
        event = webchat.incoming(person, {"contact": phone})
        return await self._run(dataclasses.replace(event, contact_is_own=own))

    async def send_kind(self, person: str, kind: Kind) -> list[Outgoing]:
        """Send a sticker, voice message, location…"""
        return await self._run(
            Incoming(channel="webchat", external_id=person, chat_id=person, kind=kind)
        )

    def token(self, person: str, label: str) -> str:
        """The token of a button in the last answer to `person`."""
        for message in reversed(self.last.get(person, [])):
            for option in message.options:
                if label in option.label:
                    return option.token
        shown = [o.label for m in self.last.get(person, []) for o in m.options]
        raise AssertionError(f"no button {label!r} for {person}; shown: {shown}")

    def text(self, person: str) -> str:
        """All texts of the last answer to `person`, joined."""
        return "\n".join(message.text for message in self.last.get(person, []))

    def labels(self, person: str) -> list[str]:
        """The button labels of the last answer to `person`."""
        return [o.label for m in self.last.get(person, []) for o in m.options]

    async def send_event(self, event: Incoming) -> list[Outgoing]:
        """Send any channel-neutral message (e.g. one carrying a messenger display name)."""
        return await self._run(event)
