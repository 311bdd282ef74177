"""Broadcast benchmark: the real bot (PTB Telegram channel, outbox, sender) against the fake
Telegram Bot API server.

1. Rate: N members (3,000), the server enforcing R messages/s overall and 1/s per chat, the
   bot configured to R. Prints the achieved rate / R (goal >= 0.95), the 429s received
   (goal 0), lost and duplicated messages (goal 0).
   With --pg-url (a PostgreSQL server, e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/
   postgres), the same broadcast again on a temporary database there, sent by two bot
   processes at once, each configured to R: they share one send budget, so the combined
   rate must stay within R (0 429s) with nobody lost or served twice.
2. Memory: the limit lifted, a broadcast to 10,000 and then to 100,000 recipients, each in
   a fresh process with the fake server in another one. Prints each run's peak resident
   memory (goal: under 200 MB, and not growing with the audience).

Run from the repository root:  .venv/bin/python bench/broadcast.py
(options: --rate 100 --members 3000 --sizes 10000,100000 --skip-rate --skip-memory
 --pg-url URL)
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot import config as config_module  # noqa: E402
from bot.app import BotApp  # noqa: E402
from bot.config import Config  # noqa: E402
from jobs import announcements as announcement_jobs  # noqa: E402
from models.base import utcnow  # noqa: E402
from models.migrate import upgrade_async  # noqa: E402
from tests.fakes.telegram_server import FakeTelegramServer  # noqa: E402
from tests.utils.broadcasting import waiting  # noqa: E402
from tests.utils.databases import create_pg_database, drop_pg_database  # noqa: E402
from tests.utils.population import announce, make_admin, seed_members  # noqa: E402

CHAT_BASE = 10_000_000


def bot_config(db_url: str, server_url: str, token: str, rate: float) -> Config:
    """Only the Telegram channel, pointed at the fake server, at `rate` messages/s."""
    raw = {
        "database": {"url": db_url},
        "web": {"webchat_enabled": False, "port": 0},
        "telegram": {
            "enabled": True,
            "token": token,
            "api_base_url": server_url,
            "messages_per_second": rate,
        },
        # No quiet hours: the figures must not depend on the hour the bench runs at.
        "quiet_hours": {"start": "00:00", "end": "00:00"},
    }
    return config_module.build(raw, environ={})


async def prepare(db_url: str, app: BotApp, members: int) -> int:
    """Migrate, add `members` Telegram members and an announcement to all; return its id."""
    await seed_members(app.sessions, count=members, chat_base=CHAT_BASE)
    author = await make_admin(app.sessions)
    row = await announce(
        app.sessions,
        author_member_id=author,
        now=utcnow(),
        audience={"roles": ["member"]},
        title="Thông báo thử tải",
        body="Đây là tin nhắn của bài đo tốc độ gửi.",
    )
    assert row.id is not None
    return row.id


async def until_drained(app: BotApp, *, seconds: float) -> None:
    """Wait until the outbox has nothing queued or being sent (at most `seconds`)."""
    for _ in range(int(seconds * 2)):
        if not await waiting(app):
            return
        await asyncio.sleep(0.5)


class ServerProcess:
    """The fake Bot API server in a child process (so that its own work and memory do not
    weigh on the bot's figures), asked for its records over a pipe."""

    def __init__(
        self,
        rate_limit: float | None,
        per_chat_limit: float | None,
        target: Callable[[Connection, float | None, float | None], None] | None = None,
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=target or serve, args=(child, rate_limit, per_chat_limit), daemon=True
        )

    def __enter__(self) -> tuple[str, str]:
        self.process.start()
        if not self.conn.poll(30):
            raise RuntimeError("the fake server did not start")
        port, token = self.conn.recv()
        return f"http://127.0.0.1:{port}", token

    def report(self) -> dict[str, Any]:
        """Times of accepted sendMessage calls, messages per chat, 429 counts."""
        self.conn.send("report")
        answer: dict[str, Any] = self.conn.recv()
        return answer

    def __exit__(self, *exc: object) -> None:
        self.conn.send("stop")
        self.process.join(10)
        if self.process.is_alive():
            self.process.terminate()


def serve(conn: Connection, rate_limit: float | None, per_chat_limit: float | None) -> None:
    """Run the fake server in this (child) process until told to stop.

    The server stamps each request when its event loop gets to it. A garbage-collection
    pause of this Python process would bunch the stamps of the requests that arrived
    meanwhile and count more than really arrived within a second; Telegram's counting has
    no such pauses, so the collector is paused here (this process lives for one run).
    """
    gc.disable()

    async def main() -> None:
        async with FakeTelegramServer(
            rate_limit=rate_limit, per_chat_limit=per_chat_limit
        ) as server:
            conn.send((server.port, server.token))
            while True:
                command = await asyncio.to_thread(conn.recv)
                if command != "report":
                    return
                accepted = server.calls_named("sendMessage")
                conn.send(
                    {
                        "times": [c.time for c in accepted if c.status == 200],
                        "per_chat": dict(server.sent_per_chat),
                        "status_429": server.stats["429"],
                    }
                )

    asyncio.run(main())


async def run_rate(rate: float, members: int, url: str, token: str) -> None:
    """Send to `members` people through a server limited to `rate`/s."""
    with tempfile.TemporaryDirectory(prefix="mangluoi-bench-") as folder:
        db_url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await upgrade_async(db_url)
        app = BotApp(bot_config(db_url, url, token, rate), seed_demo=False)
        announcement_id = await prepare(db_url, app, members)
        await app.start(web=False)
        try:
            await announcement_jobs.release(app.job_context, announcement_id=announcement_id)
            await until_drained(app, seconds=members / rate * 3 + 60)
        finally:
            await app.stop()


async def run_pair_child(db_url: str, rate: float, url: str, token: str, total: int) -> None:
    """One of the two sending processes: send until the outbox is drained."""
    app = BotApp(bot_config(db_url, url, token, rate), seed_demo=False)
    await app.start(web=False)
    try:
        await until_drained(app, seconds=total / rate * 3 + 60)
    finally:
        await app.stop()
    print(json.dumps({"sent": app.sender.stats["sent"]}))


async def prepare_pair(
    pg_url: str, name: str, rate: float, members: int, url: str, token: str
) -> str:
    """A fresh PostgreSQL database with the members and the announcement released."""
    db_url = await create_pg_database(pg_url, name)
    await upgrade_async(db_url)
    app = BotApp(bot_config(db_url, url, token, rate), seed_demo=False)
    announcement_id = await prepare(db_url, app, members)
    await announcement_jobs.release(app.job_context, announcement_id=announcement_id)
    await app.engine.dispose()
    return db_url


def run_pair(rate: float, members: int, pg_url: str, url: str, token: str) -> list[int]:
    """Two sending processes on one temporary PostgreSQL database; their sent counts."""
    name = f"mangluoi_bench_{os.getpid()}"
    db_url = asyncio.run(prepare_pair(pg_url, name, rate, members, url, token))
    try:
        command = [sys.executable, __file__, "--pair-child", db_url, str(rate), url, token,
                   str(members)]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        children = [
            subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, env=env)
            for _ in range(2)
        ]
        outputs = [child.communicate()[0] for child in children]
        return [int(json.loads(out.strip().splitlines()[-1])["sent"]) for out in outputs]
    finally:
        asyncio.run(drop_pg_database(pg_url, name))


