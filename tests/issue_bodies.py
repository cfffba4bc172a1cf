"""Issue bodies as GitHub writes them from an issue form, rendered from the committed form file itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from conftest import ROOT

FORM_FILE = ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-an-example.yml"
BODIES = ROOT / "tests" / "fixtures" / "issue-bodies"


def form_definition(path: Path = FORM_FILE) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def render_body(definition: dict[str, Any], answers: dict[str, Any]) -> str:
    """The Markdown GitHub makes of a submitted form: '### label', then the answer, '_No response_'
    for an empty field, the chosen options joined with ', ', and a '- [X]' or '- [ ]' line per checkbox.

    answers maps element ids to text, or to the option texts chosen or ticked.
    """
    parts = []
    for element in definition["body"]:
        if element["type"] == "markdown":
            continue
        attributes = element["attributes"]
        answer = answers.get(element["id"])
        if element["type"] == "checkboxes":
            ticked = set(answer or ())
            unknown = ticked - {option["label"] for option in attributes["options"]}
            assert not unknown, f"no such checkbox in {element['id']}: {unknown}"
            text = "\n".join(f"- [{'X' if option['label'] in ticked else ' '}] {option['label']}" for option in attributes["options"])
        elif element["type"] == "dropdown":
            chosen = [answer] if isinstance(answer, str) and answer else list(answer or ())
            assert set(chosen) <= set(attributes["options"]), f"no such option in {element['id']}: {chosen}"
            text = ", ".join(chosen)
        else:
            text = answer or ""
        parts.append(f"### {attributes['label']}\n\n{text or '_No response_'}")
    return "\n\n".join(parts)


def options(definition: dict[str, Any], element_id: str) -> list[str]:
    """The option texts of a dropdown, or the labels of a set of checkboxes."""
    element = next(element for element in definition["body"] if element.get("id") == element_id)
    return [option if isinstance(option, str) else option["label"] for option in element["attributes"]["options"]]
