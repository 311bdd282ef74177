"""The targets chart: a PNG of the fixed size drawn headless, every Vietnamese letter of its
labels in the font (no "Glyph … missing" warning, checked against the font's own table too),
and the check itself catches a missing glyph."""

from __future__ import annotations

import io
import logging
import struct
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.texts import registration as rt
from bot.texts import targets as t
from models import unit_catalog
from models.scopes import PROVINCE
from models.targets import (
    COMMUNE,
    DEPARTMENT,
    DISTRICT,
    PROVINCIAL,
    Area,
    CommuneTeams,
    FocalPoints,
    FocalUnit,
    Targets,
    TeamCoverage,
    Training,
    TrainingCell,
)
from rendering.targets import chart

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def _province(villages: int | None) -> Targets:
    """Every district and commune of the 2024 catalog, with made-up figures."""
    districts = unit_catalog.districts("2024")
    area = {d.code: Area((i, d.code), d) for i, d in enumerate(districts)}
    communes = unit_catalog.communes("2024")
    focal = [FocalUnit(DEPARTMENT, "so-tttt", "Sở Thông tin và Truyền thông", PROVINCIAL, 2)]
    focal += [
        FocalUnit(DISTRICT, d.code, d.name, area[d.code], i % 2) for i, d in enumerate(districts)
    ]
    focal += [
        FocalUnit(COMMUNE, c.code, c.name, area[c.parent_code or ""], i % 3)
        for i, c in enumerate(communes)
    ]
    cells = [
        TrainingCell(area[d.code], category, 10 + i, i)
        for i, d in enumerate(districts)
        for category in rt.CATEGORIES
    ]
    cells.append(TrainingCell(PROVINCIAL, None, 5, 5))
    teams = [
        CommuneTeams(c, area[c.parent_code or ""], i % 4, villages) for i, c in enumerate(communes)
    ]
    return Targets(
        catalog="2024",
        scope=PROVINCE,
        scope_unit=None,
        by_commune=False,
        as_of=NOW,
        focal=FocalPoints(tuple(focal)),
        training=Training(2026, 3, tuple(cells)),
        teams=TeamCoverage(tuple(teams)),
    )


@contextmanager
def _font_complaints() -> Iterator[list[str]]:
    """Every warning or log line matplotlib gives about missing glyphs or fonts."""
    found: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield found
        found.extend(str(w.message) for w in caught)
    finally:
        logger.removeHandler(handler)
    found[:] = [m for m in found if "missing" in m or "findfont" in m or "not found" in m]


def _size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n" and content[12:16] == b"IHDR"
    width, height = struct.unpack(">II", content[16:24])
    return width, height


@pytest.mark.parametrize("villages", [12, None], ids=["shares", "counts"])
def test_the_chart_is_a_png_of_the_fixed_size_with_no_missing_glyph(villages: int | None) -> None:
    with _font_complaints() as complaints:
        content = chart.png(_province(villages), ZONE)
    assert complaints == []
    assert _size(content) == chart.SIZE == (chart.WIDTH_PX, chart.HEIGHT_PX)
    assert len(content) > 20_000  # something was drawn


def test_the_glyph_check_catches_a_missing_glyph() -> None:
    with _font_complaints() as complaints:
        figure = Figure(figsize=(2, 1))
        FigureCanvasAgg(figure)
        figure.text(0.1, 0.5, "Gia Lai \u4e00")  # a CJK ideograph DejaVu Sans does not have
        figure.savefig(io.BytesIO(), format="png")
    assert any("missing" in message for message in complaints)


def _chart_words() -> set[str]:
    texts = [value for name, value in vars(t).items() if name.startswith("CHART_")]
    words: list[str] = []
    for value in texts:
        words += list(value.values()) if isinstance(value, dict) else [value]
    words += [t.PROVINCIAL, t.PLAN, t.SCOPE_PROVINCE, *rt.CATEGORIES.values()]
    for catalog in unit_catalog.CATALOGS:
        words += [unit_catalog.label(u) for u in unit_catalog.catalog_units(catalog)]
    return set("".join(words))


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_the_font_has_every_letter_the_chart_may_show(weight: str) -> None:
    properties = font_manager.FontProperties(family=chart.FONT, weight=weight)
    path = font_manager.findfont(properties, fallback_to_default=False)
    assert "DejaVuSans" in path
    table: Callable[[], dict[int, str]] = TTFont(path).getBestCmap
    letters = {c for c in _chart_words() if not c.isspace()}
    vietnamese = set("ăâđêôơưĂÂĐÊÔƠƯ" + "ảạằắẳẵặấầẩẫậẻẽẹếềểễệỉĩịỏọốồổỗộớờởỡợủũụứừửữựỳỷỹỵ")
    assert vietnamese & letters  # the labels really are Vietnamese
    missing = sorted(c for c in letters | vietnamese if ord(c) not in table())
    assert missing == []
