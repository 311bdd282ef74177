"""Routing one message to the right place: a button's action, the open conversation,
a command, a typed answer to the last choices shown, or the menu.

The order, and how typed numbers and labels are read, is set down in bot.choices.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot import choices
from bot.buttons import Button
from bot.buttons.actions import RunCommand
from bot.context import Context
from bot.conversation import Engine, Flow
from bot.events import Kind, Option
from bot.texts import common as t
from models import options
from models.conversations import Snapshot
from models.members import ROLE_RANK, Role

Handler = Callable[[Context], Awaitable[None]]
TypedHandler = Callable[[Context], Awaitable[bool]]

ACCESS_ANYONE = "anyone"
ACCESS_GUEST = "guest"


@dataclass(frozen=True)
class Command:
    """A slash command: who may use it and what it does."""

    name: str
    handler: Handler
    description: str
    access: str = ACCESS_ANYONE
    in_menu: bool = True
    button: str | None = None


@dataclass(frozen=True)
class Feature:
    """What one feature module registers."""

    name: str
    commands: tuple[Command, ...] = ()
    flows: tuple[Flow, ...] = ()
    actions: dict[type[Button], Handler] = field(default_factory=dict)
    typed: tuple[TypedHandler, ...] = ()
    """Readers of text typed outside a conversation, tried first; each tells whether it
    answered (e.g. a linking code)."""


def may_use(role: str, access: str) -> bool:
    """Tell whether someone with `role` (guest, member, coordinator, admin) may use `access`."""
    if access == ACCESS_ANYONE:
        return True
    if access == ACCESS_GUEST:
        return role == ACCESS_GUEST
    if role == ACCESS_GUEST:
        return False
    return ROLE_RANK[Role(role)] >= ROLE_RANK[Role(access)]


class Router:
    """All features' commands, flows and button actions, in the order features were given."""

    def __init__(self, features: list[Feature]) -> None:
        self.features = features
        self.commands: dict[str, Command] = {}
        self.actions: dict[type[Button], Handler] = {RunCommand: self._run_command_button}
        flows: list[Flow] = []
        self.typed: list[TypedHandler] = [reader for f in features for reader in f.typed]
        for feature in features:
            for command in feature.commands:
                if command.name in self.commands:
                    raise ValueError(f"command /{command.name} registered twice")
                self.commands[command.name] = command
            for kind, action in feature.actions.items():
                if any(kind.prefix == known.prefix for known in self.actions):
                    raise ValueError(f"action '{kind.prefix}' registered twice")
                self.actions[kind] = action
            flows.extend(feature.flows)
        self.engine = Engine(flows)

    def commands_for(self, role: str) -> list[Command]:
        """The menu commands someone with `role` may use, in registration order."""
        return [c for c in self.commands.values() if c.in_menu and may_use(role, c.access)]

    async def route(self, ctx: Context) -> None:
        """Answer one message."""
        if ctx.option is not None and ctx.option.scope is None:
            await self._run_action(ctx, ctx.option.value)
            return
        snapshot = await self.engine.load(ctx)
        if snapshot is not None:
            if not await self._answer_pushed_in_flow(ctx, snapshot):
                await self.engine.feed(ctx, snapshot)
            return
        event = ctx.event
        if ctx.option is not None:
            await self.show_menu(ctx, t.OLD_BUTTON)
        elif event.command is not None:
            await self.run_command(ctx, event.command)
        elif event.kind == Kind.TEXT:
            await self._typed_outside(ctx)
        else:
            await self.show_menu(ctx, t.NOT_SUPPORTED.format(what=_what_outside(event.kind)))

    async def old_button(self, ctx: Context) -> None:
        """Answer a button that is forged, unknown or too old: in a conversation its question
        again, otherwise the menu."""
        snapshot = await self.engine.load(ctx)
        if snapshot is None:
            await self.show_menu(ctx, t.OLD_BUTTON)
            return
        ctx.say(t.OLD_BUTTON)
        await self.engine.reask(ctx, snapshot)

    async def _typed_outside(self, ctx: Context) -> None:
        """Typed text with no conversation open: an answer to the last choices, or the menu."""
        text = ctx.event.text
        for reader in self.typed:
            if await reader(ctx):
                return
        shown = await choices.last_shown(ctx)
        option = choices.typed_pick(shown, text)
        if option is not None:
            resolved = choices.press(ctx, option)
            await self._run_action(ctx, resolved.value)
            return
        number = options.typed_number(text)
        if number is None:
            await self.show_menu(ctx, t.FREE_TEXT_OUTSIDE)
        elif shown is None:
            await self.show_menu(ctx, t.NOTHING_TO_PICK.format(number=number))
        else:
            choices.repeat(ctx, shown, number)

    async def _answer_pushed_in_flow(self, ctx: Context, snapshot: Snapshot) -> bool:
        """Answer a typed label of a message pushed during the conversation (the step does not
        claim it), then ask the step's question again; tell whether it was one."""
        event = ctx.event
        if ctx.option is not None or event.kind != Kind.TEXT or event.command is not None:
            return False
        if self.engine.claims(snapshot, event.text):
            return False
        shown = await choices.last_shown(ctx)
        if shown is None or shown.question_after:
            return False
        option = shown.labelled(event.text)
        if option is None:
            return False
        resolved = choices.press(ctx, option)
        await self._run_action(ctx, resolved.value)
        await self.engine.resume(ctx, snapshot)
        return True

    async def run_command(self, ctx: Context, name: str) -> None:
        """Run a command if the person may use it; otherwise say why not."""
        command = self.commands.get(name)
        if command is None:
            await self.show_menu(ctx, t.UNKNOWN_COMMAND.format(command=name))
            return
        if not may_use(ctx.role, command.access):
            if command.access == ACCESS_GUEST:
                await self.show_menu(ctx, t.GUEST_ONLY)
                return
            role_name = t.ROLE_REFUSAL_ROLE_NAMES.get(command.access, command.access)
            ctx.say(t.NOT_ALLOWED.format(role=role_name))
            return
        await command.handler(ctx)

    async def show_menu(self, ctx: Context, header: str | None = None) -> None:
        """List the commands the person may use, with buttons for the main ones."""
        commands = self.commands_for(ctx.role)
        lines = [header] if header else []
        lines.append(t.MENU_HEADER)
        lines.extend(f"/{c.name} — {c.description}" for c in commands)
        buttons = [Option(c.button, RunCommand(c.name).encode()) for c in commands if c.button]
        ctx.say("\n".join(lines), buttons, columns=2)

    async def _run_action(self, ctx: Context, value: str) -> None:
        for kind, action in self.actions.items():
            if kind.decode(value) is not None:
                await action(ctx)
                return
        await self.old_button(ctx)

    async def _run_command_button(self, ctx: Context) -> None:
        assert ctx.option is not None
        button = RunCommand.decode(ctx.option.value)
        assert button is not None
        await self.run_command(ctx, button.name)


def _what_outside(kind: Kind) -> str:
    return {
        Kind.STICKER: t.WHAT_STICKER,
        Kind.VOICE: t.WHAT_VOICE,
        Kind.LOCATION: t.WHAT_LOCATION,
    }.get(kind, t.WHAT_OTHER)
