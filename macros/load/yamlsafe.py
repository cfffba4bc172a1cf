"""Load one YAML file as plain data, refusing everything a record never needs.

Returns the data with the line and column of every value, so that schema errors can
point at the exact place. Refused: files over MAX_BYTES or not UTF-8, control
characters, malformed YAML (explained in plain words at the line where the mistake
is), duplicate keys, anchors and aliases (alias bombs), explicit tags
(``!!python/object``), merge keys, non-text keys and deep nesting. Dates stay text so
the schema checks them as written.

libyaml (PyYAML's C parser) reads the events; the data is built from them here, so
parsing is fast and every position is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.base import linear
from macros.base.problems import Problem
from macros.base.text import printable_ascii

MAX_BYTES = 64 * 1024
MAX_DEPTH = 20  # a record needs four levels; this stops runaway nesting long before recursion limits

YamlPath = tuple[str | int, ...]

# What YAML 1.1 allows in a file (tab, newline, return, printable text); anything else is
# an invisible control character that libyaml would refuse without saying where.
_NOT_ALLOWED_IN_FILE = linear.character_class("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PLAIN_TEXT = "tag:yaml.org,2002:str"


class _Resolver(yaml.resolver.Resolver):
    """YAML's implicit types, except timestamps: dates stay text."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_RESOLVER = _Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class Located:
    """Parsed data plus where each value and key starts (1-based line and column)."""

    data: Any
    values: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[YamlPath, str] = field(default_factory=dict)  # each scalar as written, before typing
    literal_blocks: set[YamlPath] = field(default_factory=set)  # values written with |
    comments_after: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)  # unquoted values with ' #' after them
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
        before = self.scalars[path][:offset]
        line += 1 + before.count("\n")
        written = self.lines[line - 1] if line <= len(self.lines) else ""
        return line, len(written) - len(written.lstrip()) + offset - (before.rfind("\n") + 1) + 1


class _Refused(Exception):
    def __init__(self, where: tuple[int, int], message: str):
        self.where = where
        self.message = message


