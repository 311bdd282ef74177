"""The message a round's creator gets at the close: the rate, then who did not report by
district and commune, at most MAX_NAMES names (the rest counted)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from models.checkins import CheckinRound, Missing, Response
from rendering.checkins import MAX_NAMES, closed_report

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
OPENS = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _round() -> CheckinRound:
    return CheckinRound(
        id=7,
        title="Tháng 3",
        author_member_id=1,
        opens_at=OPENS,
        closes_at=OPENS + timedelta(days=5),
    )


def test_names_by_district_and_commune() -> None:
    missing = [Missing("Nguyễn Văn A", "2024", "23767"), Missing("Trần Thị B", "2024", "23557")]
    text = closed_report(_round(), ZONE, Response(10, 8, 0), missing).text
    assert "Đã báo cáo: 8/10 người (80%)." in text
    assert "• Huyện Ia Grai\n  – Xã Ia Sao: Nguyễn Văn A" in text
    assert "Trần Thị B" in text


def test_a_long_list_is_cut_and_counted() -> None:
    missing = [Missing(f"Người {i:04d}", "2024", "23767") for i in range(MAX_NAMES + 50)]
    text = closed_report(_round(), ZONE, Response(500, 0, 0), missing).text
    assert "Người 0149" in text and "Người 0150" not in text
    assert "50 người khác" in text and "/tonghop" in text
    assert len(text) < 4096
