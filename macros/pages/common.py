"""Pure rendering: records and guide data in, Markdown and HTML strings out.

Contributor text is data. Plain-text fields are HTML-escaped; Markdown fields go
through macros.load.markup (raw HTML shown as text, then an allowlist), so nothing a
contributor writes can become markup, script or a Jinja expression. Every macro
returns a raw HTML block, never Markdown, so guide data is not parsed as Markdown
either. Links between pages are relative, written by `links` (urls.Links: the path from the
page being rendered back to the site's root, such as "../../", and the build's layout).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

from macros.base import urls
from macros.base.text import escape, long_date
from macros.load.examples import Example, Part, Source
from macros.load.guide import Guide, Section

# Listings on the section pages stop here and link to the browse page: a first visit stays light
# however large the library grows.
SECTION_CARDS = 30
TAKEAWAY_EXAMPLES = 25
PROVENANCE_LABELS = {"illustrative": "Illustrative example", "reported": "Reported practice"}
PROVENANCE_EXPLAINED = {
    "illustrative": (
        "This is an illustrative example, written for this guide to show what the practice can look like. "
        "It is not a real case and not an inspection finding."
    ),
    "reported": "This practice is described in the published source cited below.",
}
GUIDE_PART_LABEL = "The guide's suggestion"  # a passage no source states, in a reported example
GUIDE_LIST_LABEL = "The guide's suggestions, not from the sources."  # tips and questions of a reported example
GUIDE_ADDITIONS = "Includes the guide's suggestions"  # on cards: a reported example with passages of the guide's own




def example_url(links: urls.Links, example_id: str) -> str:
    return links.page(urls.example(example_id))


def section_url(links: urls.Links, section_id: str) -> str:
    return links.page(urls.section(section_id))


def browse_url(links: urls.Links, **filters: str) -> str:
    return links.page(urls.browse(**filters))


def takeaway_url(links: urls.Links, guide: Guide, takeaway_id: str) -> str:
    return links.page(urls.takeaway(guide.takeaways[takeaway_id].section, takeaway_id))


def tag_names(example: Example, guide: Guide) -> list[str]:
    """The example's section and tags as Material tag names, 'Facet: Value' (for the benchmark's bare
    Material site, which tags its pages as this guide once did)."""
    section = f"Section: {guide.section(example.section).title}"
    return [section] + [f"{guide.facet(facet).label}: {guide.tag(facet, value).label}" for facet, value in example.tag_ids()]


def tag_chips(example: Example, guide: Guide, links: urls.Links) -> str:
    """Tag chips grouped by facet, each linking to the browse page filtered by that tag."""
    rows = []
    for facet_id, values in example.tags:
        facet = guide.facet(facet_id)
        chips = "".join(
            f'<li><a class="pe-chip" href="{escape(browse_url(links, **{facet_id: value}))}" '
            f'title="Browse all examples tagged {escape(guide.tag(facet_id, value).label)}">'
            f"{escape(guide.tag(facet_id, value).label)}</a></li>"
            for value in values
        )
        rows.append(f'<div class="pe-tag-row"><dt>{escape(facet.label)}</dt><dd><ul class="pe-chips">{chips}</ul></dd></div>')
    return f'<dl class="pe-tags">{"".join(rows)}</dl>'


def evidence_url(links: urls.Links, status_id: str) -> str:
    return links.page(urls.evidence_status(status_id))


def evidence_label(example: Example, guide: Guide) -> str:
    """The example's evidence status as plain text, as every page and print shows it."""
    return f"Evidence: {guide.statuses[example.evidence.status].label}"


def evidence_badge(example: Example, guide: Guide, links: urls.Links, linked: bool = True) -> str:
    """The evidence status in words, linking to its explanation (a plain badge inside a card's link-heavy listing)."""
    label = escape(evidence_label(example, guide))
    if not linked:
        return f'<span class="pe-badge pe-badge--evidence">{label}</span>'
    return f'<a class="pe-badge pe-badge--evidence" href="{evidence_url(links, example.evidence.status)}">{label}</a>'


def source_date(written: str) -> str:
    """A source's publication date as readers say it: 1 February 2023, February 2023, 2023, or undated."""
    if written == "n.d.":
        return "undated"
    parts = written.split("-")
    if len(parts) == 3:
        return long_date(dt.date.fromisoformat(written))
    if len(parts) == 2:
        return f"{dt.date(int(parts[0]), int(parts[1]), 1):%B %Y}"
    return written


