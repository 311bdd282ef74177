"""Moving members, teams, coordinator scopes and invites from the 2024 unit catalog to the
2025 one through the official map, and saying what needs a person to decide."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import audit, organisations, unit_catalog
from models.invites import Invite
from models.members import Member
from models.organisations import Organisation
from models.teams import Team
from models.unit_catalog import fold_key
from models.unit_changes import ChangeStatus, UnitChangeRequest

SOURCE = "2024"
TARGET = "2025"

REASON_DISTRICT = "district"
REASON_SPLIT = "split"
REASON_UNKNOWN = "unknown"
REASON_VILLAGE_CLASH = "village_clash"


@dataclass(frozen=True)
class Problem:
    """Something the map cannot decide: what it is, which row, and why."""

    kind: str
    row_id: int
    label: str
    old_code: str
    reason: str
    candidates: tuple[str, ...] = ()


@dataclass
class Report:
    """What a migration moved and what it left for a person."""

    moved: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def count(self, kind: str) -> None:
        """Count one moved row of a kind."""
        self.moved[kind] = self.moved.get(kind, 0) + 1


def target_of(code: str) -> tuple[str | None, str, tuple[str, ...]]:
    """The 2025 code an old unit maps to, or None with the reason and any candidates."""
    unit = unit_catalog.get_unit(SOURCE, code)
    if unit is not None and unit.level == "district":
        return None, REASON_DISTRICT, ()
    candidates = unit_catalog.new_codes(code)
    if len(candidates) == 1:
        return candidates[0], "", candidates
    return None, (REASON_SPLIT if candidates else REASON_UNKNOWN), candidates


async def _committee_map(session: AsyncSession) -> dict[int, int]:
    """Old commune committees' ids to the committees of the communes they became."""
    result = await session.execute(
        select(Organisation).where(
            Organisation.kind == organisations.OrgKind.COMMUNE_COMMITTEE,
            Organisation.unit_catalog == SOURCE,
        )
    )
    mapping = {}
    for old in result.scalars():
        new_code, _, _ = target_of(old.unit_code or "")
        new_unit = unit_catalog.get_unit(TARGET, new_code) if new_code else None
        if new_unit is not None and old.id is not None:
            new = await organisations.committee_for(session, unit=new_unit)
            assert new.id is not None
            mapping[old.id] = new.id
    return mapping


async def migrate(session: AsyncSession, *, actor: str, now: datetime) -> Report:
    """Move every row keyed by a 2024 unit to its 2025 unit (the caller commits or not)."""
    report = Report()
    committees = await _committee_map(session)
    rows = await session.execute(select(Member).where(Member.unit_catalog == SOURCE))
    for member in rows.scalars():
        assert member.id is not None and member.unit_code is not None
        new_code, reason, candidates = target_of(member.unit_code)
        if new_code is None:
            report.problems.append(
                Problem(
                    "member", member.id, member.full_name, member.unit_code, reason, candidates
                )
            )
            continue
        member.unit_catalog, member.unit_code = TARGET, new_code
        if member.organisation_id in committees:
            member.organisation_id = committees[member.organisation_id]
        member.updated_at = now
        session.add(member)
        report.count("member")
    scoped = await session.execute(select(Member).where(Member.scope_catalog == SOURCE))
    for member in scoped.scalars():
        assert member.id is not None and member.scope_code is not None
        new_code, reason, candidates = target_of(member.scope_code)
        if new_code is None:
            report.problems.append(
                Problem(
                    "scope", member.id, member.full_name, member.scope_code, reason, candidates
                )
            )
            continue
        member.scope_catalog, member.scope_code = TARGET, new_code
        session.add(member)
        report.count("scope")
    await _move_teams(session, report, now)
    await _move_invites(session, report, now)
    await _move_requests(session, report)
    await session.flush()
    await audit.record(
        session,
        action="units.migrate",
        actor_member_id=None,
        actor_label=actor,
        details={"to": TARGET, "moved": report.moved, "problems": len(report.problems)},
    )
    return report


async def _move_teams(session: AsyncSession, report: Report, now: datetime) -> None:
    result = await session.execute(
        select(Team).where(Team.unit_catalog == SOURCE).order_by(col(Team.id))
    )
    villages: dict[tuple[str, str], int] = {}
    existing = await session.execute(
        select(Team).where(Team.unit_catalog == TARGET, col(Team.active))
    )
    for team in existing.scalars():
        villages[(team.unit_code, team.village_key)] = team.id or 0
    for team in result.scalars():
        assert team.id is not None
        new_code, reason, candidates = target_of(team.unit_code)
        if new_code is None:
            report.problems.append(
                Problem("team", team.id, team.name, team.unit_code, reason, candidates)
            )
            continue
        key = (new_code, fold_key(team.village))
        if team.active and key in villages:
            report.problems.append(
                Problem("team", team.id, team.name, team.unit_code, REASON_VILLAGE_CLASH)
            )
        elif team.active:
            villages[key] = team.id
        team.unit_catalog, team.unit_code, team.updated_at = TARGET, new_code, now
        session.add(team)
        report.count("team")


async def _move_invites(session: AsyncSession, report: Report, now: datetime) -> None:
    result = await session.execute(
        select(Invite).where(Invite.unit_catalog == SOURCE, col(Invite.revoked_at).is_(None))
    )
    for invite in result.scalars():
        assert invite.id is not None and invite.unit_code is not None
        new_code, reason, candidates = target_of(invite.unit_code)
        if new_code is None:
            invite.revoked_at = now
            report.problems.append(
                Problem("invite", invite.id, invite.code, invite.unit_code, reason, candidates)
            )
        else:
            invite.unit_catalog, invite.unit_code = TARGET, new_code
            report.count("invite")
        session.add(invite)


async def _move_requests(session: AsyncSession, report: Report) -> None:
    result = await session.execute(
        select(UnitChangeRequest).where(
            UnitChangeRequest.status == ChangeStatus.PENDING,
            UnitChangeRequest.to_catalog == SOURCE,
        )
    )
    for change in result.scalars():
        assert change.id is not None
        new_code, reason, candidates = target_of(change.to_code)
        if new_code is None:
            report.problems.append(
                Problem(
                    "request", change.id, str(change.member_id), change.to_code, reason, candidates
                )
            )
            continue
        change.to_catalog, change.to_code = TARGET, new_code
        session.add(change)
        report.count("request")
