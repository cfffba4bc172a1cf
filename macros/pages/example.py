"""The page generated for one practice example, at /examples/<id>/."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.base import urls
from macros.load.examples import Due, Example, Part, Prose, Source
from macros.load.guide import Guide
from macros.pages.generated import GeneratedPage, Heading, heading_html, title_for_templates
from macros.base.text import escape, long_date
from macros.pages.common import (
    GUIDE_LIST_LABEL, PROVENANCE_EXPLAINED, evidence_badge, example_cards, parts_html, provenance_badge, section_url, source_anchor,
    source_date, tag_chips, takeaway_url,
)


@dataclass(frozen=True)
class Article:
    """An example as its page shows it, for the page and for the handout: what opens it (section, provenance and
    evidence, the study, any overdue notice, the summary), then its parts, each a level-2 heading and its HTML.
    Addresses are written from the example's page."""

    lead: tuple[str, ...]
    parts: tuple[tuple[Heading, str], ...]


def article(example: Example, guide: Guide, today: dt.date, layout: urls.Layout, edit_url: str | None = None,
            suggest_url: str | None = None) -> Article:
    """The example's page content, but for the page's own tools (its buttons, feedback links and related examples)."""
    section = guide.section(example.section)
    links = layout.links_from(urls.example(example.id))
    lead = (
        f'<p class="pe-kicker"><a href="{section_url(links, section.id)}">{escape(section.title)}</a> · {provenance_badge(example)} '
        f'{evidence_badge(example, guide, links)}</p>',
        overdue_notice(example, today),
        # The summary before the study and ratings: on a phone the box would fill the first screen.
        f'<p class="pe-summary">{escape(example.summary)}</p>',
        evidence_box(example, guide),
    )
    takeaways = "".join(
        f'<li><a href="{takeaway_url(links, guide, takeaway_id)}">{escape(guide.takeaways[takeaway_id].text)}</a></li>'
        for takeaway_id in example.takeaways
    )
    standards = "".join(
        f"<li>{escape(standard.id)} {escape(standard.title)} ({escape(standard.domain)})</li>"
        for standard in (guide.standards[standard_id] for standard_id in example.standards)
    )
    parts = (
        ("context", "Context", _prose(example, example.context)),
        ("what-was-done", "What was done", _prose(example, example.what_was_done)),
        ("why-it-works", "Why it works", _prose(example, example.why_it_works)),
        ("practical-tips", "Practical tips", _guide_list(example, example.tips, "ul")),
        ("questions-for-reflection", "Questions for reflection", _guide_list(example, example.reflective_questions, "ol")),
        ("take-aways-it-illustrates", "Take-aways it illustrates", f'<ul class="pe-list">{takeaways}</ul>'),
        ("inspection-standards", "Inspection standards",
         f'<ul class="pe-list">{standards}</ul><p class="pe-small">{escape(guide.framework["title"])}.</p>'),
        ("tags", "Tags", tag_chips(example, guide, links)),
        ("where-this-example-comes-from", "Where this example comes from", _provenance(example, edit_url, suggest_url, today)),
    )
    return Article(tuple(piece for piece in lead if piece), tuple((Heading(2, anchor, title), body) for anchor, title, body in parts))


def render(example: Example, guide: Guide, related: list[Example], edit_url: str | None, suggest_url: str | None = None,
           today: dt.date | None = None, layout: urls.Layout = urls.ONLINE, feedback: tuple[str, str] | None = None) -> GeneratedPage:
    """The page as built on `today` (default: the day of the build), which decides whether a date has passed;
    feedback: the prefilled issues "Was this useful?" and "Question this example's evidence" open."""
    content = article(example, guide, today or dt.date.today(), layout, edit_url, suggest_url)
    links = layout.links_from(urls.example(example.id))
    parts: list[str] = [
        *content.lead,
        # Filled in by copy-link.js and handout.js; hidden without them.
        f'<p class="pe-page-actions" data-example-id="{escape(example.id)}" data-copy="" hidden></p>',
    ]
    headings = [heading for heading, _ in content.parts]
    for heading, body in content.parts:
        parts.extend((heading_html(heading), body))
    if feedback:
        parts.append(_feedback(*feedback))
    if related:
        # Without their tags: the page's own are just above, and it stays under 40 KB with long sources.
        heading = Heading(2, "related-examples", "Related examples")
        headings.append(heading)
        parts.extend((heading_html(heading), example_cards(related, guide, links, with_tags=False)))
    meta = {
        "title": title_for_templates(example.title),
        "description": escape(example.summary),
        "search": {"exclude": True},  # the site's own index holds the examples (macros/pages/search.py)
        "example_id": example.id,
    }
    anchors = frozenset(h.id for h in headings) | {source_anchor(source) for source in example.sources}
    return GeneratedPage(meta, "\n".join(piece for piece in parts if piece) + "\n", tuple(headings), anchors)


def on_page(source: Source) -> str:
    """A source's entry in this page's list of sources."""
    return f"#{source_anchor(source)}"


