"""Changing a member's role and scope in chat (/phanquyen, admins only; always audited)."""

from __future__ import annotations

from bot.buttons.choices import MemberChoice
from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import membership as t
from handlers import person_answers
from handlers.notify import notify_member
from handlers.unit_picker import UnitPicker
from models import directory, members, registrations
from models.members import Member, MemberStatus, Role
from models.scopes import PROVINCE
from models.unit_catalog import Unit
from models.validators import shorten
from rendering.members import unit_label

MAX_MATCHES = 8


async def _target(turn: Turn) -> Member | None:
    return await members.get_member(turn.ctx.session, member_id=int(turn.data.get("target", 0)))


def _scope_text(role: str, scope: list[str] | None) -> str:
    if role != Role.COORDINATOR:
        return ""
    where = unit_label(*scope) if scope else t.SCOPE_PROVINCE
    return t.CONFIRM_SCOPE.format(scope=where)


async def ask_who(turn: Turn) -> Reply:
    """Ask whose role changes."""
    return Reply(t.ASK_WHO)


async def _search(turn: Turn) -> Outcome:
    query = person_answers.search_text(turn.text)
    if isinstance(query, Retry):
        return query
    found = await directory.search(
        turn.ctx.session,
        scope=PROVINCE,
        query=query,
        catalog=turn.ctx.config.units.catalog,
        statuses=(MemberStatus.ACTIVE,),
    )
    if not found:
        return Retry(t.WHO_NONE.format(text=shorten(query)))
    turn.data["matches"] = [m.id for m in found[:MAX_MATCHES]]
    return Next("who_pick")


async def read_who(turn: Turn) -> Outcome:
    """Find active members by name or phone."""
    return await _search(turn)


async def ask_pick(turn: Turn) -> Reply:
    """List the members found."""
    options = []
    for member_id in turn.data.get("matches", []):
        member = await members.get_member(turn.ctx.session, member_id=member_id)
        if member is not None:
            where = unit_label(member.unit_catalog, member.unit_code)
            role = t.ROLE.get(member.role, member.role)
            label = f"{member.full_name} — {where} ({role})"
            options.append(Option(label, MemberChoice(member.id or 0).encode()))
    return Reply(t.WHO_PICK, tuple(options))


async def read_pick(turn: Turn) -> Outcome:
    """Keep the chosen member (not oneself); typing searches again."""
    choice = MemberChoice.decode(turn.value)
    if choice is None:
        return await _search(turn)
    member_id = choice.member_id
    if turn.ctx.member is not None and member_id == turn.ctx.member.id:
        return Retry(t.NOT_YOURSELF)
    turn.data["target"] = member_id
    return Next("role")


async def ask_role(turn: Turn) -> Reply:
    """Ask the new role."""
    target = await _target(turn)
    name = target.full_name if target else ""
    current = t.ROLE.get(target.role, "") if target else ""
    options = tuple(Option(label, key) for key, label in t.ROLE.items())
    return Reply(t.ASK_ROLE.format(name=name, role=current), options)


async def read_role(turn: Turn) -> Outcome:
    """Keep the role; a coordinator also needs a scope."""
    if turn.value not in t.ROLE:
        return Next("role")
    turn.data["role"] = turn.value
    turn.data.pop("scope", None)
    return Next("scope_kind" if turn.value == Role.COORDINATOR else "confirm")


async def ask_scope_kind(turn: Turn) -> Reply:
    """Ask how wide the coordinator's scope is."""
    return Reply(
        t.ASK_SCOPE_KIND, tuple(Option(label, key) for key, label in t.SCOPE_KINDS.items())
    )


async def read_scope_kind(turn: Turn) -> Outcome:
    """Province-wide, or go and choose the district or commune."""
    if turn.value == "province":
        return Next("confirm")
    turn.data["scope_level"] = turn.value
    return Next(SCOPE.first)


async def picked_scope(turn: Turn, unit: Unit) -> Outcome:
    """Keep the district or commune of the scope."""
    turn.data["scope"] = [unit.catalog, unit.code]
    return Next("confirm")


def _scope_question(turn: Turn) -> str:
    district = turn.data.get("scope_level") == "district"
    return t.ASK_SCOPE_DISTRICT if district else t.ASK_SCOPE_COMMUNE


SCOPE = UnitPicker(
    prefix="scope",
    on_pick=picked_scope,
    level=lambda turn: str(turn.data.get("scope_level", "commune")),
    question=_scope_question,
)


async def ask_confirm(turn: Turn) -> Reply:
    """Show the change before making it."""
    target = await _target(turn)
    assert target is not None
    text = t.CONFIRM_ROLE.format(
        name=target.full_name,
        old=t.ROLE.get(target.role, target.role),
        new=t.ROLE[turn.data["role"]],
        scope=_scope_text(turn.data["role"], turn.data.get("scope")),
    )
    return Reply(text, (Option(t.CONFIRM, "ok"),))


async def read_confirm(turn: Turn) -> Outcome:
    """Change the role, write the audit entry and tell the member."""
    ctx = turn.ctx
    target = await _target(turn)
    if ctx.member is None or not ctx.member.has_role(Role.ADMIN) or target is None:
        return Done()
    role, scope = Role(turn.data["role"]), turn.data.get("scope") or [None, None]
    changed = await registrations.change_role(
        ctx.session,
        member=target,
        role=role,
        scope_catalog=scope[0],
        scope_code=scope[1],
        actor_member_id=ctx.member.id,
        actor_label="chat",
    )
    role_name = t.ROLE[role]
    where = _scope_text(role, turn.data.get("scope"))
    if not changed:
        ctx.say(t.ROLE_SAME.format(name=target.full_name, role=role_name, scope=where))
        return Done()
    assert target.id is not None
    tell = t.TELL_ROLE.format(role=role_name, scope=where)
    await notify_member(ctx, target.id, Reply(tell), "role_change")
    ctx.say(t.ROLE_DONE.format(name=target.full_name, role=role_name, scope=where))
    return Done()


async def begin(ctx: Context) -> None:
    """/phanquyen: change someone's role."""
    await ctx.start_flow("roles")


FLOW = Flow(
    name="roles",
    title=t.ROLES_TITLE,
    steps=(
        Step("who", ask_who, read_who),
        Step("who_pick", ask_pick, read_pick),
        Step("role", ask_role, read_role, free_text=False),
        Step("scope_kind", ask_scope_kind, read_scope_kind, free_text=False),
        *SCOPE.steps(),
        Step("confirm", ask_confirm, read_confirm, free_text=False),
    ),
)
