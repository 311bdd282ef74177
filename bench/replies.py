"""Reply benchmarks: the real bot (PTB Telegram channel in polling mode) against the fake
Telegram Bot API server running in a child process.

1. Latency under load: a broadcast to N members (3,000) at the channel limit R (100/s,
   1/s per chat) while P people (20/s, spread over 60 unregistered people) type /help.
   Prints p50 / p95 / p99 of the time from the update being offered to the bot until its
   answer reaches the server (goal p99 <= 300 ms), and the broadcast's own rate while the
   people typed, as a share of R minus the replies (goal >= 0.95).
2. CPU cost of one handled update: U updates (/help from 300 people), the bot's process
   CPU time (user + system, every thread) per update, beside a bare python-telegram-bot
   echo bot on the same fake server.

Run from the repository root:  .venv/bin/python bench/replies.py
(options: --rate 100 --members 3000 --typing 20 --seconds 20 --updates 3000
 --skip-latency --skip-cost)
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from broadcast import (  # noqa: E402
    CHAT_BASE,
    ServerProcess,
    bot_config,
    prepare,
    until_drained,
)
from telegram import Update  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler  # noqa: E402
from telegram.ext import filters as tg_filters  # noqa: E402

from bot.app import BotApp  # noqa: E402
from jobs import announcements as announcement_jobs  # noqa: E402
from models.migrate import upgrade_async  # noqa: E402
from tests.fakes.telegram_server import FakeTelegramServer  # noqa: E402

TYPING_BASE = 50_000_000
"""User ids of the people who type (not members: their answers are the guest help)."""


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


# ---- the server's side ------------------------------------------------------------------


def serve(conn: Connection, rate_limit: float | None, per_chat_limit: float | None) -> None:
    """The fake server in this child process. Commands over the pipe:
    ("type", people, per_second, seconds, first_id) has people type /help and answers with
    the latencies and the broadcast's send times; ("count", chat_base) answers how many
    messages went to chats at or above chat_base; anything else stops."""
    gc.disable()  # see bench/broadcast.py: no collector pauses bunching the stamps

    async def typing(
        server: FakeTelegramServer, people: int, per_second: float, seconds: float, first: int
    ) -> dict[str, Any]:
        pushed: list[tuple[float, int]] = []
        loop = asyncio.get_running_loop()
        began = loop.time()
        count = int(per_second * seconds)
        for number in range(count):
            await asyncio.sleep(max(0.0, began + number / per_second - loop.time()))
            chat = first + number % people
            server.push_text(chat, "/help")
            pushed.append((time.monotonic(), chat))
        ended = time.monotonic()
        await asyncio.sleep(5)  # the last answers
        answers: dict[int, list[float]] = {}
        broadcast: list[float] = []
        for call in server.calls_named("sendMessage"):
            if call.status != 200:
                continue
            chat = int(call.params["chat_id"])
            if chat >= first:
                answers.setdefault(chat, []).append(call.time)
            elif chat >= CHAT_BASE:
                broadcast.append(call.time)
        latencies = []
        unanswered = 0
        for at, chat in pushed:
            later = [t for t in answers.get(chat, []) if t >= at]
            if later:
                latencies.append(min(later) - at)
            else:
                unanswered += 1
        window = [t for t in broadcast if pushed[0][0] <= t <= ended]
        return {
            "latencies": latencies,
            "unanswered": unanswered,
            "broadcast_in_window": len(window),
            "window_seconds": ended - pushed[0][0],
            "status_429": server.stats["429"],
        }

    async def main() -> None:
        async with FakeTelegramServer(
            rate_limit=rate_limit, per_chat_limit=per_chat_limit
        ) as server:
            conn.send((server.port, server.token))
            while True:
                command = await asyncio.to_thread(conn.recv)
                if command[0] == "type":
                    conn.send(await typing(server, *command[1:]))
                elif command[0] == "push":
                    _, people, per_person, first = command
                    for round_ in range(per_person):
                        for number in range(people):
                            server.push_text(first + number, f"/help {round_}")
                    conn.send(people * per_person)
                elif command[0] == "count":
                    conn.send(
                        sum(
                            1
                            for call in server.calls_named("sendMessage")
                            if call.status == 200 and int(call.params["chat_id"]) >= command[1]
                        )
                    )
                else:
                    return

    asyncio.run(main())


class Server(ServerProcess):
    """The fake server in a child process, taking this bench's commands."""

    def __init__(self, rate_limit: float | None, per_chat_limit: float | None) -> None:
        super().__init__(rate_limit, per_chat_limit, target=serve)

    def ask(self, *command: Any) -> Any:
        """Send a command; wait for its answer."""
        self.conn.send(command)
        return self.conn.recv()


# ---- 1. latency while a broadcast sends -------------------------------------------------


