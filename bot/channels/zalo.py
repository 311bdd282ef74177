"""Zalo through the Zalo Bot Platform: long polling or webhook, text-only replies, each
message answered once even when Zalo delivers it twice. A picture a person sends can be
downloaded from the address Zalo gives (`zalo_files`); Zalo passes on no documents.

Updates from either mode go through `take`: parsed, claimed by message id in the database
(a redelivery stops there), then answered in a task of its own, so a slow answer never
holds up the next poll. Answers to one person stay in order (the dispatcher serialises a
person's turns, and tasks start in the order updates arrived).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any

import httpx
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.routing import BaseRoute

from bot.channels import zalo_files, zalo_send
from bot.channels.base import (
    Channel,
    Handle,
    Limits,
    MaybeDelivered,
    OnUnreachable,
    PermanentFailure,
    RateLimited,
    SendFailure,
    TemporaryFailure,
    Unreachable,
)
from bot.channels.file_links import FileLinks
from bot.channels.zalo_api import ZaloApi, ZaloApiError, ZaloProtocolError
from bot.channels.zalo_updates import NAME, Update, parse
from bot.channels.zalo_webhook import webhook_route
from bot.config import ZaloSection
from bot.events import (
    Attachment,
    FetchedFile,
    FileTooBig,
    FileUnavailable,
    Incoming,
    Kind,
    Outgoing,
)
from bot.startup import StartFailure
from bot.texts import zalo as t
from models import zalo_updates
from models.base import utcnow

log = logging.getLogger(__name__)

POLL_TIMEOUT = 30.0
"""Seconds one getUpdates call may wait for a message (Zalo's default)."""
BACKOFF_FIRST = 1.0
BACKOFF_CAP = 60.0
REPLY_ATTEMPTS = 3
REPLY_MAX_WAIT = 30.0
STOP_WAIT = 10.0
KEEP_SEEN = timedelta(days=7)
PRUNE_EVERY = 1000


class ZaloChannel(Channel):
    """The Zalo adapter: polls or serves the webhook, and feeds our dispatcher."""

    name = NAME
    has_buttons = False
    fetchable_kinds = frozenset({Kind.PHOTO})
    text_limit = zalo_send.TEXT_LIMIT

    def __init__(
        self,
        settings: ZaloSection,
        *,
        sessions: async_sessionmaker[AsyncSession],
        handle: Handle,
        on_unreachable: OnUnreachable,
        clock: Callable[[], datetime] = utcnow,
        api: ZaloApi | None = None,
        links: FileLinks | None = None,
    ) -> None:
        self.settings = settings
        self.sessions = sessions
        self.handle = handle
        self.on_unreachable = on_unreachable
        self.clock = clock
        self.api = api or ZaloApi(settings.api_base_url, settings.token)
        self.links = links
        """Where files go as signed download links (None: files are named instead)."""
        self.poll_timeout = POLL_TIMEOUT
        self.download_timeout = zalo_files.DOWNLOAD_TIMEOUT
        self.backoff = (BACKOFF_FIRST, BACKOFF_CAP)
        self._username = ""
        self._poller: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._claims = 0
        self.taken = 0
        """Updates taken in since start, redeliveries included."""

    @property
    def limits(self) -> Limits:
        """The configured limits (`zalo.messages_per_second`, `per_chat_per_second`)."""
        return Limits(self.settings.messages_per_second, self.settings.per_chat_per_second)

    @property
    def username(self) -> str:
        """The bot's account name on Zalo, known once started."""
        return self._username

    def split_text(self, text: str) -> list[str]:
        """Cut a text into Zalo messages (≤ 2000 UTF-16 units, at natural boundaries)."""
        return zalo_send.split_text(text, self.text_limit)

    def routes(self) -> list[BaseRoute]:
        """The webhook endpoint (`/zalo/webhook`, checked against the secret)."""
        return [webhook_route(self)]

    async def fetch_file(self, attachment: Attachment, *, max_bytes: int) -> FetchedFile:
        """Download a picture a person sent, from the address Zalo gave (documents never
        come from Zalo): `FileTooBig`, `NotAnImage` or `FileUnavailable` when it cannot be
        kept."""
        if attachment.kind != Kind.PHOTO:
            raise FileUnavailable(f"zalo passes on no {attachment.kind}")
        url = attachment.file_id
        try:
            return await zalo_files.download_image(
                self.api.http, url, max_bytes=max_bytes, within=self.download_timeout
            )
        except FileTooBig as error:
            log.info("zalo: a picture from %s is over %d bytes", zalo_files.shown(url), error.size)
            raise
        except FileUnavailable as error:
            log.warning("zalo: picture from %s not kept (%s)", zalo_files.shown(url), error)
            raise

    # ---- starting and stopping -------------------------------------------------------

    async def start(self) -> None:
        """Check the token, then poll or register the webhook.

        A token Zalo rejects, an API that cannot be reached or answers oddly, or a webhook
        address Zalo refuses raise `StartFailure` naming the setting, without the token.
        """
        me = await self._start_call("zalo.api_base_url", self.api.get_me())
        self._username = str(me.get("account_name") or me.get("name") or "")
        await self._forget_old()
        if self.settings.mode == "webhook":
            url, secret = self.settings.webhook_url, self.settings.webhook_secret
            await self._start_call("zalo.webhook_url", self.api.set_webhook(url, secret))
        else:
            await self._start_call("zalo.api_base_url", self.api.delete_webhook())
        log.info("zalo channel started as %s in %s mode", self.username, self.settings.mode)

    @property
    def polls(self) -> bool:
        """In polling mode (only one process may ask for updates)."""
        return self.settings.mode != "webhook"

    async def start_polling(self) -> None:
        """Start asking Zalo for updates."""
        if self._poller is None or self._poller.done():
            self._poller = asyncio.create_task(self._poll(), name="zalo-poll")

    async def stop_polling(self) -> None:
        """Stop asking for updates (a poll under way is cut short); sending goes on."""
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None

    async def _start_call(self, setting: str, call: Coroutine[Any, Any, Any]) -> Any:
        url = self.settings.api_base_url.rstrip("/")
        try:
            return await call
        except ZaloApiError as error:
            if error.code == 401:
                raise StartFailure("zalo.token", t.TOKEN_REJECTED) from None
            template = t.WEBHOOK_REFUSED if setting == "zalo.webhook_url" else t.API_REFUSED
            problem = template.format(url=url, error=self.api.masked(str(error)))
        except httpx.HTTPError as error:
            detail = self.api.masked(str(error) or type(error).__name__)
            problem, setting = t.API_UNREACHABLE.format(url=url, error=detail), "zalo.api_base_url"
        except (ZaloProtocolError, TypeError, KeyError, AttributeError) as error:
            detail = self.api.masked(str(error) or type(error).__name__)
            problem, setting = t.API_UNEXPECTED.format(url=url, error=detail), "zalo.api_base_url"
        raise StartFailure(setting, problem.splitlines()[0])

    async def stop(self) -> None:
        """Stop polling, let the answers under way finish, then close connections."""
        await self.stop_polling()
        try:
            await asyncio.wait_for(self.drain(), STOP_WAIT)
        except TimeoutError:
            log.warning("zalo: %d answers still running at stop; cancelled", len(self._tasks))
            for task in list(self._tasks):
                task.cancel()
        await self.api.aclose()

    async def drain(self) -> None:
        """Wait until every update taken in so far has been answered."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # ---- receiving -------------------------------------------------------------------

    def webhook_secret_ok(self, header: str | None) -> bool:
        """Check the secret Zalo sends with each webhook request (constant time)."""
        expected = self.settings.webhook_secret if self.settings.mode == "webhook" else ""
        return bool(expected) and hmac.compare_digest((header or "").encode(), expected.encode())

    async def take(self, payload: Any) -> bool:
        """Take one update in (from a poll or the webhook); False if it was seen before.

        `ValueError` when the payload is not an update; a database error when the update
        cannot be recorded (then it is not answered either).
        """
        update = parse(payload)
        try:
            return await self._take(update)
        finally:
            self.taken += 1

    async def _take(self, update: Update) -> bool:
        if update.message_id is not None and not await self._claim(
            update.message_id, update.chat_id or ""
        ):
            log.info("zalo message %s delivered again; answered already", update.message_id)
            return False
        if update.incoming is None:
            log.info("zalo %s without a chat to answer; ignored", update.event_name)
            return True
        task = asyncio.create_task(self._answer(update.incoming))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    async def _claim(self, message_id: str, chat_id: str) -> bool:
        async with self.sessions() as session:
            fresh = await zalo_updates.claim(
                session, message_id=message_id, chat_id=chat_id, now=self.clock()
            )
            await session.commit()
        self._claims += 1
        if self._claims % PRUNE_EVERY == 0:
            await self._forget_old()
        return fresh

    async def _forget_old(self) -> None:
        async with self.sessions() as session:
            await zalo_updates.forget_before(session, before=self.clock() - KEEP_SEEN)
            await session.commit()

    async def _answer(self, event: Incoming) -> None:
        try:
            await self.handle(event, self.deliver)
        except Exception:
            log.exception("zalo update failed chat=%s kind=%s", event.chat_id, event.kind)

    async def _poll(self) -> None:
        """Ask for updates until stopped; an empty poll (408) is not an error."""
        failures = 0
        while True:
            try:
                payload = await self.api.get_update(self.poll_timeout)
            except ZaloApiError as error:
                if error.code == zalo_send.REQUEST_TIMEOUT:
                    failures = 0
                    continue
                failures = await self._pause(failures, str(error))
                continue
            except httpx.ReadTimeout:
                continue  # Zalo held the poll a little past its timeout: nothing came
            except (httpx.HTTPError, ZaloProtocolError) as error:
                failures = await self._pause(failures, str(error) or type(error).__name__)
                continue
            failures = 0
            if not payload:
                continue
            try:
                await self.take(payload)
            except ValueError as error:
                log.warning("zalo getUpdates: skipped an answer that is not an update: %s", error)
            except SQLAlchemyError as error:
                log.error("zalo: could not record an update (%s); skipped", type(error).__name__)

    async def _pause(self, failures: int, reason: str) -> int:
        first, cap = self.backoff
        delay = min(cap, first * 2**failures)
        log.warning(
            "zalo getUpdates failed (%s); retrying in %.1fs", self.api.masked(reason), delay
        )
        await asyncio.sleep(delay)
        return failures + 1

    # ---- sending ---------------------------------------------------------------------

    async def deliver(self, event: Incoming, outgoing: list[Outgoing]) -> None:
        """Send the answer to the chat the message came from (waiting out a 429 or two)."""
        for message in outgoing:
            try:
                await self._send(event.chat_id, message, attempts=REPLY_ATTEMPTS)
            except Unreachable as error:
                await self.on_unreachable(self.name, event.chat_id, error.reason)
                return
            except SendFailure as error:
                log.warning("reply to zalo chat %s failed: %s", event.chat_id, error.reason)
                return

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Send one message; failures are raised as `SendFailure` subclasses."""
        return await self._send(chat_id, message, attempts=1)

    async def _send(self, chat_id: str, message: Outgoing, *, attempts: int) -> str:
        sent = ""
        message = await self._with_links(chat_id, message)
        for piece in zalo_send.render(message):
            if piece.photo_url is None:
                request = partial(self.api.send_message, chat_id, piece.text)
                sent = await self._call(chat_id, request, attempts=attempts)
                continue
            request = partial(self.api.send_photo, chat_id, piece.photo_url, piece.text)
            try:
                sent = await self._call(chat_id, request, attempts=attempts)
            except PermanentFailure as error:
                # Zalo could not take the picture (it could not fetch it, or a format it
                # refuses): the caption goes as text with the picture's address instead.
                log.warning(
                    "zalo chat %s: photo refused (%s); sent as a link",
                    chat_id,
                    error.reason.split(" ", 1)[0],
                )
                for part in zalo_send.photo_as_text(piece):
                    request = partial(self.api.send_message, chat_id, part)
                    sent = await self._call(chat_id, request, attempts=attempts)
        return sent

    async def _with_links(self, chat_id: str, message: Outgoing) -> Outgoing:
        """The message with download links for its files, when a public address is set.

        A picture's link may be fetched again until it runs out (Zalo's servers fetch it);
        a document's works once. When links cannot be made, the files are named instead.
        """
        links = self.links
        if links is None or (message.image is None and message.document is None):
            return message
        extra = dict(message.extra)
        now = self.clock()
        try:
            async with self.sessions() as session:
                if message.image is not None and not zalo_send.is_public_url(
                    extra.get(zalo_send.PHOTO_URL)
                ):
                    link = await links.issue(session, chat_id, message.image, now, once=False)
                    extra[zalo_send.PHOTO_URL] = links.url(link)
                if message.document is not None:
                    document = message.document
                    link = await links.issue(session, chat_id, document, now, once=True)
                    extra[zalo_send.FILE_NOTE] = zalo_send.link_note(
                        document.filename,
                        document.mime_type,
                        links.url(link),
                        link.expires_at,
                        links.zone,
                    )
                await session.commit()
        except SQLAlchemyError as error:
            log.error("zalo: no download link for chat %s (%s)", chat_id, type(error).__name__)
            return message
        return replace(message, extra=extra)

    async def _call(
        self, chat_id: str, request: Callable[[], Awaitable[str]], *, attempts: int
    ) -> str:
        """Run one send, retrying it alone after a short wait when Zalo says slow down."""
        for attempt in range(1, attempts + 1):
            try:
                return await request()
            except ZaloApiError as error:
                problem = zalo_send.failure(error)
            except (httpx.ConnectTimeout, httpx.PoolTimeout) as error:
                raise TemporaryFailure("timed out before sending") from error  # never left
            except httpx.TimeoutException as error:
                raise MaybeDelivered("timed out") from error
            except (httpx.HTTPError, ZaloProtocolError) as error:
                raise TemporaryFailure(str(error) or type(error).__name__) from error
            if (
                not isinstance(problem, RateLimited)
                or attempt == attempts
                or problem.retry_after > REPLY_MAX_WAIT
            ):
                raise problem
            log.info("zalo chat %s waits %.1fs (429)", chat_id, problem.retry_after)
            await asyncio.sleep(problem.retry_after)
        raise AssertionError("unreachable")
