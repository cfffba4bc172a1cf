"""The page generated for one practice example, at /examples/<id>/."""

from __future__ import annotations

from macros.base import urls
from macros.load.examples import Example, Part, Prose, Source
from macros.load.guide import Guide
from macros.pages.generated import GeneratedPage, Heading, heading_html, title_for_templates
from macros.base.text import escape, long_date
from macros.pages.common import PROVENANCE_EXPLAINED, example_cards, provenance_badge, section_url, tag_chips, takeaway_url


def render(example: Example, guide: Guide, related: list[Example], edit_url: str | None, suggest_url: str | None = None) -> GeneratedPage:
    section = guide.section(example.section)
    root = urls.root_of(f"examples/{example.id}/")  # from this page back to the site's root
    parts: list[str] = [
        f'<p class="pe-kicker"><a href="{section_url(root, section.id)}">{escape(section.title)}</a> · {provenance_badge(example)}</p>',
        f'<p class="pe-summary">{escape(example.summary)}</p>',
        # Filled in by copy-link.js and handout.js; hidden without them.
        f'<p class="pe-page-actions" data-example-id="{escape(example.id)}" data-copy="" hidden></p>',
    ]
    headings: list[Heading] = []

    def part(anchor: str, title: str, body: str) -> None:
        heading = Heading(2, anchor, title)
        headings.append(heading)
        parts.extend((heading_html(heading), body))

    part("context", "Context", _prose(example.context))
    part("what-was-done", "What was done", _prose(example.what_was_done))
    part("why-it-works", "Why it works", _prose(example.why_it_works))
    if example.tips:
        part("practical-tips", "Practical tips", _list(example.tips, "ul"))
    if example.reflective_questions:
        part("questions-for-reflection", "Questions for reflection", _list(example.reflective_questions, "ol"))
    takeaways = "".join(
        f'<li><a href="{takeaway_url(root, guide, takeaway_id)}">{escape(guide.takeaways[takeaway_id].text)}</a></li>'
        for takeaway_id in example.takeaways
    )
    part("take-aways-it-illustrates", "Take-aways it illustrates", f'<ul class="pe-list">{takeaways}</ul>')
    standards = "".join(
        f"<li>{escape(standard.id)} {escape(standard.title)} ({escape(standard.domain)})</li>"
        for standard in (guide.standards[standard_id] for standard_id in example.standards)
    )
    part("inspection-standards", "Inspection standards",
         f'<ul class="pe-list">{standards}</ul><p class="pe-small">{escape(guide.framework["title"])}.</p>')
    part("tags", "Tags", tag_chips(example, guide, root))
    part("where-this-example-comes-from", "Where this example comes from", _provenance(example, edit_url, suggest_url))
    if related:
        # Without their tags: the page's own are just above, and it stays under 40 KB with long sources.
        part("related-examples", "Related examples", example_cards(related, guide, root, with_tags=False))
    meta = {
        "title": title_for_templates(example.title),
        "description": escape(example.summary),
        "search": {"exclude": True},  # the site's own index holds the examples (macros/pages/search.py)
        "example_id": example.id,
    }
    return GeneratedPage(meta, "\n".join(parts) + "\n", tuple(headings), frozenset(h.id for h in headings))


def _prose(parts: tuple[Part, ...]) -> str:
    return f'<div class="pe-prose">{"".join(part.prose.html for part in parts)}</div>'


def _list(items: tuple[Prose, ...], tag: str) -> str:
    inner = "".join(f"<li>{item.html}</li>" for item in items)
    return f'<{tag} class="pe-list">{inner}</{tag}>'


def _source_item(source: Source) -> str:
    supports = f'<br><span class="pe-supports">Supports: {escape(source.supports)}</span>' if source.supports else ""
    return (
        f'<li><a href="{escape(source.url)}">{escape(source.title)}</a>, '
        f"{escape(source.publisher)}, {escape(source.date)}{supports}</li>"
    )


def _provenance(example: Example, edit_url: str | None, suggest_url: str | None) -> str:
    note = f" {escape(example.provenance_note)}" if example.provenance_note else ""
    body = f"<p>{provenance_badge(example)} {PROVENANCE_EXPLAINED[example.provenance]}{note}</p>"
    if example.sources:
        heading = "Source" if example.is_reported else "Sources of facts it mentions"
        body += f'<p class="pe-small">{heading}:</p><ul class="pe-list">{"".join(_source_item(source) for source in example.sources)}</ul>'
    body += f'<p class="pe-small">Added {long_date(example.added)}; last reviewed {long_date(example.last_reviewed)}.'
    links = []
    if suggest_url:
        links.append(f'<a href="{escape(suggest_url)}">Suggest a change</a> (a short form on GitHub, no Git needed)')
    if edit_url:
        links.append(f'<a href="{escape(edit_url)}">edit its file</a>, {escape(example.source_path)}')
    if links:  # actions for the screen: on paper they would only print long addresses
        body += f' <span class="pe-screen-only">{" or ".join(links)}.</span>'
    return f'<div class="pe-provenance">{body}</p></div>'
