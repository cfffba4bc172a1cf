"""QR codes of the guide's web addresses, made at build time, so a printed page leads back online."""

from __future__ import annotations

import io

import segno

# Scanners read any of the eight mask patterns. Trying all eight for each code, to pick the one a
# scanner finds easiest, took over a third of a 1,000-example build; the tests read every kind of code.
MASK = 0


def svg(address: str) -> bytes:
    """A black-on-white QR code of address as an SVG file, with the quiet zone scanners need."""
    code = segno.make(address, error="m", micro=False, mask=MASK)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=4, border=4, xmldecl=False, dark="#000", light="#fff", title=address)
    return out.getvalue()
