"""Telegram through python-telegram-bot: polling or webhook, inline keyboards, rate limits."""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import httpx
from starlette.routing import BaseRoute
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import MessageLimit
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.channels.base import (
    Channel,
    Handle,
    Health,
    Limits,
    MaybeDelivered,
    Menus,
    OnUnreachable,
    PermanentFailure,
    RateLimited,
    SendFailure,
    TemporaryFailure,
    Unreachable,
    split_text,
)
from bot.channels.telegram_webhook import webhook_route
from bot.config import TelegramSection
from bot.events import Attachment, FetchedFile, FileTooBig, Incoming, Kind, Outgoing
from bot.startup import StartFailure
from bot.texts import telegram as t

log = logging.getLogger(__name__)

NAME = "telegram"
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH
TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH

REPLY_ATTEMPTS = 3
REPLY_MAX_WAIT = 30.0
RATE_LIMITER_LOGGER = "telegram.ext.AIORateLimiter"


def build_application(settings: TelegramSection) -> Application[Any, Any, Any, Any, Any, Any]:
    """Build PTB's Application for our settings (base URL, pools, rate limiter)."""
    base = settings.api_base_url.rstrip("/")
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .connection_pool_size(settings.connection_pool_size)
        .pool_timeout(30)
        .connect_timeout(10)
        .read_timeout(settings.send_timeout)
        .write_timeout(30)
        .get_updates_connection_pool_size(2)
        .get_updates_read_timeout(35)
        .job_queue(None)
        .concurrent_updates(256)
        .rate_limiter(AIORateLimiter(overall_max_rate=settings.messages_per_second, max_retries=0))
    )
    _quieten_rate_limiter()
    return builder.build()


class _HandledRateLimits(logging.Filter):
    """Drop PTB's ERROR traceback for each 429 (with max_retries=0 the caller handles it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep every record but the one about giving up after zero retries."""
        return not str(record.msg).startswith("Rate limit hit after maximum")


def _quieten_rate_limiter() -> None:
    logger = logging.getLogger(RATE_LIMITER_LOGGER)
    if not any(isinstance(f, _HandledRateLimits) for f in logger.filters):
        logger.addFilter(_HandledRateLimits())


def to_incoming(update: Update, bot_username: str) -> Incoming | None:
    """Describe a Telegram update as a channel-neutral message (None if it needs no answer)."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return None
    common: dict[str, Any] = {
        "channel": NAME,
        "external_id": str(user.id),
        "chat_id": str(chat.id),
        "display_name": user.full_name,
        "is_private": chat.type == chat.PRIVATE,
    }
    if update.callback_query is not None:
        return Incoming(kind=Kind.OPTION, option_token=update.callback_query.data, **common)
    message = update.message
    if message is None:
        return None
    if message.text is not None:
        text = message.text
        addressed = bool(bot_username) and f"@{bot_username.lower()}" in text.lower()
        return Incoming(kind=Kind.TEXT, text=text, addressed_to_bot=addressed, **common)
    return _media_incoming(message, common)


def _media_incoming(message: Message, common: dict[str, Any]) -> Incoming:
    if message.contact is not None:
        own = message.contact.user_id == message.from_user.id if message.from_user else False
        phone = message.contact.phone_number if own else None
        return Incoming(kind=Kind.CONTACT, contact_phone=phone, contact_is_own=own, **common)
    if message.photo:
        attachment = Attachment(Kind.PHOTO, message.photo[-1].file_id, None, "image/jpeg")
        return Incoming(
            kind=Kind.PHOTO, text=message.caption or "", attachment=attachment, **common
        )
    if message.document is not None:
        doc = message.document
        attachment = Attachment(Kind.DOCUMENT, doc.file_id, doc.file_name, doc.mime_type)
        return Incoming(
            kind=Kind.DOCUMENT, text=message.caption or "", attachment=attachment, **common
        )
    if message.sticker is not None:
        return Incoming(kind=Kind.STICKER, **common)
    if message.voice is not None or message.audio is not None:
        return Incoming(kind=Kind.VOICE, **common)
    if message.location is not None or message.venue is not None:
        return Incoming(kind=Kind.LOCATION, **common)
    return Incoming(kind=Kind.OTHER, **common)


def inline_keyboard(message: Outgoing) -> InlineKeyboardMarkup | None:
    """Render options as an inline keyboard whose buttons carry only tokens."""
    if not message.options:
        return None
    rows = [
        [InlineKeyboardButton(option.label, callback_data=option.token) for option in row]
        for row in message.option_rows()
    ]
    return InlineKeyboardMarkup(rows)


async def send_message(bot: Bot, chat_id: str, message: Outgoing, *, patient: bool = False) -> str:
    """Send one rendered reply; return the id of the last message sent.

    A `patient` send (a person is waiting for this answer) waits out short flood waits on
    each Bot API call, so a long reply split in parts never repeats a part already sent.
    """
    api = _Api(bot, chat_id, attempts=REPLY_ATTEMPTS if patient else 1)
    try:
        return await _send(api, message)
    except RetryAfter as error:
        raise RateLimited(str(error), _seconds(error)) from error
    except Forbidden as error:
        raise Unreachable(error.message) from error
    except BadRequest as error:
        raise PermanentFailure(error.message) from error
    except TimedOut as error:
        if isinstance(error.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout):
            raise TemporaryFailure("timed out before sending") from error  # never left
        raise MaybeDelivered("timed out") from error
    except NetworkError as error:
        raise TemporaryFailure(error.message) from error
    except TelegramError as error:
        raise PermanentFailure(error.message) from error


def _seconds(error: RetryAfter) -> float:
    delay = error.retry_after
    return float(delay if isinstance(delay, int | float) else delay.total_seconds())


class _Api:
    """Bot API calls for one chat, optionally waiting out short 429s call by call."""

    def __init__(self, bot: Bot, chat_id: str, *, attempts: int) -> None:
        self.bot = bot
        self.chat_id = chat_id
        self.attempts = attempts

    async def call(self, request: Callable[[], Awaitable[Message]]) -> Message:
        """Run one Bot API request, retrying it alone after a short flood wait."""
        for attempt in range(1, self.attempts + 1):
            try:
                return await request()
            except RetryAfter as error:
                if attempt == self.attempts or _seconds(error) > REPLY_MAX_WAIT:
                    raise
                log.info("chat %s waits %.1fs (429)", self.chat_id, _seconds(error))
                await asyncio.sleep(_seconds(error))
        raise AssertionError("unreachable")

    async def text(self, text: str, markup: Any) -> Message:
        """Send a text, in several messages when it is over Telegram's limit."""
        chunks = split_text(text or "…", TEXT_LIMIT)
        sent: Message | None = None
        for index, chunk in enumerate(chunks):
            keyboard = markup if index == len(chunks) - 1 else None
            sent = await self.call(
                partial(self.bot.send_message, self.chat_id, chunk, reply_markup=keyboard)
            )
        assert sent is not None
        return sent


