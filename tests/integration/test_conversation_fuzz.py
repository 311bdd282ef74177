"""Every conversation driven with random sequences of what people really send: odd texts
(emoji, NFD and NFC Vietnamese, 5,000 characters, control characters, RTL marks, spaces,
numbers), commands, stale and forged buttons, stickers and files where none is asked, the
clock moving on, and restarts of the bot on the same database in between.

After every case: no ERROR was logged, every message got an answer; every few cases and at
the end the database is checked (tests/utils/db_checks.py).

The default profile runs 600 cases (30 per flow, on the web chat and on the plain channel
without buttons, where options are answered by typing their number); the slow one
(`-m slow`, web chat) runs 11,200 (1,120 per flow) in about six minutes on two cores.
"""

from __future__ import annotations

import logging
import secrets
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.app import BotApp
from bot.events import Attachment, Kind, Outgoing
from handlers import build_router
from models import conversations
from models.conversations import ConversationState
from models.members import Member, MemberStatus
from models.options import LastChoices
from tests.conftest import make_config
from tests.integration.proving import ActorDriver, World, build_world
from tests.utils.clock import FakeClock
from tests.utils.db_checks import consistency_problems

log = logging.getLogger(__name__)

VIETNAMESE = "Nguyễn Thị Hồng Nhung, Xã Ia Sao, Huyện Ia Grai"
NASTY: tuple[str, ...] = (
    VIETNAMESE,
    unicodedata.normalize("NFD", VIETNAMESE),
    unicodedata.normalize("NFD", "Tổ trưởng"),
    "Tổ trưởng",
    "😀👍🏽🇻🇳",
    "x" * 5000,
    "Đ" * 5000,
    "\x00\x01\x07\x1b[31m",
    "\ud800 \udfff",
    "a\u202eb\u200f\u200e\u2066c",
    "   ",
    "\n\t ",
    "",
    "0",
    "-1",
    "1",
    "2",
    "3",
    "9",
    "99999999999999999999999999",
    "1e309",
    "0905 123 456",
    "+84905123456",
    "123456",
    "01/01/2027 08:00",
    "31/02/2026",
    "Có",
    "Không",
    "Quay lại",
    "Hủy",
    "huy",
    "/huy",
    "/start abcdef",
    "/lienket 000000",
    "/dangky@bot",
    "#1",
    "số 2",
)
FORGED: tuple[str, ...] = (
    "",
    "\ud800",
    "x",
    "appr:ok:1",
    "cmd:phanquyen",
    "rep:1:cancel",
    "a" * 300,
    "\x00",
)
KINDS = (
    Kind.STICKER,
    Kind.VOICE,
    Kind.LOCATION,
    Kind.PHOTO,
    Kind.DOCUMENT,
    Kind.CONTACT,
    Kind.OTHER,
)

FLOWS: dict[str, tuple[tuple[str, str], ...]] = {
    "registration": (("guest", "/dangky"), ("guest", "/start")),
    "profile": (("tv", "/hoso"), ("cho", "/hoso"), ("tv", "/xoadulieu")),
    "teams": (("tt", "/todoi"), ("xa_in", "/todoi")),
    "invites": (("huyen", "/moi"), ("xa_in", "/moi")),
    "broadcast": (("huyen", "/thongbao"), ("admin", "/thongbao")),
    "rsvp": (("tv", "/thongbao"), ("tt", "/thongbao")),
    "tasks": (("tv", "/nhiemvu"), ("admin", "/nhiemvu"), ("huyen", "/nhiemvu")),
    "feedback": (("cho", "/gopy"), ("khach", "/gopy"), ("admin", "/xemgopy")),
    "linking": (("tv", "/lienket"), ("guest", "/lienket"), ("tt", "/lienket")),
    "checkins": (
        ("tv", "/baocaotiendo"),
        ("huyen", "/baocaotiendo"),
        ("huyen", "/tonghop"),
        ("admin", "/tonghop"),
    ),
}
"""Each flow: who starts it with what."""
RESTART_ON = 1000
COMMANDS = tuple(sorted(f"/{name}" for name in build_router().commands))


