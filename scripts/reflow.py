"""Check that no page scrolls sideways at 320 CSS px (a phone, or 400% zoom of a 1,280 px window: WCAG 1.4.10), in the
system Chromium; prints each page that does, with its widest element, and a count.

Usage: python scripts/reflow.py [--site DIR] [PATH ...]   (default: every kind of page; build first with make build)

A page fails if the page itself is wider than the window, or if a box in it scrolls sideways (such as a wide table
in Material's scrolling wrapper), since either makes a reader scroll in two directions to read one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _root import ROOT
from _browser import launch, serve

from macros.base import urls
from macros.load.guide import load_guide

WIDTH = 320

# What scrolls sideways on the page, read in the page: the page's own width, the boxes that scroll sideways, and the
# element reaching furthest right (the one to fix first), each named by tag, id and classes.
SIDEWAYS = """() => {
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    [...el.classList].slice(0, 3).map(c => "." + c).join("");
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const width = document.documentElement.clientWidth;
  const all = [...document.body.querySelectorAll("*")].filter(shown);
  const scrolling = all.filter(el => el.clientWidth > 0 && ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
    .map(el => name(el) + " (" + el.scrollWidth + " px wide in " + el.clientWidth + " px)");
  let widest = null, right = width;
  for (const el of all) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > right + 1) { right = box.right; widest = el; }
  }
  return {pageWidth: document.documentElement.scrollWidth, width, scrolling,
          widest: widest ? name(widest) + " (right edge at " + Math.round(right) + " px)" : null};
}"""


def every_kind_of_page(site: Path) -> list[str]:
    """Paths of each kind of page in a built site: every hand-written page (home, sections, browse, glossary, about,
    contribute, evidence, coverage, tags...), the first and last example, review dates, every pack, a handout with
    three examples, and the 404 page."""
    written = sorted("" if p.stem == "index" else f"{p.stem}/" for p in (ROOT / "docs").glob("*.md"))
    sections = [urls.section(section.id) for section in load_guide(ROOT).sections]  # made from sections.yaml, not docs/
    examples = sorted(p.name for p in (site / "examples").iterdir() if (p / "index.html").is_file()
                      and 'http-equiv="refresh"' not in (p / "index.html").read_text(encoding="utf-8"))
    packs = sorted(f"packs/{p.name}/" for p in (site / "packs").iterdir() if p.is_dir())
    handout = "handout/?ids=" + ",".join(examples[:3])
    return [*written, *sections, f"examples/{examples[0]}/", f"examples/{examples[-1]}/", "review-dates/", *packs, handout, "404.html"]


def sideways(page, base: str, path: str) -> list[str]:
    """What scrolls sideways on the page at path, at 320 px: empty if nothing does."""
    page.goto(base + path, wait_until="load")
    if path.startswith("handout/"):
        page.wait_for_selector(".pe-handout-example h2")
    found = page.evaluate(SIDEWAYS)
    problems = [f"scrolls inside {box}" for box in found["scrolling"]]
    if found["pageWidth"] > found["width"]:
        problems.insert(0, f"the page is {found['pageWidth']} px wide in {found['width']} px; widest: {found['widest']}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("paths", nargs="*", help="pages, as paths under the site (default: every kind of page)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site: run `make build` first, or give --site", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    paths = args.paths or every_kind_of_page(args.site)
    failing = 0
    server, base = serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": WIDTH, "height": 640})
            for path in paths:
                problems = sideways(page, base, path)
                failing += bool(problems)
                for problem in problems:
                    print(f"/{path}: {problem}")
            browser.close()
    finally:
        server.shutdown()
    print(f"{failing} of {len(paths)} pages scroll sideways at {WIDTH} px.")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
