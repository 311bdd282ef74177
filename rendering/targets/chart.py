"""The targets as one PNG: a horizontal bar chart per target, by district (whole province) or
by commune (a district or commune), drawn with matplotlib's headless Agg canvas (no pyplot,
no display, no global figure state) in DejaVu Sans, which has every Vietnamese letter."""

from __future__ import annotations

import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.texts import targets as t
from bot.timefmt import show_date
from models.targets import Area, Share, Targets
from rendering.targets.words import percent, scope_name

FONT = "DejaVu Sans"
DPI = 100
WIDTH_PX = 1200
HEIGHT_PX = 1800
SIZE = (WIDTH_PX, HEIGHT_PX)
DONE_COLOUR = "#1f77b4"
TOTAL_COLOUR = "#dde6f0"
TARGET_COLOUR = "#c0392b"


@dataclass(frozen=True)
class Bar:
    """One bar: its label and the share it shows."""

    label: str
    share: Share


def _name(area: Area) -> str:
    return area.name or t.CHART_PROVINCIAL


def focal_bars(targets: Targets) -> list[Bar]:
    """Focal points by level, then (whole province) the committees of each district."""
    focal = targets.focal
    bars = [Bar(t.CHART_LEVELS[level], focal.share(level)) for level in focal.levels()]
    if not targets.by_commune:
        bars += [Bar(_name(area), share) for area, share in targets.focal.by_area()]
    return bars


def training_bars(targets: Targets) -> list[Bar]:
    """Members trained this year by area."""
    return [Bar(_name(area), share) for area, share in targets.training.by_area()]


def team_bars(targets: Targets) -> list[Bar]:
    """Villages with a team by area."""
    return [Bar(_name(area), share) for area, share in targets.teams.by_area()]


def _font_size(count: int) -> float:
    if count <= 12:
        return 11
    if count <= 24:
        return 9
    return 7


def _panel(axes: Axes, title: str, bars: list[Bar]) -> None:
    axes.set_title(title, loc="left", fontsize=13, fontweight="bold")
    if not bars:
        axes.text(0.5, 0.5, t.CHART_NOTHING, ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return
    counts_only = any(bar.share.total is None for bar in bars)
    positions = list(range(len(bars)))
    size = _font_size(len(bars))
    if counts_only:
        values = [float(bar.share.done) for bar in bars]
        labels = [t.CHART_COUNT_LABEL.format(done=bar.share.done) for bar in bars]
        limit = max(max(values) * 1.25, 1.0)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlabel(t.CHART_AXIS_COUNT)
    else:
        axes.barh(positions, [100.0] * len(bars), color=TOTAL_COLOUR, height=0.7)
        values = [
            100 * bar.share.done / bar.share.total if bar.share.total else 0.0 for bar in bars
        ]
        labels = [
            t.CHART_SHARE_LABEL.format(
                done=bar.share.done, total=bar.share.total, percent=percent(bar.share)
            )
            for bar in bars
        ]
        limit = 125.0
        axes.axvline(100, color=TARGET_COLOUR, linewidth=1, linestyle="--")
        axes.set_xticks([0, 20, 40, 60, 80, 100])
        axes.set_xlabel(t.CHART_AXIS_SHARE)
    axes.barh(positions, values, color=DONE_COLOUR, height=0.7)
    for position, value, label in zip(positions, values, labels, strict=True):
        anchor = 100.0 if not counts_only else value
        axes.text(anchor + limit * 0.01, position, label, va="center", fontsize=size)
    axes.set_yticks(positions, [bar.label for bar in bars], fontsize=size)
    axes.set_xlim(0, limit)
    axes.invert_yaxis()
    axes.spines[["top", "right"]].set_visible(False)


def png(targets: Targets, zone: ZoneInfo) -> bytes:
    """The chart as PNG bytes, always WIDTH_PX × HEIGHT_PX."""
    teams = team_bars(targets)
    counts_only = any(bar.share.total is None for bar in teams)
    panels = (
        (t.CHART_FOCAL, focal_bars(targets)),
        (t.CHART_TRAINING.format(year=targets.training.year), training_bars(targets)),
        (t.CHART_TEAMS_COUNT if counts_only else t.CHART_TEAMS_SHARE, teams),
    )
    weights = [max(len(bars), 2) + 2 for _, bars in panels]
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": [FONT]}):
        figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
        FigureCanvasAgg(figure)
        title = t.CHART_TITLE.format(
            plan=t.PLAN, scope=scope_name(targets), date=show_date(targets.as_of, zone)
        )
        figure.suptitle(title, fontsize=16, fontweight="bold")
        grid = figure.add_gridspec(
            len(panels), 1, height_ratios=weights, left=0.2, right=0.88, top=0.935, bottom=0.04,
            hspace=0.22,
        )  # fmt: skip
        for index, (panel_title, bars) in enumerate(panels):
            _panel(figure.add_subplot(grid[index, 0]), panel_title, bars)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
