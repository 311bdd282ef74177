"""Webhook delivery for the fake Bot API server: in order per chat, one at a time per chat."""

from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp

from tests.fakes.telegram_objects import JSONDict

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass(frozen=True, slots=True)
class WebhookDelivery:
    """One POST of an update to the webhook and the HTTP status it got (0: no answer)."""

    update_id: int
    chat_id: int
    status: int
    attempt: int
    time: float
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the bot accepted the update (a 2xx status)."""
        return 200 <= self.status < 300


class WebhookDispatcher:
    """Posts queued updates to one webhook URL, keeping each chat's updates in order."""

    def __init__(
        self,
        url: str,
        *,
        secret_token: str | None,
        max_connections: int,
        attempts: int,
        retry_delay: float,
        on_delivery: Callable[[WebhookDelivery], None],
    ) -> None:
        self.url = url
        self.secret_token = secret_token
        self.max_connections = max_connections
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self._attempts = max(1, attempts)
        self._retry_delay = retry_delay
        self._on_delivery = on_delivery
        self._queues: dict[int, deque[JSONDict]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._slots = asyncio.Semaphore(max_connections)
        self._session: aiohttp.ClientSession | None = None

    @property
    def pending_count(self) -> int:
        """Updates not yet delivered (including the ones being posted now)."""
        return sum(len(queue) for queue in self._queues.values())

    def enqueue(self, update: JSONDict, chat_id: int) -> None:
        """Queue an update behind the earlier ones of its chat and make sure a worker runs."""
        queue = self._queues.get(chat_id)
        if queue is None:
            queue = self._queues[chat_id] = deque()
        queue.append(update)
        if chat_id not in self._workers:
            self._workers[chat_id] = asyncio.get_running_loop().create_task(
                self._run_chat(chat_id, queue)
            )

    async def close(self) -> list[JSONDict]:
        """Stop delivering; return the undelivered updates ordered by update_id."""
        workers = list(self._workers.values())
        for worker in workers:
            worker.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
            self._session = None
        left = [update for queue in self._queues.values() for update in queue]
        self._queues.clear()
        return sorted(left, key=lambda update: int(update["update_id"]))

    async def _run_chat(self, chat_id: int, queue: deque[JSONDict]) -> None:
        try:
            while queue:
                await self._deliver(queue[0], chat_id)
                queue.popleft()
        finally:
            self._workers.pop(chat_id, None)
            if not queue and self._queues.get(chat_id) is queue:
                del self._queues[chat_id]

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        return self._session

    async def _deliver(self, update: JSONDict, chat_id: int) -> None:
        body = json.dumps(update, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        if self.secret_token:
            headers[SECRET_HEADER] = self.secret_token
        for attempt in range(1, self._attempts + 1):
            status, error = 0, None
            async with self._slots:
                try:
                    async with self._client().post(self.url, data=body, headers=headers) as resp:
                        status = resp.status
                        await resp.read()
                except (aiohttp.ClientError, TimeoutError) as exc:
                    error = f"{type(exc).__name__}: {exc}"
            delivery = WebhookDelivery(
                int(update["update_id"]), chat_id, status, attempt, time.monotonic(), error
            )
            self._on_delivery(delivery)
            if delivery.ok:
                return
            self.last_error_date = int(time.time())
            self.last_error_message = error or f"Wrong response from the webhook: {status}"
            if attempt < self._attempts:
                await asyncio.sleep(self._retry_delay)