def evidence_box(example: Example, guide: Guide) -> str:
    """Under the title, where the example rests on a study or the approach has been rated: the study, linked, with
    what it found, and each rating of the general approach, quoted as its body's own."""
    lines = []
    study = example.study
    if study:
        lines.append(f'<p><strong>Study:</strong> <a href="{escape(on_page(study))}">{escape(study.title)}</a>, {escape(study.publisher)}, '
                     f"{escape(source_date(study.date))}. <strong>What it found:</strong> {escape(example.evidence.found or '')}</p>")
    if example.evidence.approaches:
        items = "".join(_approach(guide, approach_id) for approach_id in example.evidence.approaches)
        lines.append('<p><strong>Ratings of the general approach</strong> (each by the body named, in its own words; '
                     f'not a rating of this example, and not this guide\'s):</p><ul class="pe-list">{items}</ul>')
    return f'<div class="pe-evidence">{"".join(lines)}</div>' if lines else ""


def _approach(guide: Guide, approach_id: str) -> str:
    approach = guide.approaches[approach_id]
    return (
        f"<li><strong>{escape(approach.name)}:</strong> rated “{escape(approach.rating)}” by {escape(approach.rated_by)} "
        f'(<a href="{escape(approach.source_url)}">{escape(approach.source_title)}</a>, {escape(source_date(approach.source_date))}). '
        f'<span class="pe-small">What the rating covers, in this guide\'s summary: {escape(approach.summary)}</span></li>'
    )


def _day(day: dt.date) -> str:
    return f'<time datetime="{day.isoformat()}">{long_date(day)}</time>'


def overdue_sentences(example: Example, today: dt.date) -> list[str]:
    """For each date that has passed, what to tell a reader, as plain text."""
    reviewed = long_date(example.last_reviewed)
    return [f"Last reviewed {reviewed}; {_what(due)} — check before relying on it." for due in example.overdue(today)]


def _what(due: Due) -> str:
    if due.what is None:
        return f"its review was due by {long_date(due.by)}"
    return f"due to be checked by {long_date(due.by)}: {due.what.rstrip('. ')}"


def overdue_notice(example: Example, today: dt.date) -> str:
    """Near the top, when a review or check date has passed: the reader is told to check before relying on the page."""
    sentences = overdue_sentences(example, today)
    if not sentences:
        return ""
    return f'<div class="pe-overdue" role="note">{"".join(f"<p>{escape(sentence)}</p>" for sentence in sentences)}</div>'


def _prose(example: Example, parts: tuple[Part, ...]) -> str:
    return f'<div class="pe-prose">{parts_html(example, parts, on_page)}</div>'


def _guide_list(example: Example, items: tuple[Prose, ...], tag: str) -> str:
    """Tips or questions: always the guide's own, which a reported example's page says in words."""
    label = f'<p class="pe-part__label">{GUIDE_LIST_LABEL}</p>' if example.is_reported else ""
    inner = "".join(f"<li>{item.html}</li>" for item in items)
    return f'{label}<{tag} class="pe-list">{inner}</{tag}>'


def _source_item(source: Source) -> str:
    supports = f'<br><span class="pe-supports">Supports: {escape(source.supports)}</span>' if source.supports else ""
    return (
        f'<li id="{escape(source_anchor(source))}"><a href="{escape(source.url)}">{escape(source.title)}</a>, '
        f"{escape(source.publisher)}, {escape(source.date)}{supports}</li>"
    )


def _feedback(useful_url: str, evidence_url: str) -> str:
    """Plain links to prefilled GitHub issues, for the screen: the reader edits and sends them there; the page sends nothing."""
    return (f'<p class="pe-feedback pe-screen-only"><a href="{escape(useful_url)}">Was this useful?</a> · '
            f'<a href="{escape(evidence_url)}">Question this example’s evidence</a> '
            '<span class="pe-small">(each opens an issue on GitHub, filled in for you to edit and submit; this page sends nothing itself)</span></p>')


def _provenance(example: Example, edit_url: str | None, suggest_url: str | None, today: dt.date) -> str:
    note = f" {escape(example.provenance_note)}" if example.provenance_note else ""
    body = f"<p>{provenance_badge(example)} {PROVENANCE_EXPLAINED[example.provenance]}{note}</p>"
    if example.sources:
        heading = "Source" if example.is_reported else "Sources of facts it mentions"
        body += f'<p class="pe-small">{heading}:</p><ul class="pe-list">{"".join(_source_item(source) for source in example.sources)}</ul>'
    pending = [due for due in example.checks if not due.is_overdue(today)]
    if pending:
        items = "".join(f"<li>By {_day(due.by)}: {escape(due.what or '')}</li>" for due in pending)
        body += f'<p class="pe-small">Statements to check again, as the law or a service changes:</p><ul class="pe-list">{items}</ul>'
    body += (f'<p class="pe-small">Added {long_date(example.added)}; last reviewed {long_date(example.last_reviewed)}; '
             f'to be reviewed again by {long_date(example.review_by.by)}.')
    links = []
    if suggest_url:
        links.append(f'<a href="{escape(suggest_url)}">Suggest a change</a> (a short form on GitHub, no Git needed)')
    if edit_url:
        links.append(f'<a href="{escape(edit_url)}">edit its file</a>, {escape(example.source_path)}')
    if links:  # actions for the screen: on paper they would only print long addresses
        body += f' <span class="pe-screen-only">{" or ".join(links)}.</span>'
    return f'<div class="pe-provenance">{body}</p></div>'
