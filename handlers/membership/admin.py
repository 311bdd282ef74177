"""Managing members: approval (/choduyet and its buttons), roles (/phanquyen), the directory
and its export (/thanhvien), and organisations (/donvi)."""

from bot.buttons.actions import DecideRegistration, DecideUnitChange
from bot.router import Command, Feature
from bot.texts import membership as t
from handlers.membership import approvals as approvals
from handlers.membership import directory as directory
from handlers.membership import organisations as organisations
from handlers.membership import roles as roles
from models.members import Role


def setup() -> Feature:
    """Register the coordinators' and admins' member management."""
    return Feature(
        name="membership_admin",
        commands=(
            Command(
                "choduyet",
                approvals.list_pending,
                t.CMD_PENDING,
                access=Role.COORDINATOR,
                button=t.BUTTON_PENDING,
            ),
            Command(
                "thanhvien",
                directory.begin,
                t.CMD_DIRECTORY,
                access=Role.COORDINATOR,
                button=t.BUTTON_DIRECTORY,
            ),
            Command("phanquyen", roles.begin, t.CMD_ROLES, access=Role.ADMIN),
            Command("donvi", organisations.begin, t.CMD_ORGS, access=Role.ADMIN),
        ),
        flows=(approvals.REJECT_FLOW, directory.FLOW, roles.FLOW, organisations.FLOW),
        actions={
            DecideRegistration: approvals.on_member_decision,
            DecideUnitChange: approvals.on_change_decision,
        },
    )
