"""/baocaotiendo: a coordinator's rounds (create, preview, open, close early, cancel) and, for
everyone asked, the open rounds to report in or to edit; the prompt's buttons start a report
or record leave. /tonghop: a round's summary for its creator."""

from __future__ import annotations

from bot.buttons.actions import (
    CheckinEvidence,
    CheckinEvidenceList,
    CheckinLeave,
    CheckinNudge,
    CheckinStart,
    CheckinSummary,
    CheckinSummaryChart,
    CheckinSummaryXlsx,
)
from bot.context import Context
from bot.conversation import Flow
from bot.router import Command, Feature
from bot.texts import checkins as t
from handlers.checkins import leave, report, rounds, summary
from handlers.tasks import shared
from models.members import Role

COMMAND = "baocaotiendo"


async def begin(ctx: Context) -> None:
    """/baocaotiendo: the rounds of a coordinator, the open reports of a member."""
    if shared.is_coordinator(ctx):
        await rounds.begin(ctx)
    else:
        await report.member_list(ctx)


async def pressed_leave(ctx: Context) -> None:
    """ "Đang nghỉ phép" under a prompt or a reminder."""
    if await ctx.pressed(CheckinLeave) is not None:
        await leave.begin(ctx)


def setup() -> Feature:
    """Register /baocaotiendo, its conversations and the prompt's buttons."""
    return Feature(
        name="checkins",
        commands=(
            Command(COMMAND, begin, t.CMD, access=Role.MEMBER, button=t.BUTTON),
            Command(
                "tonghop",
                summary.begin,
                t.SUMMARY_CMD,
                access=Role.COORDINATOR,
                button=t.SUMMARY_BUTTON,
            ),
        ),
        flows=(
            Flow(
                name=report.FLOW,
                title=t.TITLE_MEMBER,
                steps=report.STEPS,
                on_cancel=report.cancelled,
            ),
            Flow(
                name=report.FLOW_EDIT,
                title=t.TITLE_MEMBER,
                steps=report.EDIT_STEPS,
                on_cancel=report.cancelled,
            ),
            Flow(
                name=report.FLOW_OWN,
                title=t.TITLE_MEMBER,
                steps=report.OWN_STEPS,
                on_cancel=report.cancelled,
            ),
            Flow(name=leave.FLOW, title=t.TITLE_LEAVE, steps=leave.STEPS),
            Flow(name=rounds.FLOW, title=t.TITLE_ADMIN, steps=rounds.STEPS),
        ),
        actions={
            CheckinStart: report.pressed_start,
            CheckinLeave: pressed_leave,
            CheckinSummary: summary.page,
            CheckinSummaryXlsx: summary.spreadsheet,
            CheckinSummaryChart: summary.chart,
            CheckinNudge: summary.nudge,
            CheckinEvidenceList: summary.evidence_list,
            CheckinEvidence: summary.evidence_file,
        },
    )
