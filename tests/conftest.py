"""Fixtures shared by every test: a migrated database per test, the app, a chat driver.

Every clock in the suite starts at one moment: `--now=2026-12-02T23:30:00+07:00` or
`MANGLUOI_TEST_NOW=...` moves it (see tests/utils/clock.py), for the fixtures and for the
processes tests start, so the suite can be run at any hour it must pass at.
"""

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import config as config_module
from bot import demo
from bot.app import BotApp
from bot.config import Config
from models.engine import create_engine, session_factory
from tests.utils.chat import ChatDriver
from tests.utils.clock import (
    DEFAULT_START,
    TEST_NOW_ENV,
    FakeClock,
    local_at,
    parse_moment,
    shown,
    suite_start,
)
from tests.utils.databases import TemplateDatabases

pytest_plugins = ["tests.utils.telegram", "tests.utils.plain_channel", "tests.utils.zalo"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--now`: the moment the suite's clocks start at."""
    parser.addoption(
        "--now",
        default=None,
        help=f"start every test clock at this ISO 8601 moment with offset (or set {TEST_NOW_ENV})",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Hand `--now` on through the environment (child processes read it too); check it."""
    config.addinivalue_line(
        "markers",
        "local_time(hour, minute=0): start the clock at this Gia Lai time on the suite's day"
        " (for tests that need an hour, e.g. working hours to send a broadcast)",
    )
    config.addinivalue_line(
        "markers",
        "pinned_clock: start the clock at the default moment (02/03/2026 09:00 in Gia Lai)"
        " whatever MANGLUOI_TEST_NOW says, for tests whose figures were counted by hand for"
        " that day; the clock is still the injected one, never the wall clock",
    )
    now = config.getoption("--now")
    if now:
        try:
            parse_moment(now)
        except ValueError as error:
            raise pytest.UsageError(f"--now: {error}") from None
        os.environ[TEST_NOW_ENV] = now
    try:
        suite_start()
    except ValueError as error:
        raise pytest.UsageError(str(error)) from None


def pytest_report_header(config: pytest.Config) -> str:
    """Say when the suite's clocks start, and in which zone the machine is."""
    start = suite_start()
    zone = os.environ.get("TZ", "not set")
    return f"test clock starts at {shown(start)} in Gia Lai ({start.isoformat()}); TZ {zone}"


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TemplateDatabases]:
    """Makes migrated databases for the whole run (SQLite, or PostgreSQL if configured)."""
    templates = TemplateDatabases(tmp_path_factory.mktemp("databases"))
    yield templates
    asyncio.run(templates.close())


@pytest.fixture
async def db_url(databases: TemplateDatabases) -> AsyncIterator[str]:
    """A fresh database at the head revision."""
    url = await databases.fresh()
    yield url
    await databases.drop(url)


@pytest.fixture
def clock(request: pytest.FixtureRequest) -> FakeClock:
    """A clock the test moves by hand, starting at the suite's test time, or at the hour of
    that day a `local_time` marker names."""
    if request.node.get_closest_marker("pinned_clock") is not None:
        return FakeClock(DEFAULT_START)
    marker = request.node.get_closest_marker("local_time")
    if marker is None:
        return FakeClock()
    wanted = dict(zip(("hour", "minute"), marker.args, strict=False)) | marker.kwargs
    return FakeClock(local_at(suite_start(), **wanted))


@pytest.fixture
async def sessions(
    db_url: str, clock: FakeClock
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A session factory on the fresh database; rows it stamps get the test's clock."""
    engine = create_engine(db_url)
    yield session_factory(engine, clock=clock)
    await engine.dispose()


def make_config(db_url: str, **sections: dict[str, object]) -> Config:
    """A configuration for tests: web chat on, Telegram off, the given database."""
    raw: dict[str, dict[str, object]] = {
        "database": {"url": db_url},
        "web": {"host": "127.0.0.1", "port": 0, "webchat_enabled": True},
        "telegram": {"enabled": False},
    }
    for name, values in sections.items():
        raw.setdefault(name, {}).update(values)
    return config_module.build(raw, environ={})


@pytest.fixture
async def app(db_url: str, clock: FakeClock, tmp_path: Path) -> AsyncIterator[BotApp]:
    """The bot with the web chat channel and demo people, without the web server.

    The demo team leader starts without the team `make demo` gives them, so tests that
    register teams start from none."""
    bot_app = BotApp(make_config(db_url), seed_demo=False, clock=clock)
    await bot_app.start(web=False)
    async with bot_app.sessions() as session:
        await demo.seed(session, with_teams=False)
        await session.commit()
    yield bot_app
    await bot_app.stop()


@pytest.fixture
def chat(app: BotApp) -> ChatDriver:
    """Talk to the bot as web chat people."""
    return ChatDriver(app.dispatcher)
