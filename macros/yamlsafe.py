"""Load one YAML file as plain data, refusing everything a record never needs.

Returns the data with the line and column of every value, so that schema errors can
point at the exact place. Refused: files over MAX_BYTES or not UTF-8, malformed YAML,
duplicate keys, anchors and aliases (alias bombs), explicit tags (``!!python/object``),
merge keys and non-text keys. Dates stay text so the schema checks them as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.problems import Problem

MAX_BYTES = 64 * 1024

YamlPath = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text and refuses anchors, aliases and tags."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"the alias *{event.anchor} is not allowed: write the value out in full")
        if getattr(event, "anchor", None):
            raise _Refused(event.start_mark, f"the anchor &{event.anchor} is not allowed: write each value out in full")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(
                event.start_mark,
                f"the YAML tag {tag} is not allowed: remove it and write plain text, lists and fields",
            )
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Refused(Exception):
    def __init__(self, mark, message: str):
        self.mark = mark
        self.message = message


@dataclass
class Located:
    """Parsed data plus where each value and key starts (1-based line and column)."""

    data: Any
    values: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[YamlPath, str] = field(default_factory=dict)
    literal_blocks: set[YamlPath] = field(default_factory=set)  # values written with |
    lines: list[str] = field(default_factory=list)

    def position(self, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
        """Where path is written; for a missing path, where its nearest written parent is."""
        path = tuple(path)
        while path:
            if key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def position_in(self, path: YamlPath, offset: int) -> tuple[int, int]:
        """Where the character at offset of a text value is written, for text after a | line."""
        line, col = self.position(path)
        if path not in self.literal_blocks:
            return line, col
        line += 1 + self.scalars[path][:offset].count("\n")
        written = self.lines[line - 1] if line <= len(self.lines) else ""
        return line, len(written) - len(written.lstrip()) + 1


def _where(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def load(path: Path, display: str) -> tuple[Located | None, list[Problem]]:
    """Parse the YAML file at path; display is the path to print in problems."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return None, [Problem(display, 1, 1, f"the file is {len(raw) // 1024} KB; keep it under {MAX_BYTES // 1024} KB by shortening the text")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(display, line, col, f"the file is not UTF-8 text (byte 0x{raw[error.start]:02X} here): save it with UTF-8 encoding")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        located = Located(None, lines=text.splitlines())
        problems: list[Problem] = []
        located.data = _build(node, (), loader, located, problems, display) if node is not None else None
        return located, problems
    except _Refused as refused:
        return None, [Problem(display, *_where(refused.mark), refused.message)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = _where(mark) if mark else (1, 1)
        detail = error.problem or error.context or "unreadable YAML"
        return None, [Problem(display, line, col, f"this is not valid YAML ({detail}): check the indentation, and put text containing ': ' or '#' in quotes")]
    except yaml.YAMLError as error:
        return None, [Problem(display, 1, 1, f"this is not valid YAML ({error})")]
    except RecursionError:
        return None, [Problem(display, 1, 1, "lists or fields are nested too deeply: a practice example needs only a few levels")]
    finally:
        loader.dispose()


def _build(node, path: YamlPath, loader: _Loader, located: Located, problems: list[Problem], display: str) -> Any:
    located.values[path] = _where(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            where = _where(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(display, *where, "merge keys (<<) are not allowed: write each field out in full"))
                continue
            key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                problems.append(Problem(display, *where, "field names must be text, like title: or tags:"))
                continue
            if key in mapping:
                first = located.keys[path + (key,)]
                problems.append(Problem(display, *where, f"the field '{key}' appears twice (first on line {first[0]}): keep one"))
                continue
            located.keys[path + (key,)] = where
            mapping[key] = _build(value_node, path + (key,), loader, located, problems, display)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (index,), loader, located, problems, display) for index, item in enumerate(node.value)]
    located.scalars[path] = node.value
    if node.style == "|":
        located.literal_blocks.add(path)
    return loader.construct_object(node)
