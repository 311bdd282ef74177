"""Turning one incoming message into delivered replies: one database session per message,
messages of one person in order, different people at the same time."""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.context import Context, Services
from bot.events import Incoming, Outgoing, RenderedOption, Reply
from bot.router import Router
from bot.texts import common as t
from models import conversations, members, options
from models.conversations import StaleConversation

log = logging.getLogger(__name__)

Deliver = Callable[[Incoming, list[Outgoing]], Awaitable[None]]
STALE_RETRIES = 3


class Dispatcher:
    """Runs the router for each incoming message and hands the answer to the channel."""

    def __init__(
        self,
        *,
        router: Router,
        sessions: async_sessionmaker[AsyncSession],
        services: Services,
    ) -> None:
        self.router = router
        self.sessions = sessions
        self.services = services
        self._locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    def _lock_for(self, event: Incoming) -> asyncio.Lock:
        key = (event.channel, event.external_id)
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    async def handle(self, event: Incoming, deliver: Deliver) -> list[Outgoing]:
        """Answer `event` and deliver the answer, after any earlier message of the same person."""
        lock = self._lock_for(event)
        metrics = self.services.metrics
        async with lock:
            started = time.perf_counter()
            outgoing = await self.answer(event)
            if outgoing:
                try:
                    await deliver(event, outgoing)
                    metrics.replies.labels(channel=event.channel).inc(len(outgoing))
                except Exception:
                    metrics.reply_failures.labels(channel=event.channel).inc()
                    log.exception(
                        "delivery failed channel=%s user=%s", event.channel, event.external_id
                    )
            kind = "command" if event.command else str(event.kind)
            metrics.handled(event.channel, kind, time.perf_counter() - started)
            return outgoing

    async def answer(self, event: Incoming) -> list[Outgoing]:
        """Compute the answer to `event`, committing what the handlers wrote."""
        if not event.is_private:
            return self._group_answer(event)
        for _attempt in range(STALE_RETRIES):
            try:
                return await self._answer_once(event)
            except StaleConversation:
                log.info("conversation moved on elsewhere; retrying %s", event.external_id)
            except Exception:
                log.exception(
                    "handler failed channel=%s user=%s kind=%s command=%s",
                    event.channel,
                    event.external_id,
                    event.kind,
                    event.command,
                )
                return [Outgoing(text=t.ERROR_TRY_AGAIN)]
        return [Outgoing(text=t.BUSY_TRY_AGAIN)]

    async def _answer_once(self, event: Incoming) -> list[Outgoing]:
        async with self.sessions() as session:
            await conversations.hold_turn(
                session, channel=event.channel, external_id=event.external_id
            )
            identity = await members.touch_identity(
                session,
                channel=event.channel,
                external_id=event.external_id,
                chat_id=event.chat_id,
                display_name=event.display_name,
            )
            member = None
            if identity.member_id is not None:
                member = await members.get_member(session, member_id=identity.member_id)
            ctx = Context(
                event=event,
                session=session,
                services=self.services,
                identity=identity,
                member=member,
                router=self.router,
            )
            if event.option_token:
                ctx.option = await options.resolve(
                    session,
                    token=event.option_token,
                    channel=event.channel,
                    external_id=event.external_id,
                )
                if ctx.option is None:
                    await self.router.old_button(ctx)
            if not ctx.replies:
                await self.router.route(ctx)
            now = self.services.clock()
            outgoing = [
                await render(
                    session, reply, channel=event.channel, external_id=event.external_id, now=now
                )
                for reply in ctx.replies
            ]
            await session.commit()
            return outgoing

    def _group_answer(self, event: Incoming) -> list[Outgoing]:
        if event.command is None or not event.addressed_to_bot:
            return []
        username = self.services.bot_usernames.get(event.channel)
        text = t.GROUP_INVITE.format(bot_username=username) if username else t.GROUP_INVITE_NO_NAME
        return [Outgoing(text=text)]


async def render(
    session: AsyncSession,
    reply: Reply,
    *,
    channel: str,
    external_id: str,
    now: datetime | None = None,
) -> Outgoing:
    """Give each option of a reply a numbered token that only this person can use.

    The options of a reply outside a conversation become the person's last shown set, so a
    typed number or label answers them too (bot.choices).
    """
    tokens = await options.issue_set(
        session,
        channel=channel,
        external_id=external_id,
        options=[(option.label, option.value) for option in reply.options],
        scope=reply.scope,
        heading=reply.text,
        columns=reply.columns,
        now=now,
    )
    rendered = tuple(
        RenderedOption(label=option.label, token=token, number=number)
        for number, (option, token) in enumerate(zip(reply.options, tokens, strict=True), 1)
    )
    return Outgoing(
        text=reply.text,
        options=rendered,
        columns=reply.columns,
        document=reply.document,
        image=reply.image,
        ask_contact=reply.ask_contact,
    )
