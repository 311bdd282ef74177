"""How many villages (thôn, làng, tổ dân phố) each commune has, as an admin imported it: the
total that the Tổ CNSCĐ coverage is measured against."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models.scopes import Scope


class VillageCount(SQLModel, table=True):
    """The number of villages of one commune."""

    __tablename__ = "village_counts"

    unit_catalog: str = Field(max_length=8, primary_key=True)
    unit_code: str = Field(max_length=10, primary_key=True)
    villages: int
    imported_by: int | None = None
    imported_at: datetime


async def counts(session: AsyncSession, *, catalog: str, scope: Scope) -> dict[str, int]:
    """Village totals by commune code, for the communes of `catalog` inside `scope`."""
    query = select(col(VillageCount.unit_code), col(VillageCount.villages)).where(
        col(VillageCount.unit_catalog) == catalog
    )
    if scope.codes is not None:
        if scope.catalog != catalog:
            return {}
        query = query.where(col(VillageCount.unit_code).in_(sorted(scope.codes)))
    return {str(code): int(number) for code, number in (await session.execute(query)).all()}


async def save(
    session: AsyncSession,
    *,
    catalog: str,
    rows: Iterable[tuple[str, int]],
    by: int | None,
    now: datetime,
) -> int:
    """Set the totals of these (commune code, villages); return how many communes."""
    saved = 0
    for code, number in rows:
        row = await session.get(VillageCount, (catalog, code))
        if row is None:
            row = VillageCount(
                unit_catalog=catalog, unit_code=code, villages=number, imported_at=now
            )
        row.villages = number
        row.imported_by = by
        row.imported_at = now
        session.add(row)
        saved += 1
    await session.flush()
    return saved