def source_anchor(source: Source) -> str:
    """The id of a source's entry in an example page's list of sources."""
    return f"source-{source.id}"


def part_label(example: Example, part: Part, source_href: Callable[[Source], str | None]) -> str:
    """Who a passage speaks for, in words: reported by a source (linked where source_href gives an address) or the guide's own."""
    if part.source is None:
        return f'<p class="pe-part__label">{GUIDE_PART_LABEL}</p>'
    source = example.source(part.source)
    words = escape(f"{source.publisher}, {source_date(source.date)}")
    href = source_href(source)
    named = f'<a href="{escape(href)}">{words}</a>' if href else words
    return f'<p class="pe-part__label">Reported by {named}</p>'


def parts_html(example: Example, parts: tuple[Part, ...], source_href: Callable[[Source], str | None]) -> str:
    """A prose field's HTML. In a reported example each passage carries its label, so what a source reports and
    what the guide adds are told apart in words, not by colour alone; an illustrative example is the guide's throughout."""
    if not example.is_reported:
        return "".join(part.prose.html for part in parts)
    return "".join(
        f'<div class="pe-part pe-part--{"guide" if part.source is None else "reported"}">{part_label(example, part, source_href)}{part.prose.html}</div>'
        for part in parts
    )


def provenance_badge(example: Example) -> str:
    return f'<span class="pe-badge pe-badge--{example.provenance}">{PROVENANCE_LABELS[example.provenance]}</span>'


def example_card(example: Example, guide: Guide, links: urls.Links, with_tags: bool = True) -> str:
    section = guide.section(example.section)
    labels = "".join(f"<li>{escape(guide.tag(facet, value).label)}</li>" for facet, value in example.tag_ids())
    tags = f'<ul class="pe-chips pe-chips--plain" aria-label="Tags">{labels}</ul>' if with_tags else ""
    return (
        f'<li class="pe-card" data-example-id="{escape(example.id)}">'
        f'<h3 class="pe-card__title"><a href="{example_url(links, example.id)}">{escape(example.title)}</a></h3>'
        f'<p class="pe-card__meta">{escape(section.short_title)} · {provenance_badge(example)} {evidence_badge(example, guide, links, linked=False)}'
        f'{" · " + GUIDE_ADDITIONS if example.has_guide_additions else ""}</p>'
        f'<p class="pe-card__summary">{escape(example.summary)}</p>'
        f"{tags}</li>"
    )


def example_cards(examples: list[Example], guide: Guide, links: urls.Links, empty: str = "No examples yet.", with_tags: bool = True,
                  choosable: bool = False) -> str:
    """A list of cards, left out of the search index; choosable ones get "Add to handout" (handout.js)."""
    if not examples:
        return f'<p class="pe-empty">{escape(empty)}</p>'
    cards = "".join(example_card(example, guide, links, with_tags) for example in examples)
    return _search_excluded(f'<ul class="pe-cards{" pe-cards--choosable" if choosable else ""}">{cards}</ul>')


def section_examples(section: Section, examples: list[Example], guide: Guide, links: urls.Links) -> str:
    """The section's examples as cards, the first SECTION_CARDS of them and a link to the rest, so the
    page stays light however large the library grows."""
    cards = example_cards(examples[:SECTION_CARDS], guide, links, choosable=True)
    if len(examples) <= SECTION_CARDS:
        return cards
    link = escape(browse_url(links, **{urls.BROWSE_SECTION: section.id}))
    return f'{cards}<p>These are {SECTION_CARDS} of the section\'s {len(examples)} examples: <a href="{link}">browse all {len(examples)}</a>.</p>'


def _search_excluded(html_block: str) -> str:
    """Leaves html_block out of the search index, so listings and tables don't outrank the examples.

    Material's search parser matches elements by tag name only, so the excluded
    element must be a tag that does not occur inside it: a div around lists.
    """
    return f"<div data-search-exclude>{html_block}</div>"