def steps(restart_odds: int, most: int) -> st.SearchStrategy[list[tuple[str, object]]]:
    """Up to `most` things a person does after starting a flow, pressing the options shown
    more often than anything else; a restart once in about `restart_odds` steps (on a middle
    value: hypothesis draws the ends of a range far more often)."""
    half = restart_odds // 2
    one = st.one_of(
        st.tuples(st.just("press"), st.integers(0, 12)),
        st.tuples(st.just("press"), st.integers(0, 3)),
        st.tuples(st.just("press"), st.integers(0, 1)),
        st.tuples(st.just("press"), st.just(0)),
        st.tuples(st.just("type"), st.integers(1, 6)),
        st.tuples(st.just("text"), st.sampled_from(NASTY)),
        st.tuples(st.just("text"), st.text(max_size=40)),
        st.tuples(st.just("command"), st.sampled_from(COMMANDS)),
        st.tuples(st.just("stale"), st.integers(0, 200)),
        st.tuples(st.just("forged"), st.sampled_from(FORGED)),
        st.tuples(st.just("kind"), st.sampled_from(KINDS)),
        st.tuples(st.just("wait"), st.integers(1, 30 * 60)),
        st.tuples(st.just("restart"), st.integers(RESTART_ON - half, RESTART_ON + half)),
    )
    return st.lists(one, max_size=most)


@dataclass
class Bench:
    """The running bot (replaced on a restart), the world and what was seen so far."""

    db_url: str
    clock: FakeClock
    app: BotApp
    world: World
    driver: ActorDriver
    guests: int = 0
    cases: int = 0
    messages: int = 0
    restarts: int = 0
    tokens: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    async def restart(self) -> None:
        """Stop the bot and start a new one on the same database."""
        await self.app.stop()
        self.app = BotApp(make_config(self.db_url), seed_demo=False, clock=self.clock)
        await self.app.start(web=False)
        self.driver = ActorDriver(self.app.dispatcher, self.world.actors)
        self.restarts += 1

    async def say(self, actor: str, what: str, **values: object) -> list[Outgoing]:
        """Send one message; note a message left without an answer."""
        answer = await self.driver.send_event(actor, **values)
        self.messages += 1
        if not answer:
            self.problems.append(f"{actor}: no answer to {what}")
        for message in answer:
            self.tokens.extend((actor, option.token) for option in message.options)
        return answer


@pytest.fixture(params=["webchat"])
async def bench(
    request: pytest.FixtureRequest, db_url: str, clock: FakeClock, plain_channel_type
) -> AsyncIterator[Bench]:
    """The bot with the actors' world on one channel (the web chat, or `plain` without
    buttons); stopped at the end, whichever it is."""
    app = BotApp(make_config(db_url), seed_demo=False, clock=clock)
    await app.start(web=False)
    world = await build_world(app, request.param)
    made = Bench(db_url, clock, app, world, ActorDriver(app.dispatcher, world.actors))
    yield made
    try:
        log.info("cases=%d messages=%d restarts=%d", made.cases, made.messages, made.restarts)
        assert made.cases > 0 and made.messages >= made.cases
        await check_database(made)
    finally:
        await made.app.stop()


async def play(bench: Bench, flow: str, start: int, plan: list[tuple[str, object]]) -> None:
    """One case: start the flow, then do each step; record what went wrong."""
    actor, starter = FLOWS[flow][start % len(FLOWS[flow])]
    if actor == "guest":
        bench.guests += 1
        actor = f"guest{bench.guests}"
    bench.cases += 1
    async with bench.app.sessions() as session:  # a fresh start, as /huy would give
        await conversations.clear(
            session,
            channel=bench.world.actors.channel,
            external_id=bench.world.actors.external_id(actor),
        )
        await session.commit()
    answer = await bench.say(actor, starter, text=starter)
    for action, arg in plan:
        answer = await _step(bench, actor, answer, action, arg)


async def _step(
    bench: Bench, actor: str, answer: list[Outgoing], action: str, arg: object
) -> list[Outgoing]:
    shown = [option for message in answer for option in message.options]
    what = f"{action} {arg!r}"
    if action == "press":
        assert isinstance(arg, int)
        if not shown:
            return await bench.say(actor, what, text=str(arg))
        option = shown[arg % len(shown)]
        if bench.world.actors.channel != "webchat":  # no buttons: type the option's number
            return await bench.say(actor, what, text=str(option.number))
        return await bench.say(actor, what, kind=Kind.OPTION, option_token=option.token)
    if action == "type":
        return await bench.say(actor, what, text=str(arg))
    if action == "text":
        return await bench.say(actor, what, text=str(arg))
    if action == "command":
        return await bench.say(actor, what, text=str(arg))
    if action == "stale":
        assert isinstance(arg, int)
        token = bench.tokens[arg % len(bench.tokens)][1] if bench.tokens else "none"
        return await bench.say(actor, what, kind=Kind.OPTION, option_token=token)
    if action == "forged":
        token = str(arg) or secrets.token_urlsafe(12)
        return await bench.say(actor, what, kind=Kind.OPTION, option_token=token)
    if action == "kind":
        assert isinstance(arg, Kind)
        return await bench.say(actor, what, **_unasked(arg))
    if action == "wait":
        assert isinstance(arg, int)
        bench.clock.advance(minutes=arg)
        return answer
    if action == "restart" and arg == RESTART_ON:
        await bench.restart()
    return answer


