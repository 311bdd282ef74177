"""Who a coordinator may see and act on: the whole province, one district or one commune."""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, true
from sqlalchemy.orm import Mapped
from sqlmodel import col

from models import unit_catalog
from models.members import Member, MemberStatus, Role


@dataclass(frozen=True)
class Scope:
    """A part of the network: `codes` None means the whole province."""

    catalog: str | None
    codes: frozenset[str] | None

    @property
    def whole_province(self) -> bool:
        """Tell whether this scope covers everyone."""
        return self.codes is None

    def covers_unit(self, catalog: str | None, code: str | None) -> bool:
        """Tell whether a unit (a member's or a team's) lies inside this scope."""
        if self.codes is None:
            return True
        return catalog == self.catalog and code in self.codes

    def wider_than(self, other: "Scope") -> bool:
        """Tell whether this scope covers all of `other` and more (the Sở above a district,
        a district above one of its communes)."""
        if self.codes is None:
            return other.codes is not None
        if other.codes is None or not other.codes:
            return False
        return self.catalog == other.catalog and other.codes < self.codes


NOTHING = Scope(catalog=None, codes=frozenset())
PROVINCE = Scope(catalog=None, codes=None)


def units_under(catalog: str, code: str) -> frozenset[str]:
    """The unit itself and, for a district, every commune in it."""
    codes = {code}
    unit = unit_catalog.get_unit(catalog, code)
    if unit is not None and unit.level == "district":
        codes.update(commune.code for commune in unit_catalog.communes(catalog, code))
    return frozenset(codes)


def of(member: Member | None) -> Scope:
    """The scope a member acts in: admins and province coordinators see all, members nothing."""
    if member is None or member.status != MemberStatus.ACTIVE:
        return NOTHING
    if member.role == Role.ADMIN:
        return PROVINCE
    if member.role != Role.COORDINATOR:
        return NOTHING
    if not member.scope_code or not member.scope_catalog:
        return PROVINCE
    return Scope(
        catalog=member.scope_catalog,
        codes=units_under(member.scope_catalog, member.scope_code),
    )


def member_filter(scope: Scope) -> ColumnElement[bool]:
    """A WHERE clause selecting the members inside `scope`."""
    return unit_filter(scope, col(Member.unit_catalog), col(Member.unit_code))


def unit_filter(
    scope: Scope, catalog: Mapped[str | None], code: Mapped[str | None]
) -> ColumnElement[bool]:
    """A WHERE clause selecting rows whose unit (catalog and code columns) lies in `scope`."""
    if scope.codes is None:
        return true()
    if not scope.codes:
        return false()
    return and_(catalog == scope.catalog, code.in_(sorted(scope.codes)))
