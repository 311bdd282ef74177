"""Apply Alembic migrations from code (the bot at start, `mangluoi db`, and tests)."""

import asyncio
from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory


def alembic_config(url: str) -> Config:
    """Build the Alembic configuration for a database URL, without an ini file."""
    config = Config()
    config.set_main_option("script_location", str(files("models") / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logging"] = False
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Upgrade the database to `revision` (blocking; run it in a thread from async code)."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    """Downgrade the database to `revision`."""
    command.downgrade(alembic_config(url), revision)


def current(url: str) -> None:
    """Print the database's current revision."""
    command.current(alembic_config(url))


async def upgrade_async(url: str, revision: str = "head") -> None:
    """Upgrade from async code, in a worker thread with its own event loop."""
    await asyncio.to_thread(upgrade, url, revision)


def known_revisions() -> list[str]:
    """Every revision this version knows, newest first."""
    scripts = ScriptDirectory.from_config(alembic_config("sqlite+aiosqlite://"))
    return [script.revision for script in scripts.walk_revisions()]
