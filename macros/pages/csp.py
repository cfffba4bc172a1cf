"""The Content-Security-Policy on every page: scripts, styles, images, fonts and connections from the
site itself only, so nothing that gets into a page can run, restyle it from elsewhere or call
another host.

The site is static (and the offline copy has no server at all), so the policy is a
<meta http-equiv> at the top of each page's <head>. Material writes a few small scripts into each
page (its localStorage helpers, the saved colour scheme, content tabs): each is allowed by its
SHA-256 hash, computed from the finished page at each build, and only when the script is one of
those in the theme's templates, read from the templates in use at each build, so a Material update
brings its scripts' new hashes with it. A script that reached a page any other way has no hash in
the policy and does not run. Styles written into a page's <head> (its print footer) are allowed by
hash the same way; nothing in the page's body is.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_HEAD_START = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# A template's {{ value }} inside a script: text that cannot close a string or the script.
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_SLOT = r"""[^"'`<\\]*"""


def _runs(attributes: str) -> bool:
    """Whether a <script> with these attributes and no src is code a browser runs (not a data block)."""
    kind = _TYPE.search(attributes)
    return not _SRC.search(attributes) and (kind.group(1).lower() if kind else "") in _JAVASCRIPT_TYPES


def template_scripts(template_dirs: Iterable[str | Path]) -> Callable[[str], bool]:
    """Whether an inline script is one the theme's templates write: every inline script in every
    template, with each {{ value }} standing for text without quotes, backslashes or '<'."""
    patterns = set()
    for folder in template_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            for attributes, body in _SCRIPT.findall(template.read_text(encoding="utf-8")):
                if _runs(attributes) and body.strip():
                    parts = _JINJA.split(body.strip())
                    patterns.add(_SLOT.join(r"\s+".join(map(re.escape, part.split())) for part in parts))
    if not patterns:
        return lambda script: False
    known = re.compile(r"\s*(?:" + "|".join(sorted(patterns)) + r")\s*", re.DOTALL)
    return lambda script: known.fullmatch(script) is not None


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(script_hashes: Iterable[str], style_hashes: Iterable[str], inline_styles: bool = False) -> str:
    """The policy's text. inline_styles: a page whose own script rewrites a <style> cannot name it by hash."""
    styles = "'unsafe-inline'" if inline_styles else " ".join(sorted(set(style_hashes)))
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {' '.join(sorted(set(script_hashes)))}".rstrip(),
        f"style-src 'self' {styles}".rstrip(),
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def with_policy(page_html: str, trusted: Callable[[str], bool], inline_styles: bool = False) -> str:
    """The page with its policy first in its <head> (after <meta charset>, which must come first):
    a hash for each inline script that trusted() accepts and for each <style> in the <head>."""
    head_end = _HEAD_END.search(page_html)
    head = page_html[: head_end.start()] if head_end else ""
    scripts = [_hash(body) for attributes, body in _SCRIPT.findall(page_html) if _runs(attributes) and trusted(body)]
    styles = [_hash(body) for body in _STYLE.findall(head)]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(scripts, styles, inline_styles)}">'  # keywords and base64: nothing to escape
    start = _HEAD_START.search(page_html)
    if start is None:
        raise ValueError("a page without a <head>: nowhere to put its Content-Security-Policy")
    return page_html[: start.end()] + meta + page_html[start.end() :]
