"""Audit log: who changed what, and when."""

import json
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, select

from models.base import session_now, utcnow


class AuditEntry(SQLModel, table=True):
    """One recorded change (role change, approval, data deletion, …)."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_member_id: int | None = Field(default=None, index=True)
    actor_label: str = Field(max_length=64)
    action: str = Field(max_length=48, index=True)
    target_member_id: int | None = Field(default=None, index=True)
    details: str = Field(default="{}")


async def record(
    session: AsyncSession,
    *,
    action: str,
    actor_member_id: int | None,
    actor_label: str,
    target_member_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log."""
    entry = AuditEntry(
        action=action,
        actor_member_id=actor_member_id,
        actor_label=actor_label,
        target_member_id=target_member_id,
        details=json.dumps(details or {}, ensure_ascii=False, sort_keys=True),
        at=session_now(session),
    )
    session.add(entry)
    await session.flush()
    return entry


async def entries_for(session: AsyncSession, *, target_member_id: int) -> list[AuditEntry]:
    """List the audit entries about one member, oldest first."""
    result = await session.execute(
        select(AuditEntry)
        .where(AuditEntry.target_member_id == target_member_id)
        .order_by(AuditEntry.id)  # type: ignore[arg-type]
    )
    return list(result.scalars())
