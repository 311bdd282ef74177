"""Organisations members belong to: provincial departments (sở, ban, ngành), district and
commune people's committees, and enterprises.

The departments are seeded from ``models/data/organisations.csv`` (Gia Lai's provincial
agencies as of the plan) and admins may add more; committees are derived from the unit
catalog on first use; enterprises are added by admins or named by a registering person.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from importlib import resources

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models import unit_catalog
from models.base import session_now, utcnow
from models.unit_catalog import Unit, fold_key

SEED_FILE = "organisations.csv"
SO_TTTT = "so-tttt"
TT_CNTT = "tt-cntt-tt"


class OrgKind(StrEnum):
    """What sort of organisation a row is."""

    DEPARTMENT = "so_nganh"
    DISTRICT_COMMITTEE = "ubnd_huyen"
    COMMUNE_COMMITTEE = "ubnd_xa"
    ENTERPRISE = "doanh_nghiep"


class Organisation(SQLModel, table=True):
    """A body members work for; committees carry the unit they govern."""

    __tablename__ = "organisations"

    id: int | None = Field(default=None, primary_key=True)
    key: str | None = Field(default=None, max_length=60, unique=True)
    kind: str = Field(max_length=16, index=True)
    name: str = Field(max_length=200)
    short_name: str | None = Field(default=None, max_length=60)
    unit_catalog: str | None = Field(default=None, max_length=8)
    unit_code: str | None = Field(default=None, max_length=10)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = None

    @property
    def display(self) -> str:
        """The short name if there is one, else the full name."""
        return self.short_name or self.name


def seed_rows() -> list[dict[str, str]]:
    """The packaged list of provincial departments."""
    path = resources.files("models") / "data" / SEED_FILE
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


async def ensure_seeded(session: AsyncSession) -> int:
    """Insert packaged departments that are not in the table yet; return how many."""
    result = await session.execute(
        select(Organisation.key).where(col(Organisation.key).is_not(None))
    )
    present = set(result.scalars())
    added, now = 0, session_now(session)
    for row in seed_rows():
        if row["key"] in present:
            continue
        session.add(
            Organisation(
                key=row["key"],
                kind=row["kind"],
                name=row["name"],
                short_name=row["short_name"],
                created_at=now,
            )
        )
        added += 1
    if added:
        await session.flush()
    return added


async def get(session: AsyncSession, *, organisation_id: int) -> Organisation | None:
    """One organisation by id."""
    return await session.get(Organisation, organisation_id)


async def by_key(session: AsyncSession, *, key: str) -> Organisation | None:
    """The organisation with a stable key (seeded departments, committees)."""
    result = await session.execute(select(Organisation).where(Organisation.key == key))
    row = result.scalar_one_or_none()
    if row is None and any(seed["key"] == key for seed in seed_rows()):
        await ensure_seeded(session)
        result = await session.execute(select(Organisation).where(Organisation.key == key))
        row = result.scalar_one_or_none()
    return row


async def of_kind(session: AsyncSession, *, kind: OrgKind) -> list[Organisation]:
    """Active organisations of one kind, departments in their seeded order, others by name."""
    if kind == OrgKind.DEPARTMENT:
        await ensure_seeded(session)
    result = await session.execute(
        select(Organisation)
        .where(Organisation.kind == kind, col(Organisation.active))
        .order_by(col(Organisation.id))
    )
    rows = list(result.scalars())
    if kind != OrgKind.DEPARTMENT:
        rows.sort(key=lambda org: fold_key(org.name))
    return rows


def matching(organisations: list[Organisation], text: str) -> list[Organisation]:
    """Organisations whose name or short name contains what was typed (accents free)."""
    query = fold_key(text)
    if not query:
        return []
    exact = [o for o in organisations if query in (fold_key(o.name), fold_key(o.display))]
    if exact:
        return exact
    return [o for o in organisations if query in fold_key(o.name) or query in fold_key(o.display)]


def committee_key(unit: Unit) -> str:
    """The stable key of the people's committee of a unit."""
    return f"ubnd-{unit.catalog}-{unit.code}"


async def committee_for(session: AsyncSession, *, unit: Unit) -> Organisation:
    """The people's committee (UBND) of a district or commune, created on first use."""
    return (await committees_for(session, units=[unit]))[0]


async def committees_for(session: AsyncSession, *, units: Sequence[Unit]) -> list[Organisation]:
    """The people's committees of many units at once (in their order), creating missing ones
    in one flush."""
    keys = [committee_key(unit) for unit in units]
    if not keys:
        return []
    result = await session.execute(select(Organisation).where(col(Organisation.key).in_(keys)))
    found = {org.key: org for org in result.scalars()}
    for unit, key in zip(units, keys, strict=True):
        if key not in found:
            kind = (
                OrgKind.DISTRICT_COMMITTEE
                if unit.level == "district"
                else OrgKind.COMMUNE_COMMITTEE
            )
            found[key] = Organisation(
                key=key,
                kind=kind,
                name=f"UBND {unit_catalog.label(unit)}",
                short_name=f"UBND {unit.name}",
                unit_catalog=unit.catalog,
                unit_code=unit.code,
                created_at=session_now(session),
            )
            session.add(found[key])
    await session.flush()
    return [found[key] for key in keys]


async def add(
    session: AsyncSession, *, kind: OrgKind, name: str, created_by: int | None
) -> Organisation:
    """Add a department or enterprise by name, or return the active one already named so."""
    wanted = fold_key(name)
    for existing in await of_kind(session, kind=kind):
        if fold_key(existing.name) == wanted:
            return existing
    row = Organisation(
        kind=kind, name=name.strip(), created_by=created_by, created_at=session_now(session)
    )
    session.add(row)
    await session.flush()
    return row


async def set_active(session: AsyncSession, *, organisation: Organisation, active: bool) -> None:
    """Hide an organisation from the lists (members keep pointing at it) or show it again."""
    organisation.active = active
    session.add(organisation)
    await session.flush()


async def counts_by_kind(session: AsyncSession) -> dict[str, int]:
    """How many active organisations of each kind there are."""
    await ensure_seeded(session)
    result = await session.execute(select(Organisation.kind).where(col(Organisation.active)))
    counts: dict[str, int] = {}
    for kind in result.scalars():
        counts[kind] = counts.get(kind, 0) + 1
    return counts
