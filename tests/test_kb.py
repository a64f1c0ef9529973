"""Loading a knowledge base: strictness, lookups with suggestions, indexes, default location."""

from __future__ import annotations

from pathlib import Path

import pytest

from tumen import KBInvalid, KBNotFound, NotFound, load_kb
from tumen.kb.knowledge_base import default_kb_path


def test_load_sorts_events_and_periods(mini_path: Path) -> None:
    kb = load_kb(mini_path)
    assert [e.id for e in kb.events] == [
        "convention-1860", "legation-1885", "aid-1950s", "war-1950", "treaty-1961"]
    assert [p.id for p in kb.periods] == ["early", "soviet"]
    assert kb.event("treaty-1961").period == "soviet"


def test_strict_load_refuses_an_invalid_kb(make_kb) -> None:  # type: ignore[no-untyped-def]
    root = make_kb(lambda w: w["events"]["soviet"][0].update(actors=["NOPE"]))
    with pytest.raises(KBInvalid, match="1 problem; run 'tumen validate'") as info:
        load_kb(root)
    assert info.value.problems[0].code == "unknown-reference"
    assert load_kb(root, strict=False).problems


def test_missing_kb(tmp_path: Path) -> None:
    with pytest.raises(KBNotFound):
        load_kb(tmp_path / "missing")


def test_unknown_id_suggests(mini_path: Path) -> None:
    kb = load_kb(mini_path)
    with pytest.raises(NotFound, match="no event 'treaty-1962' — did you mean 'treaty-1961'"):
        kb.event("treaty-1962")
    with pytest.raises(NotFound, match="did you mean 'treaty-1961'"):
        kb.lookup("treaty-1962")


def test_lookup_any_kind(mini_path: Path) -> None:
    kb = load_kb(mini_path)
    assert kb.lookup("kim-il-sung")[0] == "person"
    assert kb.lookup("prk")[0] == "actor"
    assert kb.lookup("soviet")[0] == "era"
    assert kb.lookup("unts-6045")[0] == "source"


def test_reverse_indexes(mini_path: Path) -> None:
    kb = load_kb(mini_path)
    assert [e.id for e in kb.events_citing("people", "kim-il-sung")] == ["war-1950",
                                                                         "treaty-1961"]
    assert [e.id for e in kb.events_citing("related", "war-1950")] == ["treaty-1961"]
    assert [e.id for e in kb.events_citing("related", "treaty-1961")] == ["war-1950"]
    assert set(kb.actors_on_side("russia")) == {"RUS-EMPIRE", "USSR"}


def test_kb_is_read_only(mini_path: Path) -> None:
    kb = load_kb(mini_path)
    with pytest.raises(TypeError):
        kb.actors["X"] = kb.actors["PRK"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        kb.events[0].title = "changed"  # type: ignore[misc]


def test_env_var_points_at_another_kb(mini_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUMEN_KB", str(mini_path))
    assert default_kb_path() == mini_path
    assert len(load_kb().events) == 5


def test_default_is_the_shipped_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TUMEN_KB", raising=False)
    assert (default_kb_path() / "periods.yaml").is_file()
