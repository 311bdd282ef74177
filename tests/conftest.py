"""Fixtures shared by every test: a migrated database per test, the app, a chat driver."""

import asyncio
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
from tests.utils.clock import FakeClock
from tests.utils.databases import TemplateDatabases

pytest_plugins = ["tests.utils.telegram", "tests.utils.plain_channel", "tests.utils.zalo"]


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
async def sessions(db_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A session factory on the fresh database."""
    engine = create_engine(db_url)
    yield session_factory(engine)
    await engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    """A clock the test moves by hand."""
    return FakeClock()


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
