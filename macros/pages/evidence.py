"""The About the evidence page's tables, made from practice_examples/guide/evidence.yaml and approaches.yaml:
the evidence statuses (each at its own anchor, which every evidence label links to), the scale's levels,
and the approach ratings, quoted as their bodies' own."""

from __future__ import annotations

from collections import Counter

from macros.base import urls
from macros.base.text import escape, long_date
from macros.load.examples import Example
from macros.load.guide import Guide
from macros.pages.common import browse_url, examples_count, labelled_cells, source_date


def _level(guide: Guide, level: int | None) -> str:
    if level is None:
        return "None: nothing was studied"
    named = next(item for item in guide.evidence_scale.levels if item.level == level)
    return f"Level {level}: {escape(named.name)}"


def status_table(guide: Guide, examples: list[Example], links: urls.Links) -> str:
    """Every status, strongest first: what it means, shows and does not show, its level, and how many examples have it."""
    counts = Counter(example.evidence.status for example in examples)
    rows = []
    for status in guide.statuses.values():
        count = counts[status.id]
        shown = f'<a href="{escape(browse_url(links, **{urls.BROWSE_EVIDENCE: status.id}))}">{examples_count(count)}</a>' if count else examples_count(0)
        rows.append(
            f'<tr id="{escape(status.id)}"><th scope="row">{escape(status.label)}<br><code>{escape(status.id)}</code></th>'
            f"<td>{escape(status.meaning)}</td><td>{escape(status.shows)}</td><td>{escape(status.does_not_show)}</td>"
            f"<td>{_level(guide, status.level)}</td><td>{shown}</td></tr>"
        )
    head = "".join(f'<th scope="col">{name}</th>' for name in ("Status", "When it is used", "What it shows", "What it does not show",
                                                               f"{escape(guide.evidence_scale.publisher)} level", "Examples"))
    return labelled_cells(f'<div class="pe-coverage"><table><caption>The evidence statuses, strongest first</caption><thead><tr>{head}</tr></thead>'
                          f"<tbody>{''.join(rows)}</tbody></table></div>")


def level_list(guide: Guide) -> str:
    """The scale's levels, lowest first, in the guide's words, with the scale's own address."""
    scale = guide.evidence_scale
    items = "".join(f"<li><strong>Level {level.level}: {escape(level.name)}.</strong> {escape(level.meaning)}</li>" for level in scale.levels)
    return (f'<ol class="pe-list">{items}</ol><p class="pe-small">Summarised in this guide\'s words from '
            f'<a href="{escape(scale.url)}">{escape(scale.publisher)}, {escape(scale.name)}</a>.</p>')


def approach_list(guide: Guide, examples: list[Example], links: urls.Links) -> str:
    """Each approach with its rating: the body's words in quotation marks, who gave it, when, and where it is published."""
    if not guide.approaches:
        return '<p class="pe-empty">No approach ratings have been added yet.</p>'
    counts = Counter(approach for example in examples for approach in example.evidence.approaches)
    items = []
    for approach in guide.approaches.values():
        items.append(
            f'<li id="approach-{escape(approach.id)}"><strong>{escape(approach.name)}</strong>: rated “{escape(approach.rating)}” by '
            f'{escape(approach.rated_by)} (<a href="{escape(approach.source_url)}">{escape(approach.source_title)}</a>, '
            f"{escape(approach.source_publisher)}, {escape(source_date(approach.source_date))}). "
            f"What the rating covers, in this guide's summary: {escape(approach.summary)} "
            f'<span class="pe-small">Checked against the source on {long_date(approach.checked)}; '
            f"cited by {examples_count(counts[approach.id])}.</span></li>"
        )
    return f'<ul class="pe-list">{"".join(items)}</ul>'
