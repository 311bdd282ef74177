"""Delivery reports show the messenger: an announcement to people on Telegram, on Zalo and on
the web chat, one whose preferred Zalo blocked the bot (403) and now gets it on Telegram, and
one blocked on Zalo at this send. The district coordinator's /tinhhinh counts by messenger
inside their scope only, the not-acknowledged list and the attendee XLSX name each person's
messenger, and all of it stays the same after retention purged the outbox rows.

Sending needs working hours: the test starts at 09:00 on the suite's day.
"""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from bot import demo
from bot.app import BotApp
from bot.events import Reply
from bot.texts import demo as dt
from bot.texts import exports as et
from models import announcement_reports as reports
from models import members, outbox, retention
from models.announcements import Recipient
from models.members import ChannelIdentity, Member, MemberBase, MemberStatus
from models.outbox import OutboxMessage
from rendering import announcements as rendering
from rendering.attendance_sheet import attendee_sheet
from tests.conftest import make_config
from tests.fakes.telegram_server import FakeTelegramServer
from tests.fakes.zalo_server import FakeZaloServer
from tests.utils.attendance import name, seed_event
from tests.utils.broadcasting import deliver_all, inbox
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock, local_at
from tests.utils.population import announce

pytestmark = pytest.mark.local_time(9, 0)

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")

IA_SAO, YEN_DO = "23767", "23557"  # a commune of Ia Grai; a ward of Pleiku
ON_TELEGRAM = ("Ksor Thị Lan", 7001)
ON_ZALO = ("Siu Văn Hùng", "zalo-hung")
FELL_BACK = ("Rơ Châm Hoa", "zalo-hoa", 7003)  # prefers Zalo, blocked the bot there
BLOCKED = ("Kpă Văn Tú", "zalo-tu")  # Zalo only, blocks the bot before this send
OUTSIDE = ("Nay Thị Hằng", "zalo-hang")  # Pleiku: outside the Ia Grai coordinator's scope
HUYEN, XA, TOTRUONG = (dt.PEOPLE[key][0] for key in ("huyen", "xa", "totruong"))


@pytest.fixture
async def both(
    db_url: str, clock: FakeClock, fake_telegram: FakeTelegramServer, fake_zalo: FakeZaloServer
) -> AsyncIterator[BotApp]:
    """The bot on the web chat (demo people), Telegram and Zalo (the fakes)."""
    config = make_config(
        db_url,
        telegram={
            "enabled": True,
            "token": fake_telegram.token,
            "mode": "polling",
            "api_base_url": fake_telegram.url,
        },
        zalo={
            "enabled": True,
            "token": fake_zalo.token,
            "mode": "polling",
            "api_base_url": fake_zalo.url,
        },
    )
    app = BotApp(config, seed_demo=False, clock=clock)
    await app.start(web=False)
    async with app.sessions() as session:
        await demo.seed(session, with_teams=False)
        await session.commit()
    yield app
    await app.stop()


async def _person(
    app: BotApp,
    name: str,
    unit: str,
    identities: tuple[tuple[str, str], ...],
    preferred: str | None = None,
) -> int:
    async with app.sessions() as session:
        member = await members.create_member(
            session,
            data=MemberBase(full_name=name, unit_catalog="2024", unit_code=unit),
            status=MemberStatus.ACTIVE,
        )
        for channel, chat_id in identities:
            identity = await members.touch_identity(
                session, channel=channel, external_id=chat_id, chat_id=chat_id, display_name=None
            )
            await members.link_identity(session, identity=identity, member_id=member.id or 0)
        if preferred is not None:
            await members.set_preferred_channel(session, member=member, channel=preferred)
        await session.commit()
        return member.id or 0


async def _people(app: BotApp, fake_zalo: FakeZaloServer) -> None:
    """Everyone of the module docstring; the one who fell back has had a notice bounce (403)
    on Zalo, which made that identity unreachable."""
    await _person(app, ON_TELEGRAM[0], IA_SAO, (("telegram", str(ON_TELEGRAM[1])),))
    await _person(app, ON_ZALO[0], IA_SAO, (("zalo", ON_ZALO[1]),))
    name, zalo_chat, telegram_chat = FELL_BACK
    fell_back = await _person(
        app, name, IA_SAO, (("zalo", zalo_chat), ("telegram", str(telegram_chat))), "zalo"
    )
    await _person(app, BLOCKED[0], IA_SAO, (("zalo", BLOCKED[1]),))
    await _person(app, OUTSIDE[0], YEN_DO, (("zalo", OUTSIDE[1]),))
    fake_zalo.block(zalo_chat)
    async with app.sessions() as session:
        queued = await outbox.enqueue(
            session,
            member_id=fell_back,
            reply=Reply("Lịch giao ban tuần này."),
            priority=outbox.PRIORITY_NOTIFICATION,
            kind="notice",
        )
        await session.commit()
    assert queued == 1
    await deliver_all(app)
    async with app.sessions() as session:
        blocked = await session.scalar(
            select(ChannelIdentity).where(ChannelIdentity.chat_id == zalo_chat)
        )
    assert blocked is not None and not blocked.reachable
    fake_zalo.block(BLOCKED[1])


