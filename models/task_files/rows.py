"""Grids of cell text read into the plan's groups and tasks, the way the appendices print
them: a header row (in any order, repeated on every page), numbered group rows ("1", "2"),
tasks ("1.1"), unnumbered task rows under a group, rows cut by a page break and continued in
the next table (no number, every continued column in lower case), blank lines, and the row
"(1) (2) (3)…" that numbers the columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.task_files.errors import FileProblem, TaskFileError
from models.unit_catalog import fold_key

FIELDS = ("number", "title", "lead", "partners", "result", "timing")
REQUIRED = ("number", "title", "lead")
_NUMBER_HEADERS = frozenset({"so tt", "stt", "tt", "so thu tu", "thu tu"})
_HEADER_WORDS = (
    ("lead", ("chu tri",)),
    ("partners", ("phoi hop",)),
    ("result", ("ket qua", "san pham")),
    ("timing", ("thoi gian", "tien do", "thoi han")),
    ("title", ("nhiem vu", "noi dung")),
)
_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_ROMAN = re.compile(r"[IVXLC]+")
_COLUMN_NUMBER = re.compile(r"\(?(\d+)\)?")
_LIST_FIELDS = ("lead", "partners")


@dataclass
class PlanGroup:
    """A numbered heading row ("1", "II"): not a task, the tasks under it belong to it."""

    number: str
    title: str
    table: int
    line: int


@dataclass
class PlanRow:
    """One task as printed (continuations already joined)."""

    number: str
    title: str
    lead: str = ""
    partners: str = ""
    result: str = ""
    timing: str = ""
    group: str | None = None
    unnumbered: bool = False
    table: int = 0
    line: int = 0
    continued: int = 0


@dataclass(frozen=True)
class Continuation:
    """A row cut by a page break, joined to the task before it."""

    number: str
    table: int
    line: int


@dataclass(frozen=True)
class Skipped:
    """A row that was not imported, and why ("no_title", "duplicate", "orphan")."""

    table: int
    line: int
    reason: str
    number: str = ""


@dataclass
class ParsedPlan:
    """What a file holds, before it meets the database."""

    groups: list[PlanGroup] = field(default_factory=list)
    tasks: list[PlanRow] = field(default_factory=list)
    continuations: list[Continuation] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    blank_lines: int = 0
    tables: int = 0
    ignored_tables: int = 0


def header_map(row: list[str]) -> dict[str, int] | None:
    """Which column holds which field, if this row is the header of a task table."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = fold_key(cell)
        if not key:
            continue
        if key in _NUMBER_HEADERS:
            found.setdefault("number", index)
            continue
        for name, words in _HEADER_WORDS:
            if any(word in key for word in words):
                found.setdefault(name, index)
                break
    return found if all(name in found for name in REQUIRED) else None


def _is_column_numbers(cells: list[str]) -> bool:
    filled = [cell for cell in cells if cell]
    numbers = [_COLUMN_NUMBER.fullmatch(cell) for cell in filled]
    if len(filled) < 3 or not all(numbers):
        return False
    values = [int(match.group(1)) for match in numbers if match]
    return values == list(range(values[0], values[0] + len(values)))


def _number(text: str) -> str | None:
    value = text.strip().rstrip(".)").replace(",", ".").strip()
    if _NUMBER.fullmatch(value):
        return ".".join(str(int(part)) for part in value.split("."))
    if _ROMAN.fullmatch(value.upper()):
        return value.upper()
    return None


def _first_letter_case(text: str) -> str | None:
    for char in text:
        if char.isalpha():
            return "lower" if char.islower() else "upper"
    return None


def _is_continuation(values: dict[str, str]) -> bool:
    cases = [_first_letter_case(values[name]) for name in FIELDS[1:] if values.get(name)]
    return "lower" in cases and "upper" not in cases


def _tidy(name: str, text: str) -> str:
    if name in _LIST_FIELDS:
        text = "; ".join(part.strip() for part in text.splitlines() if part.strip())
    return " ".join(text.split())


def _join(before: str, after: str) -> str:
    return f"{before} {after}".strip() if after else before


