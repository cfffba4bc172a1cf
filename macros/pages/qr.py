"""QR codes of the guide's web addresses, made at build time, so a printed page leads back online."""

from __future__ import annotations

import html

import zxingcpp

# The code is made by zxing-cpp (compiled: about a fifth of the time the pure-Python segno took, which was a
# tenth of a 5,000-example build's CPU), and drawn here as one SVG path: a line for each run of dark modules.
SCALE = 4  # pixels a module
BORDER = 4  # modules of light quiet zone around the code, as scanners need
_DARK = bytes(1 if value < 128 else 0 for value in range(256))  # the code's image: one byte a module, dark as 1


def svg(address: str) -> bytes:
    """A black-on-white QR code of address (error correction level M) as an SVG file, with its quiet zone."""
    code = zxingcpp.create_barcode(address, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    height, width = image.shape
    modules = image.tobytes().translate(_DARK)
    lines = [f"M{BORDER} {BORDER}.5"]  # then each run as a move from the end of the last one, which is shorter
    x = y = 0
    for row_number in range(height):
        row = modules[row_number * width : (row_number + 1) * width]
        start = row.find(1)
        while start >= 0:
            end = row.find(0, start)
            end = width if end < 0 else end
            lines.append(f"m{start - x} {row_number - y}h{end - start}")
            x, y = end, row_number
            start = row.find(1, end)
    size = width + 2 * BORDER
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size * SCALE}" height="{(height + 2 * BORDER) * SCALE}">'
        f"<title>{html.escape(address, quote=False)}</title><g transform=\"scale({SCALE})\">"
        f'<path fill="#fff" d="M0 0h{size}v{height + 2 * BORDER}h-{size}z"/><path stroke="#000" d="{"".join(lines)}"/></g></svg>'
    ).encode()