async def _send(api: _Api, message: Outgoing) -> str:
    keyboard = inline_keyboard(message)
    if message.document is not None or message.image is not None:
        attachment = message.document or message.image
        assert attachment is not None
        caption = message.text if len(message.text) <= CAPTION_LIMIT else None
        upload = InputFile(attachment.content, filename=attachment.filename)
        send_file = api.bot.send_photo if message.image is not None else api.bot.send_document
        sent = await api.call(
            lambda: send_file(api.chat_id, upload, caption=caption, reply_markup=keyboard)
        )
        if caption is None and message.text:
            sent = await api.text(message.text, None)
        return str(sent.message_id)
    if message.ask_contact:
        contact = ReplyKeyboardMarkup(
            [[KeyboardButton(t.SHARE_PHONE, request_contact=True)]],
            one_time_keyboard=True,
            resize_keyboard=True,
        )
        sent = await api.text(message.text, contact)
        if keyboard is not None:
            sent = await api.text(t.OR_CHOOSE, keyboard)
        return str(sent.message_id)
    sent = await api.text(message.text, keyboard)
    return str(sent.message_id)


class TelegramChannel(Channel):
    """The Telegram adapter: runs PTB's Application and feeds our dispatcher."""

    name = NAME
    has_buttons = True
    fetchable_kinds = frozenset({Kind.PHOTO, Kind.DOCUMENT})
    text_limit = TEXT_LIMIT

    def __init__(
        self,
        settings: TelegramSection,
        *,
        handle: Handle,
        on_unreachable: OnUnreachable,
        application: Application[Any, Any, Any, Any, Any, Any] | None = None,
    ) -> None:
        self.settings = settings
        self.handle = handle
        self.on_unreachable = on_unreachable
        self.application = application or build_application(settings)
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._on_error)
        self._username = ""

    @property
    def bot(self) -> Bot:
        """The PTB bot used to call the Bot API."""
        return self.application.bot

    @property
    def limits(self) -> Limits:
        """The configured limits (`telegram.messages_per_second`, `per_chat_per_second`)."""
        return Limits(self.settings.messages_per_second, self.settings.per_chat_per_second)

    @property
    def username(self) -> str:
        """The bot's @username, known once started."""
        return self._username

    def routes(self) -> list[BaseRoute]:
        """The webhook endpoint (`/telegram/webhook`, checked against the secret)."""
        return [webhook_route(self)]

    async def start(self) -> None:
        """Initialise, then poll or register the webhook.

        A token the Bot API rejects, a Bot API that cannot be reached or that answers
        something unexpected raise `StartFailure` naming the setting, without the token.
        """
        try:
            await self.application.initialize()
            self._username = self.bot.username or ""
        except InvalidToken:
            raise StartFailure("telegram.token", t.TOKEN_REJECTED) from None
        except NetworkError as error:  # includes TimedOut
            raise self._start_failure(t.API_UNREACHABLE, error) from None
        except TelegramError as error:
            raise self._start_failure(t.API_REFUSED, error) from None
        except (TypeError, KeyError, ValueError, AttributeError) as error:
            raise self._start_failure(t.API_UNEXPECTED, error) from None
        await self.application.start()
        if self.settings.mode == "webhook":
            await self.bot.set_webhook(
                self.settings.webhook_url,
                secret_token=self.settings.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        log.info("telegram channel started as @%s in %s mode", self.username, self.settings.mode)

    @property
    def polls(self) -> bool:
        """In polling mode (Telegram answers 409 to a second poller of the same token)."""
        return self.settings.mode != "webhook"

    async def start_polling(self) -> None:
        """Drop any webhook and start polling for updates."""
        updater = self.application.updater
        assert updater is not None
        if updater.running:
            return
        await self.bot.delete_webhook()
        await updater.start_polling(allowed_updates=ALLOWED_UPDATES)
        log.info("telegram polling started")

    async def stop_polling(self) -> None:
        """Stop polling; sending goes on."""
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()
            log.info("telegram polling stopped")

    def _start_failure(self, template: str, error: BaseException) -> StartFailure:
        detail = (str(error) or type(error).__name__).replace(self.settings.token, "***")
        url = self.settings.api_base_url.rstrip("/")
        return StartFailure("telegram.api_base_url", template.format(url=url, error=detail))

    async def health(self) -> Health:
        """Not ok once update processing (or, in polling mode, polling) has stopped."""
        if not self.application.running:
            return Health(ok=False, detail="application stopped")
        updater = self.application.updater
        if self.settings.mode == "polling" and (updater is None or not updater.running):
            return Health(ok=False, detail="polling stopped")
        return Health(ok=True)

    async def stop(self) -> None:
        """Stop polling and processing, then close connections."""
        await self.stop_polling()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    def webhook_secret_ok(self, header: str | None) -> bool:
        """Check the secret Telegram sends with each webhook request (constant time)."""
        expected = self.settings.webhook_secret
        return bool(expected) and hmac.compare_digest((header or "").encode(), expected.encode())

    async def feed_webhook(self, payload: Any) -> None:
        """Queue an update received on the webhook; `ValueError` if it is not one."""
        if not isinstance(payload, dict) or not isinstance(payload.get("update_id"), int):
            raise ValueError("not a Telegram update")
        try:
            update = Update.de_json(payload, self.bot)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"not a Telegram update ({type(error).__name__})") from error
        await self.application.update_queue.put(update)

    async def fetch_file(self, attachment: Attachment, *, max_bytes: int) -> FetchedFile:
        """Download a photo or document through the Bot API (refused over `max_bytes`)."""
        remote = await self.bot.get_file(attachment.file_id)
        size = int(remote.file_size or 0)
        if size > max_bytes:
            raise FileTooBig(size)
        content = bytes(await remote.download_as_bytearray())
        if len(content) > max_bytes:
            raise FileTooBig(len(content))
        return FetchedFile(content, attachment.filename, attachment.mime_type)

    async def publish_menus(self, menus: Menus, chats: dict[str, str]) -> None:
        """Publish per-role command menus: the guest menu for everyone, others per chat."""
        try:
            await self.bot.set_my_commands(
                [BotCommand(name, text) for name, text in menus.get("guest", [])],
                scope=BotCommandScopeDefault(),
            )
            for chat_id, role in chats.items():
                commands = [BotCommand(name, text) for name, text in menus.get(role, [])]
                await self.bot.set_my_commands(commands, scope=BotCommandScopeChat(int(chat_id)))
        except (TelegramError, ValueError) as error:
            log.warning("could not set the command menus: %s", error)

    async def deliver(self, event: Incoming, outgoing: list[Outgoing]) -> None:
        """Send the answer to the chat the message came from (waiting out a 429 or two)."""
        for message in outgoing:
            try:
                await self._send_reply(event.chat_id, message)
            except Unreachable as error:
                await self.on_unreachable(self.name, event.chat_id, error.reason)
                return
            except SendFailure as error:
                log.warning("reply to chat %s failed: %s", event.chat_id, error.reason)
                return

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Send one message; failures are raised as `SendFailure` subclasses."""
        return await send_message(self.bot, chat_id, message)

    async def _send_reply(self, chat_id: str, message: Outgoing) -> str:
        # A person is waiting for this answer: a short flood wait is better than losing it.
        return await send_message(self.bot, chat_id, message, patient=True)

    async def _on_update(self, update: object, _context: ContextTypes.DEFAULT_TYPE) -> None:
        if not isinstance(update, Update):
            return
        if update.my_chat_member is not None:
            await self._on_membership(update)
            return
        event = to_incoming(update, self.username)
        if event is None:
            return
        query = update.callback_query
        await self.handle(event, self.deliver)
        if query is not None:
            try:
                await query.answer()
            except TelegramError as error:
                log.debug("callback answer failed: %s", error)

    async def _on_membership(self, update: Update) -> None:
        change = update.my_chat_member
        assert change is not None
        if change.chat.type == change.chat.PRIVATE and change.new_chat_member.status in (
            "kicked",
            "left",
        ):
            await self.on_unreachable(self.name, str(change.chat.id), "blocked by the user")

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram update failed", exc_info=context.error)
