"""A round's chart: a PNG of the fixed size, every Vietnamese letter of its labels in the font
(checked with the targets chart's glyph check), bars by district or by commune, and the CSV
of answers opens in Excel (UTF-8 with a BOM)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager

from bot.texts import checkins as t
from models import unit_catalog
from models.checkin_summary import AnswerRow, Summary, Tally, TaskCounts
from models.checkins import CheckinRound
from rendering import checkin_chart
from rendering import checkin_summary as view
from tests.unit.test_targets_chart import _font_complaints, _size

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
OPENS = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _summary(catalog: str, tasks: int = 20) -> Summary:
    """Everyone of a catalog's communes asked, with made-up figures."""
    row = CheckinRound(
        id=7,
        title="Báo cáo tiến độ tháng 3/2026 — Ủy ban nhân dân",
        author_member_id=1,
        opens_at=OPENS,
        closes_at=OPENS,
    )
    by_district: dict[str, Tally] = {}
    by_commune: dict[tuple[str, str], Tally] = {}
    overall = Tally()
    for i, unit in enumerate(unit_catalog.communes(catalog)):
        parent = unit_catalog.parent(unit)
        district = parent.name if parent and parent.level == "district" else ""
        tally = Tally(asked=10, submitted=i % 11, on_leave=i % 2)
        by_commune[(district, unit.name)] = tally
        total = by_district.setdefault(district, Tally())
        for each in (total, overall):
            each.asked += tally.asked
            each.submitted += tally.submitted
            each.on_leave += tally.on_leave
    counts = [
        TaskCounts(f"5.{i}", f"Nhiệm vụ thứ {i}", i, {"done": i, "in_progress": 3, "blocked": 1})
        for i in range(tasks)
    ]
    for task in counts:
        task.counts.setdefault("not_started", 2)
    return Summary(row, overall, by_district, by_commune, counts, [])


@pytest.mark.parametrize(
    ("catalog", "tasks", "by_district"),
    [("2024", 20, True), ("2025", 40, False)],
    ids=["districts", "communes"],
)
def test_the_chart_is_a_png_of_the_fixed_size_with_no_missing_glyph(
    catalog: str, tasks: int, by_district: bool
) -> None:
    summary = _summary(catalog, tasks)
    assert checkin_chart.areas(summary)[0] is by_district
    with _font_complaints() as complaints:
        content = checkin_chart.png(summary, ZONE)
    assert complaints == []
    assert _size(content) == checkin_chart.SIZE == (1200, 1500)
    assert len(content) > 20_000  # something was drawn


def test_a_round_in_one_district_is_drawn_by_commune() -> None:
    summary = _summary("2024")
    district = "Huyện Ia Grai"
    summary.by_district = {district: summary.by_district[district]}
    summary.by_commune = {k: v for k, v in summary.by_commune.items() if k[0] == district}
    by_district, bars = checkin_chart.areas(summary)
    assert not by_district and len(bars) == len(summary.by_commune) > 1
    rates = [tally.rate for _, tally in bars]
    assert rates == sorted(rates)  # the lowest first


def test_an_empty_round_still_draws() -> None:
    summary = _summary("2024", 0)
    summary.by_district, summary.by_commune = {}, {}
    with _font_complaints() as complaints:
        content = checkin_chart.png(summary, ZONE)
    assert complaints == [] and _size(content) == checkin_chart.SIZE


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_the_font_has_every_letter_the_chart_may_show(weight: str) -> None:
    path = font_manager.findfont(
        font_manager.FontProperties(family=checkin_chart.FONT, weight=weight),
        fallback_to_default=False,
    )
    table: Callable[[], dict[int, str]] = TTFont(path).getBestCmap
    words = [v for k, v in vars(t).items() if k.startswith("CHART_") and isinstance(v, str)]
    words += [*t.STATUS_NAMES.values(), t.PROVINCE_LEVEL]
    letters = {c for c in "".join(words) if not c.isspace()}
    assert set("ệđảố") <= letters
    assert sorted(c for c in letters if ord(c) not in table()) == []


def test_the_csv_has_a_bom_and_one_row_per_answer() -> None:
    rows = [
        AnswerRow("Nguyễn Văn Ân", "Huyện Ia Grai", "Xã Ia Sao", "5.2", "Số hóa", "done", 100,
                  "Xong; có \"ghi chú\"", OPENS, "UBND xã Ia Sao", 7, "lop-hoc.jpg"),
        AnswerRow("Trần Thị Bé", "", "", "5.3", "Tập huấn", "blocked", None, "", OPENS),
    ]  # fmt: skip
    content = view.csv_bytes(rows, ZONE)
    assert content.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert read[0] == view.answer_columns(ZONE, None)
    assert read[0][9] == t.EVIDENCE_NAME_COLUMN
    assert read[1] == [
        "Nguyễn Văn Ân", "Huyện Ia Grai", "Xã Ia Sao", "UBND xã Ia Sao", "5.2", "Số hóa",
        "Hoàn thành", "100", "Xong; có \"ghi chú\"", "lop-hoc.jpg", "02/03/2026 08:00",
    ]  # fmt: skip
    assert read[2][1] == t.PROVINCE_LEVEL and read[2][6] == "Vướng mắc" and read[2][7] == ""
    assert read[2][9] == ""  # no evidence
    assert len(read) == 3


def test_the_csv_gives_evidence_links_when_there_are_some() -> None:
    rows = [
        AnswerRow("Nguyễn Văn Ân", "", "", "5.2", "Số hóa", "done", 100, "", OPENS, "", 7,
                  "lop-hoc.jpg"),
        AnswerRow("Trần Thị Bé", "", "", "5.3", "Tập huấn", "done", 100, "", OPENS, "", 8,
                  "bien-ban.pdf"),
    ]  # fmt: skip
    until = OPENS + timedelta(hours=24)
    links = view.EvidenceUrls(until=until, urls={7: "https://bot.example/files/a/b"})
    read = list(csv.reader(io.StringIO(view.csv_bytes(rows, ZONE, links).decode("utf-8-sig"))))
    assert read[0][9] == t.EVIDENCE_LINK_COLUMN.format(until="03/03/2026 08:00")
    assert read[1][9] == "https://bot.example/files/a/b"
    assert read[2][9] == "bien-ban.pdf"  # no link (the file went meanwhile): its name
