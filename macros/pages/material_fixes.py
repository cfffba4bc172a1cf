"""Corrections to Material's markup that no template override can reach, applied to each built page."""

from __future__ import annotations

import re

# Material's base.html gives its drawer and search toggles autocomplete="off", so Firefox does not
# restore them open, but HTML allows the attribute on text-like inputs only. Dropped here; the
# site's material-fixes.js closes both on load instead.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


# Material's templates indent their markup deeply: about 5 KB of an example page. Outside <pre> and
# <textarea>, a line break followed by spaces shows exactly as a line break alone.
_KEEPS_WHITESPACE = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.IGNORECASE | re.DOTALL)
_INDENTED_LINES = re.compile(r"\n[ \t\n]+")


def without_indentation(page_html: str) -> str:
    """The page without the indentation at the start of its lines, but for preformatted text."""
    parts = _KEEPS_WHITESPACE.split(page_html)
    # split() returns text, then each kept element and its tag name (left out), then text, and so on.
    return "".join(_INDENTED_LINES.sub("\n", part) if index % 3 == 0 else part for index, part in enumerate(parts) if index % 3 != 2)


def without_checkbox_autocomplete(page_html: str) -> str:
    """The page with autocomplete dropped from every checkbox, where the HTML standard does not allow it."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", page_html)


def corrected(page_html: str) -> str:
    """Every correction, for each page and theme template MkDocs writes."""
    return without_indentation(without_checkbox_autocomplete(page_html))
