"""`mangluoi targets show|import-villages`: the plan's targets as text, XLSX or PNG for a
scope, and the village totals of communes from a CSV/XLSX file — for scripts and admins at
a desktop, on the same figures the chat shows."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.config import Config
from bot.texts import targets as t
from models import migrate, targets, unit_catalog, villages
from models.base import Clock, utcnow
from models.engine import create_engine, ensure_sqlite_folder, session_factory
from models.scopes import PROVINCE, Scope, units_under
from models.village_file import Parsed, VillageFileError, parse
from rendering.targets import chart, sheet, words

FORMATS = ("text", "xlsx", "png")
SCOPE_LEVELS = {"district": "district", "commune": "commune"}


class TargetsCliError(Exception):
    """The command cannot run; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Output:
    """What `show` produced: text to print, or bytes to write."""

    text: str | None = None
    content: bytes | None = None


def read_scope(text: str | None, catalog: str) -> Scope:
    """`district:628` / `commune:23767` → that scope; nothing → the whole province."""
    if not text:
        return PROVINCE
    level, _, code = text.partition(":")
    unit = unit_catalog.get_unit(catalog, code.strip())
    if level not in SCOPE_LEVELS or unit is None or unit.level != SCOPE_LEVELS[level]:
        raise TargetsCliError(t.CLI_BAD_SCOPE.format(scope=text, catalog=catalog))
    return Scope(catalog=catalog, codes=units_under(catalog, unit.code))


async def _targets(config: Config, scope: Scope, now: datetime) -> targets.Targets:
    ensure_sqlite_folder(config.database.url)
    await migrate.upgrade_async(config.database.url)
    engine = create_engine(config.database.url)
    try:
        async with session_factory(engine, clock=lambda: now)() as session:
            return await targets.collect(
                session,
                scope=scope,
                catalog=config.units.catalog,
                now=now,
                zone=config.zone,
            )
    finally:
        await engine.dispose()


async def show(
    config: Config, *, scope_text: str | None, form: str, now: datetime | None = None
) -> Output:
    """The targets of a scope in one form (as of `now`, the current time by default)."""
    scope = read_scope(scope_text, config.units.catalog)
    found = await _targets(config, scope, now or utcnow())
    zone = config.zone
    if form == "xlsx":
        return Output(content=sheet.workbook(found, zone))
    if form == "png":
        return Output(content=await asyncio.to_thread(chart.png, found, zone))
    parts = [words.overview(found, zone)]
    for head, lines in (
        words.focal_lines(found),
        words.training_lines(found),
        words.team_lines(found),
    ):
        parts.append("\n".join([head, *lines]))
    return Output(text="\n\n".join(parts))


async def import_villages(
    config: Config, path: Path, *, dry_run: bool, clock: Clock = utcnow
) -> str:
    """Read a file of village totals, store the usable rows (unless a dry run, stamped by
    `clock`) and say what was done and which rows were left out."""
    try:
        content = await asyncio.to_thread(path.read_bytes)
    except OSError as error:
        raise TargetsCliError(t.CLI_FILE_MISSING.format(path=path)) from error
    try:
        parsed: Parsed = parse(content, path.name, catalog=config.units.catalog)
    except VillageFileError as error:
        raise TargetsCliError(t.FILE_PROBLEMS[error.problem]) from error
    if not dry_run and parsed.good:
        ensure_sqlite_folder(config.database.url)
        await migrate.upgrade_async(config.database.url)
        engine = create_engine(config.database.url)
        try:
            async with session_factory(engine, clock=clock)() as session:
                await villages.save(
                    session,
                    catalog=config.units.catalog,
                    rows=[(row.unit.code, row.villages) for row in parsed.good],
                    by=None,
                    now=clock(),
                )
                await session.commit()
        finally:
            await engine.dispose()
    return words.import_report(parsed, dry_run=dry_run)
