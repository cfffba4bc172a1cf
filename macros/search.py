"""Search that knows the field's abbreviations: DRR finds 'drug rehabilitation requirement', and back."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8)
def _patterns(abbreviations: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern, re.Pattern, str, str]]:
    return [
        (
            re.compile(rf"(?<![\w-]){re.escape(abbr)}s?(?![\w-])"),
            re.compile(rf"(?<![\w-]){re.escape(term)}s?(?![\w-])", re.IGNORECASE),
            abbr,
            term,
        )
        for abbr, term in abbreviations
    ]


def keywords(text: str, abbreviations: dict[str, str]) -> str:
    """The expansions of abbreviations in text, and the abbreviations of terms in it, for search only."""
    found = []
    for abbr_pattern, term_pattern, abbr, term in _patterns(tuple(sorted(abbreviations.items()))):
        if abbr_pattern.search(text) and not term_pattern.search(text):
            found.append(term)
        if term_pattern.search(text) and not abbr_pattern.search(text):
            found.append(abbr)
    return " ".join(found)