async def run_latency(
    args: argparse.Namespace, server: Server, url: str, token: str
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="mangluoi-bench-") as folder:
        db_url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await upgrade_async(db_url)
        app = BotApp(bot_config(db_url, url, token, args.rate), seed_demo=False)
        announcement_id = await prepare(db_url, app, args.members)
        await app.start(web=False)
        try:
            await announcement_jobs.release(app.job_context, announcement_id=announcement_id)
            await asyncio.sleep(2)  # the broadcast is under way
            people = max(1, int(args.typing * 3))  # each person types every 3 s
            figures: dict[str, Any] = await asyncio.to_thread(
                server.ask, "type", people, args.typing, args.seconds, TYPING_BASE
            )
            await until_drained(app, seconds=args.members / args.rate * 3 + 60)
        finally:
            await app.stop()
    return figures


def latency(args: argparse.Namespace) -> None:
    print(
        f"Latency: {args.members} members broadcast at R = {args.rate:g}/s (1/s per chat),"
        f" {args.typing:g} people/s typing /help for {args.seconds:g} s"
    )
    server = Server(rate_limit=args.rate, per_chat_limit=1)
    with server as (url, token):
        figures = asyncio.run(run_latency(args, server, url, token))
    ms = [seconds * 1000 for seconds in figures["latencies"]]
    print(
        f"  replies: {len(ms)} answered, {figures['unanswered']} unanswered;"
        f" p50 {percentile(ms, 0.50):.0f} ms, p95 {percentile(ms, 0.95):.0f} ms,"
        f" p99 {percentile(ms, 0.99):.0f} ms, max {max(ms):.0f} ms (goal p99 <= 300 ms)"
    )
    rate = figures["broadcast_in_window"] / figures["window_seconds"]
    room = args.rate - args.typing
    print(
        f"  broadcast meanwhile: {rate:.1f}/s = {rate / room:.3f} of R minus the replies"
        f" ({room:g}/s) (goal >= 0.95); 429 received: {figures['status_429']}"
    )


# ---- 2. CPU per handled update ----------------------------------------------------------


def cpu_seconds() -> float:
    """User + system CPU time of this process so far (every thread)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def answered(server: Server, first: int, count: int, seconds: float = 600) -> None:
    """Wait until `count` answers reached chats from `first` on."""
    deadline = time.monotonic() + seconds
    while await asyncio.to_thread(server.ask, "count", first) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"fewer than {count} answers after {seconds:g} s")
        await asyncio.sleep(0.2)


async def bot_cost(args: argparse.Namespace, server: Server, url: str, token: str) -> float:
    with tempfile.TemporaryDirectory(prefix="mangluoi-bench-") as folder:
        db_url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await upgrade_async(db_url)
        app = BotApp(bot_config(db_url, url, token, 100_000), seed_demo=False)
        await app.start(web=False)
        try:
            return await measured(args, server, TYPING_BASE)
        finally:
            await app.stop()


async def measured(args: argparse.Namespace, server: Server, first: int) -> float:
    """CPU seconds per update for answering `args.updates` /help from 300 people."""
    people = 300
    per_person = max(1, args.updates // people)
    await asyncio.to_thread(server.ask, "push", people, per_person, first)
    before = cpu_seconds()
    await answered(server, first, people * per_person)
    return (cpu_seconds() - before) / (people * per_person)


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bare echo bot's only handler."""
    if update.effective_message is not None and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


async def echo_cost(args: argparse.Namespace, server: Server, url: str, token: str) -> float:
    application: Application[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{url}/bot")
        .base_file_url(f"{url}/file/bot")
        .connection_pool_size(64)
        .concurrent_updates(256)
        .job_queue(None)
        .build()
    )
    application.add_handler(MessageHandler(tg_filters.TEXT, echo))
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=10)
        try:
            return await measured(args, server, TYPING_BASE + 1_000_000)
        finally:
            await application.updater.stop()
            await application.stop()


def cost(args: argparse.Namespace) -> None:
    print(f"CPU per handled update: {args.updates} /help from 300 people, no send limit")
    server = Server(rate_limit=None, per_chat_limit=None)
    with server as (url, token):
        ours = asyncio.run(bot_cost(args, server, url, token))
    server = Server(rate_limit=None, per_chat_limit=None)
    with server as (url, token):
        bare = asyncio.run(echo_cost(args, server, url, token))
    print(
        f"  mangluoi-bot {ours * 1000:.2f} ms, bare python-telegram-bot echo bot"
        f" {bare * 1000:.2f} ms: {ours / bare:.2f}x"
    )


def main() -> None:
    """Run the benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--members", type=int, default=3000)
    parser.add_argument("--typing", type=float, default=20.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--updates", type=int, default=3000)
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--skip-cost", action="store_true")
    args = parser.parse_args()
    if not args.skip_latency:
        latency(args)
    if not args.skip_cost:
        cost(args)


if __name__ == "__main__":
    main()
