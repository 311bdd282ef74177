"""Throwaway databases for tests: SQLite files, or PostgreSQL when TEST_DATABASE_URL is set.

Migrations run once into a template; each test gets a fresh copy of it.
"""

import os
import shutil
import uuid
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from models.migrate import upgrade_async

PG_ENV = "TEST_DATABASE_URL"


def postgres_url() -> str | None:
    """The PostgreSQL server URL given to the tests, if any."""
    return os.environ.get(PG_ENV) or None


def _asyncpg_dsn(url: str, database: str) -> str:
    parsed = make_url(url).set(drivername="postgresql", database=database)
    return parsed.render_as_string(hide_password=False)


def with_database(url: str, database: str) -> str:
    """The same server URL pointing at another database."""
    return make_url(url).set(database=database).render_as_string(hide_password=False)


async def create_pg_database(server_url: str, name: str, template: str | None = None) -> str:
    """Create a PostgreSQL database (optionally from a template); return its URL."""
    connection = await asyncpg.connect(_asyncpg_dsn(server_url, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        clause = f' TEMPLATE "{template}"' if template else ""
        await connection.execute(f'CREATE DATABASE "{name}"{clause}')
    finally:
        await connection.close()
    return with_database(server_url, name)


async def drop_pg_database(server_url: str, name: str) -> None:
    """Drop a PostgreSQL database, disconnecting its sessions."""
    connection = await asyncpg.connect(_asyncpg_dsn(server_url, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


class TemplateDatabases:
    """Makes migrated databases quickly by copying a template migrated once."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.server = postgres_url()
        self.template_name = f"mangluoi_tpl_{uuid.uuid4().hex[:8]}"
        self._template_ready = False

    @property
    def backend(self) -> str:
        """`postgresql` or `sqlite`."""
        return "postgresql" if self.server else "sqlite"

    async def _ensure_template(self) -> None:
        if self._template_ready:
            return
        if self.server:
            url = await create_pg_database(self.server, self.template_name)
            await upgrade_async(url)
        else:
            await upgrade_async(f"sqlite+aiosqlite:///{self.workdir / 'template.db'}")
        self._template_ready = True

    async def fresh(self) -> str:
        """A new database at the head revision; returns its URL."""
        await self._ensure_template()
        name = f"mangluoi_t_{uuid.uuid4().hex[:10]}"
        if self.server:
            return await create_pg_database(self.server, name, template=self.template_name)
        target = self.workdir / f"{name}.db"
        shutil.copyfile(self.workdir / "template.db", target)
        return f"sqlite+aiosqlite:///{target}"

    async def empty(self) -> str:
        """A new database with no tables (for migration tests)."""
        name = f"mangluoi_e_{uuid.uuid4().hex[:10]}"
        if self.server:
            return await create_pg_database(self.server, name)
        return f"sqlite+aiosqlite:///{self.workdir / name}.db"

    async def drop(self, url: str) -> None:
        """Remove a database made by this helper."""
        if self.server:
            await drop_pg_database(self.server, make_url(url).database or "")

    async def close(self) -> None:
        """Remove the template."""
        if self.server and self._template_ready:
            await drop_pg_database(self.server, self.template_name)
