"""Plan appendices as files (XLSX, CSV, DOCX, Markdown) read into grids of cell text, and the
grids read into groups and tasks. No database here."""

from models.task_files.errors import FileProblem, TaskFileError
from models.task_files.formats import MAX_BYTES, read_grids
from models.task_files.rows import ParsedPlan, PlanRow, parse_grids

__all__ = [
    "MAX_BYTES",
    "FileProblem",
    "ParsedPlan",
    "PlanRow",
    "TaskFileError",
    "parse_grids",
    "read_grids",
]
