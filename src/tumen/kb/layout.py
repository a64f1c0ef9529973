"""The one canonical YAML layout of a knowledge base, so that diffs of facts stay clean.

`tumen format` rewrites files in it; `tumen format --check` lists the files that are not.
A file's leading comment block is kept; keys keep their order; text wraps at 100 columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tumen.core.errors import TumenError
from tumen.kb.loader import KB_FILES
from tumen.kb.yamlfile import YamlFailure, read_yaml

__all__ = ["canonical_text", "dump_records", "kb_files", "reformat"]


class _Dumper(yaml.SafeDumper):
    """Block style, Unicode kept, no implicit timestamps (so EDTF dates need no quotes)."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _mapping(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.MappingNode:
    # Short mappings of names per language stay on one line: {en: ..., ru: ..., ko: ...}.
    flow = bool(value) and all(isinstance(v, str) and "\n" not in v for v in value.values()) \
        and all(len(k) <= 3 for k in value) and sum(len(v) for v in value.values()) < 80
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=flow)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    flow = all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value) \
        and sum(len(str(v)) + 2 for v in value) < 70 and bool(value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dict, _mapping)
_Dumper.add_representer(list, _list)


def dump_records(records: Any, header: str = "") -> str:
    """Records as canonical YAML text, with `header` (comment lines) on top."""
    body = yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     indent=2, default_flow_style=False)
    # A blank line between top-level records makes long files easy to read and diff.
    body = body.replace("\n- ", "\n\n- ")
    return header + body


def _header(text: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def canonical_text(path: Path) -> str:
    """The canonical form of one YAML file (raises TumenError if it is not valid YAML)."""
    data = read_yaml(path)  # dates stay text, exactly as the loader reads them
    if isinstance(data, YamlFailure):
        raise TumenError(f"{path}:{data.line}: {data.message}; fix it before formatting")
    return dump_records(_plain(data), _header(path.read_text(encoding="utf-8")))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def kb_files(root: Path) -> list[Path]:
    # the loader's own list, so that every file it reads is also kept in canonical layout
    files = [root / name for name in KB_FILES.values()]
    files += sorted((root / "events").glob("*.yaml"))
    return [f for f in files if f.is_file()]


def reformat(root: Path, check: bool = False) -> list[Path]:
    """Files not in the canonical layout; rewrite them (atomically) unless `check`."""
    changed = []
    for path in kb_files(root):
        canonical = canonical_text(path)
        if canonical != path.read_text(encoding="utf-8"):
            changed.append(path)
            if not check:
                tmp = path.with_name(f".{path.name}.tmp")
                tmp.write_text(canonical, encoding="utf-8")
                tmp.replace(path)
    return changed
