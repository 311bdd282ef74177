"""Imports run one way: channels → handlers → (rendering, models); jobs → (rendering, models)
→ outbox; nothing imports upward.

Every module of bot/, handlers/, rendering/, models/ and jobs/ is read as a syntax tree, so an
import inside a function, under TYPE_CHECKING or through importlib counts as much as one at
the top of the file.

The layers and what each may not reach (a name covers the module and everything under it):

| layer | modules | may import |
| --- | --- | --- |
| leaf | bot.events, bot.texts, bot.timefmt, bot.buttons, bot.metrics, bot.leader_status | nothing of the project but itself |
| models | models | models, bot.events |
| rendering | rendering | rendering, models and the leaves |
| jobs | jobs | not handlers, bot.channels (but bot.channels.base), bot.app, bot.web, the CLI |
| handlers | handlers | not bot.channels, jobs, bot.app, bot.web, the CLI |
| core | the rest of bot (router, dispatcher, conversation, context, config…) | not handlers, jobs, bot.channels (but bot.channels.base), bot.app, bot.web, the CLI |
| cli | bot.broadcast_cli, bot.admin_tools, bot.unit_migration, bot.tasks_cli, bot.backup_cli | not handlers, jobs, bot.channels, bot.app, bot.web |
| core | the rest of bot (router, dispatcher, conversation, context, config, exports…) | not handlers, jobs, bot.channels (but bot.channels.base), bot.app, bot.web, the CLI |
| cli | bot.broadcast_cli, bot.admin_tools, bot.unit_migration, bot.targets_cli | not handlers, jobs, bot.channels, bot.app, bot.web |
| channels | bot.channels | not jobs, bot.app, bot.web, the CLI |
| top | bot.app, bot.cli, bot.web | anything |

"The CLI" is bot.cli and the cli layer.
"""  # noqa: E501

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "rendering", "models", "jobs")

# bot.metrics and bot.leader_status are asked by the dispatcher, the sender, every job and the
# web server: as leaves they can never pull any of those in.
LEAVES = (
    "bot.events",
    "bot.texts",
    "bot.timefmt",
    "bot.buttons",
    "bot.metrics",
    "bot.leader_status",
)
CLI = (
    "bot.broadcast_cli",
    "bot.admin_tools",
    "bot.unit_migration",
    "bot.tasks_cli",
    "bot.backup_cli",
    "bot.targets_cli",
    "bot.checkins_cli",
)
TOP = ("bot.app", "bot.cli", "bot.web")
ABOVE_ALL = ("bot.app", "bot.web", "bot.cli", *CLI)


@dataclass(frozen=True)
class Rule:
    """What one layer may import: an allow-list, or everything but a deny-list."""

    layer: str
    allow: tuple[str, ...] | None = None
    deny: tuple[str, ...] = ()
    except_: tuple[str, ...] = ()

    def refuses(self, target: str) -> bool:
        """Whether importing `target` from this layer runs upward."""
        if _under(target, self.except_):
            return False
        if self.allow is not None:
            return not _under(target, self.allow)
        return _under(target, self.deny)


RULES = {
    "models": Rule("models", allow=("models", "bot.events")),
    "rendering": Rule("rendering", allow=("rendering", "models", *LEAVES)),
    "jobs": Rule(
        "jobs", deny=("handlers", "bot.channels", *ABOVE_ALL), except_=("bot.channels.base",)
    ),
    "handlers": Rule("handlers", deny=("bot.channels", "jobs", *ABOVE_ALL)),
    "core": Rule(
        "core",
        deny=("handlers", "jobs", "bot.channels", *ABOVE_ALL),
        except_=("bot.channels.base",),
    ),
    "cli": Rule("cli", deny=("handlers", "jobs", "bot.channels", "bot.app", "bot.web")),
    "channels": Rule("channels", deny=("jobs", *ABOVE_ALL)),
    "top": Rule("top"),
}


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def layer_of(module: str) -> str:
    """The layer a project module belongs to."""
    if _under(module, LEAVES):
        return "leaf"
    if _under(module, TOP):
        return "top"
    if _under(module, CLI):
        return "cli"
    if _under(module, ("bot.channels",)):
        return "channels"
    head = module.split(".", 1)[0]
    return "core" if head == "bot" else head


