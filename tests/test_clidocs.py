"""Docs cannot drift: docs/cli.md is exactly what --help says, and every command has help."""

from __future__ import annotations

from pathlib import Path

from tumen.cli.commands import cli
from tumen.cli.docs import render

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_every_command_has_help_and_a_docs_entry() -> None:
    text = DOCS.read_text(encoding="utf-8")
    import click

    for name, command in cli.commands.items():
        assert command.help, f"command {name} has no help"
        assert f"## tumen {name}\n" in text, f"docs/cli.md has no entry for {name}"
        if isinstance(command, click.Group):
            for sub, subcommand in command.commands.items():
                assert subcommand.help, f"command {name} {sub} has no help"
                assert f"### tumen {name} {sub}\n" in text


def test_docs_match_help() -> None:
    assert DOCS.read_text(encoding="utf-8") == render(), \
        "docs/cli.md is stale: run 'python -m tumen.cli.docs > docs/cli.md'"
