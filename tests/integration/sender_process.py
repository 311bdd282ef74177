"""A bot process for the crash test: `python -m tests.integration.sender_process CONFIG LEASE`
runs the app (channels, scheduler, outbox sender) with a short outbox lease, sweeping for
abandoned rows every half second, until it is killed."""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta
from pathlib import Path

from bot import config as config_module
from bot.app import BotApp


async def main(config_path: Path, lease_seconds: float) -> None:
    """Run until killed."""
    app = BotApp(config_module.load(config_path, environ={}), seed_demo=False)
    app.sender.lease = timedelta(seconds=lease_seconds)
    await app.start(web=False)
    print("started", flush=True)
    while True:
        await asyncio.sleep(0.5)
        await app.sender.sweep()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), float(sys.argv[2])))