def _where(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or why it cannot be read as a UTF-8 text file of a sensible size."""
    if path.is_symlink():  # never followed: a link could lead anywhere on the machine
        return None, [Problem(display, 1, 1, "this is a symbolic link, which is never followed: put the file itself here instead of a link to it")]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(display, 1, 1, "this file is missing: restore it (git checkout -- the file) or create it")]
    except IsADirectoryError:
        return None, [Problem(display, 1, 1, "this is a folder, not a file: a record or data file is one YAML file")]
    except OSError as error:
        return None, [Problem(display, 1, 1, f"this file cannot be read ({error.strerror}): check that it exists and that you can open it")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(display, 1, 1, f"the file is {len(raw) // 1024} KB; keep it under {MAX_BYTES // 1024} KB by shortening the text")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(display, line, col, f"the file is not UTF-8 text (byte 0x{raw[error.start]:02X} here): save it with UTF-8 encoding")]
    text = text.removeprefix("\ufeff")
    bad = None if printable_ascii(text) else _NOT_ALLOWED_IN_FILE.search(text)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        return None, [Problem(display, *_offset_position(text, bad.start()),
                              f"the file contains an invisible character ({code}) here: delete it (soft hyphens, zero-width spaces and control characters often come with text pasted from Word, a web page or another program)")]
    return text, []


def load(path: Path, display: str) -> tuple[Located | None, list[Problem]]:
    """Parse the YAML file at path; display is the path to print in problems."""
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    return parse(text, display)


def parse(text: str, display: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text; every problem found, or the data with its positions."""
    located = Located(None, lines=text.splitlines())
    problems: list[Problem] = []
    loader = yaml.CSafeLoader(text)
    try:
        events = _Events(loader)
        events.expect(yaml.StreamStartEvent)
        if isinstance(events.peek(), yaml.StreamEndEvent):
            return located, problems
        events.expect(yaml.DocumentStartEvent)
        located.data = _Builder(events, located, problems, display).value((), 0)
        events.expect(yaml.DocumentEndEvent)
        if not isinstance(events.peek(), yaml.StreamEndEvent):
            where = _where(events.peek().start_mark)
            return None, [Problem(display, *where, "a second document starts here (after '---'): a record is one document, so remove the '---' line")]
        return located, problems
    except _Refused as refused:
        return None, [Problem(display, *refused.where, refused.message)]
    except yaml.MarkedYAMLError as error:
        return None, [explain(error, located.lines, display)]
    except yaml.YAMLError as error:  # libyaml's own errors without a position
        return None, [Problem(display, 1, 1, f"this is not valid YAML: check the indentation, and put text containing ': ' or ' #' in quotes (YAML parser: {error})")]
    finally:
        loader.dispose()


class _Events:
    def __init__(self, loader: yaml.CSafeLoader):
        self.loader = loader

    def peek(self):
        return self.loader.peek_event()

    def next(self):
        return self.loader.get_event()

    def expect(self, kind):
        event = self.next()
        if not isinstance(event, kind):  # libyaml guarantees the order; this guards the assumption
            raise _Refused(_where(event.start_mark), "this is not valid YAML: check the structure of the file")
        return event


class _Builder:
    """Builds plain data from parser events, checking each node as it goes."""

    def __init__(self, events: _Events, located: Located, problems: list[Problem], display: str):
        self.events = events
        self.located = located
        self.problems = problems
        self.display = display

    def _refuse_extras(self, event) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(_where(event.start_mark), f"the alias *{event.anchor} is not allowed: write the value out in full")
        if event.anchor:
            raise _Refused(_where(event.start_mark), f"the anchor &{event.anchor} is not allowed: write each value out in full")
        if event.tag not in (None, "!"):
            raise _Refused(_where(event.start_mark), f"the YAML tag {event.tag} is not allowed: remove it and write plain text, lists and fields")

    def value(self, path: YamlPath, depth: int) -> Any:
        event = self.events.next()
        self._refuse_extras(event)
        if depth > MAX_DEPTH:
            raise _Refused(_where(event.start_mark), "lists or fields are nested too deeply: a practice example needs only a few levels")
        self.located.values[path] = _where(event.start_mark)
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(path, depth)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(self.events.peek(), yaml.SequenceEndEvent):
                items.append(self.value(path + (len(items),), depth + 1))
            self.events.next()
            return items
        self.located.scalars[path] = event.value
        if event.style == "|":
            self.located.literal_blocks.add(path)
        if event.implicit[0] and event.tag is None:
            line, col = event.end_mark.line, event.end_mark.column
            written = self.located.lines[line] if line < len(self.located.lines) else ""
            hash_at = col
            while hash_at < len(written) and written[hash_at] in " \t":
                hash_at += 1
            if hash_at > col and written[hash_at : hash_at + 1] == "#":
                self.located.comments_after[path] = (line + 1, hash_at + 1)  # where the '#' is
        return _typed(event)

    def _mapping(self, path: YamlPath, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        while not isinstance(self.events.peek(), yaml.MappingEndEvent):
            key_event = self.events.next()
            self._refuse_extras(key_event)
            where = _where(key_event.start_mark)
            if not isinstance(key_event, yaml.ScalarEvent):
                self._skip_rest_of(key_event, depth)
                message = "field names must be text, like title: or tags:"
            elif key_event.implicit[0] and key_event.tag is None and key_event.value == "<<":
                message = "merge keys (<<) are not allowed: write each field out in full"
            elif not isinstance(key := _typed(key_event), str):
                message = "field names must be text, like title: or tags:"
            elif key in mapping:
                message = f"the field '{key}' appears twice (first on line {self.located.keys[path + (key,)][0]}): keep one"
            else:
                self.located.keys[path + (key,)] = where
                mapping[key] = self.value(path + (key,), depth + 1)
                continue
            self.problems.append(Problem(self.display, *where, message))
            self._skip_value(depth)
        self.events.next()
        return mapping

    def _skip_rest_of(self, start_event, depth: int) -> None:
        """Read to the end of a list or mapping already begun, keeping nothing."""
        end = yaml.SequenceEndEvent if isinstance(start_event, yaml.SequenceStartEvent) else yaml.MappingEndEvent
        while not isinstance(self.events.peek(), end):
            self._skip_value(depth)
        self.events.next()

    def _skip_value(self, depth: int) -> None:
        """Read past a value that will not be kept, still refusing what is never allowed."""
        _Builder(self.events, Located(None, lines=self.located.lines), self.problems, self.display).value((), depth + 1)


def _typed(event) -> Any:
    """A scalar's value: text, or for unquoted words YAML's own types (true, 3, 2.1, null)."""
    if not event.implicit[0] or event.tag == "!":
        return event.value  # quoted, block or '!'-marked: always text
    tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
    if tag == _PLAIN_TEXT:
        return event.value
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, event.value))
    except ValueError:  # Python refuses to read a whole number of more than 4,300 digits
        digits = sum(char.isdigit() for char in event.value)
        raise _Refused(_where(event.start_mark), f"this number is {digits} digits long, far more than any field needs: "
                                                 "shorten it, or put it in quotes if it is meant as text") from None


