"""Links to take-aways: short labels for the section page's table of contents and the browse
page's filter, and the forwards from former ids, so a renamed take-away keeps its links."""

from __future__ import annotations

import json
import re

from macros.base import urls
from macros.load.guide import Guide, Section
from macros.base.text import escape

LABEL_WORDS = 9
CLAUSE_WORDS = 4  # a clause break this far in ends the label: "Keep communication flowing in both directions"
_CLAUSE_END = re.compile(r"[,:;.]$")


def short_label(text: str) -> str:
    """A take-away's opening words: its first clause if that is short enough, else its first LABEL_WORDS words."""
    words = text.split()
    for count, word in enumerate(words[:LABEL_WORDS], 1):
        if count >= CLAUSE_WORDS and _CLAUSE_END.search(word):
            return " ".join(words[:count])[:-1]
    return " ".join(words).rstrip(",:;.") if len(words) <= LABEL_WORDS else " ".join(words[:LABEL_WORDS]).rstrip(",:;") + "…"


def toc_entries(section: Section, guide: Guide) -> list[tuple[str, str]]:
    """(anchor, label) for each of the section's take-aways, in page order."""
    return [(takeaway_id, short_label(guide.takeaways[takeaway_id].text)) for takeaway_id in section.takeaways]


def forwards(guide: Guide) -> dict[str, str]:
    """Each former take-away id and the id it now has."""
    return {former: t.id for t in guide.takeaways.values() for former in t.former_ids}


def forwards_script(guide: Guide, links: urls.Links) -> str:
    """The script that turns former ids in ?takeaway= into current ones before the browse page reads them; empty if none."""
    mapping = forwards(guide)
    if not mapping:
        return ""
    data = escape(json.dumps(mapping, ensure_ascii=True, sort_keys=True))
    src = escape(links.file(urls.script("takeaway-forwards.js")))
    return f'<script src="{src}" data-forwards="{data}"></script>'
