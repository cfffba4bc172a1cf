"""Corrections to Material's markup that no template override can reach, applied to each built page."""

from __future__ import annotations

import re

# Material's base.html gives its drawer and search toggles autocomplete="off", so Firefox does not
# restore them open, but HTML allows the attribute on text-like inputs only. Dropped here; the
# site's material-fixes.js closes both on load instead.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def without_checkbox_autocomplete(page_html: str) -> str:
    """The page with autocomplete dropped from every checkbox, where the HTML standard does not allow it."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", page_html)
