"""Example ids: an id made from a title, for `make new` and the issue-form converter alike, and the short code of an id in handout addresses."""

from __future__ import annotations

import hashlib
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


# A handout's short address lists its examples by code: four characters each, from a hash of the id,
# so a code never changes while the id stays, whatever examples are added, and needs no list to keep.
# Crockford's base 32 (no i, l, o or u), so a code typed from paper is not misread.
HANDOUT_CODE_LENGTH = 4
_CODE_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def handout_code(example_id: str) -> str:
    """The example's code in short handout addresses (/handout/?h=...): 20 bits of the id's SHA-256."""
    number = int.from_bytes(hashlib.sha256(example_id.encode("utf-8")).digest()[:4], "big") >> (32 - 5 * HANDOUT_CODE_LENGTH)
    return "".join(_CODE_ALPHABET[(number >> (5 * place)) & 31] for place in reversed(range(HANDOUT_CODE_LENGTH)))