def _unacked(text: str) -> dict[str, str]:
    """Name → line of the not-acknowledged list."""
    found = {}
    for line in text.splitlines():
        matched = re.match(r"\d+\. (.+?) — ", line)
        if matched:
            found[matched.group(1)] = line
    return found


async def _report(chat: ChatDriver, who: str) -> str:
    await chat.send(who, "/tinhhinh")
    await chat.press(who, "#1")
    return chat.text(who)


async def test_the_report_and_the_sheet_show_each_persons_messenger(
    both: BotApp,
    clock: FakeClock,
    fake_telegram: FakeTelegramServer,
    fake_zalo: FakeZaloServer,
) -> None:
    app, chat = both, ChatDriver(both.dispatcher)
    await _people(app, fake_zalo)
    async with app.sessions() as session:
        admin = await session.scalar(
            select(Member).where(Member.full_name == dt.PEOPLE["admin"][0])
        )
    assert admin is not None and admin.id is not None
    title = "Tập huấn chữ ký số"
    await announce(
        app.sessions,
        author_member_id=admin.id,
        now=clock(),
        title=title,
        kind="training",
        event_at=local_at(clock(), days=8, hour=8),
        place="Hội trường UBND huyện Ia Grai",
        rsvp=True,
    )
    await deliver_all(app)

    # Where it actually went: Telegram for the one whose Zalo is blocked, nothing on Zalo.
    assert any(title in (text or "") for text in fake_telegram.sent_texts(ON_TELEGRAM[1]))
    assert any(title in (text or "") for text in fake_telegram.sent_texts(FELL_BACK[2]))
    assert any(title in text for text in fake_zalo.texts(ON_ZALO[1]))
    assert not any(title in text for text in fake_zalo.texts(FELL_BACK[1]))
    assert fake_zalo.texts(BLOCKED[1]) == []
    [for_xa] = await inbox(app, "xa")
    await chat.press_token("xa", for_xa.buttons["Tham gia"])

    # The district coordinator: 7 recipients in Ia Grai, the Pleiku one neither counted nor named.
    report = await _report(chat, "huyen")
    assert "Người nhận: 7\n" in report
    assert "✅ Đã gửi: 6 · ⏳ Đang chờ gửi: 0 · ❌ Lỗi: 0 · 🚫 Không liên lạc được: 1" in report
    assert "📨 Đã gửi qua: Web chat 3 · Telegram 2 · Zalo 1\n" in report
    await chat.press("huyen", "Ai chưa xác nhận")
    listed = _unacked(chat.text("huyen"))
    assert set(listed) == {ON_TELEGRAM[0], ON_ZALO[0], FELL_BACK[0], BLOCKED[0], HUYEN, TOTRUONG}
    assert listed[ON_TELEGRAM[0]].endswith("— đã gửi qua Telegram")
    assert listed[ON_ZALO[0]].endswith("— đã gửi qua Zalo")
    assert listed[FELL_BACK[0]].endswith("— đã gửi qua Telegram")
    assert listed[BLOCKED[0]].endswith("— không liên lạc được qua Zalo")
    assert listed[HUYEN].endswith("— đã gửi qua Web chat")
    assert OUTSIDE[0] not in chat.text("huyen")

    await chat.press("huyen", "Làm mới")
    await chat.press("huyen", "XLSX")
    [message] = chat.last["huyen"]
    assert message.document is not None
    book = load_workbook(io.BytesIO(message.document.content))
    sign_in = [list(r) for r in book[et.SHEET_TITLE].iter_rows(values_only=True)]
    others = [list(r) for r in book[et.OTHERS_TITLE].iter_rows(values_only=True)]
    assert sign_in[3][4] == others[3][4] == "Kênh nhận"
    assert [r[1:5:3] for r in sign_in[4:] if isinstance(r[0], int)] == [[XA, "Web chat"]]
    channels = {r[1]: r[4] for r in others[4:] if isinstance(r[0], int)}
    assert channels == {
        ON_TELEGRAM[0]: "Telegram",
        ON_ZALO[0]: "Zalo",
        FELL_BACK[0]: "Telegram",
        BLOCKED[0]: "Zalo (không liên lạc được)",
        HUYEN: "Web chat",
        TOTRUONG: "Web chat",
    }

    # The province sees the Pleiku one too.
    province = await _report(chat, "admin")
    sent_line = next(line for line in province.splitlines() if line.startswith("📨"))
    assert "Telegram 2" in sent_line and "Zalo 2" in sent_line

    # Retention purges the outbox rows: the report reads the messengers kept on recipients.
    async with app.sessions() as session:
        purged = await retention.purge_outbox(
            session, before=clock() + timedelta(days=1), limit=1000
        )
        await session.commit()
        left = list((await session.execute(select(OutboxMessage))).scalars())
    assert purged > 0 and left == []
    assert await _report(chat, "huyen") == report
    await chat.press("huyen", "Ai chưa xác nhận")
    assert _unacked(chat.text("huyen")) == listed

    # A message purged before messengers were kept: sent, on a messenger nobody knows.
    async with app.sessions() as session:
        member_id = await session.scalar(select(Member.id).where(Member.full_name == ON_ZALO[0]))
        await session.execute(
            update(Recipient)
            .where(col(Recipient.member_id) == member_id)
            .values(kept_channel=None)
        )
        await session.commit()
    assert "📨 Đã gửi qua: Web chat 3 · Telegram 2 · không rõ kênh 1\n" in (
        await _report(chat, "huyen")
    )
    await chat.press("huyen", "Ai chưa xác nhận")
    assert _unacked(chat.text("huyen"))[ON_ZALO[0]].endswith("— đã gửi (không rõ kênh)")


