"""The command-line reference, generated from `--help` so it cannot drift.

`python -m tumen.cli.docs > docs/cli.md` writes it; tests/test_clidocs.py fails when the file is
stale or a command has no help.
"""

from __future__ import annotations

import click

from tumen.cli.commands import cli

__all__ = ["render"]


def _help(command: click.Command, name: str) -> str:
    ctx = click.Context(command, info_name=name, terminal_width=100, max_content_width=100,
                        help_option_names=["-h", "--help"])
    return command.get_help(ctx)


def render() -> str:
    parts = ["# tumen command-line reference", "",
             "Generated from `--help` by `python -m tumen.cli.docs`; do not edit by hand.", "",
             "```", _help(cli, "tumen"), "```", ""]
    assert isinstance(cli, click.Group)
    for name in sorted(cli.commands):
        command = cli.commands[name]
        parts += [f"## tumen {name}", "", "```", _help(command, f"tumen {name}"), "```", ""]
        if isinstance(command, click.Group):
            for sub in sorted(command.commands):
                parts += [f"### tumen {name} {sub}", "", "```",
                          _help(command.commands[sub], f"tumen {name} {sub}"), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover
    print(render(), end="")
