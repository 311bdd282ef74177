"""Role changes made outside a chat (CLI, bootstrap admins in the config), always audited."""

from sqlalchemy.ext.asyncio import AsyncSession

from bot.texts import admin as t
from models import audit, members, registrations, unit_catalog
from models.members import MemberBase, MemberStatus, Role
from rendering.members import placeholder_name


def scope_problem(role: str, catalog: str, code: str | None) -> str | None:
    """Why a role's scope cannot be stored (unknown unit, scope on a role without one)."""
    if code is None:
        return None
    if role != Role.COORDINATOR:
        return t.SCOPE_ONLY_FOR_COORDINATORS.format(role=t.ROLE_NAMES.get(role, role))
    if unit_catalog.get_unit(catalog, code) is None:
        return t.SCOPE_UNKNOWN.format(code=code, catalog=catalog)
    return None


def describe_role(role: str, catalog: str | None, code: str | None) -> str:
    """A role and its scope as a person reads it: `điều phối viên (Xã Ia Sao, …)`."""
    name = t.ROLE_NAMES.get(role, role)
    if role != Role.COORDINATOR:
        return name
    unit = unit_catalog.get_unit(catalog, code) if catalog and code else None
    return f"{name} ({unit_catalog.label(unit) if unit else t.SCOPE_PROVINCE})"


RoleAndScope = tuple[str, str | None, str | None]


async def current_role(
    session: AsyncSession, *, channel: str, user_id: str
) -> RoleAndScope | None:
    """The role and scope of the member behind `channel:user_id` (None: unknown account)."""
    identity = await members.get_identity(session, channel=channel, external_id=user_id)
    if identity is None or identity.member_id is None:
        return None
    member = await members.get_member(session, member_id=identity.member_id)
    if member is None:
        return None
    return member.role, member.scope_catalog, member.scope_code


async def grant(
    session: AsyncSession,
    *,
    channel: str,
    user_id: str,
    role: str,
    by: str,
    scope_catalog: str | None = None,
    scope_code: str | None = None,
) -> members.Member:
    """Give the account `channel:user_id` a role, creating an active member if needed."""
    identity = await members.touch_identity(
        session, channel=channel, external_id=user_id, chat_id=user_id, display_name=None
    )
    member = None
    if identity.member_id is not None:
        member = await members.get_member(session, member_id=identity.member_id)
    if member is None:
        member = await members.create_member(
            session,
            data=MemberBase(full_name=placeholder_name(role)),
            status=MemberStatus.ACTIVE,
        )
        assert member.id is not None
        await members.link_identity(session, identity=identity, member_id=member.id)
    before = (member.role, member.scope_catalog, member.scope_code)
    after = (role, scope_catalog, scope_code)
    if before != after or member.status != MemberStatus.ACTIVE:
        member.status = MemberStatus.ACTIVE
        await members.set_role(
            session,
            member=member,
            role=Role(role),
            scope_catalog=scope_catalog,
            scope_code=scope_code,
        )
        await audit.record(
            session,
            action="role.change",
            actor_member_id=None,
            actor_label=by,
            target_member_id=member.id,
            details={"from": list(before), "to": list(after), "via": f"{channel}:{user_id}"},
        )
    return member


async def revoke(
    session: AsyncSession, *, channel: str, user_id: str, by: str
) -> tuple[members.Member | None, bool]:
    """Take coordinator or admin rights from the account `channel:user_id` (audited).

    Returns the member (None if the account is unknown) and whether anything changed.
    """
    identity = await members.get_identity(session, channel=channel, external_id=user_id)
    if identity is None or identity.member_id is None:
        return None, False
    member = await members.get_member(session, member_id=identity.member_id)
    if member is None:
        return None, False
    changed = await registrations.change_role(
        session,
        member=member,
        role=Role.MEMBER,
        scope_catalog=None,
        scope_code=None,
        actor_member_id=None,
        actor_label=by,
    )
    return member, changed
