"""The maintainers' page, /review-dates/: every date by which an example must be reviewed again or one of
its statements checked, those that have passed first. Linked from the about and coverage pages, not the nav."""

from __future__ import annotations

import datetime as dt

from macros.base import urls
from macros.base.text import escape, long_date
from macros.load.examples import Due, Example
from macros.pages.common import example_url, labelled_cells
from macros.pages.generated import GeneratedPage, title_for_templates

TITLE = "Review dates"


def dates(examples: list[Example]) -> list[tuple[Due, Example]]:
    """Every review-by and check date with its example, soonest first: those that have passed come first."""
    return sorted(((due, example) for example in examples for due in example.dues), key=lambda pair: (pair[0].by, pair[1].id))


def render(examples: list[Example], today: dt.date, layout: urls.Layout) -> GeneratedPage:
    links = layout.links_from(urls.REVIEW_DATES)
    listed = dates(examples)
    overdue = sum(due.is_overdue(today) for due, _ in listed)
    rows = "".join(
        f'<tr><td><time datetime="{due.by.isoformat()}">{long_date(due.by)}</time></td>'
        f'<td>{"<strong>Passed</strong>" if due.is_overdue(today) else "To come"}</td>'
        f'<td><a href="{example_url(links, example.id)}">{escape(example.title)}</a><br><code>{escape(example.source_path)}</code></td>'
        f'<td>{"Review the whole example" if due.what is None else "Check: " + escape(due.what)}</td></tr>'
        for due, example in listed
    )
    html = (
        "<p>For the guide's maintainers: every date by which an example must be reviewed again, or a statement in it "
        "checked, with the dates that have passed first. An example whose date has passed tells its readers to check "
        "before relying on it, and <code>make validate</code> lists the same dates as warnings. To clear one, check the "
        "example against its sources and the law, then set <code>last_reviewed</code> and a new <code>review_by</code>, "
        "or update the statement and remove or re-date its check.</p>"
        f'<p>{overdue} of {len(listed)} dates had passed when the site was built on '
        f'<time datetime="{today.isoformat()}">{long_date(today)}</time>.</p>'
        + labelled_cells(
            '<div class="pe-coverage"><table><caption>Review and check dates, those that have passed first</caption>'
            '<thead><tr><th scope="col">Due by</th><th scope="col">State</th><th scope="col">Example</th><th scope="col">What to do</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")
    )
    meta = {
        "title": title_for_templates(TITLE),
        "description": escape("Every review-by and check date of the guide's examples, for its maintainers."),
        "search": {"exclude": True},  # a list for maintainers, not an answer to a practitioner's search
    }
    return GeneratedPage(meta, html)
