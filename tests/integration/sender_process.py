"""A bot process for the multi-process tests: `python -m tests.integration.sender_process
CONFIG LEASE START [EVERY]` runs the app (channels, scheduler, outbox sender) with a short
outbox lease, sweeping for abandoned rows every half second, until it is killed. Its clock
starts at START (an ISO 8601 moment with offset, handed over by the test) and runs on at
real speed, so the process sees the hour the test chose, not the machine's. With EVERY (in
seconds), the leader releases announcements and sweeps for due reminders that often instead
of every few seconds and minutes, so a test of a minute sees them run."""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta
from pathlib import Path

import jobs
from bot import config as config_module
from bot.app import BotApp
from tests.utils.clock import RunningClock, parse_moment

FAST_JOBS = ("announcements.release", "tasks.remind")


async def main(
    config_path: Path, lease_seconds: float, clock: RunningClock, every: float | None
) -> None:
    """Run until killed."""
    if every is not None:
        for job_id in FAST_JOBS:
            job, _ = jobs.LEADER_JOBS[job_id]
            jobs.LEADER_JOBS[job_id] = (job, {"seconds": every})
    app = BotApp(config_module.load(config_path, environ={}), seed_demo=False, clock=clock)
    app.sender.lease = timedelta(seconds=lease_seconds)
    await app.start(web=False)
    print("started", flush=True)
    while True:
        await asyncio.sleep(0.5)
        await app.sender.sweep()


if __name__ == "__main__":
    start = RunningClock(parse_moment(sys.argv[3]))
    fast = float(sys.argv[4]) if len(sys.argv) > 4 else None
    asyncio.run(main(Path(sys.argv[1]), float(sys.argv[2]), start, fast))
