"""The register of every sentence the bot says: a provincial department writing to commune
officials. The person is "anh/chị", the bot is "Trợ lý" or no pronoun; never "bạn"/"mình",
no casual particles, and no Vietnamese text outside the catalog."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import bot.texts

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "bot" / "web" / "static"

# Whole words only: letters are \w in Python's Unicode regexes, so "bạn" inside a longer
# word does not count, and accents are exact: "Minh" or "thông minh" are not "mình".
_WORD = r"(?<!\w)(?:{words})(?!\w)"
FAMILIAR = re.compile(_WORD.format(words="bạn|mình"), re.IGNORECASE)
CASUAL = re.compile(_WORD.format(words="nhé|nha|nhá|tớ|cậu|mày|tao"), re.IGNORECASE)
FIRST_PERSON = re.compile(_WORD.format(words="tôi|chúng tôi|chúng mình"), re.IGNORECASE)
# "anh/chị" written any other way: "anh chị", "anh / chị", "Anh/Chị", "a/c".
ADDRESS = re.compile(r"(?<!\w)(?:anh\s*[/,]?\s*chị|a/c)(?!\w)", re.IGNORECASE)
ADDRESS_FORMS = {"anh/chị", "Anh/chị"}
# The bot names itself with a capital: "Trợ lý".
LOWER_ASSISTANT = re.compile(r"(?<!\w)trợ lý(?!\w)")

# The person speaks in these (their own button, or a quote of it): "tôi" is theirs.
PERSON_VOICE = {
    ("registration", "AGREE"),
    ("registration", "CONSENT"),
    ("invites", "AUTO_NO"),
}


def _modules() -> list[ModuleType]:
    names = sorted(info.name for info in pkgutil.iter_modules(bot.texts.__path__))
    return [importlib.import_module(f"bot.texts.{name}") for name in names]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _strings(item)


def catalog() -> list[tuple[str, str, str]]:
    """(module, constant, text) for every string in every module of bot/texts."""
    found = []
    for module in _modules():
        short = module.__name__.rsplit(".", 1)[1]
        for name, value in vars(module).items():
            if name.startswith("_") or callable(value) or isinstance(value, ModuleType):
                continue
            found.extend((short, name, text) for text in _strings(value))
    return found


CATALOG = catalog()


def _slips(pattern: re.Pattern[str], entries: list[tuple[str, str, str]]) -> list[str]:
    return [
        f"{module}.{name}: {match.group(0)!r} in {text!r}"
        for module, name, text in entries
        for match in pattern.finditer(unicodedata.normalize("NFC", text))
    ]


def test_the_catalog_is_read_whole() -> None:
    modules = {module for module, _, _ in CATALOG}
    assert {"broadcast", "common", "profile", "registration", "validation"} <= modules
    assert len(CATALOG) > 400
    assert ("broadcast", "ASK_ATTEND", "Vui lòng cho biết anh/chị có tham gia không.") in CATALOG


@pytest.mark.parametrize(
    ("text", "slip"),
    [
        ("Bạn muốn gửi gì?", "Bạn"),
        ("BẠN ĐÃ NHẬN", "BẠN"),
        ("Cảm ơn bạn!", "bạn"),
        ("Mình chưa hiểu.", "Mình"),
        ("gửi giúp mình nhé", "mình"),
        ("(bạn)", "bạn"),
    ],
)
def test_the_familiar_pattern_catches_whole_words(text: str, slip: str) -> None:
    assert [m.group(0) for m in FAMILIAR.finditer(text)] == [slip]


@pytest.mark.parametrize(
    "text", ["Nguyễn Văn Minh", "thông minh", "ban hành", "Sở, ban, ngành", "bình minh", "bạnx"]
)
def test_the_familiar_pattern_spares_other_words(text: str) -> None:
    assert FAMILIAR.search(text) is None


def test_no_text_calls_anyone_ban_or_the_bot_minh() -> None:
    assert _slips(FAMILIAR, CATALOG) == []


def test_no_casual_particles_or_pronouns() -> None:
    assert _slips(CASUAL, CATALOG) == []


def test_the_bot_never_says_toi() -> None:
    bot_voice = [entry for entry in CATALOG if entry[:2] not in PERSON_VOICE]
    assert _slips(FIRST_PERSON, bot_voice) == []
    # The allowed ones really are the person's words ("Tôi đồng ý", "Chờ tôi duyệt").
    voiced = [text for module, name, text in CATALOG if (module, name) in PERSON_VOICE]
    assert len(voiced) == len(PERSON_VOICE)
    assert all(FIRST_PERSON.search(text) for text in voiced)


def test_anh_chi_is_written_one_way() -> None:
    forms = [
        (f"{module}.{name}", match.group(0))
        for module, name, text in CATALOG
        for match in ADDRESS.finditer(unicodedata.normalize("NFC", text))
    ]
    assert [(where, form) for where, form in forms if form not in ADDRESS_FORMS] == []
    assert len(forms) > 50  # the person is addressed, and the same way everywhere


def test_the_bot_calls_itself_tro_ly_with_a_capital() -> None:
    assert _slips(LOWER_ASSISTANT, CATALOG) == []


def test_every_text_is_composed_unicode() -> None:
    # Decomposed accents (NFD) look the same but break search, sorting and some phones.
    decomposed = [
        f"{m}.{n}" for m, n, text in CATALOG if unicodedata.normalize("NFC", text) != text
    ]
    assert decomposed == []


@pytest.mark.parametrize("name", ["index.html", "chat.js"])
def test_the_web_chat_page_keeps_the_register(name: str) -> None:
    page = [("static", name, (STATIC / name).read_text(encoding="utf-8"))]
    assert _slips(FAMILIAR, page) == []
    assert _slips(CASUAL, page) == []
    assert _slips(LOWER_ASSISTANT, page) == []


# ---- no Vietnamese text outside the catalog ------------------------------------------------

# Operator-facing configuration errors and the demo people's seed data stay where they are.
NOT_CHAT_TEXT = {"bot/config.py", "bot/demo.py"}
VIETNAMESE = re.compile(
    "[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE
)


CHAT_CODE = ("handlers", "jobs", "rendering")


def _code_files() -> list[Path]:
    files = [p for top in CHAT_CODE for p in (ROOT / top).rglob("*.py")]
    files += [p for p in (ROOT / "bot").rglob("*.py") if "texts" not in p.parts]
    return sorted(p for p in files if p.relative_to(ROOT).as_posix() not in NOT_CHAT_TEXT)


def _vietnamese_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # docstrings
        call = node if isinstance(node, ast.Call) else None
        if call and isinstance(call.func, ast.Attribute) and call.func.attr == "compile":
            skip.update(id(arg) for arg in call.args[:1])  # patterns that read what people type
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and VIETNAMESE.search(node.value)
    ]


def test_chat_code_says_nothing_in_vietnamese_outside_the_catalog() -> None:
    files = _code_files()
    assert any(p.name == "feedback.py" for p in files) and len(files) > 30
    assert {p.relative_to(ROOT).parts[0] for p in files} == {"bot", *CHAT_CODE}
    assert ROOT / "bot" / "cli.py" in files  # its --help texts live in bot/texts/admin.py
    assert [hit for path in files for hit in _vietnamese_literals(path)] == []
