"""Text helpers that every layer uses: the words search sees, HTML escaping and dates as printed."""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata

WORD = re.compile(r"[^\W_]+")  # letters and digits, as search.js's [\p{L}\p{N}]+


def fold(text: str) -> str:
    """Lower case without accents, as search.js folds what the reader types."""
    text = text.lower()
    if text.isascii():
        return text
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.category(char).startswith("M"))


def words(text: str) -> list[str]:
    """The words search sees in text, one-character words included."""
    return WORD.findall(fold(text))


def escape(value: str) -> str:
    """Plain text made safe for HTML content and attribute values."""
    return html.escape(value, quote=True)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
