"""Section packs, /packs/<section>/: a section's introduction, its take-aways and every example
of it with its reflective questions, laid out to print, each part leading back online."""

from __future__ import annotations

from macros.base import urls
from macros.load.examples import Example, Prose
from macros.load.guide import Guide, Section
from macros.pages.generated import GeneratedPage, Heading, heading_html, title_for_templates
from macros.base.text import escape
from macros.pages.common import GUIDE_ADDITIONS, GUIDE_LIST_LABEL, attribution, evidence_badge, example_url, provenance_badge, section_url


def render(section: Section, guide: Guide, examples: list[Example], site_url: str, layout: urls.Layout) -> GeneratedPage:
    """The pack for one section, with its examples in the section page's order."""
    links = layout.links_from(urls.pack(section.id))
    section_address = urls.published(site_url, urls.section(section.id))
    headings = [Heading(2, "key-take-aways", "Key take-aways"), Heading(2, "examples", f"Examples ({len(examples)})")]
    by_takeaway: dict[str, list[Example]] = {}
    for example in examples:
        for takeaway in example.takeaways:
            by_takeaway.setdefault(takeaway, []).append(example)

    def takeaway_item(takeaway_id: str) -> str:
        takeaway = guide.takeaways[takeaway_id]
        explanation = (
            f'<p class="pe-explanation"><span class="pe-explanation__label">This guide\'s explanation:</span> {escape(takeaway.explanation)}</p>'
            if takeaway.explanation else ""
        )
        shown = by_takeaway.get(takeaway_id, [])
        illustrated = (
            '<p class="pe-small">Illustrated in this pack by: '
            + "; ".join(f'<a href="#example-{escape(e.id)}">{escape(e.title)}</a>' for e in shown) + ".</p>"
            if shown else ""
        )
        points = "".join(takeaway_item(point) for point in takeaway.points)
        points_html = f'<ol class="pe-takeaways pe-takeaways--points">{points}</ol>' if points else ""
        return f'<li class="pe-takeaway"><p>{escape(takeaway.text)}</p>{explanation}{illustrated}{points_html}</li>'

    parts = [
        f'<p class="pe-kicker">Section pack · <a href="{section_url(links, section.id)}">{escape(section.title)}</a></p>',
        '<div class="pe-pack-address">'
        f'<img class="pe-qr" src="{escape(links.file(urls.qr(urls.section(section.id))))}" alt="QR code of the section\'s web address" width="120" height="120">'
        f'<div><p><strong>This section online:</strong> <span class="pe-address">{escape(section_address)}</span></p>'
        "<p>Each example below has its own address and QR code, and its page has the example in full.</p></div>"
        "</div>",
        f'<p class="pe-intro">{escape(section.intro)}</p>',
        '<p class="pe-small pe-screen-only">This pack is laid out for A4 paper: print it with your browser\'s Print command.</p>',
        heading_html(headings[0]),
        attribution(guide),
        f'<ol class="pe-takeaways">{"".join(takeaway_item(t) for t in section.takeaways)}</ol>',
        heading_html(headings[1]),
        "".join(_example(example, guide, links, site_url) for example in examples) or '<p class="pe-empty">No examples yet.</p>',
    ]
    meta = {
        "title": title_for_templates(f"{section.title}: section pack"),
        "description": escape(f"The {section.title} section's take-aways and examples with questions for reflection, to print."),
        "search": {"exclude": True},  # the same words as the section and example pages, which search finds
    }
    anchors = frozenset(h.id for h in headings) | {f"example-{e.id}" for e in examples}
    return GeneratedPage(meta, "\n".join(parts) + "\n", tuple(headings), anchors)


def _example(example: Example, guide: Guide, links: urls.Links, site_url: str) -> str:
    address = urls.published(site_url, urls.example(example.id))
    # Questions are the guide's own; on a reported example, in words.
    label = f'<p class="pe-part__label">{GUIDE_LIST_LABEL}</p>' if example.is_reported else ""
    questions = f'<h4>Questions for reflection</h4>{label}<ol class="pe-list">{"".join(_item(q) for q in example.reflective_questions)}</ol>'
    additions = f" · {GUIDE_ADDITIONS} (labelled on its page)" if example.has_guide_additions else ""
    return (
        f'<section class="pe-pack-example" id="example-{escape(example.id)}">'
        f"<h3>{escape(example.title)}</h3>"
        f'<p class="pe-kicker">{provenance_badge(example)} {evidence_badge(example, guide, links)}{additions}</p>'
        f'<p class="pe-summary">{escape(example.summary)}</p>'
        f'<p class="pe-handout-choice pe-screen-only" data-example-id="{escape(example.id)}" hidden></p>'
        f"{questions}"
        '<div class="pe-example-address">'
        f'<img class="pe-qr" src="{escape(links.file(urls.qr(urls.example(example.id))))}" alt="QR code of the example\'s web address" width="72" height="72">'
        f'<p>The example in full: <a href="{example_url(links, example.id)}">{escape(address)}</a></p>'
        "</div></section>"
    )


def _item(prose: Prose) -> str:
    return f"<li>{prose.html}</li>"
