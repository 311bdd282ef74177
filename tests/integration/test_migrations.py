"""Migrations: up, down and up again on an empty database, and the result matches the models."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import models  # noqa: F401  (every table on the metadata)
from models.engine import create_engine
from models.migrate import alembic_config, downgrade, upgrade_async
from tests.utils.databases import TemplateDatabases


@pytest.fixture
async def empty_url(databases: TemplateDatabases) -> AsyncIterator[str]:
    """A database with no tables at all."""
    url = await databases.empty()
    yield url
    await databases.drop(url)


async def _run(url: str, work: Any) -> Any:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(work)
    finally:
        await engine.dispose()


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection,
        opts={"compare_type": True, "compare_server_default": True},
    )
    return list(compare_metadata(context, SQLModel.metadata))


def test_revisions_form_one_line() -> None:
    scripts = ScriptDirectory.from_config(alembic_config("sqlite+aiosqlite://"))
    assert len(scripts.get_heads()) == 1
    assert len(scripts.get_bases()) == 1
    for revision in scripts.walk_revisions():
        module = revision.module
        assert module.upgrade.__doc__ and module.downgrade.__doc__


async def test_stairway_up_down_up(empty_url: str) -> None:
    head = ScriptDirectory.from_config(alembic_config(empty_url)).get_current_head()
    await upgrade_async(empty_url)
    assert await _run(empty_url, _revision) == head
    assert await _run(empty_url, _tables) == set(SQLModel.metadata.tables)

    await asyncio.to_thread(downgrade, empty_url, "base")
    assert await _run(empty_url, _revision) is None
    assert await _run(empty_url, _tables) == set()

    await upgrade_async(empty_url)
    assert await _run(empty_url, _revision) == head
    assert await _run(empty_url, _differences) == []


async def test_each_revision_steps_down_and_up_again(empty_url: str) -> None:
    scripts = ScriptDirectory.from_config(alembic_config(empty_url))
    revisions = [r.revision for r in reversed(list(scripts.walk_revisions()))]
    for revision in revisions:
        await upgrade_async(empty_url, revision)
        before = await _run(empty_url, _tables)
        await asyncio.to_thread(downgrade, empty_url, "-1")
        await upgrade_async(empty_url, revision)
        assert await _run(empty_url, _revision) == revision
        assert await _run(empty_url, _tables) == before


async def test_the_migrated_schema_matches_the_models(db_url: str) -> None:
    assert await _run(db_url, _differences) == []


async def test_the_comparison_notices_a_missing_index(db_url: str) -> None:
    def drop_index(connection: Connection) -> None:
        connection.exec_driver_sql("DROP INDEX ix_feedback_member_id")
        connection.commit()

    await _run(db_url, drop_index)
    differences = await _run(db_url, _differences)
    assert [d[0] for d in differences] == ["add_index"]
    assert differences[0][1].name == "ix_feedback_member_id"