async def test_messages_purged_before_messengers_were_kept_show_as_unknown(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    row = await seed_event(sessions, attending=2, declined=0, silent=2)
    assert row.id is not None
    kept = {  # person → (kept delivery, kept messenger); person 3 was never sent anything
        0: ("sent", None),  # purged before this version kept the messenger
        1: ("sent", "zalo"),
        2: ("unreachable", "zalo"),
    }
    async with sessions() as session:
        for index, (state, channel) in kept.items():
            member_id = await session.scalar(
                select(Member.id).where(Member.full_name == name(index))
            )
            await session.execute(
                update(Recipient)
                .where(
                    col(Recipient.announcement_id) == row.id, col(Recipient.member_id) == member_id
                )
                .values(kept_delivery=state, kept_channel=channel)
            )
        await session.commit()
        tallies = await reports.tally_by_unit(
            session, announcement_id=row.id, dedupe_key=row.dedupe_key
        )
        people, _ = await reports.unacknowledged(
            session, announcement_id=row.id, dedupe_key=row.dedupe_key, limit=10, offset=0
        )
        sheet, _ = await attendee_sheet(session, announcement=row, zone=ZONE)
    total = reports.Tally()
    for tally in tallies.values():
        total.add(tally)
    assert total.by_channel("sent") == {reports.UNKNOWN_CHANNEL: 1, "zalo": 1}
    assert rendering.channel_counts(total.by_channel("sent")) == "Zalo 1 · không rõ kênh 1"
    assert total.by_channel("unreachable") == {"zalo": 1, None: 1}
    assert {p.name: p.channel for p in people} == {
        name(0): reports.UNKNOWN_CHANNEL,
        name(1): "zalo",
        name(2): "zalo",
        name(3): None,
    }
    book = load_workbook(io.BytesIO(sheet.content))
    cells = {
        r[1]: r[4]
        for title in (et.SHEET_TITLE, et.OTHERS_TITLE)
        for r in book[title].iter_rows(min_row=5, values_only=True)
        if isinstance(r[0], int)
    }
    assert cells == {
        name(0): "Không rõ",
        name(1): "Zalo",
        name(2): "Zalo (không liên lạc được)",
        name(3): None,  # nothing was sent: an empty cell
    }


def test_messenger_counts_most_first_unknown_last_none_left_out() -> None:
    counts: dict[str | None, int] = {
        "zalo": 38,
        reports.UNKNOWN_CHANNEL: 5,
        "webchat": 2,
        None: 7,
        "telegram": 80,
    }
    assert rendering.channel_counts(counts) == (
        "Telegram 80 · Zalo 38 · Web chat 2 · không rõ kênh 5"
    )
    assert rendering.channel_counts({None: 3}) == ""
