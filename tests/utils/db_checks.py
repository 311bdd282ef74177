"""Reading a whole test database: a fingerprint of what a message may not change, and a
checker of the invariants every conversation must leave behind."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import SQLModel, col

from bot.router import Router
from models.conversations import ConversationState
from models.members import ChannelIdentity, Member, MemberStatus, Role
from models.options import LastChoices, OptionToken
from models.organisations import Organisation
from models.teams import Team

VOLATILE_TABLES = frozenset(
    {"option_tokens", "last_choices", "webchat_messages", "leases", "send_budget"}
)
"""Tables every answer writes to (the buttons it shows, the web chat's own log), and those
the running process keeps for itself (the leader's and senders' leases, the shared send
budget on PostgreSQL)."""
VOLATILE_COLUMNS = frozenset({"last_seen_at", "display_name"})
"""Columns stamped by every incoming message."""
OUTBOX_COLUMNS = frozenset({"id", "member_id", "channel", "external_id", "payload_id", "kind"})
"""What a queued message is; the sender running meanwhile changes the rest (its state)."""


async def fingerprint(sessions: async_sessionmaker[AsyncSession]) -> dict[str, list[tuple]]:
    """Every row of every table that a refused or forged action must leave as it was."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    async with sessions() as session:
        for table in SQLModel.metadata.sorted_tables:
            if table.name in VOLATILE_TABLES:
                continue
            columns = [
                c
                for c in table.columns
                if c.name not in VOLATILE_COLUMNS
                and (table.name != "outbox" or c.name in OUTBOX_COLUMNS)
            ]
            rows = (await session.execute(select(*columns))).all()
            found[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return found


def changed_tables(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    """The names of the tables whose rows differ between two fingerprints."""
    return [name for name in before if before[name] != after.get(name)]


async def consistency_problems(
    sessions: async_sessionmaker[AsyncSession], router: Router
) -> list[str]:
    """What is wrong in the database: half-written members, identities, teams or
    conversations pointing at nothing, tokens of sets that do not exist."""
    problems: list[str] = []
    flows = router.engine.flows
    async with sessions() as session:
        member_rows = list((await session.execute(select(Member))).scalars())
        member_ids = {m.id for m in member_rows}
        team_ids = set((await session.execute(select(Team.id))).scalars())  # type: ignore[call-overload]
        org_ids = set((await session.execute(select(Organisation.id))).scalars())  # type: ignore[call-overload]
        for m in member_rows:
            where = f"member {m.id}"
            if m.status not in set(MemberStatus):
                problems.append(f"{where}: status {m.status!r}")
            if m.role not in set(Role):
                problems.append(f"{where}: role {m.role!r}")
            if m.status == MemberStatus.DELETED:
                continue
            if not (m.full_name or "").strip():
                problems.append(f"{where}: no name")
            if (m.unit_catalog is None) != (m.unit_code is None):
                problems.append(f"{where}: unit {m.unit_catalog!r}/{m.unit_code!r}")
            if (m.scope_catalog is None) != (m.scope_code is None):
                problems.append(f"{where}: scope {m.scope_catalog!r}/{m.scope_code!r}")
            if m.team_id is not None and m.team_id not in team_ids:
                problems.append(f"{where}: team {m.team_id} does not exist")
            if m.organisation_id is not None and m.organisation_id not in org_ids:
                problems.append(f"{where}: organisation {m.organisation_id} does not exist")
        accounts = set()
        for identity in (await session.execute(select(ChannelIdentity))).scalars():
            accounts.add((identity.channel, identity.external_id))
            if identity.member_id is not None and identity.member_id not in member_ids:
                problems.append(f"identity {identity.id}: member {identity.member_id} missing")
        token_rows = (
            await session.execute(select(OptionToken.channel, OptionToken.external_id).distinct())
        ).all()
        problems.extend(
            f"option tokens of {channel}:{external_id}, an account never seen"
            for channel, external_id in token_rows
            if (channel, external_id) not in accounts
        )
        for team in (await session.execute(select(Team))).scalars():
            if team.leader_member_id is not None and team.leader_member_id not in member_ids:
                problems.append(f"team {team.id}: leader {team.leader_member_id} missing")
        # One statement, so one snapshot: the sender may commit a new last set meanwhile.
        orphans = select(LastChoices).where(
            ~exists().where(col(OptionToken.set_id) == col(LastChoices.set_id))
        )
        for last in (await session.execute(orphans)).scalars():
            problems.append(f"last choices of {last.external_id}: set {last.set_id} missing")
        for state in (await session.execute(select(ConversationState))).scalars():
            where = f"conversation of {state.channel}:{state.external_id}"
            if (state.channel, state.external_id) not in accounts:
                problems.append(f"{where}: an account never seen")
            if state.flow not in flows:
                problems.append(f"{where}: unknown flow {state.flow!r}")
            try:
                data, history, options = (
                    json.loads(state.data),
                    json.loads(state.history),
                    json.loads(state.options),
                )
            except ValueError as error:
                problems.append(f"{where}: bad JSON ({error})")
                continue
            if not isinstance(data, dict) or not isinstance(history, list):
                problems.append(f"{where}: data or history of the wrong shape")
            if not all(isinstance(o, list) and len(o) == 2 for o in options):
                problems.append(f"{where}: options of the wrong shape")
    return problems
