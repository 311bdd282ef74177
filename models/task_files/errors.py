"""Why a file of tasks cannot be imported (the caller words it for people)."""

from __future__ import annotations

from enum import StrEnum


class FileProblem(StrEnum):
    """Why a file cannot be imported at all."""

    TOO_LARGE = "too_large"
    EMPTY = "empty"
    ENCRYPTED = "encrypted"
    LEGACY = "legacy"
    NOT_SUPPORTED = "not_supported"
    NOT_UTF8 = "not_utf8"
    DAMAGED = "damaged"
    NO_TABLE = "no_table"
    NO_HEADER = "no_header"
    NO_TASKS = "no_tasks"


class TaskFileError(Exception):
    """The file cannot be imported; `problem` says why (the caller words it)."""

    def __init__(self, problem: FileProblem, detail: str = "") -> None:
        super().__init__(f"{problem}: {detail}" if detail else str(problem))
        self.problem = problem
        self.detail = detail
