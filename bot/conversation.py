"""Multi-step conversations whose state lives in the database.

A flow is a list of steps. Each step asks (prompt) and reads the answer (handle).
The engine adds what every step needs: re-asking on bad input, `Quay lại` (back),
`/huy` (cancel), options picked by number or label, stale-button detection and
expiry of idle conversations. A restart or another process continues where the
person was, because nothing but the database remembers the conversation.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypedDict

from bot.context import Context
from bot.events import Kind, Option, Reply
from bot.texts import common as t
from models import conversations
from models.conversations import Snapshot
from models.options import typed_number
from models.text_keys import fold_simple

BACK_VALUE = "__back__"
CANCEL_VALUE = "__cancel__"
BACK_WORDS = {"quay lai", "back", "tro lai"}
CANCEL_WORDS = {"huy", "cancel", "thoat"}
FIRST_VERSIONS = 1 << 30


@dataclass(frozen=True)
class Next:
    """Go on to another step (the current one is remembered for `Quay lại`)."""

    step: str


@dataclass(frozen=True)
class Retry:
    """The answer was not usable: say why and ask the same question again."""

    message: str


@dataclass(frozen=True)
class Done:
    """The conversation is over; the handler has already said what to say."""


Outcome = Next | Retry | Done


@dataclass
class Turn:
    """One answer to one step: the handler's view of the message and the flow's data."""

    ctx: Context
    data: dict[str, Any]
    value: str | None

    @property
    def text(self) -> str:
        """The typed text, trimmed."""
        return self.ctx.event.text.strip()

    def resume(self, default: str) -> str:
        """The step to go to next: back to the review step if the person came from it."""
        return str(self.data.pop("_return_to", default))


Prompt = Callable[[Turn], Awaitable[Reply]]
Handle = Callable[[Turn], Awaitable[Outcome]]


@dataclass(frozen=True)
class Step:
    """One question of a flow."""

    name: str
    prompt: Prompt
    handle: Handle
    free_text: bool = True
    accepts: frozenset[Kind] = frozenset({Kind.TEXT, Kind.OPTION})


@dataclass(frozen=True)
class Flow:
    """A named multi-step conversation."""

    name: str
    title: str
    steps: tuple[Step, ...]
    on_cancel: Callable[[Turn], Awaitable[None]] | None = None
    by_name: dict[str, Step] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {step.name: step for step in self.steps})

    def step(self, name: str) -> Step:
        """The step called `name` (the first one if the name is unknown, e.g. after an upgrade)."""
        return self.by_name.get(name, self.steps[0])


class Engine:
    """Runs flows: starts them, feeds them answers, and keeps their state in the database."""

    def __init__(self, flows: list[Flow]) -> None:
        self.flows = {flow.name: flow for flow in flows}

    def _timeout(self, ctx: Context) -> timedelta:
        return timedelta(hours=ctx.config.bot.conversation_timeout_hours)

    async def start(self, ctx: Context, name: str, data: dict[str, Any]) -> None:
        """Begin flow `name` for the person in `ctx`, replacing any open conversation."""
        flow = self.flows[name]
        old = await conversations.load(ctx.session, **_who(ctx))
        snapshot = Snapshot(
            flow=name,
            step=flow.steps[0].name,
            data=data,
            history=[],
            options=[],
            # A new conversation's versions start at random, so the buttons of an earlier,
            # ended conversation of the same flow (same scope otherwise) stay stale.
            version=old.version if old else secrets.randbelow(FIRST_VERSIONS),
            updated_at=ctx.now(),
            row_id=old.row_id if old else None,
        )
        await self._ask(ctx, flow, snapshot)

    async def load(self, ctx: Context) -> Snapshot | None:
        """The person's open conversation, or None; an expired one is ended and announced."""
        snapshot = await conversations.load(ctx.session, **_who(ctx))
        if snapshot is None:
            return None
        flow = self.flows.get(snapshot.flow)
        if flow is None or ctx.now() - snapshot.updated_at > self._timeout(ctx):
            await conversations.clear(ctx.session, **_who(ctx))
            ctx.say(t.EXPIRED.format(title=flow.title if flow else snapshot.flow))
            return None
        return snapshot

    async def feed(self, ctx: Context, snapshot: Snapshot) -> None:
        """Handle the message in `ctx` as an answer to the open conversation."""
        flow = self.flows[snapshot.flow]
        step = flow.step(snapshot.step)
        event = ctx.event
        value: str | None = None
        if ctx.option is not None:
            if ctx.option.scope != _scope(flow, snapshot.version):
                ctx.say(t.OLD_BUTTON)
                await self._ask(ctx, flow, snapshot)
                return
            value = ctx.option.value
        folded = fold_simple(event.text) if event.kind == Kind.TEXT else ""
        if value is None and event.kind == Kind.TEXT:
            value = _typed_option(event.text, snapshot.options, controls=not step.free_text)
        if value == CANCEL_VALUE or event.command == "huy" or folded in CANCEL_WORDS:
            await self.cancel(ctx, snapshot)
            return
        if value == BACK_VALUE or folded in BACK_WORDS:
            await self._back(ctx, flow, snapshot)
            return
        if event.command is not None:
            ctx.say(t.IN_CONVERSATION.format(title=flow.title))
            await self._ask(ctx, flow, snapshot)
            return
        if event.kind not in step.accepts and not (value and event.kind == Kind.TEXT):
            ctx.say(t.NOT_SUPPORTED.format(what=_what(event.kind)))
            await self._ask(ctx, flow, snapshot)
            return
        if not step.free_text and value is None:
            ctx.say(t.PICK_AN_OPTION)
            await self._ask(ctx, flow, snapshot)
            return
        turn = Turn(ctx=ctx, data=snapshot.data, value=value)
        outcome = await step.handle(turn)
        if isinstance(outcome, Done):
            # At this version only: a handler may have started another flow meanwhile.
            await conversations.clear(ctx.session, **_who(ctx), version=snapshot.version)
        elif isinstance(outcome, Retry):
            ctx.say(outcome.message)
            await self._ask(ctx, flow, snapshot)
        else:
            snapshot.history.append(snapshot.step)
            snapshot.step = outcome.step
            await self._ask(ctx, flow, snapshot)

    def claims(self, snapshot: Snapshot, text: str) -> bool:
        """Tell whether the open step takes this typed text itself.

        A free-text step takes any text; an options-only step takes its options' numbers and
        labels, `Quay lại`/`Hủy`, and every other number too (numbers belong to its question).
        """
        flow = self.flows.get(snapshot.flow)
        if flow is None:
            return True
        step = flow.step(snapshot.step)
        if step.free_text or typed_number(text) is not None:
            return True
        folded = fold_simple(text)
        if folded in CANCEL_WORDS or folded in BACK_WORDS:
            return True
        return _typed_option(text, snapshot.options, controls=True) is not None

    async def reask(self, ctx: Context, snapshot: Snapshot) -> None:
        """Ask the open step's question again (after something else was answered)."""
        flow = self.flows.get(snapshot.flow)
        if flow is not None:
            await self._ask(ctx, flow, snapshot)

    async def resume(self, ctx: Context, snapshot: Snapshot) -> None:
        """Ask the question again if the conversation is still where `snapshot` left it."""
        current = await conversations.load(ctx.session, **_who(ctx))
        if current is not None and (current.flow, current.version) == (
            snapshot.flow,
            snapshot.version,
        ):
            await self.reask(ctx, current)

    async def cancel(self, ctx: Context, snapshot: Snapshot) -> None:
        """End the open conversation at the person's request."""
        flow = self.flows.get(snapshot.flow)
        if flow is not None and flow.on_cancel is not None:
            await flow.on_cancel(Turn(ctx=ctx, data=snapshot.data, value=None))
        await conversations.clear(ctx.session, **_who(ctx))
        await ctx.show_menu(t.CANCELLED)

    async def _back(self, ctx: Context, flow: Flow, snapshot: Snapshot) -> None:
        if snapshot.history:
            snapshot.step = snapshot.history.pop()
            snapshot.data.pop("_return_to", None)
        else:
            ctx.say(t.STEP_FIRST)
        await self._ask(ctx, flow, snapshot)

    async def _ask(self, ctx: Context, flow: Flow, snapshot: Snapshot) -> None:
        step = flow.step(snapshot.step)
        snapshot.step = step.name
        reply = await step.prompt(Turn(ctx=ctx, data=snapshot.data, value=None))
        options = list(reply.options)
        if snapshot.history:
            options.append(Option(t.BACK, BACK_VALUE))
        options.append(Option(t.CANCEL, CANCEL_VALUE))
        snapshot.options = [[option.label, option.value] for option in options]
        version = await conversations.save(
            ctx.session, **_who(ctx), snapshot=snapshot, now=ctx.now()
        )
        ctx.replies.append(
            dataclasses.replace(reply, options=tuple(options), scope=_scope(flow, version))
        )


