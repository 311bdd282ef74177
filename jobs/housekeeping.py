"""Forgetting what is no longer useful: long-idle conversations and old button tokens.

Idle conversations are ended lazily, when the person writes again, so that they
are told; this sweep only removes those nobody came back to for a long time.
"""

import logging
from datetime import timedelta

from jobs.context import JobContext
from models import conversations, options

log = logging.getLogger(__name__)

TOKEN_LIFETIME = timedelta(days=60)
FORGOTTEN_AFTER = timedelta(days=30)


async def purge_stale(context: JobContext) -> None:
    """Delete conversations idle for a month and button tokens older than two months."""
    now = context.services.clock()
    async with context.sessions() as session:
        ended = await conversations.expire_idle(session, older_than=now - FORGOTTEN_AFTER)
        await options.purge_older_than(session, before=now - TOKEN_LIFETIME)
        await session.commit()
    if ended:
        log.info("forgot %d conversations idle for over %s", len(ended), FORGOTTEN_AFTER)
