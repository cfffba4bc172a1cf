"""What is new: the examples added or reviewed most recently, for the home page, and an Atom
feed of every example (/feed.xml), newest change first."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from macros.base import urls
from macros.load.examples import Example
from macros.load.guide import Guide
from macros.base.text import escape, long_date
from macros.pages.common import example_url

ATOM = "http://www.w3.org/2005/Atom"
RECENT_COUNT = 6
# What XML 1.0 cannot hold at all. The checks refuse these in records and the guide's data; should
# one get past them, it is dropped here, since one such character makes feed readers reject the whole feed.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def last_change(example: Example) -> tuple[dt.date, str]:
    """When the example last changed and how: reviewed after it was added, or added."""
    return (example.last_reviewed, "reviewed") if example.last_reviewed > example.added else (example.added, "added")


def newest_first(examples: list[Example]) -> list[Example]:
    return sorted(examples, key=lambda e: (last_change(e)[0], e.added, e.id), reverse=True)


def recent_list(examples: list[Example], links: urls.Links, count: int = RECENT_COUNT) -> str:
    """The home page's list of the examples added or reviewed most recently, and the feed's address."""
    items = "".join(
        f'<li><a href="{example_url(links, e.id)}">{escape(e.title)}</a> '
        f'<span class="pe-small">({how} <time datetime="{day.isoformat()}">{long_date(day)}</time>)</span></li>'
        for e in newest_first(examples)[:count]
        for day, how in [last_change(e)]
    )
    return (
        f'<ul class="pe-new">{items}</ul>'
        f'<p class="pe-small">Follow new and updated examples in a feed reader: <a href="{escape(links.file(urls.FEED))}">the Atom feed</a>.</p>'
    )


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(examples: list[Example], guide: Guide, site_url: str, site_name: str, description: str) -> bytes:
    """An Atom 1.0 feed with one entry per example, written by an XML serialiser (so every text is escaped)."""
    ordered = newest_first(examples)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "en-GB"})

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {name: _NOT_XML.sub("", value) for name, value in attributes.items()})
        element.text = None if text is None else _NOT_XML.sub("", text)
        return element

    home = urls.published(site_url, "")
    add(feed, "title", f"{site_name}: new and updated examples")
    add(feed, "subtitle", description)
    add(feed, "id", home)
    add(feed, "link", rel="self", type="application/atom+xml", href=urls.published(site_url, urls.FEED))
    add(feed, "link", rel="alternate", type="text/html", href=home)
    add(feed, "updated", _timestamp(last_change(ordered[0])[0]) if ordered else _timestamp(dt.date(2021, 9, 29)))
    add(add(feed, "author"), "name", f"Contributors to {site_name}")
    for example in ordered:
        address = urls.published(site_url, urls.example(example.id))
        entry = add(feed, "entry")
        add(entry, "title", example.title)
        add(entry, "id", address)
        add(entry, "link", rel="alternate", type="text/html", href=address)
        add(entry, "published", _timestamp(example.added))
        add(entry, "updated", _timestamp(last_change(example)[0]))
        add(entry, "summary", example.summary, type="text")
        add(entry, "category", term=example.section, label=guide.section(example.section).title)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