class _Who(TypedDict):
    channel: str
    external_id: str


def _who(ctx: Context) -> _Who:
    return {"channel": ctx.event.channel, "external_id": ctx.event.external_id}


def _scope(flow: Flow, version: int) -> str:
    return f"{flow.name}:{version}"


def _typed_option(text: str, options: list[list[str]], *, controls: bool) -> str | None:
    """Read a typed number (`2`, `2.`, `số 2`) or label as the option it names.

    A number names `Quay lại`/`Hủy` only when `controls` is set (options-only steps): in a
    free-text step "1" or "2" is an answer, not a request to go back or cancel.
    """
    number = typed_number(text)
    if number is not None and 1 <= number <= len(options):
        value = options[number - 1][1]
        return value if controls or value not in (BACK_VALUE, CANCEL_VALUE) else None
    key = fold_simple(text)
    for label, value in options:
        if key and fold_simple(label) == key:
            return value
    return None


def _what(kind: Kind) -> str:
    return {
        Kind.STICKER: t.WHAT_STICKER,
        Kind.VOICE: t.WHAT_VOICE,
        Kind.LOCATION: t.WHAT_LOCATION,
        Kind.PHOTO: t.WHAT_PHOTO,
        Kind.DOCUMENT: t.WHAT_DOCUMENT,
        Kind.CONTACT: t.WHAT_CONTACT,
    }.get(kind, t.WHAT_OTHER)
