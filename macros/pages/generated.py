"""Generated pages: HTML and metadata made in Python, handed to MkDocs as they are.

A generated page is never written out as Markdown or front matter for MkDocs to parse
back: its metadata is set on the page object and its content replaces the (empty)
Markdown's output, after passing the page allowlist (markup.sanitise_page).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str  # plain text


@dataclass(frozen=True)
class GeneratedPage:
    meta: dict[str, Any]  # page.meta as Material reads it: title and description escaped for its templates
    html: str
    headings: tuple[Heading, ...] = ()
    anchors: frozenset[str] = field(default_factory=frozenset)  # every id on the page, headings' included

    def toc_tokens(self) -> list[dict]:
        """The headings as Python-Markdown's toc tokens (nested by level), for MkDocs' get_toc."""
        tokens: list[dict] = []
        stack: list[dict] = []
        for heading in self.headings:
            token = {"level": heading.level, "id": heading.id, "name": html.escape(heading.text, quote=False), "children": []}
            while stack and stack[-1]["level"] >= heading.level:
                stack.pop()
            (stack[-1]["children"] if stack else tokens).append(token)
            stack.append(token)
        return tokens


def title_for_templates(text: str) -> str:
    """A title as Material prints it, unescaped, into <title>, the header and <h1>: text content only,
    so quotes stay as typed (escaping them would put entities into the search index's titles)."""
    return html.escape(text, quote=False)


def heading_html(heading: Heading, permalink_title: str = "Link to this section") -> str:
    """A heading with the permalink Python-Markdown's toc extension would give it."""
    anchor = html.escape(heading.id)
    return (
        f'<h{heading.level} id="{anchor}">{html.escape(heading.text, quote=False)}'
        f'<a class="headerlink" href="#{anchor}" title="{html.escape(permalink_title)}">&para;</a></h{heading.level}>'
    )
