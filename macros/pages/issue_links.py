"""Links that open the repository's GitHub issue forms (.github/ISSUE_TEMPLATE/), prefilled.

GitHub fills a form's input and textarea fields from query parameters named by field id, and the
issue's title from `title`. It does not fill dropdowns or checkboxes (a dropdown value can even make
it show a blank issue instead of the form), so a tag or take-away is named in the title, and a
take-away also in the Why it works text, for the proposer to tick on the form.
"""

from __future__ import annotations

from urllib.parse import urlencode

from macros.load.guide import Takeaway, TagValue

PROPOSE_FORM = "propose-an-example.yml"  # written by scripts/issue_form.py
SUGGEST_FORM = "suggest-a-change.yml"


def new_issue_url(repo_url: str, form: str | None = None, **fields: str) -> str:
    """The repository's new-issue page, with form (a file in .github/ISSUE_TEMPLATE/) and its fields filled."""
    query = {"template": form, **fields} if form else fields
    return f"{repo_url.rstrip('/')}/issues/new" + (f"?{urlencode(query)}" if query else "")


def suggest_change_url(repo_url: str, example_id: str) -> str:
    """The "Suggest a change to an example" form, naming the example."""
    return new_issue_url(repo_url, SUGGEST_FORM, example=example_id, title=f"Change to an example: {example_id}")


def propose_for_takeaway(repo_url: str, takeaway: Takeaway) -> str:
    """The "Propose an example" form for an example of one take-away."""
    return new_issue_url(repo_url, PROPOSE_FORM, title=f"Example: for the take-away {takeaway.id}",
                         why_it_works=f"It illustrates the take-away ({takeaway.id}): {takeaway.text}\n\n")


def propose_for_tag(repo_url: str, facet_label: str, value: TagValue) -> str:
    """The "Propose an example" form for an example carrying one tag."""
    return new_issue_url(repo_url, PROPOSE_FORM, title=f"Example: tagged {facet_label}: {value.label}")
