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


def compile(pattern: str, *, ignore_case: bool = False) -> re2._Regexp:  # noqa: A001 - named as re.compile is
    options = re2.Options()
    options.case_sensitive = not ignore_case
    compiled = re2.compile(pattern, options)
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
