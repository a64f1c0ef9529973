"""The `tumen` command as a user runs it: output, JSON, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tumen.cli.commands import cli


def run(*args: str, kb: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    full = (["--kb", str(kb)] if kb else []) + list(args)
    result = runner.invoke(cli, full, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_help_shows_examples() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "Examples:" in out and "tumen show treaty-friendship-1961" in out


def test_every_command_has_help() -> None:
    for name, command in cli.commands.items():
        assert command.help, f"command {name} has no help"
        code, out, _ = run(name, "--help")
        assert code == 0 and "Usage:" in out


def test_timeline_plain_text(mini_path: Path) -> None:
    code, out, _ = run("timeline", kb=mini_path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("14 November 1860") and "convention-1860" in lines[0]
    assert len(lines) == 5


def test_timeline_filters_and_json(mini_path: Path) -> None:
    code, out, _ = run("timeline", "--actor", "russia", "--from", "1950", "--to", "1959",
                       "--json", kb=mini_path)
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 2
    assert [e["id"] for e in data["events"]] == ["aid-1950s", "war-1950"]
    assert data["events"][1]["date"]["display"] == "25 June 1950 – 27 July 1953"


def test_show_event(mini_path: Path) -> None:
    code, out, _ = run("show", "treaty-1961", kb=mini_path)
    assert code == 0
    assert "6 July 1961" in out and "Kim Il Sung" in out
    assert "https://treaties.un.org/" in out
    assert "The Korean War" in out  # related, both ways


def test_show_other_kinds(mini_path: Path) -> None:
    code, out, _ = run("show", "kim-il-sung", kb=mini_path)
    assert code == 0 and "Ким Ир Сен" in out and "treaty-1961" in out
    code, out, _ = run("show", "unts-6045", "--json", kb=mini_path)
    assert json.loads(out)["record_type"] == "source"


def test_unknown_id_exit_2_with_suggestion(mini_path: Path) -> None:
    code, out, err = run("show", "treaty-1962", kb=mini_path)
    assert code == 2
    assert err.strip() == ("tumen: error: no event 'treaty-1962' — did you mean "
                           "'treaty-1961'?")
    assert out == ""


def test_search_korean(mini_path: Path) -> None:
    code, out, _ = run("search", "김일성", "--json", kb=mini_path)
    assert code == 0
    assert {e["id"] for e in json.loads(out)["events"]} == {"war-1950", "treaty-1961"}


def test_search_empty_query_is_misuse(mini_path: Path) -> None:
    code, _, err = run("search", "  ", kb=mini_path)
    assert code == 2 and "empty" in err


def test_bad_filter_is_misuse(mini_path: Path) -> None:
    code, _, err = run("timeline", "--from", "1961-13", kb=mini_path)
    assert code == 2
    assert err.startswith("tumen: error: --from: '1961-13'")


def test_bad_significance_is_misuse(mini_path: Path) -> None:
    code, _, _ = run("timeline", "--significance", "7", kb=mini_path)
    assert code == 2


def test_eras_and_stats(mini_path: Path) -> None:
    _, out, _ = run("eras", "--json", kb=mini_path)
    assert [(e["id"], e["events"]) for e in json.loads(out)] == [("early", 2), ("soviet", 3)]
    _, out, _ = run("stats", "--json", kb=mini_path)
    stats = json.loads(out)
    assert stats["totals"]["events"] == 5
    assert stats["events_per_type"]["treaty"] == 2
    assert stats["sources_per_kind"] == {"primary": 2, "scholarly": 1}
    _code, out, _ = run("stats", kb=mini_path)
    assert "events per era" in out and "early" in out


def test_validate_ok_and_broken(mini_path: Path, make_kb) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("validate", kb=mini_path)
    assert code == 0 and "is valid" in err
    broken = make_kb(lambda w: w["events"]["soviet"][0].update(actors=["NOPE"]))
    code, out, err = run("validate", kb=broken)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{broken}/events/soviet.yaml:")
    assert "actors 'NOPE' does not exist [unknown-reference]" in first
    assert "1 problem found" in err
    code, out, _ = run("validate", "--json", kb=broken)
    assert json.loads(out)["problems"][0]["code"] == "unknown-reference"


def test_commands_refuse_an_invalid_kb(make_kb) -> None:  # type: ignore[no-untyped-def]
    broken = make_kb(lambda w: w["events"]["soviet"][0].update(actors=["NOPE"]))
    code, out, err = run("timeline", kb=broken)
    assert code == 1 and out == ""
    assert "run 'tumen validate'" in err and "Traceback" not in err


def test_missing_kb_dir(tmp_path: Path) -> None:
    code, _, err = run("timeline", kb=tmp_path / "nope")
    assert code == 1 and "no knowledge base at" in err


def test_export_writes_file(mini_path: Path, tmp_path: Path) -> None:
    out_path = tmp_path / "events.csv"
    code, _, err = run("export", "--format", "csv", "-o", str(out_path), kb=mini_path)
    assert code == 0 and out_path.is_file() and "wrote" in err


def test_export_to_missing_dir_fails_cleanly(mini_path: Path, tmp_path: Path) -> None:
    code, _, err = run("export", "--format", "json", "-o", str(tmp_path / "no" / "x.json"),
                       kb=mini_path)
    assert code == 1 and "does not exist" in err


def test_export_unknown_format_is_misuse(mini_path: Path, tmp_path: Path) -> None:
    code, _, _ = run("export", "--format", "xml", "-o", str(tmp_path / "x"), kb=mini_path)
    assert code == 2


def test_installed_entry_point_runs_from_any_directory(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "tumen", "eras"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "tsarist-joseon" in proc.stdout


@pytest.mark.parametrize("env_var", ["TUMEN_KB"])
def test_env_var_kb(mini_path: Path, env_var: str) -> None:
    result = CliRunner().invoke(cli, ["eras"], env={env_var: str(mini_path)})
    assert result.exit_code == 0 and "early" in result.stdout


def test_check_refuses_a_local_url_without_the_flag() -> None:
    from click.testing import CliRunner

    from tumen.cli.commands import cli

    result = CliRunner().invoke(cli, ["check", "http://169.254.169.254/latest/meta-data/"])
    assert result.exit_code == 1
    assert "private or local network" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("record_id", ["treaty-1961", "kim-il-sung", "unts-6045", "moscow"])
def test_show_json_has_the_shape_of_the_api(mini_path: Path, record_id: str) -> None:
    from fastapi.testclient import TestClient

    from tumen import load_kb
    from tumen.web import create_app

    code, out, _ = run("show", record_id, "--json", kb=mini_path)
    assert code == 0
    shown = json.loads(out)
    kind = shown.pop("record_type")
    collection = {"event": "events", "person": "people", "source": "sources",
                  "place": "places"}[kind]
    with TestClient(create_app(load_kb(mini_path))) as client:
        api = client.get(f"/api/v1/{collection}/{record_id}").json()
    assert shown == api


def test_a_missing_extra_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def without_duckdb(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in ("duckdb", "pyarrow"):
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    loaded = ("tumen.barometer", "duckdb", "pyarrow")
    for module in [m for m in sys.modules if m.startswith(loaded)]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(builtins, "__import__", without_duckdb)
    result = CliRunner().invoke(cli, ["barometer", "repair", "--db", str(tmp_path)])
    assert result.exit_code == 1
    assert "needs tumen's 'barometer' extra " in result.output
    assert "pip install 'tumen[barometer]'" in result.output
