"""Buttons of the choices inside a conversation (each step decodes the kinds it offers; two
kinds may share a prefix when no step offers both)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.buttons.base import Button

CODE_LENGTH = 10


def _is_code(code: str) -> bool:
    return code.isascii() and code.isdigit() and len(code) <= CODE_LENGTH


@dataclass(frozen=True)
class UnitChoice(Button, prefix="u"):
    """An administrative unit (of the catalog in force), by code."""

    code: str

    def valid(self) -> bool:
        """Unit codes are short strings of digits."""
        return _is_code(self.code)


@dataclass(frozen=True)
class DistrictChoice(Button, prefix="d"):
    """A district, by code."""

    code: str

    def valid(self) -> bool:
        """Unit codes are short strings of digits."""
        return _is_code(self.code)


@dataclass(frozen=True)
class CommuneChoice(Button, prefix="c"):
    """A commune, by code."""

    code: str

    def valid(self) -> bool:
        """Unit codes are short strings of digits."""
        return _is_code(self.code)


@dataclass(frozen=True)
class CategoryChoice(Button, prefix="c"):
    """A member category, by key."""

    key: str


@dataclass(frozen=True)
class RoleChoice(Button, prefix="r"):
    """A role, by name."""

    role: str


@dataclass(frozen=True)
class TeamChoice(Button, prefix="t"):
    """A Tổ CNSCĐ, by id."""

    team_id: int


@dataclass(frozen=True)
class OrgChoice(Button, prefix="o"):
    """An organisation, by id."""

    organisation_id: int


@dataclass(frozen=True)
class MemberChoice(Button, prefix="m"):
    """A member, by id."""

    member_id: int


@dataclass(frozen=True)
class InviteRevoke(Button, prefix="rv"):
    """Revoke an invite link, by id."""

    invite_id: int


@dataclass(frozen=True)
class Suggestion(Button, prefix="p"):
    """A suggested answer to a question asking for a text (a position)."""

    text: str


@dataclass(frozen=True)
class NameSuggestion(Button, prefix="s"):
    """A suggested name (of a team)."""

    name: str


@dataclass(frozen=True)
class ReasonChoice(Button, prefix="r"):
    """One of the usual reasons for refusing."""

    reason: str


@dataclass(frozen=True)
class EditAnswer(Button, prefix="edit"):
    """Go back and change one answer of a registration."""

    field: str


@dataclass(frozen=True)
class AddOrganisation(Button, prefix="add"):
    """Add an organisation of one kind."""

    kind: str


@dataclass(frozen=True)
class TaskChoice(Button, prefix="task"):
    """A task of a plan, by id."""

    task_id: int


@dataclass(frozen=True)
class AssignmentChoice(Button, prefix="asg"):
    """One organisation's part of a task (an assignment), by id."""

    assignment_id: int


@dataclass(frozen=True)
class StatusChoice(Button, prefix="stt"):
    """A status of a task (a value of models.tasks.TaskStatus; the step checks it)."""

    status: str


@dataclass(frozen=True)
class PageChoice(Button, prefix="pg"):
    """A page of a long list, counted from 0."""

    page: int


@dataclass(frozen=True)
class PlanChoice(Button, prefix="plan"):
    """A plan of tasks, by id."""

    plan_id: int


@dataclass(frozen=True)
class GroupChoice(Button, prefix="grp"):
    """A group of a plan's tasks, by id."""

    group_id: int


@dataclass(frozen=True)
class RoundChoice(Button, prefix="rnd"):
    """A progress check-in round, by id."""

    round_id: int
