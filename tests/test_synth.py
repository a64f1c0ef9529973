"""Synthetic knowledge bases are valid, deterministic and the size asked for."""

from __future__ import annotations

from pathlib import Path

from tumen import load_kb, validate_kb
from tumen.kb.synth import generate_kb


def test_generated_kb_is_valid_and_sized(tmp_path: Path) -> None:
    root = generate_kb(tmp_path / "kb", 500, seed=3)
    assert validate_kb(root) == []
    kb = load_kb(root)
    assert len(kb.events) == 500 and len(kb.periods) == 10


def test_same_seed_same_files(tmp_path: Path) -> None:
    a = generate_kb(tmp_path / "a", 200, seed=5)
    b = generate_kb(tmp_path / "b", 200, seed=5)
    for path in sorted(a.rglob("*.yaml")):
        assert path.read_bytes() == (b / path.relative_to(a)).read_bytes()
