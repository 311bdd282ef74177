"""A broadcast to 3,000 people and a day of deadline reminders through the real Telegram
channel while the fake Bot API fails 10 % of the sends at random (seeded): 429 with a
short retry_after, 500/502/503, and time-outs whose message the server did deliver but
answered too late. Everybody gets the announcement and every due reminder, the server's
limits (overall and per chat) are never exceeded, and a time-out counts as "maybe
delivered" (never resent, so no duplicate), which the /tinhhinh report says.

Sending needs working hours: the test starts at 09:00 on the suite's day (after the reminder
hour, so the deadlines due today are reminded).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from bot.app import BotApp
from bot.texts import broadcast as bt
from jobs import task_reminders as reminder_jobs
from models import announcement_reports as reports
from models.outbox import OutboxMessage, OutboxState
from models.task_reminders import TaskReminder
from tests.fakes.telegram_server import FakeTelegramServer
from tests.integration.reminding import give_task, join_ia_sao
from tests.integration.task_chatting import import_seed, local_day
from tests.utils.broadcasting import deliver_everything
from tests.utils.clock import FakeClock
from tests.utils.population import announce, make_admin, seed_members
from tests.utils.telegram import TelegramApps, busiest_second, button_data, received

pytestmark = [pytest.mark.slow, pytest.mark.local_time(9, 0)]

RATE = 200  # messages a second, the server's limit and the bot's
BROADCAST_ONLY = 2_500
REMINDED = 500  # staff of UBND Xã Ia Sao: the broadcast and two reminders each
BROADCAST_BASE = 7_200_000
REMINDED_BASE = 8_200_000
ADMIN = 4_200_001
TITLE = "Tập huấn kỹ năng số"
TASKS = ("5.2", "6.1")  # both due today
FAULTS = ("429", "500", "502", "503", "timeout")
FAIL_RATIO = 0.10
SEND_TIMEOUT = 2.0  # the bot's read time-out (a busy machine may be slow); a "timeout"
HANG = 3.0  # fault answers this late
RETRY_AFTER = 0.1


async def _count(app: BotApp, *states: OutboxState) -> int:
    async with app.sessions() as session:
        result = await session.execute(
            select(func.count())
            .select_from(OutboxMessage)
            .where(col(OutboxMessage.state).in_(states))
        )
        return int(result.scalar_one())


async def _report(server: FakeTelegramServer, announcement_id: int) -> str:
    """The /tinhhinh report of the announcement, as the admin reads it in Telegram."""
    seen = server.sent_count(ADMIN)
    server.push_text(ADMIN, "/tinhhinh")
    [*_, listing] = await server.wait_for_messages(ADMIN, seen + 1)
    await asyncio.sleep(1.1)  # a person reads the list (and Telegram allows 1/s per chat)
    server.push_callback(ADMIN, button_data(listing, f"#{announcement_id}"))
    [*_, report] = await server.wait_for_messages(ADMIN, seen + 2)
    return str(report["text"])


async def test_ten_percent_faults_lose_nothing_and_keep_within_the_limits(
    telegram_app: TelegramApps, fake_telegram: FakeTelegramServer, clock: FakeClock
) -> None:
    server = fake_telegram
    server.rate_limit, server.per_chat_limit = RATE, 1
    app = await telegram_app(
        web=False,
        admins=[f"telegram:{ADMIN}"],
        messages_per_second=RATE,
        send_timeout=SEND_TIMEOUT,
    )
    await seed_members(app.sessions, count=BROADCAST_ONLY, chat_base=BROADCAST_BASE)
    await seed_members(app.sessions, count=REMINDED, chat_base=REMINDED_BASE, name="Cán bộ xã")
    await import_seed(app, clock)
    await join_ia_sao(app, "Cán bộ xã ")
    for number in TASKS:
        await give_task(app, clock, number, local_day(clock, app))
    author = await make_admin(app.sessions)
    row = await announce(
        app.sessions,
        author_member_id=author,
        now=clock(),
        title=TITLE,
        audience={"roles": ["member"]},
    )

    server.faults, server.fail_ratio = FAULTS, FAIL_RATIO
    server.fault_retry_after, server.fault_hang = RETRY_AFTER, HANG
    server.rng.seed(12)
    began = time.monotonic()
    assert await reminder_jobs.remind_due(app.job_context) == len(TASKS) * REMINDED
    await deliver_everything(app, clock, timeout=120)
    took = time.monotonic() - began
    server.fail_ratio = 0.0
    await asyncio.sleep(HANG)  # the last late answers

    # Every fault kind happened, about one send in ten.
    injected = {fault: server.stats[f"injected_{fault}"] for fault in FAULTS}
    assert min(injected.values()) > 0, injected
    attempts = len(server.calls_named("sendMessage"))
    assert 0.07 < server.stats["injected_failures"] / attempts < 0.13
    late = Counter(server.late_answers)
    assert sum(late.values()) == injected["timeout"] > 0  # each was delivered, answered late

    # Everybody got the announcement and each reminder due; only time-outs could repeat.
    total = BROADCAST_ONLY + REMINDED * (1 + len(TASKS))
    for i in range(BROADCAST_ONLY):
        assert received(server, BROADCAST_BASE + i, title=TITLE, tasks=TASKS) == (
            1,
            dict.fromkeys(TASKS, 0),
        )
    for i in range(REMINDED):
        broadcasts, reminders = received(server, REMINDED_BASE + i, title=TITLE, tasks=TASKS)
        assert broadcasts >= 1 and all(reminders[number] >= 1 for number in TASKS)
    assert set(server.duplicates()) <= set(late)
    repeated = server.sent_count() - total
    assert 0 <= repeated <= sum(late.values())
    async with app.sessions() as session:
        reminded = await session.execute(select(func.count()).select_from(TaskReminder))
        assert int(reminded.scalar_one()) == len(TASKS) * REMINDED

    # A time-out is "maybe delivered": recorded so, never resent, and counted so.
    uncertain = await _count(app, OutboxState.UNCERTAIN)
    assert uncertain == sum(late.values())
    assert await _count(app, OutboxState.SENT) == total - uncertain
    assert await _count(app, OutboxState.FAILED, OutboxState.QUEUED) == 0
    async with app.sessions() as session:
        tallies = await reports.tally_by_unit(
            session, announcement_id=row.id or 0, dedupe_key=row.dedupe_key
        )
        broadcast_uncertain = await session.execute(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                col(OutboxMessage.dedupe_key) == row.dedupe_key,
                col(OutboxMessage.state) == OutboxState.UNCERTAIN,
            )
        )
        maybe = int(broadcast_uncertain.scalar_one())
    tally = reports.Tally()
    for part in tallies.values():
        tally.add(part)
    assert tally.total == BROADCAST_ONLY + REMINDED
    assert tally.delivery == {reports.SENT: tally.total - maybe, reports.UNCERTAIN: maybe}
    assert maybe > 0

    # The server's own limits were never exceeded (its 429s were all injected ones).
    assert server.stats["rate_limited"] == 0, server.stats
    assert server.stats["429"] == injected["429"]
    busiest = busiest_second(server)
    assert busiest <= RATE
    sends = sorted(float(m["time"]) for m in server.sent_messages())
    print(
        f"\n10 % faults: {total} messages ({BROADCAST_ONLY + REMINDED} broadcast,"
        f" {len(TASKS) * REMINDED} reminders) in {took:.1f} s, {attempts} requests;"
        f" injected {dict(injected)}; {uncertain} maybe delivered ({maybe} of the broadcast),"
        f" {repeated} repeated; busiest second {busiest} (limit {RATE}),"
        f" {(len(sends) - 1) / (sends[-1] - sends[0]):.1f}/s overall"
    )
    # The report a coordinator reads in /tinhhinh says how many may have arrived.
    assert bt.REPORT_UNCERTAIN.format(count=maybe) in await _report(server, row.id or 0)
