"""`mangluoi units migrate --to 2025 [--dry-run]`: move the network to the new unit catalog
and print what moved and what needs a person to decide."""

from __future__ import annotations

from bot.config import Config
from bot.texts import units as t
from models import migrate, unit_migration
from models.base import Clock, utcnow
from models.engine import create_engine, ensure_sqlite_folder, session_factory
from models.unit_migration import Report


def render(report: Report, *, dry_run: bool) -> str:
    """The migration report as people read it."""
    lines = [t.MIGRATE_HEADER.format(dry=t.MIGRATE_DRY if dry_run else "")]
    for kind, name in t.MIGRATE_KINDS.items():
        if report.moved.get(kind):
            lines.append(t.MIGRATE_MOVED.format(count=report.moved[kind], kind=name))
    if not report.moved:
        lines.append(t.MIGRATE_NOTHING)
    if report.problems:
        lines.append(t.MIGRATE_PROBLEMS.format(count=len(report.problems)))
        for problem in report.problems:
            reason = t.MIGRATE_REASONS[problem.reason].format(
                candidates=", ".join(problem.candidates)
            )
            lines.append(
                t.MIGRATE_PROBLEM.format(
                    kind=t.MIGRATE_KINDS[problem.kind],
                    row_id=problem.row_id,
                    label=problem.label,
                    old_code=problem.old_code,
                    reason=reason,
                )
            )
    else:
        lines.append(t.MIGRATE_NO_PROBLEMS)
    lines.append(t.MIGRATE_DRY_NEXT if dry_run else t.MIGRATE_NEXT)
    return "\n".join(lines)


async def run(
    config: Config, *, to: str, dry_run: bool, clock: Clock = utcnow
) -> tuple[Report, str]:
    """Migrate the configured database (committing unless `dry_run`); return the report."""
    if to != unit_migration.TARGET:
        raise ValueError(t.MIGRATE_ONLY_2025)
    ensure_sqlite_folder(config.database.url)
    await migrate.upgrade_async(config.database.url)
    engine = create_engine(config.database.url)
    try:
        async with session_factory(engine, clock=clock)() as session:
            report = await unit_migration.migrate(session, actor="cli", now=clock())
            if dry_run:
                await session.rollback()
            else:
                await session.commit()
    finally:
        await engine.dispose()
    return report, render(report, dry_run=dry_run)
