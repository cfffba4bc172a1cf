"""Links that open the repository's GitHub issue forms (.github/ISSUE_TEMPLATE/), or a blank issue, prefilled.

GitHub fills a form's input and textarea fields from query parameters named by field id, and the
issue's title from `title`. It does not fill dropdowns or checkboxes (a dropdown value can even make
it show a blank issue instead of the form), so a tag or take-away is named in the title, and a
take-away also in the Why it works text, for the proposer to tick on the form.

Page feedback is a blank issue with its title and body filled in: the reader sees and edits it on GitHub
before anything is sent, and the page itself sends nothing (no analytics, no script).
"""

from __future__ import annotations

import string

from macros.load.guide import Takeaway, TagValue

PROPOSE_FORM = "propose-an-example.yml"  # written by scripts/issue_form.py
SUGGEST_FORM = "suggest-a-change.yml"


def new_issue_url(repo_url: str, form: str | None = None, **fields: str) -> str:
    """The repository's new-issue page, with form (a file in .github/ISSUE_TEMPLATE/) and its fields filled."""
    query = {"template": form, **fields} if form else fields
    return f"{repo_url.rstrip('/')}/issues/new" + ("?" + "&".join(f"{_quoted(name)}={_quoted(value)}" for name, value in query.items()) if query else "")


# Each byte as urllib.parse.urlencode writes it (quote_plus: letters, digits and _.-~ kept, space as +, the rest
# %XX), in one str.translate: urlencode's own loop over every character costs a build 12 calls an example.
_QUOTED = {byte: chr(byte) if chr(byte) in string.ascii_letters + string.digits + "_.-~" else "+" if byte == 0x20 else f"%{byte:02X}"
           for byte in range(256)}


def _quoted(text: str) -> str:
    return text.encode("utf-8").decode("latin-1").translate(_QUOTED)


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


_NO_PERSONAL_DETAILS = "Please write nothing that could identify a person on probation or anyone else: no names, small places or dates."


def feedback_url(repo_url: str, example_id: str, address: str) -> str:
    """A new issue saying whether the example was useful, naming it by id and address."""
    body = (f"Example: {example_id}\nAddress: {address}\n\n"
            "Was this example useful to you? (yes, partly or no)\n\n\n"
            "What did you use it for, and what would make it more useful?\n\n\n"
            f"{_NO_PERSONAL_DETAILS}\n")
    return new_issue_url(repo_url, title=f"Was this useful: {example_id}", body=body)


def evidence_question_url(repo_url: str, example_id: str, address: str, evidence_label: str) -> str:
    """A new issue questioning the example's evidence, naming it by id, address and the evidence status it shows."""
    body = (f"Example: {example_id}\nAddress: {address}\nEvidence status shown: {evidence_label}\n\n"
            "What I question about its evidence, and why:\n\n\n"
            "A published source for my point (title, publisher, date, web address), if I have one:\n\n\n"
            f"{_NO_PERSONAL_DETAILS}\n")
    return new_issue_url(repo_url, title=f"Question about the evidence: {example_id}", body=body)
