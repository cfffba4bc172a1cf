"""The handout: chosen examples on one printable page, /handout/?ids=<id>,<id>&title=<title>, or
in its short form /handout/?h=<code><code>&t=<title>, each example named by its four-character code
(macros/base/ids.py), which the page reads from the table of codes it carries.

The page is put together in the reader's browser, so it needs no server and works from the
offline copy too. Each example's content is published as a small script,
examples/<id>/handout.js, that hands it to the page (a script, not a JSON file: a page
opened from a folder may load scripts but not fetch files). Its text fields are plain text,
which the page inserts as text; its prose is the sanitised HTML of the example's own page.
"""

from __future__ import annotations

import datetime as dt
import json

from macros.load import markup
from macros.base import ids, urls
from macros.load.examples import Example
from macros.load.guide import Guide
from macros.pages.generated import GeneratedPage, title_for_templates
from macros.base.text import escape, long_date
from macros.pages.common import (
    GUIDE_LIST_LABEL, PROVENANCE_LABELS, browse_url, evidence_label, evidence_url, example_url, parts_html, section_url, source_date, takeaway_url,
)
from macros.pages.example import overdue_sentences

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


def example_data(example: Example, guide: Guide, site_url: str, today: dt.date, layout: urls.Layout) -> dict:
    """Everything the handout shows of one example; addresses relative to the handout page. Its prose carries
    the part labels of the example's page, each reported part linking to its source's own address."""
    links = layout.links_from(urls.HANDOUT)
    section = guide.section(example.section)
    study = example.study

    def prose(parts) -> str:
        return markup.sanitise_page(parts_html(example, parts, lambda source: source.url))

    return {
        "id": example.id,
        "title": example.title,
        "section": section.title,
        "sectionUrl": section_url(links, section.id),
        "provenance": PROVENANCE_LABELS[example.provenance],
        "provenanceKind": example.provenance,
        "evidence": evidence_label(example, guide),
        "evidenceUrl": evidence_url(links, example.evidence.status),
        "study": f"Study: {study.title}, {study.publisher}, {source_date(study.date)}. What it found: {example.evidence.found}" if study else "",
        "overdue": overdue_sentences(example, today),
        "summary": example.summary,
        "context": prose(example.context),
        "whatWasDone": prose(example.what_was_done),
        "whyItWorks": prose(example.why_it_works),
        "guideLists": GUIDE_LIST_LABEL if example.is_reported else "",
        "tips": [tip.html for tip in example.tips],
        "questions": [question.html for question in example.reflective_questions],
        "takeaways": [{"text": guide.takeaways[t].text, "url": takeaway_url(links, guide, t)} for t in example.takeaways],
        "sources": [
            {"title": s.title, "publisher": s.publisher, "date": s.date, "url": s.url, "supports": s.supports or ""}
            for s in example.sources
        ],
        "sourcesHeading": "Source" if example.is_reported else "Sources of facts it mentions",
        "dates": f"Added {long_date(example.added)}; last reviewed {long_date(example.last_reviewed)}; review by {long_date(example.review_by.by)}.",
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
