"""A task's reminder days said in words, as admins read them under "⏰ Lịch nhắc"."""

from __future__ import annotations

import pytest

from models.reminder_schedule import DEFAULT_OFFSETS, parse_offsets
from rendering.task_reminders import schedule


@pytest.mark.parametrize(
    ("typed", "every", "own", "said"),
    [
        (
            None,
            7,
            False,
            "Nhắc trước hạn 14, 7, 3, 1 ngày, đúng ngày hạn; quá hạn: sau 1 ngày rồi hằng tuần "
            "(mặc định)",
        ),
        ("0, 7", 0, True, "Nhắc trước hạn 7 ngày, đúng ngày hạn; không nhắc khi đã quá hạn"),
        ("-2, -5", 3, True, "Nhắc khi quá hạn: sau 2, 5 ngày rồi cứ 3 ngày một lần"),
        ("1", 7, True, "Nhắc trước hạn 1 ngày; quá hạn: hằng tuần"),
    ],
)
def test_reminder_days_in_words(typed: str | None, every: int, own: bool, said: str) -> None:
    offsets = parse_offsets(typed) if typed else DEFAULT_OFFSETS
    assert offsets is not None
    mark = " (riêng của nhiệm vụ này)" if own else ""
    assert schedule(offsets, overdue_every=every, own=own) == said + mark
