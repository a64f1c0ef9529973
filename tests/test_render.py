"""Terminal output, rendered to injected consoles of fixed width (a terminal and a pipe)."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from tumen import load_kb
from tumen.cli.render import render_eras, render_events, render_record


def console(terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=100, force_terminal=terminal, color_system=None), out


def test_events_table_on_a_terminal_groups_by_era(mini_path: Path) -> None:
    kb = load_kb(mini_path)
    con, out = console(True)
    render_events(con, kb, list(kb.events), len(kb.events))
    text = out.getvalue()
    assert "Early years" in text and "Soviet years" in text
    assert text.index("Early years") < text.index("Convention of Peking") < \
        text.index("Soviet years")
    assert "★★★" in text
    assert "│" in text or "┃" in text  # a table, not plain lines


def test_events_in_a_pipe_are_plain_lines(mini_path: Path) -> None:
    kb = load_kb(mini_path)
    con, out = console(False)
    render_events(con, kb, list(kb.events)[:2], 5)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:3] == ["14", "November", "1860"]
    assert lines[-1] == "(2 of 5 shown)"


def test_record_and_eras(mini_path: Path) -> None:
    kb = load_kb(mini_path)
    con, out = console(False)
    render_record(con, kb, "person", kb.person("kim-il-sung"))
    assert "ko: 김일성" in out.getvalue() and "treaty-1961" in out.getvalue()
    con, out = console(False)
    render_eras(con, kb)
    assert out.getvalue().splitlines()[0].startswith("early")
