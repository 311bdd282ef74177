"""Pacing one channel's sends: bulk messages evenly spaced at the limit, every message
(bulk or interactive reply) counted in a sliding window, per-chat spacing, pauses after a
429.

Replies to people chatting are sent at once by the dispatcher (through PTB's rate limiter);
they are only counted here, in the same window as bulk messages, so bulk sending fills what
the replies leave of the limit. On top of that it keeps a few slots free for the replies
about to leave: as many as the recent reply rate brings within REPLY_HORIZON, to the nearest
slot (the rate is the higher of the last second's and the last CHATTING seconds', so a
sudden burst counts at once and a lull does not drop the room at once), at least one slot
(RESERVE_SHARE) and at most 10% of the limit (HEADROOM), which is also what it keeps in the
first second after people start chatting, before their rate is known. While people chat it
also keeps the slots a stall of the event loop could bunch: a bulk send's timer that woke
late (the loop was busy handling people) means requests stamped meanwhile left late too,
so for CHATTING seconds the room grows by as many sends as the longest such delay holds.
So a reply never waits behind a broadcast, the sum stays under the limit, and the
broadcast is not held back for replies that do not come. The window is a little longer
than a second (MARGIN), so that the messenger, which counts arrivals, does not see more
than the limit within a second even when requests travel at slightly different speeds.
Each channel says its own limits (`Channel.limits`).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Callable

from bot.channels.base import Limits

__all__ = ["Limits", "Pacer", "sleep_until"]

RESERVE_SHARE = 0.01
HEADROOM = 0.1
CHATTING = 10.0
REPLY_HORIZON = 0.1
"""Seconds of replies (at the recent reply rate) that bulk sending leaves room for."""
LAG_FLOOR = 0.002
"""A timer that wakes later than this (seconds) counts as a stall of the event loop."""
MARGIN = 0.01
PRECISION = 0.0015
CHAT_MARGIN = 1.1


async def sleep_until(moment: float) -> None:
    """Sleep until a monotonic moment, more precisely than the event loop's millisecond
    timer (the last instant is spent yielding to other tasks)."""
    while True:
        left = moment - time.monotonic()
        if left <= 0:
            return
        await asyncio.sleep(left - PRECISION if left > 2 * PRECISION else 0)


class Pacer:
    """The sending budget of one channel."""

    def __init__(self, limits: Limits, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.monotonic = monotonic
        rate = limits.per_second
        self.limited = rate is not None
        self.capacity = max(1, math.floor(rate)) if rate else 0
        self.span = (max(1.0, 1.0 / rate) if rate else 1.0) + MARGIN
        self.reserve = min(self.capacity - 1, max(1, round(self.capacity * RESERVE_SHARE)))
        self.headroom = min(self.capacity - 1, max(1, math.ceil(self.capacity * HEADROOM)))
        self._replies: deque[float] = deque()
        self._lags: deque[tuple[float, float]] = deque()
        self.interval = 1.0 / rate if rate else 0.0
        per_chat = limits.per_chat_per_second
        self.chat_interval = CHAT_MARGIN / per_chat if per_chat else 0.0
        self._next = 0.0
        self._window: deque[float] = deque()
        self._chats: dict[str, float] = {}

    def _free_at(self, now: float, room: int) -> float:
        """When fewer than `room` sends will lie within the window."""
        window = self._window
        while window and window[0] <= now - self.span:
            window.popleft()
        if len(window) < room:
            return now
        return window[len(window) - room] + self.span

    def reply_reserve(self, now: float) -> int:
        """The slots of the window bulk sending leaves free for replies about to leave."""
        replies = self._replies
        while replies and replies[0] <= now - CHATTING:
            replies.popleft()
        if not replies:
            return self.reserve
        if replies[0] > now - self.span:
            return self.headroom  # people started chatting just now: their rate is unknown
        last_second = 0
        for stamp in reversed(replies):
            if stamp <= now - self.span:
                break
            last_second += 1
        rate = max(len(replies) / CHATTING, last_second / self.span)
        wanted = math.floor(rate * REPLY_HORIZON + 0.5)  # the nearest whole slot
        wanted += self.stall_allowance(now)
        return max(self.reserve, min(self.headroom, wanted))

    def note_lag(self, now: float, late: float) -> None:
        """A bulk slot's timer woke `late` seconds after its moment."""
        if late > LAG_FLOOR:
            self._lags.append((now, late))

    def stall_allowance(self, now: float) -> int:
        """The sends the longest recent stall of the event loop could have bunched."""
        lags = self._lags
        while lags and lags[0][0] <= now - CHATTING:
            lags.popleft()
        if not lags:
            return 0
        worst = max(late for _, late in lags)
        return math.floor(worst * self.capacity / self.span + 0.5)

    def bulk_room(self, now: float) -> int:
        """How many sends (bulk and replies) the window may hold before a bulk one waits."""
        return self.capacity - self.reply_reserve(now)

    async def take(self) -> None:
        """Wait for the next slot of a bulk message (keeping the reserve free)."""
        if not self.limited:
            return
        while True:
            ready = self.try_take(self.monotonic())
            if ready is None:
                return
            await sleep_until(ready)
            woke = self.monotonic()
            self.note_lag(woke, woke - ready)

    def try_take(self, now: float) -> float | None:
        """Take the slot of a bulk message leaving at `now` if it is free (None), else
        return the moment to try again."""
        ready = max(self._next, self._free_at(now, self.bulk_room(now)))
        if ready > now:
            return ready
        # Timers wake a little late: keep to the schedule rather than drift behind it, but
        # never catch up more than one interval (a burst after a pause would arrive bunched
        # at the messenger).
        late = now - self._next
        base = self._next if 0 <= late < self.interval else now
        self._next = base + self.interval
        self._window.append(now)
        return None

    def note_interactive(self, count: int, chat_id: str | None = None) -> None:
        """Count `count` reply messages leaving now (they never wait for us): they take
        their place in the window, and the reply rate sets the room bulk sending leaves."""
        now = self.monotonic()
        if chat_id is not None and self.chat_interval:
            self._chats[chat_id] = now + self.chat_interval
        if not self.limited:
            return
        self._free_at(now, self.capacity)  # forget stamps older than the window
        self._window.extend([now] * count)
        self._replies.extend([now] * count)
        self.reply_reserve(now)  # forget replies older than CHATTING

    def pause(self, seconds: float) -> None:
        """Send no bulk message for a while (the messenger said so)."""
        self._next = max(self._next, self.monotonic() + seconds)

    def chat_ready_at(self, chat_id: str) -> float:
        """When the next message to this chat may leave (monotonic seconds)."""
        return self._chats.get(chat_id, 0.0)

    def chat_used(self, chat_id: str) -> None:
        """Note that a message to this chat is leaving now."""
        if not self.chat_interval:
            return
        now = self.monotonic()
        self._chats[chat_id] = now + self.chat_interval
        if len(self._chats) > 20_000:
            self._chats = {chat: ready for chat, ready in self._chats.items() if ready > now}