def takeaway_list(section: Section, guide: Guide, examples_by_takeaway: dict[str, list[Example]], links: urls.Links) -> str:
    """A section's take-aways, each with its stable anchor and the examples that illustrate it."""

    def item(takeaway_id: str) -> str:
        takeaway = guide.takeaways[takeaway_id]
        examples = examples_by_takeaway.get(takeaway_id, [])
        if examples:
            shown = examples[:TAKEAWAY_EXAMPLES]
            items = "".join(f'<li><a href="{example_url(links, e.id)}">{escape(e.title)}</a></li>' for e in shown)
            count = examples_count(len(examples))
            browse = f'<a href="{escape(browse_url(links, **{urls.BROWSE_TAKEAWAY: takeaway_id}))}">open them in Browse and filter</a>'
            if len(examples) > len(shown):
                items += f'<li>and {len(examples) - len(shown)} more: <a href="{escape(browse_url(links, **{urls.BROWSE_TAKEAWAY: takeaway_id}))}">see them all in Browse and filter</a></li>'
            illustrated = f'<p class="pe-small">Illustrated by {count} ({browse}):</p>' + _search_excluded(f'<ul class="pe-illustrated">{items}</ul>')
        else:
            illustrated = '<p class="pe-small">No example illustrates this yet.</p>'
        points = "".join(item(point) for point in takeaway.points)
        points_html = f'<ol class="pe-takeaways pe-takeaways--points">{points}</ol>' if points else ""
        explanation = (
            f'<p class="pe-explanation"><span class="pe-explanation__label">This guide\'s explanation:</span> {escape(takeaway.explanation)}</p>'
            if takeaway.explanation else ""
        )
        former = "".join(f'<span class="pe-former-anchor" id="{escape(old)}"></span>' for old in takeaway.former_ids)  # old links land here
        return (
            f'<li class="pe-takeaway" id="{escape(takeaway_id)}" data-copy="{escape(takeaway_id)}">{former}'
            f'<p>{escape(takeaway.text)} <a class="pe-permalink" href="#{escape(takeaway_id)}" '
            f'title="Link to this take-away">#<span class="pe-visually-hidden"> Link to this take-away</span></a></p>'
            f"{explanation}{illustrated}{points_html}</li>"
        )

    return f'<ol class="pe-takeaways">{"".join(item(t) for t in section.takeaways)}</ol>'


def section_intro(section: Section) -> str:
    return f'<p class="pe-intro">{escape(section.intro)}</p>'


def attribution(guide: Guide) -> str:
    source = guide.attribution
    return (
        f'<p class="pe-small">The take-aways are summarised, in this guide\'s own words, from '
        f'<a href="{escape(source["url"])}">{escape(source["publisher"])}, <cite>{escape(source["title"])}</cite></a>, '
        f"published {long_date(dt.date.fromisoformat(source['date']))}. They are not quotations.</p>"
    )


def examples_count(count: int) -> str:
    """"1 example", "2 examples"."""
    return f"{count} example" + ("" if count == 1 else "s")


def section_cards(guide: Guide, counts: dict[str, int], links: urls.Links) -> str:
    """The four sections as cards, for the home page: size does not grow with the number of examples."""
    cards = "".join(
        f'<li class="pe-card"><h3 class="pe-card__title"><a href="{section_url(links, section.id)}">{escape(section.title)}</a></h3>'
        f'<p class="pe-card__summary">{escape(section.intro)}</p>'
        f'<p class="pe-card__meta">{len(section.takeaways)} key take-aways · '
        f'<a href="{escape(browse_url(links, **{urls.BROWSE_SECTION: section.id}))}">{examples_count(counts.get(section.id, 0))}</a></p></li>'
        for section in guide.sections
    )
    return f'<ul class="pe-cards pe-cards--sections">{cards}</ul>'


def glossary(guide: Guide) -> str:
    entries = []
    for term in sorted(guide.terms, key=lambda t: t.term.casefold()):
        name = f"{escape(term.term)} ({escape(term.abbr)})" if term.abbr else escape(term.term)
        source = f' <span class="pe-small">Source: <a href="{escape(term.source_url)}">{escape(term.source_title)}</a>.</span>' if term.source_url else ""
        entries.append(
            f'<div class="pe-term" id="{escape(term.id)}"><dt>{name} <a class="pe-permalink" href="#{escape(term.id)}" '
            f'title="Link to this term">#<span class="pe-visually-hidden"> Link to {escape(term.term)}</span></a></dt>'
            f"<dd>{escape(term.definition)}{source}</dd></div>"
        )
    return f'<dl class="pe-glossary">{"".join(entries)}</dl>'


REF_KINDS = {"markdown": "Markdown", "prose": "Markdown, or a list of parts", "date": "date", "sectionId": "section id",
             "evidenceStatusId": "evidence status id"}


def _field_kind(spec: dict) -> str:
    if "$ref" in spec:
        kind = spec["$ref"].rsplit("/", 1)[-1]
        return REF_KINDS.get(kind, kind)
    if spec.get("type") == "array":
        return "list"
    if spec.get("type") == "object":
        return "group of fields"
    if "enum" in spec:
        return " or ".join(f"'{value}'" for value in spec["enum"])
    return "text"


