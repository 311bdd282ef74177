"""A round's summary as one PNG: the response rate by district (or by commune when the round
reached one district only, or the catalog has no districts) and the statuses answered per
task as stacked bars. Drawn headless in the targets chart's font, which has every Vietnamese
letter."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.texts import checkins as t
from bot.timefmt import show
from models.checkin_summary import Summary, Tally
from models.tasks import TaskStatus
from rendering.targets.chart import DONE_COLOUR, DPI, FONT, TOTAL_COLOUR

WIDTH_PX = 1200
HEIGHT_PX = 1500
SIZE = (WIDTH_PX, HEIGHT_PX)
MAX_AREAS = 60
MAX_TASKS = 30
STATUS_COLOURS = {
    TaskStatus.DONE: "#2e8b57",
    TaskStatus.IN_PROGRESS: "#1f77b4",
    TaskStatus.BLOCKED: "#c0392b",
    TaskStatus.NOT_STARTED: "#b0b0b0",
}


def areas(summary: Summary) -> tuple[bool, list[tuple[str, Tally]]]:
    """(by district?, the bars): districts when the round reached two or more, else communes;
    the lowest rates first, at most MAX_AREAS."""
    districts = [name for name in summary.by_district if name]
    if len(districts) >= 2:
        found = [(name or t.PROVINCE_LEVEL, tally) for name, tally in summary.by_district.items()]
        by_district = True
    else:
        found = [
            (commune or district or t.PROVINCE_LEVEL, tally)
            for (district, commune), tally in summary.by_commune.items()
        ]
        by_district = False
    found.sort(key=lambda item: (item[1].rate, item[0]))
    return by_district, found


def _size(count: int) -> float:
    return 11 if count <= 12 else 9 if count <= 24 else 7 if count <= 40 else 6


def _rates(axes: Axes, title: str, bars: list[tuple[str, Tally]]) -> None:
    axes.set_title(title, loc="left", fontsize=13, fontweight="bold")
    if not bars:
        axes.text(0.5, 0.5, t.CHART_NOTHING, ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return
    positions = list(range(len(bars)))
    size = _size(len(bars))
    axes.barh(positions, [100.0] * len(bars), color=TOTAL_COLOUR, height=0.7)
    axes.barh(positions, [float(tally.rate) for _, tally in bars], color=DONE_COLOUR, height=0.7)
    for position, (_, tally) in zip(positions, bars, strict=True):
        label = t.CHART_RATE_LABEL.format(
            submitted=tally.submitted, expected=tally.expected, rate=tally.rate
        )
        axes.text(101.5, position, label, va="center", fontsize=size)
    axes.set_yticks(positions, [name for name, _ in bars], fontsize=size)
    axes.set_xticks([0, 20, 40, 60, 80, 100])
    axes.set_xlim(0, 125)
    axes.set_xlabel(t.CHART_AXIS_RATE)
    axes.invert_yaxis()
    axes.spines[["top", "right"]].set_visible(False)


def _tasks(axes: Axes, summary: Summary) -> None:
    tasks = summary.tasks[:MAX_TASKS]
    title = t.CHART_TASKS
    if len(summary.tasks) > MAX_TASKS:
        title += t.CHART_FIRST.format(shown=MAX_TASKS, total=len(summary.tasks))
    axes.set_title(title, loc="left", fontsize=13, fontweight="bold")
    if not tasks:
        axes.text(0.5, 0.5, t.CHART_NOTHING, ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return
    positions = list(range(len(tasks)))
    left = [0.0] * len(tasks)
    for status, colour in STATUS_COLOURS.items():
        values = [float(task.counts.get(status, 0)) for task in tasks]
        axes.barh(
            positions, values, left=left, color=colour, height=0.7,
            label=t.STATUS_NAMES[status],
        )  # fmt: skip
        left = [a + b for a, b in zip(left, values, strict=True)]
    size = _size(len(tasks))
    axes.set_yticks(
        positions, [t.CHART_TASK.format(number=x.number) for x in tasks], fontsize=size
    )
    axes.set_xlim(0, max(max(left) * 1.1, 1.0))
    axes.set_xlabel(t.CHART_AXIS_ANSWERS)
    axes.legend(loc="lower right", fontsize=9)
    axes.invert_yaxis()
    axes.spines[["top", "right"]].set_visible(False)


def png(summary: Summary, zone: ZoneInfo) -> bytes:
    """The chart as PNG bytes, always WIDTH_PX × HEIGHT_PX."""
    by_district, bars = areas(summary)
    title = t.CHART_BY_DISTRICT if by_district else t.CHART_BY_COMMUNE
    if len(bars) > MAX_AREAS:
        title += t.CHART_LOWEST.format(shown=MAX_AREAS, total=len(bars))
        bars = bars[:MAX_AREAS]
    shown_tasks = min(len(summary.tasks), MAX_TASKS)
    row = summary.row
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": [FONT]}):
        figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
        FigureCanvasAgg(figure)
        overall = summary.overall
        figure.suptitle(
            t.CHART_TITLE.format(
                id=row.id, title=row.title, opens=show(row.opens_at, zone),
                submitted=overall.submitted, expected=overall.expected, rate=overall.rate,
            ),
            fontsize=14, fontweight="bold", wrap=True,
        )  # fmt: skip
        grid = figure.add_gridspec(
            2, 1, height_ratios=[max(len(bars), 2) + 3, max(shown_tasks, 2) + 3],
            left=0.22, right=0.9, top=0.93, bottom=0.05, hspace=0.25,
        )  # fmt: skip
        _rates(figure.add_subplot(grid[0, 0]), title, bars)
        _tasks(figure.add_subplot(grid[1, 0]), summary)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
