"""Print how tall pages of a built site are at a phone's and a laptop's width, in the system Chromium.

Usage: python scripts/page_heights.py [--site site] [PATH ...]   (default: tags/ coverage/)
Build first (make build). Heights are the document's scroll height in CSS pixels.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _root import ROOT
from _browser import launch, serve

WIDTHS = (390, 1280)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("paths", nargs="*", default=["tags/", "coverage/"], help="pages, as paths under the site")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site: run `make build` first, or give --site", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    server, base = serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for path in args.paths:
                heights = []
                for width in WIDTHS:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(base + path, wait_until="load")
                    heights.append(f"{page.evaluate('document.documentElement.scrollHeight')} px at {width} px")
                    page.close()
                print(f"/{path}: " + ", ".join(heights))
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
