"""CSV (UTF-8, with or without BOM; comma, semicolon or tab) and Markdown pipe tables."""

from __future__ import annotations

import csv
import io
import re

_SEPARATOR_CELL = re.compile(r":?-+:?")
_PIPE = re.compile(r"(?<!\\)\|")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(.+)\1$", re.DOTALL)


def csv_grid(text: str) -> list[list[list[str]]]:
    """The one table of a CSV file."""
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    return [rows]


def looks_like_markdown(text: str) -> bool:
    """Whether a text file holds pipe tables (a line like `|---|---|`)."""
    return any(
        line.strip().startswith("|") and set(line.strip()) <= set("|-: ")
        for line in text.splitlines()
    )


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    cells = []
    for cell in _PIPE.split(inner):
        cell = cell.replace("\\|", "|").replace("<br>", "\n").replace("<br/>", "\n").strip()
        emphasis = _EMPHASIS.match(cell)
        cells.append(emphasis.group(2).strip() if emphasis else cell)
    return cells


def markdown(text: str) -> list[list[list[str]]]:
    """Every pipe table of a Markdown text; a line that is not a table row ends a table."""
    grids: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in text.splitlines():
        if line.strip().startswith("|"):
            cells = _cells(line)
            if all(_SEPARATOR_CELL.fullmatch(cell) or not cell for cell in cells) and any(cells):
                continue
            current.append(cells)
        elif current:
            grids.append(current)
            current = []
    if current:
        grids.append(current)
    return grids
