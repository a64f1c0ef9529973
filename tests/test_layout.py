"""The canonical YAML layout: `tumen format` rewrites, `--check` reports, data survives."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tumen import load_kb
from tumen.cli.commands import cli
from tumen.kb.layout import canonical_text, reformat
from tumen.query.serialize import kb_dict


def test_format_check_reports_and_format_fixes(mini_path: Path) -> None:
    before = kb_dict(load_kb(mini_path))
    runner = CliRunner()
    check = runner.invoke(cli, ["--kb", str(mini_path), "format", "--check"])
    assert check.exit_code == 1 and "not in the canonical layout" in check.stdout
    fixed = runner.invoke(cli, ["--kb", str(mini_path), "format"])
    assert fixed.exit_code == 0 and "reformatted" in fixed.stdout
    again = runner.invoke(cli, ["--kb", str(mini_path), "format", "--check"])
    assert again.exit_code == 0 and again.stdout == ""
    assert kb_dict(load_kb(mini_path)) == before  # same facts, new layout


def test_layout_keeps_header_dates_and_unicode(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("# People.\n# Second line.\n- {id: kim-il-sung, names: {en: Kim Il Sung, "
                    "ko: 김일성}, born: 1912-04-15}\n", encoding="utf-8")
    text = canonical_text(path)
    assert text.startswith("# People.\n# Second line.\n- id: kim-il-sung\n")
    assert "names: {en: Kim Il Sung, ko: 김일성}" in text
    assert "born: 1912-04-15\n" in text  # an EDTF date stays plain text, unquoted


def test_the_shipped_data_is_canonical() -> None:
    from tumen.kb.knowledge_base import default_kb_path

    assert reformat(default_kb_path(), check=True) == []