# Plain words for the parser's complaints, keyed by the start of libyaml's own message.
def explain(error: yaml.MarkedYAMLError, lines: list[str], display: str) -> Problem:
    """A YAML syntax error in plain words, at the line where the mistake most likely is."""
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    line, col = _where(mark) if mark else (1, 1)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    char = text[col - 1] if 0 < col <= len(text) else ""
    advice = None

    def at_context(message: str) -> None:
        nonlocal line, col, advice
        if error.context_mark is not None:
            line, col = _where(error.context_mark)
        advice = message

    unclosed = _unclosed_quote(lines, line)
    if unclosed:
        line, col = unclosed
        advice = ("this quote mark is never closed on its line: add the matching quote mark at the end of the text "
                  "(for text on several lines, use | instead of quotes)")
    elif "cannot start any token" in problem and char == "\t":
        advice = "this line is indented with a tab: indent with spaces, not tabs"
    elif "cannot start any token" in problem and char in "@`":
        advice = f"text cannot start with {char} in YAML: put the whole text in quotes"
    elif "mapping values are not allowed" in problem:
        above = _line_above(lines, line)
        if _FIELD_WITH_TEXT.search(text) and text.find(": ") < col - 1:
            advice = "this text contains ': ' (a colon and a space), which YAML reads as the start of a new field: put the whole text in quotes"
        elif not _FIELD_NAME.search(text[: col - 1].strip().removeprefix("- ")):
            advice = "this text contains ': ' (a colon and a space), which YAML reads as the start of a new field: put the whole text in quotes"
        elif above and _indent(lines[above - 1]) == _indent(text) and _missing_colon(lines[above - 1]):
            # YAML read the line above, which has no colon, and this one as one text, until this colon.
            line, col = above, _indent(lines[above - 1]) + 1
            advice = _missing_colon(lines[above - 1])
        else:
            advice = "this line is indented more than the field above it: line up each field name with the ones above"
    elif "did not find expected key" in problem:
        before = text[: col - 1].rstrip()
        if before.endswith(('"', "'")):
            advice = "there is more text after the closing quote mark: put all of the text inside the quotes"
        else:
            advice = "this line is not lined up with the fields around it: check its indentation"
    elif "could not find expected ':'" in problem and "simple key" in context:
        at_context(
            "this line is neither a field (name: value) nor indented under one: if it belongs to the text above, "
            "indent it like the lines above; if it starts a new field, write its name followed by ': '"
        )
        above = _line_above(lines, line)
        # Only beside a field at the same indentation: a line of text that lost its indentation reads the same.
        if above and 0 < line <= len(lines) and _indent(lines[above - 1]) == _indent(lines[line - 1]) and _FIELD_LINE.search(lines[above - 1]):
            missing = _missing_colon(lines[line - 1])
            if missing:
                advice = f"{missing}; if it is more of the text above, indent it like that text"
    elif "flow sequence" in context or "flow mapping" in context:
        at_context("this [ or { is never closed: close it, or write the list one item per line starting with '- '")
    elif "expected '-' indicator" in problem:
        advice = "this list item is not lined up with the items above it: start every item at the same indentation with '- '"
    elif "block sequence entries are not allowed" in problem:
        advice = "a list item ('- ') cannot start here: put the list on the lines below the field name, indented, one item per line"
    elif "maximum nesting depth" in problem:
        advice = "lists or fields are nested too deeply: a practice example needs only a few levels"
    elif "invalid Unicode character escape" in problem:
        advice = "this \\u escape is half of a pair (a lone surrogate) or not a character: type the character itself, such as 🙂, instead of an escape"
    elif "unknown escape character" in problem:
        advice = "a backslash inside double quotes starts an escape: write \\\\ for a backslash, or use single quotes around the text"
    if advice is None:
        advice = "this is not valid YAML: check the indentation, and put text containing ': ' or ' #' in quotes"
    words = ", ".join(part for part in (problem, context) if part)
    return Problem(display, line, col, f"{advice} (YAML parser: {words})")


