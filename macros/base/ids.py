"""Example ids: an id made from a title, for `make new` and the issue-form converter alike."""

from __future__ import annotations

import re
import unicodedata

SUGGESTED_LENGTH = 60  # a made-up id stops at a whole word before this, so addresses stay short


def id_from_title(title: str, max_length: int = 80) -> str:
    """Lowercase ASCII words of title joined by hyphens ('' if it has no letters or digits)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    made = ""
    for word in re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]", "", ascii_title)):
        if made and len(made) + 1 + len(word) > SUGGESTED_LENGTH:
            break
        made = f"{made}-{word}" if made else word
    return made[:max_length].rstrip("-")
