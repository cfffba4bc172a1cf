"""Regular expressions for contributor text, in engines that cannot backtrack.

Every pattern that reads what a contributor wrote is made here, so that no text can make the
validator, the build or `make serve` hang. Most run in RE2 (the google-re2 package), which
matches in time linear in the text whatever the pattern; RE2 has no look-around and no
back-references, so a check that needs them looks at the neighbouring characters in Python.
The few that must also see lone surrogates (which RE2, reading UTF-8, cannot) are a single
character class in Python's re, which has nothing to backtrack over; `character_class` refuses
anything else. tests/test_linear_time.py runs every pattern in PATTERNS on 100 KB texts.
"""

from __future__ import annotations

import re
from re import _parser  # the parser of Python's own re: the only way to see a pattern's structure

import re2

PATTERNS: list[tuple[str, object]] = []  # (pattern, compiled): every pattern made here

_ONE_CHARACTER = {_parser.IN, _parser.LITERAL, _parser.NOT_LITERAL}


class _Regexp(re2._Regexp):
    """google-re2's compiled pattern (the same RE2 matching), without the wrapper's per-call costs
    where they buy nothing: an ASCII text's character offsets are its UTF-8 byte offsets, so they
    are not converted match by match, and the group count and names are read once, not at every
    group() a match is asked for. Matches, spans and groups are the wrapper's own."""

    __slots__ = ("_groups", "_groupindex")

    def __init__(self, pattern: str, options: re2.Options) -> None:
        super().__init__(pattern, options)
        self._remember()

    def _remember(self) -> None:
        self._groups = self._regexp.NumberOfCapturingGroups()
        self._groupindex = super().groupindex

    def __setstate__(self, state) -> None:
        super().__setstate__(state)
        self._remember()

    @property
    def groups(self) -> int:
        return self._groups

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self._groupindex)

    def _match(self, anchor, text, pos=None, endpos=None):
        if not (isinstance(text, str) and text.isascii()):
            yield from super()._match(anchor, text, pos, endpos)
            return
        # The wrapper's loop for bytes, on the text's ASCII bytes, giving its matches the text itself.
        pos = 0 if pos is None else max(0, min(pos, len(text)))
        endpos = len(text) if endpos is None else max(0, min(endpos, len(text)))
        if pos > endpos:
            return
        encoded = text.encode("ascii")
        while True:
            spans = self._regexp.Match(anchor, encoded, pos, endpos)
            if spans[0] == _NULL_SPAN:
                return
            yield re2._Match(self, text, pos, endpos, spans)
            if pos == endpos:
                return
            pos = pos + 1 if pos == spans[0][1] else spans[0][1]  # past an empty match, as the wrapper steps


_NULL_SPAN = (-1, -1)


def compile(pattern: str, *, ignore_case: bool = False) -> re2._Regexp:  # noqa: A001 - named as re.compile is
    options = re2.Options()
    options.case_sensitive = not ignore_case
    compiled = _Regexp(pattern, options)
    PATTERNS.append((pattern, compiled))
    return compiled


def escape(text: str) -> str:
    """text as a pattern for compile that matches it literally."""
    return re2.escape(text)


def is_one_character(pattern: str) -> bool:
    parsed = _parser.parse(pattern)
    return len(parsed) == 1 and parsed[0][0] in _ONE_CHARACTER


def character_class(pattern: str) -> re.Pattern[str]:
    """A Python pattern that matches exactly one character: it cannot backtrack."""
    if not is_one_character(pattern):
        raise ValueError(f"{pattern!r} is not a single character class: write it with linear.compile")
    compiled = re.compile(pattern)
    PATTERNS.append((pattern, compiled))
    return compiled