_FIELD_NAME = linear.compile(r"^[A-Za-z_][\w-]*$")


def _indent(text: str) -> int:
    """Where a line's content starts, after its spaces and any '- ' of a list item."""
    return len(text) - len(text.lstrip(" ").removeprefix("- ").lstrip(" "))


def _line_above(lines: list[str], number: int) -> int | None:
    """The number of the nearest line above with something on it other than a comment."""
    for above in range(number - 1, 0, -1):
        if lines[above - 1].strip() and not lines[above - 1].lstrip().startswith("#"):
            return above
    return None


def _missing_colon(text: str) -> str | None:
    """Advice for a line that reads as a field name and its value with the colon left out ('kind illustrative')."""
    content = text.strip().removeprefix("- ").strip()
    name, _, value = content.partition(" ")
    if ":" in content or not _LOWER_CASE_NAME.search(name):
        return None
    written = f"{name}: {value.strip()}" if value.strip() else f"{name}:"
    return f"this line has no colon after the field name '{name}': write it as '{written}' (a field's name, a colon and a space, then its value)"


_OPENING_QUOTE = linear.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?(["'])""")
_FIELD_WITH_TEXT = linear.compile(r"^\s*(?:- )?[^\s:#][^:]*:\s")
_FIELD_LINE = linear.compile(r"^\s*(?:- )?[\w-]+:(?:\s|$)")
_LOWER_CASE_NAME = linear.compile(r"^[a-z_][a-z0-9_]*$")  # field names are lower case
_CLOSING_DOUBLE_QUOTE = linear.compile(r'(?:^|[^\\])"')  # not an escaped \"


def _unclosed_quote(lines: list[str], before_line: int) -> tuple[int, int] | None:
    """Where a quoted value opens without closing on its own line, at or before the error's line.

    YAML lets quoted text run on to later lines, so a forgotten closing quote is only noticed
    where the next quote mark happens to be, often many lines later.
    """
    for number, text in enumerate(lines[:before_line], start=1):
        opening = _OPENING_QUOTE.match(text)
        if not opening:
            continue
        quote, rest = opening.group(1), text[opening.end():]
        # Inside double quotes \" is an escaped quote; inside single quotes '' is one.
        closed = _CLOSING_DOUBLE_QUOTE.search(rest) if quote == '"' else "'" in rest.replace("''", "")
        if not closed:
            return number, opening.start(1) + 1
    return None
