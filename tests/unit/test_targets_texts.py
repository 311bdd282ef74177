"""The targets' texts: in the catalog only, addressing people as anh/chị, every template's
fields filled by the code that uses it."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from bot.texts import targets as t

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    *sorted((ROOT / "handlers" / "targets").glob("*.py")),
    *sorted((ROOT / "rendering" / "targets").glob("*.py")),
    ROOT / "models" / "targets.py",
    ROOT / "models" / "attendance.py",
    ROOT / "models" / "villages.py",
    ROOT / "models" / "village_file.py",
    ROOT / "bot" / "targets_cli.py",
]


def _texts() -> list[str]:
    found: list[str] = []
    for name, value in vars(t).items():
        if name.startswith("_"):
            continue
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            found += [v for v in value.values() if isinstance(v, str)]
        elif isinstance(value, tuple):
            found += [v for v in value if isinstance(v, str)]
    return found


def test_people_are_addressed_as_anh_chi() -> None:
    texts = _texts()
    assert len(texts) > 80
    for text in texts:
        words = {w.strip(".,:;!?()“”\"'").casefold() for w in text.split()}
        assert not words & {"bạn", "mình"}, text
    assert any("anh/chị" in text.casefold() for text in texts)


def test_the_plan_is_quoted_in_its_own_words() -> None:
    assert "100% các sở, ban, ngành; Ủy ban nhân dân các huyện, thành phố" in t.TARGET_FOCAL
    assert "hằng năm được bồi dưỡng, tập huấn" in t.TARGET_TRAINING


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_vietnamese_outside_the_catalog(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    literals = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and not node.value.isascii()
    ]
    assert literals == []


def test_templates_name_known_fields() -> None:
    allowed = {
        "plan", "scope", "date", "level", "done", "total", "percent", "year", "sessions",
        "known", "communes", "with_team", "count", "name", "district", "page", "pages",
        "what", "title", "when", "present", "state", "confirmed", "by", "mark", "unit", "id",
        "line", "text", "reason", "path", "size", "format", "catalog", "value", "code", "ext",
    }  # fmt: skip
    for text in _texts():
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        assert fields <= allowed, text