class _Reader:
    def __init__(self) -> None:
        self.plan = ParsedPlan()
        self.mapping: dict[str, int] | None = None
        self.width = 0
        self.group: PlanGroup | None = None
        self.groups: dict[str, PlanGroup] = {}
        self.numbers: set[str] = set()
        self.last: PlanRow | PlanGroup | None = None
        self.joined: list[tuple[PlanRow | PlanGroup, int, int]] = []

    def table(self, index: int, grid: list[list[str]]) -> None:
        self.plan.tables += 1
        headed = False
        for line, row in enumerate(grid, start=1):
            mapping = header_map(row)
            if mapping is not None:
                self.mapping, self.width, headed = mapping, len(row), True
                continue
            if self.mapping is None:
                continue
            if not headed and len(row) != self.width:
                self.plan.ignored_tables += 1
                return
            self.row(index, line, row)

    def row(self, table: int, line: int, row: list[str]) -> None:
        assert self.mapping is not None
        values = {
            name: _tidy(name, row[column]) if column < len(row) else ""
            for name, column in self.mapping.items()
        }
        if not any(values.values()):
            self.plan.blank_lines += 1
            return
        if _is_column_numbers([cell.strip() for cell in row]):
            return
        number = _number(values.get("number", ""))
        if number is None and _is_continuation(values):
            self.continuation(table, line, values)
        elif number is None:
            self.task(table, line, values, None)
        elif not any(values.get(name) for name in FIELDS[2:]) and "." not in number:
            group = PlanGroup(number, values.get("title", ""), table, line)
            if number in self.groups:
                self.plan.skipped.append(Skipped(table, line, "duplicate", number))
                return
            self.groups[number] = group
            self.numbers.add(number)
            self.plan.groups.append(group)
            self.group = self.last = group
        else:
            self.task(table, line, values, number)

    def continuation(self, table: int, line: int, values: dict[str, str]) -> None:
        last = self.last
        if last is None:
            self.plan.skipped.append(Skipped(table, line, "orphan"))
            return
        if isinstance(last, PlanGroup):
            last.title = _join(last.title, values.get("title", ""))
        else:
            for name in FIELDS[1:]:
                setattr(last, name, _join(getattr(last, name), values.get(name, "")))
            last.continued += 1
        self.joined.append((last, table, line))

    def _group_for(self, number: str | None) -> PlanGroup | None:
        if number is None:
            return self.group
        if "." in number:
            return self.groups.get(number.rsplit(".", 1)[0], self.group)
        if self.group is not None and not self.group.number.isdigit():
            return self.group
        return None

    def task(self, table: int, line: int, values: dict[str, str], number: str | None) -> None:
        if not values.get("title"):
            self.plan.skipped.append(Skipped(table, line, "no_title", number or ""))
            return
        if number is not None and number in self.numbers:
            self.plan.skipped.append(Skipped(table, line, "duplicate", number))
            return
        group = self._group_for(number)
        task = PlanRow(
            number=number or "",
            title=values["title"],
            lead=values.get("lead", ""),
            partners=values.get("partners", ""),
            result=values.get("result", ""),
            timing=values.get("timing", ""),
            group=group.number if group else None,
            unnumbered=number is None,
            table=table,
            line=line,
        )
        if number is not None:
            self.numbers.add(number)
        self.plan.tasks.append(task)
        self.last = task

    def number_unnumbered(self) -> None:
        """Give unnumbered tasks the next free number under their group, in printed order
        ("2" → "2.1"; under a group "II" whose tasks are "4", "5" → "II.1")."""
        taken = set(self.numbers)
        last_index: dict[str, int] = {}
        for task in self.plan.tasks:
            parent = task.group or ""
            if not task.unnumbered:
                head, _, tail = task.number.rpartition(".")
                if head == parent and tail.isdigit():
                    last_index[parent] = max(last_index.get(parent, 0), int(tail))
                continue
            index = last_index.get(parent, 0) + 1
            while (candidate := f"{parent}.{index}" if parent else str(index)) in taken:
                index += 1
            task.number = candidate
            taken.add(candidate)
            last_index[parent] = index
        self.plan.continuations = [
            Continuation(owner.number, table, line) for owner, table, line in self.joined
        ]


def parse_grids(grids: list[list[list[str]]]) -> ParsedPlan:
    """Groups and tasks of a file's tables; raises TaskFileError if it holds no task table."""
    reader = _Reader()
    for index, grid in enumerate(grids, start=1):
        reader.table(index, grid)
    if reader.mapping is None:
        raise TaskFileError(FileProblem.NO_HEADER)
    if not reader.plan.tasks:
        raise TaskFileError(FileProblem.NO_TASKS)
    reader.number_unnumbered()
    return reader.plan
