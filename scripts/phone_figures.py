"""Measure the browse and home pages on a phone (390 x 844) in the system Chromium; prints figures.

Usage: python scripts/phone_figures.py [--site DIR]

Browse: the height of the filter form as laid out, how far down the page the words box and
the first result start, whether the first result is within one screen (844 px) below the words
box, where the DRR box is (once its group, or the filter panel of earlier versions, is opened),
the Tab presses from the page's top to the first result's link (and the key presses by the
"Skip to results" link), the filter panel's height once opened (earlier versions), and the
smallest checkbox. Example: the smallest tag chip. Home: whether the "Start from
the person in front of you" links come before the section cards.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _root import ROOT
from _browser import launch, serve
from a11y import PHONE

MAX_TABS = 200

# Layout figures of the browse page, read in the page.
BROWSE_FIGURES = """() => {
  const box = el => el ? el.getBoundingClientRect() : null;
  const form = document.getElementById("pe-filters");
  const drr = document.getElementById("pe-requirement-drr");
  const top = el => el && el.getClientRects().length ? Math.round(box(el).top + window.scrollY) : null;
  const first = document.querySelector(".pe-results .pe-card");
  const sizes = sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null || e.getClientRects().length)
    .map(e => { const r = e.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; });
  const smallest = list => list.length ? list.reduce((a, b) => (a[0] * a[1] <= b[0] * b[1] ? a : b)) : null;
  return {
    formHeight: form && !form.hidden && form.getClientRects().length ? Math.round(box(form).height) : 0,
    firstResultTop: top(first),
    wordsTop: top(document.getElementById("pe-words")),
    drrTop: top(drr),
    drrGroupTop: top(drr && drr.closest("details") && drr.closest("details").querySelector("summary")),
    checkbox: smallest(sizes("#pe-filters input[type=checkbox]")),
    chip: smallest(sizes("a.pe-chip")),
  };
}"""


def tabs_to_first_result(page) -> int | None:
    """Tab presses from the top of a freshly loaded page until focus is on the first result's link."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.pe-results .pe-card:first-child')"):
            return presses
    return None


def keys_with_skip_link(page) -> int | None:
    """Key presses to the first result by the "Skip to results" link (Tab to it, Enter, Tab), if the page has one."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for presses in range(1, 4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href') === '#pe-results'"):
            page.keyboard.press("Enter")
            page.keyboard.press("Tab")
            return presses + 2 if page.evaluate("!!document.activeElement.closest('.pe-results .pe-card:first-child')") else None
    return None


def browse_figures(page, base: str) -> dict:
    page.goto(base + "browse/")
    page.wait_for_load_state("networkidle")
    figures = page.evaluate(BROWSE_FIGURES)
    figures["tabs"] = tabs_to_first_result(page)
    page.goto(base + "browse/")
    page.wait_for_load_state("networkidle")
    figures["skip"] = keys_with_skip_link(page)
    figures["panel"] = None
    if page.query_selector(".pe-filters-toggle"):  # the phone layout's filter panel, opened
        page.click(".pe-filters-toggle")
        opened = page.evaluate(BROWSE_FIGURES)
        figures["panel"], figures["checkbox"] = opened["formHeight"], opened["checkbox"]
        figures["drrTop"], figures["panelWordsTop"], figures["panelFirstResultTop"] = opened["drrTop"], opened["wordsTop"], opened["firstResultTop"]
    elif figures["drrGroupTop"] is not None:  # the DRR box's group, opened
        page.click("details:has(#pe-requirement-drr) > summary")
        opened = page.evaluate(BROWSE_FIGURES)
        figures["drrTop"], figures["checkbox"] = opened["drrTop"], opened["checkbox"]
    return figures


def home_order(page, base: str) -> dict:
    """Page offsets of the person links and of the section cards on the home page."""
    page.goto(base)
    page.wait_for_load_state("networkidle")
    return page.evaluate("""() => {
      const top = el => el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
      return {
        personLinks: top(document.getElementById("start-from-the-person-in-front-of-you")),
        sectionCards: top(document.querySelector(".pe-cards--sections")),
      };
    }""")


def chip_figure(page, base: str, example: str) -> list[int] | None:
    page.goto(base + example)
    page.wait_for_load_state("networkidle")
    return page.evaluate(BROWSE_FIGURES)["chip"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder (default: site/)")
    args = parser.parse_args(argv)
    if not (args.site / "browse" / "index.html").is_file():
        print(f"{args.site}/browse/index.html not found: run `make build` first", file=sys.stderr)
        return 1
    example = next(p for p in sorted((args.site / "examples").glob("*/index.html")) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000])
    from playwright.sync_api import sync_playwright

    server, base = serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3)
            page = context.new_page()
            browse = browse_figures(page, base)
            home = home_order(page, base)
            chip = chip_figure(page, base, example.parent.relative_to(args.site).as_posix() + "/")
            browser.close()
    finally:
        server.shutdown()
    print(f"Phone viewport {PHONE['width']} x {PHONE['height']} CSS px")
    print(f"browse: filter form height as laid out      {browse['formHeight']} px")
    first, words = browse["firstResultTop"], browse["wordsTop"]
    if words is not None:
        print(f"browse: words box starts at                  {words} px")
        print(f"browse: first result starts at               {first} px, {first - words} px below the words box "
              f"({'within' if first - words < PHONE['height'] else 'more than'} one screen)")
    else:  # earlier versions: the words box is in the closed filter panel
        print(f"browse: first result starts at               {first} px, with the filter panel closed (words box not shown)")
        first, words = browse["panelFirstResultTop"], browse["panelWordsTop"]
        print(f"browse: with the panel opened: words box at  {words} px, first result at {first} px, {first - words} px below it "
              f"({'within' if first - words < PHONE['height'] else 'more than'} one screen)")
    if browse["drrGroupTop"] is not None:
        print(f"browse: DRR box's group (closed) at          {browse['drrGroupTop']} px")
    print(f"browse: DRR box, its group or panel opened   {browse['drrTop']} px")
    print(f"browse: Tab presses to the first result      {browse['tabs'] if browse['tabs'] is not None else f'more than {MAX_TABS}'}")
    print(f"browse: keys by 'Skip to results'            {browse['skip']} (Tab to the link, Enter, Tab)" if browse["skip"] else
          "browse: keys by 'Skip to results'            no such link")
    print(f"browse: filter panel height when opened      {browse['panel']} px" if browse["panel"] is not None else
          "browse: filter panel height when opened      no panel: the form is always laid out")
    print(f"browse: smallest checkbox                    {browse['checkbox'][0]} x {browse['checkbox'][1]} px")
    print(f"example page: smallest tag chip               {chip[0]} x {chip[1]} px" if chip else "example page: no chips")
    print(f"home: 'Start from the person' links at       {home['personLinks']} px; section cards at {home['sectionCards']} px "
          f"({'links first' if home['personLinks'] < home['sectionCards'] else 'cards first'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
