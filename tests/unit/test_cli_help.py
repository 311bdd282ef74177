"""`mangluoi --help` and every subcommand's help: Vietnamese first, every option described."""

from __future__ import annotations

import argparse

import pytest

from bot import cli


def _all_parsers() -> list[argparse.ArgumentParser]:
    found = []
    pending = [cli._parser()]
    while pending:
        parser = pending.pop()
        found.append(parser)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                pending.extend(action.choices.values())
    return found


def test_every_command_and_option_is_described() -> None:
    parsers = _all_parsers()
    assert len(parsers) >= 10
    for parser in parsers:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert choice.help, f"{parser.prog} {choice.dest}: no help"
                continue
            assert action.help and action.help != argparse.SUPPRESS, (
                f"{parser.prog} {action.option_strings or action.dest}: no help"
            )
            assert "bot/" not in action.help, f"{parser.prog}: help points at source code"


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["admin", "grant", "--help"],
        ["broadcast", "-h"],
        ["tasks", "set-deadline", "-h"],
    ],
)
def test_help_speaks_vietnamese_first(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng / usage: mangluoi")
    assert "show this help message" not in out
    assert "tùy chọn / options" in out
