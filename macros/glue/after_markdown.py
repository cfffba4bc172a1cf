"""HTML a macro makes for a hand-written page that Python-Markdown need not read: the macro leaves a
placeholder in the page's Markdown (raw HTML, which Markdown passes through as it is), and the hooks put
the HTML in its place once Markdown is done (on_page_content). The browse page lists every example: through
Markdown's HTML parser, its 1,000 cards cost a build 0.7 s of CPU."""

from __future__ import annotations

import itertools
import secrets

_RUN = secrets.token_hex(8)  # no page's own text can spell a placeholder
_numbers = itertools.count()
_waiting: dict[str, str] = {}  # placeholder: the HTML it stands for


def placeholder(page_html: str) -> str:
    """A block of raw HTML that on_page_content replaces with page_html."""
    marker = f'<div data-pe-after-markdown="{_RUN}-{next(_numbers)}"></div>'
    _waiting[marker] = page_html
    return marker


def filled(page_html: str) -> str:
    """A page's HTML from Markdown with each placeholder in it replaced."""
    for marker in [marker for marker in _waiting if marker in page_html]:
        page_html = page_html.replace(marker, _waiting.pop(marker), 1)
    return page_html