def _unasked(kind: Kind) -> dict[str, object]:
    """A message of `kind` as a channel hands it over (a file that cannot be fetched)."""
    if kind in (Kind.PHOTO, Kind.DOCUMENT):
        attachment = Attachment(kind=kind, file_id="9999", filename="bao-cao.xlsx")
        return {"kind": kind, "attachment": attachment}
    if kind == Kind.CONTACT:
        return {"kind": kind, "contact_phone": "+84905123456", "contact_is_own": True}
    return {"kind": kind}


def check_case(bench: Bench, caplog: pytest.LogCaptureFixture, case: object) -> None:
    """Fail with the case when a message went unanswered or an ERROR was logged."""
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    caplog.clear()
    problems, bench.problems = bench.problems, []
    problems += [f"logged: {r.getMessage()} {r.exc_info[1] if r.exc_info else ''}" for r in errors]
    assert not problems, f"{case}:\n" + "\n".join(problems)


async def check_database(bench: Bench) -> None:
    """Fail when the database holds a half-written member or a row pointing at nothing."""
    problems = await consistency_problems(bench.app.sessions, bench.app.router)
    assert not problems, "\n".join(problems)


FAST = settings(
    max_examples=30,
    deadline=None,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
SLOW = settings(FAST, max_examples=1120)
CHECK_EVERY = 25
"""The database is checked after every this many cases (and at the end)."""


async def _run(bench: Bench, caplog, flow: str, start: int, plan, *, restart_every: int) -> None:
    caplog.set_level(logging.WARNING)
    if bench.cases and bench.cases % restart_every == 0:
        await bench.restart()
    await play(bench, flow, start, plan)
    check_case(bench, caplog, (flow, start, plan))
    if bench.cases % CHECK_EVERY == 0:
        await check_database(bench)


@pytest.mark.parametrize("bench", ["webchat", "plain"], indirect=True)
@pytest.mark.parametrize("flow", sorted(FLOWS))
@FAST
@given(start=st.integers(0, 5), plan=steps(restart_odds=8, most=6))
async def test_fuzzed_conversations(bench: Bench, caplog, flow: str, start: int, plan) -> None:
    await _run(bench, caplog, flow, start, plan, restart_every=20)


@pytest.mark.slow
@pytest.mark.fuzz_long
@pytest.mark.parametrize("flow", sorted(FLOWS))
@SLOW
@given(start=st.integers(0, 5), plan=steps(restart_odds=60, most=4))
async def test_fuzzed_conversations_at_length(
    bench: Bench, caplog, flow: str, start: int, plan
) -> None:
    await _run(bench, caplog, flow, start, plan, restart_every=400)


async def test_the_database_checker_finds_what_is_wrong(app: BotApp) -> None:
    """The checker the fuzzing relies on can fail: a nameless member, a conversation of a
    flow that does not exist and of an account never seen, the last choices of a set that
    is gone."""
    assert await consistency_problems(app.sessions, app.router) == []
    async with app.sessions() as session:
        session.add(Member(full_name=" ", status=MemberStatus.ACTIVE, unit_code="23767"))
        session.add(ConversationState(channel="webchat", external_id="x", flow="gone", step="a"))
        session.add(LastChoices(channel="webchat", external_id="x", set_id="nothing"))
        await session.commit()
    problems = await consistency_problems(app.sessions, app.router)
    assert len(problems) == 5, problems
    assert any("x: an account never seen" in p for p in problems)
    assert any("no name" in p for p in problems) and any("unit" in p for p in problems)
    assert any("unknown flow 'gone'" in p for p in problems)
    assert any("set nothing missing" in p for p in problems)
