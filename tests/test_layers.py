"""The package's layers import only downward (docs/architecture.md).

core < kb < query < {narrate, check, export, barometer} < web < cli. A module may import from
its own package and from any lower layer; packages on one layer do not import each other.
Imports inside functions count too: a lazy import upward is still a dependency upward.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tumen

PACKAGE = Path(tumen.__file__).parent
LAYERS = {"core": 0, "kb": 1, "query": 2, "narrate": 3, "check": 3, "export": 3,
          "barometer": 3, "web": 4, "cli": 5}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


def _imports(source: str, package: tuple[str, ...]) -> list[tuple[int, str]]:
    """(line, module) for every tumen module `source` imports; relative imports are resolved
    against `package`, the dotted package the module is in."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            found.append((node.lineno, name))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "tumen"]


def upward_imports(source: str, rel: Path) -> list[str]:
    """The imports in `source`, the module at `rel` inside the package, that go up or
    sideways."""
    own = rel.parts[0]
    package = ("tumen", *rel.parts[:-1])
    bad = []
    for line, module in _imports(source, package):
        parts = module.split(".")
        target = parts[1] if len(parts) > 1 else ""
        if target != own and (target not in LAYERS or LAYERS[target] >= LAYERS[own]):
            bad.append(f"{rel}:{line} imports {module}")
    return bad


def test_every_module_is_in_a_layer() -> None:
    packages = {p.relative_to(PACKAGE).parts[0] for p in _modules()}
    assert packages <= set(LAYERS), packages - set(LAYERS)
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert flat == ["__init__.py", "__main__.py"], "modules belong in a layer, not the top level"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_only_downward(path: Path) -> None:
    bad = upward_imports(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE))
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(("source", "where", "expected"), [
    ("def f():\n    from tumen.web.app import create_app\n", "kb/x.py",
     ["kb/x.py:2 imports tumen.web.app"]),
    ("from tumen.check import Checker\n", "narrate/x.py", ["narrate/x.py:1 imports tumen.check"]),
    ("from ..query import search\n", "kb/x.py", ["kb/x.py:1 imports tumen.query"]),
    ("import tumen\n", "core/x.py", ["core/x.py:1 imports tumen"]),
    ("from .model import Event\nfrom tumen.core.dates import parse_date\n", "kb/x.py", []),
    ("from tumen.web.app import create_app\n", "cli/x.py", []),
])
def test_the_rule_itself(source: str, where: str, expected: list[str]) -> None:
    assert upward_imports(source, Path(where)) == expected


def test_loading_a_knowledge_base_imports_nothing_heavy(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys, tumen; kb = tumen.load_kb(); tumen.run_query(kb, tumen.Query()); "
            "print(' '.join(sorted({m.split('.')[0] if not m.startswith('tumen.') else "
            "'.'.join(m.split('.')[:2]) for m in sys.modules})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout.split()
    heavy = {"numpy", "duckdb", "ibis", "fastapi", "starlette", "jinja2", "syntok",
             "snowballstemmer", "pyarrow", "tumen.check", "tumen.web", "tumen.barometer",
             "tumen.narrate", "tumen.export"}
    assert not heavy & set(out), heavy & set(out)
    assert {"tumen.core", "tumen.kb", "tumen.query"} <= set(out)
