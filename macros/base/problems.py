"""A validation problem, located at path:line:col, and how it is printed."""

from __future__ import annotations

from dataclasses import dataclass

from macros.base.text import HIDDEN


def visible(text: str) -> str:
    """text with every invisible or reordering character (text.HIDDEN) written as <U+XXXX>, and newlines as \\n."""
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return HIDDEN.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        # One problem, one line, every character visible: a key or a file name with a newline or a
        # right-to-left override in it must not start a line of its own or hide what it says.
        return f"{visible(self.path)}:{self.line}:{self.col}: {visible(self.message)}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the pull request's diff."""
        return f"::error file={_property(visible(self.path))},line={self.line},col={self.col}::{_data(visible(self.message))}"


@dataclass(frozen=True, order=True)
class Reminder:
    """A date that has passed, at path:line: a warning, never a failure, since the example stays published and says so."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{visible(self.path)}:{self.line}: {visible(self.message)}"

    def github_annotation(self) -> str:
        return f"::warning file={_property(visible(self.path))},line={self.line}::{_data(visible(self.message))}"


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    # GitHub's escaping for a command's properties: a ',' or ':' would end or split the property.
    return _data(value).replace(":", "%3A").replace(",", "%2C")


class ProblemsFound(Exception):
    """Raised with every problem found, so callers can report them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the guide's data")

    def report(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
