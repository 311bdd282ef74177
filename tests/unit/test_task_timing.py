"""Timing phrases as the plans print them, and the deadlines they give."""

from __future__ import annotations

from datetime import date

import pytest

from models.task_timing import Problem, TimingKind, deadlines, parse, parse_date, parse_day_month

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("30/6/2025", TimingKind.DATE, date(2025, 6, 30)),
        ("trước ngày 15/12/2024", TimingKind.DATE, date(2024, 12, 15)),
        ("Chậm nhất ngày 01.03.2026", TimingKind.DATE, date(2026, 3, 1)),
        ("tháng 6/2025", TimingKind.MONTH, date(2025, 6, 30)),
        ("Tháng 2 năm 2028", TimingKind.MONTH, date(2028, 2, 29)),
        ("6 tháng đầu năm 2026", TimingKind.MONTH, date(2026, 6, 30)),
        ("Quý II/2024", TimingKind.QUARTER, date(2024, 6, 30)),
        ("quý IV năm 2025", TimingKind.QUARTER, date(2025, 12, 31)),
        ("Quý I, II/2026", TimingKind.QUARTER, date(2026, 6, 30)),
        ("Quý 3/2026", TimingKind.QUARTER, date(2026, 9, 30)),
    ],
)
def test_dates_months_and_quarters_give_their_last_day(text: str, kind: str, due: date) -> None:
    timing = parse(text)
    assert (timing.kind, timing.due, timing.text) == (kind, due, text)
    assert deadlines(timing, today=TODAY) == [("", due)]


def test_a_year_is_due_on_the_yearly_day_of_that_year() -> None:
    timing = parse("Năm 2025")
    assert (timing.kind, timing.first_year) == (TimingKind.YEAR, 2025)
    assert deadlines(timing, today=TODAY) == [("", date(2025, 12, 15))]
    assert deadlines(timing, today=TODAY, default_day=(30, 11)) == [("", date(2025, 11, 30))]


@pytest.mark.parametrize("text", ["Hằng năm", "Hàng năm", "hàng năm", "Định kỳ hằng năm"])
def test_yearly_gives_this_year_and_the_next_on_the_yearly_day(text: str) -> None:
    timing = parse(text)
    assert timing.kind == TimingKind.YEARLY
    assert deadlines(timing, today=TODAY) == [
        ("2026", date(2026, 12, 15)),
        ("2027", date(2027, 12, 15)),
    ]


def test_yearly_after_this_years_day_starts_next_year() -> None:
    assert deadlines(parse("Hằng năm"), today=date(2026, 12, 20))[0] == (
        "2027",
        date(2027, 12, 15),
    )


def test_a_span_is_yearly_within_the_span_from_today_on() -> None:
    timing = parse("2024 – 2030")
    assert (timing.kind, timing.first_year, timing.last_year) == (TimingKind.YEARLY, 2024, 2030)
    periods = [period for period, _ in deadlines(timing, today=TODAY)]
    assert periods == ["2026", "2027", "2028", "2029", "2030"]
    assert [p for p, _ in deadlines(parse("2024-2025"), today=date(2024, 1, 10))] == [
        "2024",
        "2025",
    ]
    assert deadlines(parse("Giai đoạn 2021-2025"), today=TODAY) == []


def test_the_day_of_a_yearly_task_printed_overridden_or_default() -> None:
    printed = parse("Hằng năm (trước ngày 30/11)")
    assert (printed.day, printed.month) == (30, 11)
    assert deadlines(printed, today=TODAY)[0] == ("2026", date(2026, 11, 30))
    assert deadlines(printed, today=TODAY, override=(1, 10))[0] == ("2026", date(2026, 10, 1))
    assert deadlines(parse("Hằng năm"), today=TODAY, default_day=(31, 1))[0] == (
        "2027",
        date(2027, 1, 31),
    )
    leap = deadlines(parse("2026-2028"), today=TODAY, override=(29, 2))
    assert [due for _, due in leap] == [date(2027, 2, 28), date(2028, 2, 29)]


def test_onward_years_are_yearly_from_that_year() -> None:
    for text in ("2024 và các năm tiếp theo", "Từ năm 2027"):
        timing = parse(text)
        assert timing.kind == TimingKind.YEARLY and timing.last_year is None
    assert deadlines(parse("Từ năm 2027"), today=TODAY) == [("2027", date(2027, 12, 15))]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Thường xuyên", TimingKind.CONTINUOUS),
        ("Thường xuyên, liên tục", TimingKind.CONTINUOUS),
        ("Thường xuyên, hằng năm", TimingKind.YEARLY),
        ("Sau khi có văn bản của Trung ương", TimingKind.OPEN),
        ("Khi có yêu cầu", TimingKind.OPEN),
        ("Theo yêu cầu của Bộ", TimingKind.OPEN),
    ],
)
def test_continuous_and_open_ended_give_no_deadline(text: str, kind: str) -> None:
    timing = parse(text)
    assert timing.kind == kind
    if kind != TimingKind.YEARLY:
        assert deadlines(timing, today=TODAY) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", Problem.EMPTY),
        ("   ", Problem.EMPTY),
        (None, Problem.EMPTY),
        ("Theo tình hình thực tế", Problem.UNREADABLE),
        ("sớm", Problem.UNREADABLE),
        ("31/02/2025", Problem.BAD_DATE),
        ("30/13/2025", Problem.BAD_DATE),
        ("tháng 13/2025", Problem.BAD_DATE),
        ("Quý II/1890", Problem.BAD_DATE),
        ("2030-2024", Problem.BAD_DATE),
        ("Hằng năm (trước 31/11)", Problem.BAD_DATE),
    ],
)
def test_what_cannot_be_read_needs_a_date_and_is_never_guessed(
    text: str | None, problem: Problem
) -> None:
    timing = parse(text)
    assert (timing.kind, timing.problem) == (TimingKind.NEEDS_DATE, problem)
    assert timing.text == (text or "").strip()
    assert deadlines(timing, today=TODAY) == []


def test_dates_typed_by_admins() -> None:
    assert parse_date("30/06/2026") == date(2026, 6, 30)
    assert parse_date(" 1/7/2026 ") == date(2026, 7, 1)
    assert parse_date("31/06/2026") is None
    assert parse_date("2026-06-30") is None
    assert parse_day_month("15/12") == (15, 12)
    assert parse_day_month("29/2") == (29, 2)
    assert parse_day_month("30/2") is None
