"""Where the guide is thin: how many examples illustrate each take-away and carry each tag value.

Counted from the records at build time, reported practice and illustrative examples apart, for the
coverage page (/coverage/) and the Tags page. Every count links to the browse page filtered to it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from macros.base import urls
from macros.pages import browse, issue_links
from macros.load.examples import Example
from macros.load.guide import Guide
from macros.base.text import escape
from macros.pages.common import browse_url, labelled_cells, takeaway_url

THIN_BELOW = 3  # a take-away or tag value with fewer examples than this, reported and illustrative together, is thin
KINDS = ("reported", "illustrative")
COLUMNS = ("Reported", "Illustrative", "All")  # short, for phones; the page says what each kind is


@dataclass(frozen=True)
class Row:
    """One take-away or tag value and its examples, counted by provenance."""

    query: tuple[str, str]  # the browse page's filter for it: (name, value id)
    label: str
    section: str | None  # a take-away's section, shown under it (the take-aways table mixes sections)
    counts: tuple[int, int]  # reported, illustrative
    order: int  # its place in the guide's own order
    propose_url: str | None = None
    label_url: str | None = None

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def thin(self) -> bool:
        return self.total < THIN_BELOW


def counted(examples: list[Example]) -> Counter[tuple[str, str, str]]:
    """(filter name, value, provenance) -> number of examples, for every browse filter, take-aways included."""
    found: Counter[tuple[str, str, str]] = Counter()
    for example in examples:
        for name, values in browse.values_of(example).items():
            for value in values:
                found[(name, value, example.provenance)] += 1
    return found


def _counts(found: Counter, name: str, value: str) -> tuple[int, int]:
    return found[(name, value, "reported")], found[(name, value, "illustrative")]


def takeaway_rows(examples: list[Example], guide: Guide, links: urls.Links, repo_url: str | None) -> list[Row]:
    """Every take-away and sub-point, thinnest first, then in the guide's order."""
    found = counted(examples)
    titles = {section.id: section.short_title for section in guide.sections}
    rows = [
        Row((urls.BROWSE_TAKEAWAY, takeaway.id), takeaway.text, titles[takeaway.section], _counts(found, urls.BROWSE_TAKEAWAY, takeaway.id), order,
            issue_links.propose_for_takeaway(repo_url, takeaway) if repo_url else None, takeaway_url(links, guide, takeaway.id))
        for order, takeaway in enumerate(guide.takeaways.values())
    ]
    return sorted(rows, key=lambda row: (row.total, row.order))


def tag_rows(examples: list[Example], guide: Guide, repo_url: str | None) -> dict[str, list[Row]]:
    """For each facet, in vocabulary order, its values thinnest first, then in vocabulary order."""
    found = counted(examples)
    return {
        facet.id: sorted(
            (Row((facet.id, value.id), value.label, None, _counts(found, facet.id, value.id), order,
                 issue_links.propose_for_tag(repo_url, facet.label, value) if repo_url else None)
             for order, value in enumerate(facet.values)),
            key=lambda row: (row.total, row.order),
        )
        for facet in guide.facets
    }


def _count_cell(row: Row, links: urls.Links, kind: str | None, count: int) -> str:
    if not count:
        return "<td>0</td>"
    filters = dict([row.query] + ([(urls.BROWSE_PROVENANCE, kind)] if kind else []))
    return f'<td><a href="{escape(browse_url(links, **filters))}">{count}</a></td>'


def _table(caption: str, first_column: str, rows: list[Row], links: urls.Links) -> str:
    body = []
    for row in rows:
        label = f'<a href="{escape(row.label_url)}">{escape(row.label)}</a>' if row.label_url else escape(row.label)
        notes = [escape(row.section)] if row.section else []
        if row.thin:
            propose = (f': <a href="{escape(row.propose_url)}">propose an example<span class="pe-visually-hidden"> for it</span></a>'
                       if row.propose_url else "")
            notes.append(f"<strong>Thin</strong>{propose}")
        thin = f"<br>{' · '.join(notes)}" if notes else ""
        cells = "".join(_count_cell(row, links, kind, count) for kind, count in zip(KINDS, row.counts))
        body.append(f'<tr><th scope="row">{label}{thin}</th>{cells}{_count_cell(row, links, None, row.total)}</tr>')
    head = "".join(f'<th scope="col">{escape(heading)}</th>' for heading in (first_column, *COLUMNS))
    # Material styles only tables without a class, so the class is on a wrapper.
    return labelled_cells(f'<div class="pe-coverage pe-coverage--counts"><table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
                          f"<tbody>{''.join(body)}</tbody></table></div>")


def page_html(examples: list[Example], guide: Guide, links: urls.Links, repo_url: str | None) -> str:
    """The coverage page's body: a summary, then a table for the take-aways and one for each facet."""
    takeaways = takeaway_rows(examples, guide, links, repo_url)
    tags = tag_rows(examples, guide, repo_url)
    values = [row for rows in tags.values() for row in rows]
    summary = (
        f"<p>{sum(row.thin for row in takeaways)} of {len(takeaways)} take-aways and {sum(row.thin for row in values)} of "
        f"{len(values)} tag values are thin; {sum(row.total == 0 for row in takeaways)} take-aways and "
        f"{sum(row.total == 0 for row in values)} tag values have no example at all. "
        f"Counted from the {len(examples)} examples when the site was built.</p>"
    )
    parts = [summary, '<h2 id="take-aways">Take-aways</h2>',
             _table("Examples that list each take-away, thinnest first", "Take-away", takeaways, links),
             '<h2 id="tags">Tags</h2>']
    for facet in guide.facets:
        parts.append(f'<h3 id="tags-{escape(facet.id)}">{escape(facet.label)}</h3>')
        parts.append(_table(f"Examples tagged with each {facet.label.lower()} value, thinnest first", facet.label, tags[facet.id], links))
    return "".join(parts)


def tag_index(examples: list[Example], guide: Guide, links: urls.Links) -> str:
    """Every browse filter and its values in the browse page's order, each value with its number of
    examples and a link to them on the browse page: the Tags page."""
    found = counted(examples)
    parts = []
    for group in browse.filters(guide):
        items = []
        for value, label in group.options:
            count = sum(_counts(found, group.id, value))
            if count:
                title = f"Browse the {count} example{'s' if count != 1 else ''}: {group.label}, {label}"
                items.append(f'<li><a class="pe-chip" href="{escape(browse_url(links, **{group.id: value}))}" '
                             f'title="{escape(title)}">{escape(label)} ({count})</a></li>')
            else:
                items.append(f'<li><span class="pe-chip pe-chip--none">{escape(label)} (0)</span></li>')
        parts.append(f'<h2 id="{escape(group.id)}">{escape(group.label)}</h2><ul class="pe-chips">{"".join(items)}</ul>')
    return "".join(parts)
