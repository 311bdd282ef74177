"""Buttons that work outside a conversation (the router dispatches them by kind): the menu's
command buttons, the buttons under an announcement, the sender's report, approvals."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.buttons.base import Button


class Attendance(StrEnum):
    """An attendance answer given with a button."""

    YES = "yes"
    NO = "no"


class Verdict(StrEnum):
    """Duyệt or Từ chối."""

    APPROVE = "ok"
    REJECT = "no"


class PreviewKey(StrEnum):
    """Which button of a preview was pressed."""

    ACK = "ack"
    YES = "yes"
    NO = "no"


class ReportView(StrEnum):
    """What a button of an announcement's report opens or does."""

    UNACKED = "unacked"
    XLSX = "xlsx"
    CANCEL = "cancel"
    FIX = "fix"
    REMIND = "remind"


@dataclass(frozen=True)
class RunCommand(Button, prefix="cmd"):
    """A menu button that runs a command."""

    name: str


@dataclass(frozen=True)
class Acknowledge(Button, prefix="ack"):
    """ "Đã nhận" under an announcement."""

    announcement_id: int


@dataclass(frozen=True)
class Attend(Button, prefix="rsvp"):
    """ "Tham gia" / "Không tham gia" under an announcement or its reminders."""

    announcement_id: int
    answer: Attendance


@dataclass(frozen=True)
class PreviewPress(Button, prefix="bcprev"):
    """A button of an announcement's preview (it only says it is a preview)."""

    key: PreviewKey


@dataclass(frozen=True)
class ReportList(Button, prefix="rep:list"):
    """Back to the list of the sender's announcements."""


@dataclass(frozen=True)
class Report(Button, prefix="rep"):
    """An announcement's report, or one of its views: a page of who has not acknowledged
    (with its page number), the attendee sheet, cancelling, a correction."""

    announcement_id: int
    view: ReportView | None = None
    page: int | None = None

    def valid(self) -> bool:
        """A page goes with the list of who has not acknowledged, and only with it."""
        return (self.page is not None) == (self.view == ReportView.UNACKED)


@dataclass(frozen=True)
class ReportCommunes(Button, prefix="rep:xa"):
    """An announcement's figures by commune inside one district."""

    announcement_id: int
    catalog: str
    district: str


@dataclass(frozen=True)
class ReceivedList(Button, prefix="mine:list"):
    """The announcements a member received (/thongbao)."""


@dataclass(frozen=True)
class Received(Button, prefix="mine"):
    """One announcement a member received: their answer so far and the buttons to change it."""

    announcement_id: int


@dataclass(frozen=True)
class DecideRegistration(Button, prefix="appr"):
    """Duyệt / Từ chối a pending registration."""

    verdict: Verdict
    member_id: int


@dataclass(frozen=True)
class DecideUnitChange(Button, prefix="doi"):
    """Duyệt / Từ chối a member's move to another unit."""

    verdict: Verdict
    request_id: int


@dataclass(frozen=True)
class TeamInvite(Button, prefix="team:inv"):
    """ "Tạo link mời" after a team was registered."""

    team_id: int


@dataclass(frozen=True)
class EditRegistration(Button, prefix="reg:edit"):
    """Reopen one's pending or rejected registration."""


class TargetView(StrEnum):
    """What a button of /chitieu opens or does."""

    FOCAL = "focal"
    TRAINING = "training"
    TEAMS = "teams"
    XLSX = "xlsx"
    CHART = "png"
    VILLAGES = "villages"
    PRESENCE = "presence"


PAGED_TARGET_VIEWS = frozenset({TargetView.FOCAL, TargetView.TRAINING, TargetView.TEAMS})


@dataclass(frozen=True)
class TargetsPage(Button, prefix="tgt"):
    """The plan's targets: the overview (no view), a page of one target's details, the
    spreadsheet, the chart, the village totals import or the trainings to confirm."""

    view: TargetView | None = None
    page: int | None = None

    def valid(self) -> bool:
        """A page goes with the detail views, and only with them."""
        return (self.page is not None) == (self.view in PAGED_TARGET_VIEWS)


@dataclass(frozen=True)
class PresenceSheet(Button, prefix="att"):
    """A page of a training's attendance confirmation; with a member, pressing their name
    marks them present or absent."""

    announcement_id: int
    page: int
    member_id: int | None = None


@dataclass(frozen=True)
class PresenceConfirm(Button, prefix="att:ok"):
    """ "Xác nhận danh sách": confirm everyone in scope as the sheet shows them."""

    announcement_id: int
    page: int


class ReminderAnswer(StrEnum):
    """An answer under a deadline reminder."""

    DONE = "done"
    DOING = "doing"
    BLOCKED = "blocked"
    LATER = "later"


@dataclass(frozen=True)
class DeadlineReminder(Button, prefix="trem"):
    """A button under a deadline reminder: the status of the deadline's period, or
    "Nhắc lại sau"."""

    deadline_id: int
    answer: ReminderAnswer


@dataclass(frozen=True)
class EscalationNudge(Button, prefix="tesc"):
    """ "Nhắc lại ngay" under an escalation: one more reminder to the late organisations."""

    escalation_id: int


@dataclass(frozen=True)
class CheckinStart(Button, prefix="cigo"):
    """ "Bắt đầu báo cáo" under a check-in prompt or reminder (also "Sửa báo cáo")."""

    round_id: int


@dataclass(frozen=True)
class CheckinLeave(Button, prefix="cileave"):
    """ "Đang nghỉ phép" under a check-in prompt or reminder."""

    round_id: int


@dataclass(frozen=True)
class CheckinSummary(Button, prefix="tonghop"):
    """A page of a check-in round's summary (/tonghop)."""

    round_id: int
    page: int


@dataclass(frozen=True)
class CheckinSummaryXlsx(Button, prefix="tonghop:xlsx"):
    """A check-in round's summary as a spreadsheet."""

    round_id: int


@dataclass(frozen=True)
class CheckinSummaryChart(Button, prefix="tonghop:png"):
    """A check-in round's summary as a chart."""

    round_id: int


@dataclass(frozen=True)
class CheckinEvidenceList(Button, prefix="tonghop:mc"):
    """A page of the answers of a round sent with evidence, under its summary."""

    round_id: int
    page: int


@dataclass(frozen=True)
class CheckinEvidence(Button, prefix="tonghop:mctep"):
    """The evidence file of one check-in answer, sent in the chat."""

    answer_id: int


@dataclass(frozen=True)
class CheckinNudge(Button, prefix="tonghop:nhac"):
    """ "Nhắc những người chưa báo cáo" under a round's summary."""

    round_id: int
