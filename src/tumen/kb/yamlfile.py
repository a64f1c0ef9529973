"""Reading YAML with line numbers, so every problem can be reported as path:line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = ["LineDict", "YamlFailure", "read_yaml"]

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[str, Any]):
    """A mapping that remembers the line it starts on, each key's line, and repeated keys."""

    __slots__ = ("duplicate_keys", "key_lines", "line")

    def __init__(self) -> None:
        super().__init__()
        self.line = 0
        self.key_lines: dict[str, int] = {}
        self.duplicate_keys: list[tuple[str, int]] = []

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader with line-aware mappings and no implicit timestamps.

    Dates stay strings (they are EDTF, not YAML timestamps): `1961-07-06` must not become a
    `datetime.date` and `1961-07-06/1961-07-07` must not become anything but text.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Any:
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    yield mapping
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in mapping:
            mapping.duplicate_keys.append((key, line))
        mapping.key_lines[key] = line
        mapping[key] = loader.construct_object(value_node, deep=True)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


@dataclass(frozen=True)
class YamlFailure:
    """Why a file could not be read: the line (1-based, 0 if unknown) and a message."""

    line: int
    message: str


def read_yaml(path: Path) -> Any:
    """Load one YAML file; return its data, or a YamlFailure describing why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return YamlFailure(0, f"cannot read the file: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return YamlFailure(line, "the file is not UTF-8 text")
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        return YamlFailure(line, f"YAML syntax: {exc.problem or exc.context}")
    except yaml.YAMLError as exc:
        return YamlFailure(0, f"YAML syntax: {exc}")
