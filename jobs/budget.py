"""The send budget of one channel shared by every sending process (PostgreSQL): the overall
rate as one GCRA row, the per-chat spacing as a row per chat (models.send_budget).

Each process still paces itself (jobs.pacing: its replies' reserve, its own chats); before
bulk messages leave it also takes their chats' turns and their slots of the shared budget
(a batch of about BATCH_SECONDS at a time, in one round trip) and waits for each slot, so
the sum of all processes stays within the channel's limits. Replies never wait: they are
counted as they leave (`note_replies`) and their slots taken afterwards, all those of the
last tenth of a second or so in one round trip (`count_replies`, from the sender's outcome
writer), so other processes' bulk sending leaves them room too. The overall interval is a little
longer than 1/rate (MARGIN), since requests from different processes travel at slightly
different speeds and the messenger counts arrivals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Limits
from jobs.pacing import CHAT_MARGIN
from models import send_budget

MARGIN = 0.05
BATCH_SECONDS = 0.1
"""A process takes the slots of about this long at once (fewer round trips)."""
CHAT_IDLE = 60.0
"""Per-chat rows idle this long (seconds) are deleted."""


class SharedBudget:
    """One channel's budget in the database, shared with the other processes."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], channel: str, limits: Limits
    ) -> None:
        self.sessions = sessions
        self.channel = channel
        rate = limits.per_second
        self.interval = 1.0 / (rate * (1 - MARGIN)) if rate else 0.0
        self.batch = max(1, math.floor(rate * BATCH_SECONDS)) if rate else 100
        per_chat = limits.per_chat_per_second
        self.chat_interval = CHAT_MARGIN / per_chat if per_chat else 0.0
        self.replies = 0
        """Replies sent here whose slots are not taken yet."""

    def note_replies(self, count: int) -> None:
        """Count replies leaving now; `count_replies` takes their slots later."""
        if self.interval:
            self.replies += count

    async def count_replies(self) -> int:
        """Take the slots of the replies counted since the last call, in one round trip (their
        messages have left: nobody waits); return how many."""
        count, self.replies = self.replies, 0
        if not count:
            return 0
        try:
            async with self.sessions() as session:
                await send_budget.take_slots(
                    session, channel=self.channel, interval=self.interval, count=count
                )
                await session.commit()
        except BaseException:
            self.replies += count
            raise
        return count

    async def grant(self, chat_ids: Sequence[str]) -> tuple[set[str], float]:
        """Take the turns of the chats no process wrote to within the per-chat interval, and
        one overall slot for each; return those chats and the seconds to wait for the first
        slot (the others follow every `interval`). One round trip to the database."""
        async with self.sessions() as session:
            if self.chat_interval:
                free = await send_budget.take_chats(
                    session, channel=self.channel, chat_ids=chat_ids, interval=self.chat_interval
                )
            else:
                free = set(chat_ids)
            wait = 0.0
            if free and self.interval:
                wait = await send_budget.take_slots(
                    session, channel=self.channel, interval=self.interval, count=len(free)
                )
            await session.commit()
        return free, wait


async def forget_idle_chats(sessions: async_sessionmaker[AsyncSession]) -> int:
    """Delete the per-chat rows nobody has used for a while."""
    async with sessions() as session:
        count = await send_budget.forget_chats(session, age=CHAT_IDLE)
        await session.commit()
    return count
