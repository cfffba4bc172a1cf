"""The handout: chosen examples on one printable page, /handout/?ids=<id>,<id>&title=<title>, or
in its short form /handout/?h=<code><code>&t=<title>, each example named by its four-character code
(macros/base/ids.py), which the page reads from the table of codes it carries.

The page is put together in the reader's browser, so it needs no server and works from the
offline copy too. Each example's content is published as a small script,
examples/<id>/handout.js, that hands it to the page (a script, not a JSON file: a page
opened from a folder may load scripts but not fetch files). Its title and address are plain text,
which the page inserts as text; its content is the example's own page content, as HTML made and sanitised here.
"""

from __future__ import annotations

import datetime as dt
import json

from macros.load import markup
from macros.base import ids, urls
from macros.load.examples import Example
from macros.load.guide import Guide
from macros.pages import example as example_page
from macros.pages.generated import GeneratedPage, title_for_templates
from macros.base.text import escape
from macros.pages.common import browse_url, example_url

REGISTER = "peHandout.register"  # the function, defined by assets/javascripts/handout.js, that each data file calls


def codes(examples: list[Example]) -> dict[str, dict[str, str]]:
    """Each example's handout code to its id ("current"), and each former id's code to the renamed example's id ("former")."""
    return {
        "current": {ids.handout_code(example.id): example.id for example in examples},
        "former": {ids.handout_code(former): example.id for example in examples for former in example.former_ids},
    }


def page(site_url: str, site_name: str, examples: list[Example], layout: urls.Layout) -> GeneratedPage:
    """The handout page: an empty list its script fills in, and what to do without JavaScript."""
    links = layout.links_from(urls.HANDOUT)
    table = escape(json.dumps(codes(examples), separators=(",", ":"), sort_keys=True))
    html = (
        f'<div class="pe-handout" id="pe-handout" data-handout-root="{escape(links.root)}" data-codes="{table}" hidden>'
        '<div class="pe-handout-actions pe-screen-only">'
        '<p id="pe-handout-status" class="pe-status" role="status" aria-live="polite"></p>'
        "</div>"
        '<div id="pe-handout-unknown" class="pe-handout-unknown" role="alert" hidden></div>'
        '<div id="pe-handout-examples" class="pe-handout-examples"></div>'
        "</div>"
        '<div class="pe-handout-nojs" id="pe-handout-nojs">'
        "<p>A handout is put together by your browser from the examples named in its web address, "
        "and this browser is not running JavaScript, so the examples cannot be shown here.</p>"
        "<p>Each example has its own page, which prints well: its address is "
        f"<code>{escape(urls.published(site_url, urls.EXAMPLES_FOLDER))}</code> followed by the example’s id. "
        "This handout’s ids are in its address after <code>ids=</code>, separated by commas. "
        f'You can also find every example on <a href="{browse_url(links)}">Browse and filter</a>.</p>'
        "</div>"
    )
    meta = {
        "title": title_for_templates("Handout"),
        "description": escape(f"Chosen practice examples from {site_name}, on one page to print or share."),
        "hide": ["navigation", "toc"],
        "search": {"exclude": True},
    }
    return GeneratedPage(meta, html)


# The parts of an example's page that a handout shows. Left out: its inspection standards and tags (reference for the
# screen, which its printed page leaves out too), and everything for a reader of the page itself (its buttons, feedback
# links, related examples, and the links to suggest a change or edit its file).
PARTS = ("context", "what-was-done", "why-it-works", "practical-tips", "questions-for-reflection", "take-aways-it-illustrates",
         "where-this-example-comes-from")


def example_html(example: Example, guide: Guide, today: dt.date, layout: urls.Layout) -> str:
    """The example's own page content (macros/pages/example.py), as the handout shows it under the example's title: its
    headings one level down, each part in a box compact print can leave out, every address leading where it led from
    the example's page (so "#source" leads to the source on that page), and no ids, which another example would repeat."""
    content = example_page.article(example, guide, today, layout)
    parts = "".join(
        f'<div class="pe-handout-part pe-handout-part--{heading.id}"><h3>{escape(heading.text)}</h3>{body}</div>'
        for heading, body in content.parts if heading.id in PARTS
    )
    page = urls.example(example.id)
    return markup.sanitise_moved("".join(content.lead) + parts, lambda address: layout.moved(address, page, urls.HANDOUT))


def example_data(example: Example, guide: Guide, site_url: str, today: dt.date, layout: urls.Layout) -> dict:
    """What the handout needs of one example: its content as HTML, sanitised here, and what the page's own
    controls and the example's address and QR code use; addresses relative to the handout page."""
    links = layout.links_from(urls.HANDOUT)
    return {
        "id": example.id,
        "title": example.title,
        "html": example_html(example, guide, today, layout),
        "url": example_url(links, example.id),
        "address": urls.published(site_url, urls.example(example.id)),
        "qr": links.file(urls.qr(urls.example(example.id))),
    }


def data_script(example: Example, guide: Guide, site_url: str, today: dt.date, layout: urls.Layout) -> str:
    """The example's data file: one call handing its data to the handout page."""
    return f"{REGISTER}({script_value(example_data(example, guide, site_url, today, layout))});\n"


def script_value(value: object) -> str:
    """value as a JavaScript literal that no text in it can break out of: JSON with every
    non-ASCII character and every <, > and & escaped, so it reads the same in any encoding
    and inside any HTML."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
