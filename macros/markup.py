"""Contributor Markdown: one converter, used both to check links and to render.

Raw HTML is treated as literal text, so the serializer escapes it; the result is then
sanitised with an allowlist. Checking links on the converted HTML, rather than with a
second, partial parser of Markdown, means every form of link is seen.
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.toc import TocExtension

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
    "a", "abbr", "h3", "h4", "h5", "h6", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
SAFE_SCHEMES = {"http", "https", "mailto"}


class _RawHtmlAsText(Extension):
    """Treat raw HTML in Markdown as literal text, so the serializer escapes it."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


@lru_cache(maxsize=8)
def _converter(abbreviations: tuple[tuple[str, str], ...]) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            _RawHtmlAsText(),
            "sane_lists",
            TocExtension(baselevel=3),  # contributor headings sit below the page's own h2 parts
            AbbrExtension(glossary=dict(abbreviations)),
        ],
        output_format="html",
    )


def _convert(source: str, abbreviations: dict[str, str]) -> str:
    converter = _converter(tuple(sorted(abbreviations.items())))
    converter.reset()
    return converter.convert(source)


def to_html(source: str, abbreviations: dict[str, str]) -> str:
    """Contributor Markdown as sanitised HTML, with the glossary's abbreviations marked up."""
    return nh3.clean(
        _convert(source, abbreviations),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel="noopener noreferrer",
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.targets += [value or "" for name, value in attrs if name == "href"]


def link_targets(source: str) -> list[str]:
    """Every link target written in the Markdown source, however it was written."""
    parser = _Links()
    parser.feed(_convert(source, {}))
    return parser.targets
