"""Contributor Markdown: one converter, and the allowlists that every generated page passes.

Raw HTML is treated as literal text, so the serializer escapes it; the result is then
sanitised with an allowlist. Each field is converted once: the same result gives the
validator every link target, however it was written, and the page its HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.extensions.toc import TocExtension

from macros.base import linear

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
    "a", "abbr", "h3", "h4", "h5", "h6", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
SAFE_SCHEMES = {"http", "https", "mailto"}

# What a generated page may contain once MkDocs has converted it: the renderer's own markup and
# the sanitised contributor HTML inside it, and nothing that runs or loads from elsewhere.
PAGE_TAGS = ALLOWED_TAGS | {
    "h1", "h2", "div", "span", "section", "article", "nav", "aside", "header", "footer", "figure", "figcaption",
    "dl", "dt", "dd", "cite", "time", "small", "b", "i", "img", "table", "caption", "thead", "tbody", "tr", "th", "td",
}
PAGE_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "hidden", "role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
          "data-example-id", "data-search-exclude", "data-takeaway-id", "data-copy", "data-handout-root", "data-codes"},
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "time": {"datetime"},
    "th": {"scope", "colspan", "rowspan", "data-label"},
    "td": {"colspan", "rowspan", "data-label"},
    "ol": {"start"},
}
_URL_NOISE = linear.character_class(r"[\t\n\r]")


@lru_cache(maxsize=4096)  # a page's sanitising asks for every link on it, and most are on other pages too
def is_safe_link(target: str) -> bool:
    """Web and mail links, and links within the guide; not javascript:, data:, //other.host or /\\other.host.

    Browsers drop tabs and newlines inside an address, trim leading spaces and control
    characters, and read a backslash as a slash, so the check looks at what a browser would follow.
    """
    followed = _URL_NOISE.sub("", target).lstrip("".join(map(chr, range(0x21)))).replace("\\", "/")
    if followed.startswith("//"):
        return False
    try:
        scheme = urlsplit(followed).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES or scheme == ""


@lru_cache(maxsize=4096)
def _is_same_site(target: str) -> bool:
    """A relative address on this site, for images: nothing is loaded from another host."""
    return is_safe_link(target) and not urlsplit(_URL_NOISE.sub("", target).replace("\\", "/")).scheme


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        return value if is_safe_link(value) else None
    if attribute == "src":
        return value if _is_same_site(value) else None
    return value


_CONTRIBUTOR_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=SAFE_SCHEMES,
    link_rel="noopener noreferrer",
    attribute_filter=_filter_attribute,
)


def _page_cleaner(attribute_filter: Callable[[str, str, str], str | None]) -> nh3.Cleaner:
    return nh3.Cleaner(tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES, url_schemes=SAFE_SCHEMES, link_rel=None, attribute_filter=attribute_filter,
                       strip_comments=True)


_PAGE_CLEANER = _page_cleaner(_filter_attribute)


class _RawHtmlAsText(Extension):
    """Treat raw HTML in Markdown as literal text, so the serializer escapes it."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class _Abbreviations(AbbrExtension):
    """Markdown's abbreviations, whose pattern is made once for each set of them rather than for each text."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(_AbbreviationsMarked(md, self.abbrs), "abbr", 7)


class _AbbreviationsMarked(AbbrTreeprocessor):
    _pattern_for: tuple[str, ...] | None = None  # the abbreviations self.RE was made from

    def run(self, root):
        names = tuple(self.abbrs)  # a text can add its own (*[ABC]: ...)
        if names != self._pattern_for:
            self._pattern_for = names
            return super().run(root)  # makes self.RE from them, in this order, and marks them up
        if names:
            self.iter_element(root)
        return None


@lru_cache(maxsize=8)
def _converter(abbreviations: tuple[tuple[str, str], ...]) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            _RawHtmlAsText(),
            "sane_lists",
            TocExtension(baselevel=3),  # contributor headings sit below the page's own h2 parts
            _Abbreviations(glossary=dict(abbreviations)),
        ],
        output_format="html",
    )


@dataclass(frozen=True)
class Converted:
    """One Markdown field, converted once: its sanitised HTML and every link target it wrote."""

    html: str
    links: tuple[str, ...]
    plain: bool = False  # its paragraphs wrapped in <p> as written: the page shows the text's own words and lines


def convert(source: str, abbreviations: tuple[tuple[str, str], ...]) -> Converted:
    """Contributor Markdown as sanitised HTML, with the glossary's abbreviations marked up."""
    paragraphs = _plain_paragraphs(source)
    if paragraphs is not None and any(name in source for name, _ in abbreviations):
        marked = _marked_abbreviations(abbreviations)
        if marked is None or not source.isascii():  # RE2's word boundaries are Python's in ASCII text only
            paragraphs = None
        else:
            pattern, markup = marked
            paragraphs = [pattern.sub(lambda match: markup[match.group()], paragraph) for paragraph in paragraphs]
    if paragraphs is not None:
        return Converted("\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs), (), plain=True)
    return convert_fully(source, abbreviations)


# Most contributor text is plain paragraphs, which Python-Markdown only wraps in <p> (marking up the
# glossary's abbreviations) and the sanitiser keeps as they are; such a text is wrapped and marked up
# here, without either. Left to them: any character of Markdown's inline syntax (escapes, code, emphasis,
# links, autolinks, entities, HTML), any character that is not printable (tabs, no-break spaces, control
# and invisible ones), and a line that could start or end a block or a line break (a list, quote, heading,
# rule, code, table of contents or abbreviation definition; leading or trailing spaces).
# tests/test_render.py checks that both ways give the same HTML, byte for byte.
_INLINE_SYNTAX = frozenset("\\`*_[]<>&")
_BLOCK_STARTS = frozenset(" #>-+=")


def _plain_paragraphs(source: str) -> list[str] | None:
    text = source.rstrip("\n")
    if not text or not _INLINE_SYNTAX.isdisjoint(text) or not text.replace("\n", " ").isprintable():
        return None
    paragraphs = text.split("\n\n")
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            if not line or line[0] in _BLOCK_STARTS or _numbered(line) or line[-1] == " ":
                return None
    return paragraphs


def _numbered(line: str) -> bool:
    """Whether a line starts like an item of a numbered list: digits, then a full stop. Python-Markdown's
    pattern for one reads digits of every script (Unicode's decimal digits: "１." and "١." too); a line
    that starts with a number and goes on otherwise ("2022, when...") is a paragraph's."""
    end = 0
    while end < len(line) and line[end].isdecimal():
        end += 1
    return end > 0 and line[end : end + 1] == "."


@lru_cache(maxsize=8)
def _marked_abbreviations(abbreviations: tuple[tuple[str, str], ...]) -> tuple[Any, dict[str, str]] | None:
    """The converter's pattern for the glossary's abbreviations (longest first, whole words), and each one's
    markup, as the full converter writes it for the abbreviation alone; None if one is not a plain word."""
    markup = {}
    for name, _ in abbreviations:
        alone = convert_fully(name, abbreviations).html
        if not (alone.startswith("<p>") and alone.endswith("</p>") and "\n" not in alone):
            return None
        markup[name] = alone[len("<p>") : -len("</p>")]
    names = sorted((name for name, _ in abbreviations), key=len, reverse=True)
    return linear.compile(r"\b(?:" + "|".join(map(linear.escape, names)) + r")\b"), markup


def convert_fully(source: str, abbreviations: tuple[tuple[str, str], ...]) -> Converted:
    """convert, always through Python-Markdown and the sanitiser."""
    converter = _converter(abbreviations)
    converter.reset()
    raw = converter.convert(source)
    return Converted(_CONTRIBUTOR_CLEANER.clean(raw), _link_targets(raw))


def _link_targets(raw: str) -> tuple[str, ...]:
    """The href of every <a> tag in the converter's HTML. An HTML parser starts a tag only at a < with a
    letter right after it, so HTML without "<a" or "<A" has none, and is not parsed to find that out."""
    if "<a" not in raw and "<A" not in raw:
        return ()
    links = _Links()
    links.feed(raw)
    return tuple(links.targets)


def to_html(source: str, abbreviations: dict[str, str]) -> str:
    return convert(source, tuple(sorted(abbreviations.items()))).html


def sanitise_page(html: str) -> str:
    """A generated page's content through the page allowlist: whatever went wrong upstream,
    no script, event handler, style, javascript:/data: address or off-site image survives."""
    return _PAGE_CLEANER.clean(html)


def sanitise_moved(html: str, moved: Callable[[str], str]) -> str:
    """Part of a generated page shown inside another page (an example in the handout), through the same allowlist,
    with each address `moved` to lead where it led, and without ids, which the other page may hold already
    (its own, or another example's)."""

    def attribute(tag: str, name: str, value: str) -> str | None:
        if name == "id":
            return None
        kept = _filter_attribute(tag, name, value)
        return moved(kept) if kept is not None and name in ("href", "src") else kept

    return _page_cleaner(attribute).clean(html)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.targets += [value or "" for name, value in attrs if name == "href"]


def link_targets(source: str) -> list[str]:
    """Every link target written in the Markdown source, however it was written."""
    return list(convert(source, ()).links)


_BLOCKS = {"p", "br", "li", "ul", "ol", "pre", "blockquote", "h3", "h4", "h5", "h6", "hr"}


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()  # character references are decoded, as a browser shows them
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)


def page_text(html: str) -> str:
    """What a reader sees of converted HTML: its text, with each block on lines of its own."""
    parser = _PageText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