def field_table(schema: dict) -> str:
    """Every field of a practice example, nested ones too, from the schema's own descriptions (left out of search).
    The tags' facets have a table of their own; the fields of a part are listed once, for every field written as parts."""
    defs = schema["$defs"]
    rows = []

    def add(name: str, spec: dict, required: bool) -> None:
        rows.append(
            f"<tr><td><code>{escape(name)}</code></td><td>{'yes' if required else 'no'}</td>"
            f"<td>{escape(_field_kind(spec))}</td><td>{escape(spec.get('description', ''))}</td></tr>"
        )

    def walk(prefix: str, shape: dict) -> None:
        for name, spec in shape["properties"].items():
            add(prefix + name, spec, name in shape.get("required", ()))
            inner, joint = (spec.get("items", {}), "[].") if spec.get("type") == "array" else (spec, ".")
            inner = defs.get(inner["$ref"].rsplit("/", 1)[-1], inner) if "$ref" in inner else inner
            if "properties" in inner and name != "tags":
                walk(f"{prefix}{name}{joint}", inner)

    walk("", schema)
    walk("part.", defs["part"])
    return _search_excluded(labelled_cells(
        '<table class="pe-fields"><thead><tr><th scope="col">Field</th><th scope="col">Required</th>'
        f'<th scope="col">Kind</th><th scope="col">What to write</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    ))


def tag_vocabulary(guide: Guide) -> str:
    """The controlled tag vocabulary, facet by facet, for contributors (left out of search, where
    every tag's name would make this page outrank the examples that carry it)."""
    parts = []
    for facet in guide.facets:
        rows = "".join(
            f"<tr><td><code>{escape(value.id)}</code></td><td>{escape(value.label)}</td><td>{escape(value.description)}</td></tr>"
            for value in facet.values
        )
        parts.append(
            f'<h3 id="tags-{escape(facet.id)}">{escape(facet.label)} (<code>{escape(facet.id)}</code>)</h3><p>{escape(facet.description)}</p>'
            + labelled_cells('<table class="pe-fields"><thead><tr><th scope="col">Value</th><th scope="col">Label</th>'
                             f'<th scope="col">Meaning</th></tr></thead><tbody>{rows}</tbody></table>')
        )
    return _search_excluded("".join(parts))


def standards_table(guide: Guide) -> str:
    rows = "".join(
        f"<tr><td>{escape(s.id)}</td><td>{escape(s.title)}</td><td>{escape(s.domain)}</td></tr>" for s in guide.standards.values()
    )
    return labelled_cells(
        f'<table class="pe-fields"><caption>{escape(guide.framework["title"])}</caption><thead><tr><th scope="col">Standard</th>'
        f'<th scope="col">Title</th><th scope="col">Domain</th></tr></thead><tbody>{rows}</tbody></table>'
    )


_COLUMN_HEADING = re.compile(r'<th scope="col">(.*?)</th>')
_BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(td|th)(?=[\s>])")
_TAG = re.compile(r"<[^>]+>")


def labelled_cells(table: str) -> str:
    """A table of this module's own markup (contributor text in it is escaped, so every <td and <th is a cell) with
    each body cell labelled by its column's heading (data-label), which guide.css shows beside the cell when a narrow
    screen stacks the table's rows as lists (WCAG 1.4.10: no sideways scrolling at 320 px)."""
    labels = [_TAG.sub("", heading) for heading in _COLUMN_HEADING.findall(table)]

    def row(match: re.Match) -> str:
        cells = iter(labels)
        return _CELL.sub(lambda cell: f'<{cell.group(1)} data-label="{next(cells, "")}"', match.group(0))

    return _BODY.sub(lambda body: _ROW.sub(row, body.group(0)), table)


def redirect_page(example: Example, former: str, layout: urls.Layout) -> str:
    """The page left at a former id's address: it forwards to the example, keeping any #anchor."""
    target = layout.links_from(urls.example(former)).page(urls.example(example.id))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Moved: {escape(example.title)}</title>"
        f'<link rel="canonical" href="{target}"><meta name="robots" content="noindex">'
        f'<meta http-equiv="refresh" content="0; url={target}">'
        f"<script>location.replace({json.dumps(target)} + location.hash)</script></head>"
        f'<body><p>This example has moved to <a href="{target}">{escape(example.title)}</a>.</p></body></html>\n'
    )