def rate_figures(rate: float, members: int, pg_url: str | None = None) -> dict[str, float]:
    """The rate run (by two processes on PostgreSQL if `pg_url`), with the server's own
    records."""
    server = ServerProcess(rate_limit=rate, per_chat_limit=1)
    split: list[int] = []
    with server as (url, token):
        if pg_url:
            split = run_pair(rate, members, pg_url, url, token)
        else:
            asyncio.run(run_rate(rate, members, url, token))
        report = server.report()
    times = report["times"]
    span = times[-1] - times[0]
    received = [report["per_chat"].get(CHAT_BASE + i, 0) for i in range(members)]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    return {
        "achieved": (len(times) - 1) / span,
        "ratio": (len(times) - 1) / span / rate,
        "status_429": report["status_429"],
        "lost": sum(1 for n in received if n == 0),
        "duplicated": sum(n - 1 for n in received if n > 1),
        "median_gap_ms": statistics.median(gaps) * 1000,
        "seconds": span,
        "split": split,  # type: ignore[dict-item]
    }


def rss_mb() -> float:
    """The current resident memory of this process, in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def run_memory(members: int, server_url: str, token: str) -> dict[str, float]:
    """Broadcast to `members` with no limit; sample memory while doing it."""
    with tempfile.TemporaryDirectory(prefix="mangluoi-bench-") as folder:
        db_url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await upgrade_async(db_url)
        app = BotApp(bot_config(db_url, server_url, token, 100_000), seed_demo=False)
        announcement_id = await prepare(db_url, app, members)
        await app.start(web=False)
        started = time.monotonic()
        samples: list[tuple[int, float]] = []

        async def sample() -> None:
            while True:
                samples.append((app.sender.stats["sent"], rss_mb()))
                await asyncio.sleep(0.5)

        sampler = asyncio.create_task(sample())
        try:
            await announcement_jobs.release(app.job_context, announcement_id=announcement_id)
            await until_drained(app, seconds=3600)
        finally:
            sampler.cancel()
            await app.stop()
        elapsed = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def at(share: float) -> float:
        wanted = members * share
        return next((mb for sent, mb in samples if sent >= wanted), samples[-1][1])

    return {
        "members": members,
        "sent": app.sender.stats["sent"],
        "peak_mb": peak,
        "rss_10pct_mb": at(0.1),
        "rss_50pct_mb": at(0.5),
        "rss_90pct_mb": at(0.9),
        "per_second": app.sender.stats["sent"] / elapsed,
    }


def memory_child(members: int, server_url: str, token: str) -> None:
    """Entry of the child process of one memory run: print its figures as JSON."""
    figures = asyncio.run(run_memory(members, server_url, token))
    print(json.dumps(figures))


def memory_runs(sizes: list[int]) -> list[dict[str, float]]:
    """One fresh process per audience size, the fake server in yet another process."""
    results = []
    with ServerProcess(rate_limit=None, per_chat_limit=None) as (url, token):
        for size in sizes:
            child = subprocess.run(
                [sys.executable, __file__, "--memory-child", str(size), url, token],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            results.append(json.loads(child.stdout.strip().splitlines()[-1]))
    return results


def main() -> None:
    """Run the benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--members", type=int, default=3000)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--skip-rate", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--pg-url", default=None)
    parser.add_argument("--memory-child", nargs=3, metavar=("MEMBERS", "URL", "TOKEN"))
    parser.add_argument("--pair-child", nargs=5)
    args = parser.parse_args()
    if args.pair_child:
        db_url, rate, url, token, total = args.pair_child
        asyncio.run(run_pair_child(db_url, float(rate), url, token, int(total)))
        return
    if args.memory_child:
        members, url, token = args.memory_child
        memory_child(int(members), url, token)
        return
    if not args.skip_rate:
        print(f"Rate: {args.members} members, server limit R = {args.rate:g}/s, bot at R")
        figures = rate_figures(args.rate, args.members)
        print(
            f"  achieved {figures['achieved']:.1f}/s = {figures['ratio']:.3f} R (goal >= 0.95)"
            f" in {figures['seconds']:.1f} s; median gap {figures['median_gap_ms']:.2f} ms"
        )
        print(f"  429 received: {figures['status_429']} (goal 0)")
        print(f"  lost: {figures['lost']}  duplicated: {figures['duplicated']} (goal 0, 0)")
    if args.pg_url:
        print("Rate, two processes on PostgreSQL sharing one budget, each configured to R:")
        figures = rate_figures(args.rate, args.members, args.pg_url)
        print(
            f"  achieved {figures['achieved']:.1f}/s = {figures['ratio']:.3f} R"
            f" in {figures['seconds']:.1f} s; sent by each: {figures['split']}"
        )
        print(f"  429 received: {figures['status_429']} (goal 0)")
        print(f"  lost: {figures['lost']}  duplicated: {figures['duplicated']} (goal 0, 0)")
    if not args.skip_memory:
        sizes = [int(size) for size in args.sizes.split(",") if size]
        print("Memory: no limit, one fresh process per audience")
        for result in memory_runs(sizes):
            print(
                f"  {int(result['members']):>7} recipients: peak {result['peak_mb']:.0f} MB"
                f" (RSS at 10/50/90% sent: {result['rss_10pct_mb']:.0f} /"
                f" {result['rss_50pct_mb']:.0f} / {result['rss_90pct_mb']:.0f} MB),"
                f" {int(result['sent'])} sent at {result['per_second']:.0f}/s"
            )
        print("  goal: under 200 MB and not growing with the audience")


if __name__ == "__main__":
    main()
