"""The browse page: its filter options and the JSON index its script filters, both from the records."""

from __future__ import annotations

import json
from dataclasses import dataclass

from macros.base import urls
from macros.pages import takeaway_links
from macros.load.examples import Example
from macros.load.guide import Guide
from macros.base.text import escape
from macros.pages.common import PROVENANCE_LABELS, example_cards


@dataclass(frozen=True)
class Filter:
    """One group of checkboxes on the browse page; id is its name in the page's URL query."""

    id: str
    label: str
    options: tuple[tuple[str, str], ...]  # (value id, label)


def filters(guide: Guide) -> list[Filter]:
    """Section and take-away first, then every facet of the tag vocabulary, in its order, then provenance and
    evidence status (strongest first): the browse page's script reads them from the form, so each is data here."""
    return [
        Filter(urls.BROWSE_SECTION, "Section", tuple((s.id, s.title) for s in guide.sections)),
        Filter(urls.BROWSE_TAKEAWAY, "Take-away", tuple((t.id, _takeaway_label(guide, t.id)) for t in guide.takeaways.values())),
        *(Filter(f.id, f.label, tuple((v.id, v.label) for v in f.values)) for f in guide.facets),
        Filter(urls.BROWSE_PROVENANCE, "Provenance", tuple(PROVENANCE_LABELS.items())),
        Filter(urls.BROWSE_EVIDENCE, "Evidence", tuple((status.id, status.label) for status in guide.statuses.values())),
    ]


def _takeaway_label(guide: Guide, takeaway_id: str) -> str:
    """A take-away's opening words; a sub-point's after its parent's, which it does not make sense without."""
    takeaway = guide.takeaways[takeaway_id]
    label = takeaway_links.short_label(takeaway.text)
    if not takeaway.parent:
        return label
    joined = label[0].lower() + label[1:] if label[1:2].islower() else label  # "If the person…", not "DRR…"
    return f"{_takeaway_label(guide, takeaway.parent)}: {joined}"


def values_of(example: Example) -> dict[str, list[str]]:
    """The example's value ids for every filter it has a value in."""
    values = {urls.BROWSE_SECTION: [example.section], urls.BROWSE_TAKEAWAY: list(example.takeaways), urls.BROWSE_PROVENANCE: [example.provenance],
              urls.BROWSE_EVIDENCE: [example.evidence.status]}
    values.update({facet: list(ids) for facet, ids in example.tags})
    return values


def index_json(examples: list[Example], guide: Guide) -> str:
    """Each example's filter values, in the order of the search index's examples (its words box asks search.js)."""
    index = {"examples": [{"id": e.id, "values": values_of(e)} for e in examples]}
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


# The handout tray's place, holding what handout.js writes in it when nothing is chosen, so the page
# does not move when the script puts the tray there.
HANDOUT_TRAY = (
    '<aside class="pe-handout-tray pe-screen-only" data-handout-tray aria-label="Handout"><p><span class="pe-handout-tray__count">'
    "Handout: none chosen yet. Use \u201cAdd to handout\u201d to choose examples to print together.</span>"
    '<span class="pe-handout-tray__buttons"></span></p></aside>'
)


def page_html(examples: list[Example], guide: Guide, links: urls.Links) -> str:
    """The browse page's body: every example as a card (enough without JavaScript), and the filter
    form, hidden until the script has loaded the index and filled in the counts (the stylesheet
    keeps its place meanwhile, so nothing moves when it shows). Each group of boxes
    is a disclosure whose summary says how many boxes it has (the script adds how many are ticked):
    closed on a phone, so the words box, the groups and the first results share the first screens;
    the script opens them beside the results on a wide screen. The chosen filters are listed above
    the results as buttons that remove them."""
    groups = []
    for group in filters(guide):
        options = "".join(
            f'<li><input type="checkbox" id="pe-{group.id}-{value}" name="{group.id}" value="{value}">'
            f'<label for="pe-{group.id}-{value}">{escape(label)} <span class="pe-count" data-count></span></label></li>'
            for value, label in group.options
        )
        groups.append(
            f'<details class="pe-filter" data-filter="{group.id}"><summary>{escape(group.label)} '
            f'<span class="pe-filter__tally" data-tally>({len(group.options)} filter{"s" if len(group.options) != 1 else ""})</span></summary>'
            f'<fieldset><legend class="pe-visually-hidden">{escape(group.label)}</legend><ul>{options}</ul></fieldset></details>'
        )
    form = (
        f'<form class="pe-filters" id="pe-filters" role="search" aria-label="Filter examples" data-index="{escape(links.file(urls.BROWSE_INDEX))}" hidden>'
        '<h2 class="pe-filters__title">Filters</h2>'
        '<p class="pe-filter-text"><label for="pe-words">Words in the examples</label>'
        f'<input type="search" id="pe-words" name="{urls.BROWSE_WORDS}" autocomplete="off" spellcheck="false"></p>'
        f'{"".join(groups)}'
        '<p class="pe-small">Results match every group you use and any box ticked in it; beside each box, how many '
        "you would see. The address follows your choices, to share or bookmark.</p>"
        "</form>"
    )
    bar = (
        '<div class="pe-browse__bar">'
        f'<p id="pe-status" class="pe-status" role="status" aria-live="polite" aria-atomic="true">{len(examples)} examples.</p>'
        '<ul class="pe-chosen" aria-label="Chosen filters" hidden></ul>'
        "</div>"
    )
    results = (
        '<div class="pe-results">'
        '<h2 id="pe-results" class="pe-visually-hidden" tabindex="-1">Results</h2>'
        # Shown by browse.js while the words box has words: best match first (the site's search ranking), or by section.
        '<p class="pe-order" hidden><label for="pe-order">Order</label> <select id="pe-order" name="order">'
        '<option value="relevance">Best match first</option><option value="section">By section</option></select></p>'
        '<p class="pe-corrected" hidden></p>'
        '<p id="pe-empty" class="pe-empty" hidden>No example matches all of these filters. '
        "Remove one of the chosen filters above to see more.</p>"
        f"{example_cards(examples, guide, links)}"
        '<p><button type="button" class="md-button" id="pe-more" hidden>Show more</button></p>'
        "</div>"
    )
    return f'{takeaway_links.forwards_script(guide, links)}{HANDOUT_TRAY}<div class="pe-browse">{form}{bar}{results}</div>'