def refuses(module: str, target: str) -> bool:
    """Whether `module` may not import `target` (both project modules)."""
    layer = layer_of(module)
    if layer == "leaf":
        own = next(p for p in LEAVES if _under(module, (p,)))
        return not _under(target, (own,))
    return RULES[layer].refuses(target)


def module_name(path: Path) -> str:
    """`bot/texts/common.py` → `bot.texts.common`; a package's `__init__` is the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(module: str, is_package: bool, level: int, name: str | None) -> str:
    base = module.split(".")
    if not is_package:
        base.pop()
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def imports_of(source: str, module: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """Every project module a source imports, wherever the import stands: (line, module)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = _absolute(module, is_package, node.level, node.module)
            # `from bot import exports` names the module bot.exports; `from bot.events import
            # Reply` a name inside bot.events (resolved to the module later)
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and _is_dynamic_import(node):
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.append((node.lineno, argument.value))
    return [(line, name) for line, name in found if name.split(".", 1)[0] in PACKAGES]


def _is_dynamic_import(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("import_module", "__import__") and bool(node.args)


def _known(name: str, modules: set[str]) -> str | None:
    """The project module an imported name stands for (a name inside a module → the module)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _sources() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def test_no_module_imports_upward() -> None:
    paths = _sources()
    modules = {module_name(p) for p in paths}
    assert {"bot.events", "rendering", "models.releases", "jobs.announcements"} <= modules
    wrong: list[str] = []
    for path in paths:
        module = module_name(path)
        source = path.read_text(encoding="utf-8")
        for line, name in imports_of(source, module, is_package=path.name == "__init__.py"):
            target = _known(name, modules)
            if target is not None and refuses(module, target):
                where = f"{path.relative_to(ROOT)}:{line}"
                wrong.append(f"{where} ({layer_of(module)}) imports {target}")
    assert sorted(set(wrong)) == []


def test_the_event_types_are_a_leaf() -> None:
    source = (ROOT / "bot" / "events.py").read_text(encoding="utf-8")
    assert imports_of(source, "bot.events") == []


@pytest.mark.parametrize(
    ("module", "source", "target"),
    [
        ("models.teams", "def f():\n    from handlers import common\n", "handlers.common"),
        ("models.teams", "from bot.texts import units\n", "bot.texts.units"),
        ("models.outbox", "importlib.import_module('jobs.sender')\n", "jobs.sender"),
        ("models.outbox", "__import__('handlers')\n", "handlers"),
        ("rendering.members", "from bot.config import Config\n", "bot.config"),
        ("jobs.sender", "import bot.channels.telegram\n", "bot.channels.telegram"),
        ("handlers.feedback", "async def f():\n    import jobs.sender\n", "jobs.sender"),
        ("bot.broadcast_cli", "from handlers import common\n", "handlers.common"),
        ("handlers.feedback", "from bot.tasks_cli import lookup\n", "bot.tasks_cli.lookup"),
        ("rendering.tasks", "from bot.tasks_cli import lookup\n", "bot.tasks_cli.lookup"),
        ("bot.router", "from .app import BotApp\n", "bot.app"),
        ("bot.channels.webchat", "from ..app import BotApp\n", "bot.app"),
        ("bot.channels.webchat", "from jobs import sender\n", "jobs.sender"),
        ("bot.events", "from models.base import utcnow\n", "models.base"),
        ("bot.metrics", "from models import outbox\n", "models.outbox"),
    ],
)
def test_an_upward_import_is_caught(module: str, source: str, target: str) -> None:
    names = [name for _, name in imports_of(source, module)]
    assert any(name == target or name.startswith(target + ".") for name in names)
    assert refuses(module, target)


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("models.outbox", "bot.events"),
        ("rendering.announcements", "bot.texts.broadcast"),
        ("rendering.announcements", "models.announcements"),
        ("jobs.sender", "bot.channels.base"),
        ("jobs.housekeeping", "bot.metrics"),
        ("bot.dispatcher", "bot.metrics"),
        ("jobs.announcements", "rendering.announcements"),
        ("handlers.broadcast.compose", "rendering.announcements"),
        ("bot.tasks_cli.files", "rendering.task_export"),
        ("jobs.announcements", "rendering.tasks"),
        ("bot.channels.webchat", "models.webchat"),
        ("bot.app", "handlers"),
        ("bot.texts.validation", "bot.texts.common"),
    ],
)
def test_a_downward_import_is_allowed(module: str, target: str) -> None:
    assert not refuses(module, target)
