"""State of the fake Bot API server: chats, messages, files, queued updates, injected faults."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import random
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.telegram_objects import (
    UPDATE_TYPES,
    JSONDict,
    StoredFile,
    chat_json,
    default_chat,
    update_chat_id,
    update_kind,
    user_json,
)
from tests.fakes.telegram_policy import ApiError, SlidingWindow, as_int, too_many_requests
from tests.fakes.telegram_webhook import WebhookDelivery, WebhookDispatcher

DEFAULT_TOKEN = "123456789:AAF-fake-token-for-tests_0123456789"
DEFAULT_BOT_USERNAME = "mangluoi_test_bot"
FAULTS = ("429", "500", "502")
"""The faults fail_ratio injects by default."""
FAULT_KINDS = frozenset({"429", "500", "502", "503", "timeout"})

_ANSWER_LATE: contextvars.ContextVar[float] = contextvars.ContextVar("answer_late", default=0.0)
"""Seconds the request being handled (its own task) answers late after delivering."""


@dataclass(frozen=True, slots=True)
class RecordedFile:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(slots=True)
class RecordedCall:
    """One Bot API request: method, decoded params, files, monotonic time, HTTP status.

    status is 0 while the request is still being handled (e.g. a long poll).
    """

    method: str
    params: dict[str, Any]
    files: dict[str, RecordedFile] = field(default_factory=dict)
    time: float = 0.0
    status: int = 0


_PHRASES = {"500": "Internal Server Error", "502": "Bad Gateway", "503": "Service Unavailable"}


class FakeTelegramState:
    """Everything the fake server remembers, and the faults it is told to inject.

    token: the only accepted bot token (its numeric prefix is the bot's user id).
    known_chats: if a set, sends to other chats answer 400 "chat not found"; chats that
        push_* introduces are added to it.
    rate_limit / per_chat_limit: messages per second overall / per chat (sliding window;
        below 1, e.g. 1/3, means one message per 3 s); exceeding answers 429 retry_after.
    fail_ratio, seed: that fraction of send* requests fails at random from
        random.Random(seed), before anything else, with one of `faults` (default 429, 500,
        502; also 503 and "timeout"): a 429 says retry_after `fault_retry_after` (1 s; Bot
        API clients read fractions too); a "timeout" delivers the message but answers only
        `fault_hang` seconds later, past the client's read time-out (`late_answers` lists
        the chats so delivered).
    latency: seconds slept at the start of each send* request.
    check_markup: reject unparsable HTML / MarkdownV2 like Telegram does.
    strict_edits: reject edits that change nothing ("message is not modified").
    webhook_attempts, webhook_retry_delay: POSTs per update before giving up, and the pause.
    host, port: where to listen (port 0 picks a free one).
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = DEFAULT_BOT_USERNAME,
        bot_first_name: str = "Mạng lưới CĐS (thử nghiệm)",
        known_chats: set[int] | None = None,
        rate_limit: float | None = None,
        per_chat_limit: float | None = None,
        fail_ratio: float = 0.0,
        seed: int = 0,
        faults: Sequence[str] = FAULTS,
        fault_retry_after: float = 1,
        fault_hang: float = 16.0,
        latency: float = 0.0,
        check_markup: bool = True,
        strict_edits: bool = True,
        webhook_attempts: int = 1,
        webhook_retry_delay: float = 0.05,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        prefix = token.split(":", 1)[0]
        self.bot_id = int(prefix) if prefix.isdigit() else 1
        self.bot_user = user_json(
            self.bot_id, bot_first_name, username=bot_username, is_bot=True, language_code=None
        )
        self.known_chats = known_chats
        self.rate_limit = rate_limit
        self.per_chat_limit = per_chat_limit
        self.fail_ratio = fail_ratio
        self.rng = random.Random(seed)
        self.faults = tuple(faults)
        self.fault_retry_after = fault_retry_after
        self.fault_hang = fault_hang
        self.latency = latency
        self.check_markup = check_markup
        self.strict_edits = strict_edits
        self.webhook_attempts = webhook_attempts
        self.webhook_retry_delay = webhook_retry_delay

        self.calls: list[RecordedCall] = []
        self.stats: Counter[str] = Counter()
        self.polls_in_flight = 0
        self.sent_per_chat: Counter[int] = Counter()
        self.ok_calls: Counter[str] = Counter()
        self.forbidden: dict[int, str] = {}
        self.migrated: dict[int, int] = {}
        self.ack_delays: dict[int, float] = {}
        self.late_answers: list[int] = []
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.menu_buttons: dict[int | None, JSONDict] = {}

        self._sent: list[JSONDict] = []
        self._sent_by_chat: dict[int, list[JSONDict]] = {}
        self._copies: Counter[tuple[int, str, str]] = Counter()
        self._duplicate_chats: set[int] = set()
        self._chats: dict[int, JSONDict] = {}
        self._channel_ids: dict[str, int] = {}
        self._message_ids: Counter[int] = Counter()
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._file_seq = 0
        self._update_seq = 0
        self._pending: deque[JSONDict] = deque()
        self._allowed_updates: frozenset[str] | None = None
        self._webhook: WebhookDispatcher | None = None
        self._global_window = SlidingWindow()
        self._chat_windows: dict[int, SlidingWindow] = {}
        self._update_event = asyncio.Event()
        self._changed = asyncio.Event()
        self._closing = False

    # ---- behaviour injection -------------------------------------------------------------

    def block(self, chat_id: int) -> None:
        """Make sends to chat_id fail with 403 'bot was blocked by the user'."""
        self.forbidden[chat_id] = "Forbidden: bot was blocked by the user"

    def deactivate(self, chat_id: int) -> None:
        """Make sends to chat_id fail with 403 'user is deactivated'."""
        self.forbidden[chat_id] = "Forbidden: user is deactivated"

    def unblock(self, chat_id: int) -> None:
        """Let sends to chat_id succeed again."""
        self.forbidden.pop(chat_id, None)

    def migrate(self, chat_id: int, new_chat_id: int) -> None:
        """Make sends to a group chat_id fail with 400 and migrate_to_chat_id=new_chat_id."""
        self.migrated[chat_id] = new_chat_id

    def delay_ack(self, chat_id: int, seconds: float) -> None:
        """Deliver sends to chat_id but answer only after seconds (to provoke client timeouts)."""
        self.ack_delays[chat_id] = seconds

    # ---- ids, chats, files --------------------------------------------------------------

    def _next_update_id(self) -> int:
        self._update_seq += 1
        return self._update_seq

    def _next_message_id(self, chat_id: int) -> int:
        self._message_ids[chat_id] += 1
        return self._message_ids[chat_id]

    def _remember_chat(
        self, chat_id: int, chat_type: str, first_name: str, username: str | None
    ) -> JSONDict:
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = chat_json(chat_id, chat_type, first_name=first_name, username=username)
            self._chats[chat_id] = chat
        if self.known_chats is not None:
            self.known_chats.add(chat_id)
        return chat

    def _chat(self, chat_id: int) -> JSONDict:
        chat = self._chats.get(chat_id)
        return chat if chat is not None else default_chat(chat_id)

    def _resolve_chat_id(self, value: Any) -> int:
        if value is None or value == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        if isinstance(value, str) and value.startswith("@"):
            chat_id = self._channel_ids.get(value)
            if chat_id is None:
                chat_id = -1_000_000_000_000 - len(self._channel_ids) - 1
                self._channel_ids[value] = chat_id
                self._chats[chat_id] = chat_json(
                    chat_id, "channel", title=value[1:], username=value[1:]
                )
            return chat_id
        return as_int(value, "chat_id")

    def _store_file(
        self, kind: str, data: bytes, *, file_name: str | None = None, mime_type: str | None = None
    ) -> StoredFile:
        self._file_seq += 1
        seq = self._file_seq
        extension = (file_name or "").rpartition(".")[2] or "bin"
        stored = StoredFile(
            file_id=f"FAKE-{kind}-{seq:06d}",
            file_unique_id=f"U{kind[:2]}{seq:06d}",
            data=data,
            file_path=f"{kind}s/file_{seq}.{extension}",
            file_name=file_name,
            mime_type=mime_type,
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    # ---- queued updates -----------------------------------------------------------------

    def _enqueue_update(self, update: JSONDict) -> None:
        if self._allowed_updates is not None and update_kind(update) not in self._allowed_updates:
            return
        if self._webhook is not None:
            self._webhook.enqueue(update, update_chat_id(update))
            return
        self._pending.append(update)
        event, self._update_event = self._update_event, asyncio.Event()
        event.set()

    def _set_allowed_updates(self, allowed: Any) -> None:
        if not isinstance(allowed, list):
            return
        self._allowed_updates = frozenset(allowed) & frozenset(UPDATE_TYPES) or None
        if self._allowed_updates is not None:
            kept = [u for u in self._pending if update_kind(u) in self._allowed_updates]
            self._pending = deque(kept)

    def _confirm_updates(self, offset: int) -> None:
        pending = self._pending
        if offset < 0:
            while len(pending) > -offset:
                pending.popleft()
            return
        while pending and int(pending[0]["update_id"]) < offset:
            pending.popleft()

    def _on_webhook_delivery(self, delivery: WebhookDelivery) -> None:
        self.webhook_deliveries.append(delivery)
        self._notify()

    # ---- waiting --------------------------------------------------------------------------

    def _notify(self) -> None:
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    async def _wait_until(
        self, predicate: Callable[[], bool], seconds: float, describe: Callable[[], str]
    ) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(describe())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    # ---- send guard -----------------------------------------------------------------------

    def _check_chat(self, chat_id: int) -> None:
        reason = self.forbidden.get(chat_id)
        if reason is not None:
            raise ApiError(403, reason)
        new_id = self.migrated.get(chat_id)
        if new_id is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": new_id},
            )
        if self.known_chats is not None and chat_id not in self.known_chats:
            raise ApiError(400, "Bad Request: chat not found")

    async def _pre_send(self) -> None:
        """Latency and random failures, applied to send* requests before anything else."""
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        if self.fail_ratio > 0 and self.rng.random() < self.fail_ratio:
            self.stats["injected_failures"] += 1
            fault = self.rng.choice(self.faults)
            if fault not in FAULT_KINDS:
                raise ValueError(f"unknown fault {fault!r}; known: {sorted(FAULT_KINDS)}")
            self.stats[f"injected_{fault}"] += 1
            if fault == "timeout":
                _ANSWER_LATE.set(self.fault_hang)  # deliver, then answer too late
                return
            if fault == "429":
                raise too_many_requests(self.fault_retry_after)
            raise ApiError(int(fault), _PHRASES[fault])

    def _answer_delay(self, chat_id: int) -> float:
        """Seconds to hold the answer of a send just delivered to chat_id."""
        late = _ANSWER_LATE.get()
        if late:
            self.late_answers.append(chat_id)
            self.stats["late_answers"] += 1
        return late or self.ack_delays.get(chat_id, 0.0)

    def _take_rate_slot(self, chat_id: int) -> None:
        now = time.monotonic()
        wait = 0
        if self.rate_limit is not None:
            wait = self._global_window.retry_after(self.rate_limit, now)
        chat_window: SlidingWindow | None = None
        if self.per_chat_limit is not None:
            chat_window = self._chat_windows.get(chat_id)
            if chat_window is None:
                chat_window = self._chat_windows[chat_id] = SlidingWindow()
            wait = max(wait, chat_window.retry_after(self.per_chat_limit, now))
        if wait:
            self.stats["rate_limited"] += 1
            if chat_window is not None and chat_window.retry_after(self.per_chat_limit or 1, now):
                self.stats["rate_limited_per_chat"] += 1
            raise too_many_requests(wait)
        if self.rate_limit is not None:
            self._global_window.add(now)
        if chat_window is not None:
            chat_window.add(now)

    def _record_sent(self, entry: JSONDict) -> None:
        chat_id: int = entry["chat_id"]
        self._sent.append(entry)
        self._sent_by_chat.setdefault(chat_id, []).append(entry)
        self.stats["sent"] += 1
        self.sent_per_chat[chat_id] += 1
        key = (chat_id, str(entry["method"]), f"{entry.get('text')}|{entry.get('file_ref')}")
        self._copies[key] += 1
        if self._copies[key] == 2:
            self._duplicate_chats.add(chat_id)
        self._notify()
