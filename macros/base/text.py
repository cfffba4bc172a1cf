"""Text helpers that every layer uses: the words search sees, HTML escaping and dates as printed."""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata

from macros.base import linear

LETTER_OR_DIGIT = r"[^\W_]"  # as search.js's [\p{L}\p{N}]
WORD = re.compile(LETTER_OR_DIGIT + "+")

# Characters no text needs, that a reader cannot see or that change the order text is read in:
# control characters (not tab or line ends), format characters (soft hyphen, zero-width spaces
# and joiners, word joiner, fillers, bidirectional controls, byte order mark, tag characters), line and
# paragraph separators, surrogates, private-use characters and non-characters. The one rule for
# records and the guide's data, and what problems.visible() shows as code points.
HIDDEN = linear.character_class(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ud800-\uf8ff\ufdd0-\ufdef\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f\U000f0000-\U0010ffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 15))
    + "]"
)

_TABS_AND_LINE_ENDS = str.maketrans("", "", "\t\n\r")


def printable_ascii(value: str) -> bool:
    """Whether value holds only printable ASCII, tabs and line ends, as most text does: then it has none of HIDDEN's
    characters and nothing a YAML file may not hold, found by two passes in C rather than a search."""
    return value.isascii() and value.translate(_TABS_AND_LINE_ENDS).isprintable()


def fold(text: str) -> str:
    """Lower case without accents, as search.js folds what the reader types."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    # The marks found, each looked up once: a whole example's text goes through here for search.
    marks = {ord(char): None for char in set(text) if not char.isascii() and unicodedata.category(char).startswith("M")}
    return text.translate(marks) if marks else text


def words(text: str) -> list[str]:
    """The words search sees in text, one-character words included."""
    return WORD.findall(fold(text))


def escape(value: str) -> str:
    """Plain text made safe for HTML content and attribute values."""
    return html.escape(value, quote=True)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
