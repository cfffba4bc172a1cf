"""Time the browse page's filter clicks over a large library (5,000 examples by default); prints figures.

Usage: python scripts/browse_benchmark.py [--size N] [--site DIR] [--keep DIR] [--browse-only [--library DIR]] [--profile FILE]

Unless --site names an already built site, it builds a copy of this project whose library holds N
examples (the real records and scripts/benchmark.py's varied copies of them), strictly, into a
temporary folder (--keep DIR builds into DIR and leaves it there). A full build of 5,000 examples
takes many minutes; --browse-only instead builds this project as it is and rewrites the built
browse page and its index for the N-example library (made as above, or the records already in
--library DIR, such as a folder --keep left), with the page's own code (macros/pages/browse.py):
the same page as a full build, whitespace aside, though the words box's search index then holds
the real records only, which the clicks do not use. It serves the site on loopback,
opens the browse page in the system Chromium at 1280 x 900 and makes the same 20 varied filter
clicks twice: ticking and unticking boxes in one group, in two and in several at once, in large
groups and small. It prints, worst and median of the 20:

- script and layout: from a click on the box's label until the page's handlers have run and the
  page has been laid out again (style and layout forced), timed in the page;
- every card in: the same, until the cards past the first screen, which the page puts in just after
  the frame showing the first ones is drawn, are in and laid out too (a frame's wait included);
- to the next paint: Chromium's Event Timing duration for a real mouse click (Playwright), from
  the input until the frame showing its result is presented; Chromium reports it in steps of 8 ms
  and only from 16 ms, so a click it does not report took less than 16 ms.

--profile FILE also writes a DevTools CPU profile of the 20 clicks, to open in Chromium's
Performance panel. Not part of CI: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _root import ROOT
from _browser import launch, serve
from benchmark import ENV, make_project, run_build

from macros.base import urls
from macros.load import project as loading
from macros.pages import browse

# (group, position of the box in its group): ticked in this order; a box already ticked is unticked.
CLICKS = (
    ("section", 0), ("substance", 0), ("population", 1), ("requirement", 0), ("takeaway", 3),
    ("takeaway", 3), ("population", 1), ("theme", 2), ("stage", 1), ("evidence", 0),
    ("evidence", 0), ("section", 0), ("section", 2), ("substance", 1), ("substance", 0),
    ("harm-reduction", 0), ("provenance", 0), ("requirement", 0), ("stage", 1), ("theme", 2),
)

# Clicks the label of the given box; returns the milliseconds until the page is laid out again, and until it
# is laid out with every card put in (browse.js puts in those past the first screen after a frame is drawn).
TIME_ONE_CLICK = """async ([name, position]) => {
  const label = document.querySelectorAll(`input[name="${name}"]`)[position].labels[0];
  const list = document.querySelector('.pe-results .pe-cards');
  const start = performance.now();
  label.click();
  document.body.getBoundingClientRect();
  const drawn = performance.now() - start;
  while (list.hasAttribute('aria-busy')) await new Promise(done => setTimeout(done, 0));
  document.body.getBoundingClientRect();
  return [drawn, performance.now() - start];
}"""

WATCH_EVENTS = """() => {
  window.peEventTimes = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (entry.name === "click") window.peEventTimes.push(entry.duration);
  }).observe({type: "event", durationThreshold: 16, buffered: false});
}"""


def figures(times: list[float]) -> str:
    return f"worst {max(times):6.1f} ms, median {statistics.median(times):6.1f} ms"


def open_browse(page, base: str) -> None:
    page.goto(base + "browse/", timeout=300_000)  # thousands of cards load slowly on a busy machine
    page.wait_for_function("() => /examples/.test(document.getElementById('pe-status').textContent) && "
                           "!document.getElementById('pe-filters').hidden && document.querySelector('[data-count]').textContent !== ''",
                           timeout=300_000)
    page.wait_for_load_state("networkidle")


def time_clicks(browser, base: str, profile: Path | None) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_browse(page, base)
    examples = page.evaluate("() => document.getElementById('pe-status').textContent")
    if profile:
        session = context.new_cdp_session(page)
        session.send("Profiler.enable")
        session.send("Profiler.start")
    timed = [page.evaluate(TIME_ONE_CLICK, list(click)) for click in CLICKS]
    if profile:
        profile.write_text(json.dumps(session.send("Profiler.stop")["profile"]), encoding="utf-8")
    open_browse(page, base)
    page.evaluate(WATCH_EVENTS)
    painted = []
    for name, position in CLICKS:
        page.evaluate("() => { window.peEventTimes = []; }")
        label = page.locator(f'input[name="{name}"]').nth(position).locator("xpath=following-sibling::label")
        label.scroll_into_view_if_needed()
        label.click()
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 50)))")
        reported = page.evaluate("() => window.peEventTimes")
        painted.append(max(reported) if reported else None)
    final = page.evaluate("() => document.getElementById('pe-status').textContent")
    context.close()
    return {"examples": examples, "in_page": [first for first, _ in timed], "every_card": [every for _, every in timed],
            "painted": painted, "final": final}


def browse_only_site(folder: Path, library: Path) -> Path:
    """This project built as it is into folder/site, its browse page and index rewritten for library's records."""
    site = folder / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=ROOT, env=ENV, check=True)
    loaded = loading.load(library)
    page = site / "browse" / "index.html"
    built = page.read_text(encoding="utf-8")
    start, end = built.index('<div class="pe-browse">'), built.index('<script src="../assets/javascripts/browse.js"')
    html = browse.page_html(loaded.examples, loaded.guide, urls.Links("../"))  # as the built page's own links
    page.write_text(built[:start] + html[html.index('<div class="pe-browse">'):] + "\n" + built[end:], encoding="utf-8")
    (site / "browse" / "index.json").write_text(browse.index_json(loaded.examples, loaded.guide), encoding="utf-8")
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000, help="examples in the library (default 5,000)")
    parser.add_argument("--site", type=Path, help="an already built site to time instead of building one")
    parser.add_argument("--keep", type=Path, help="build the project into this folder and keep it")
    parser.add_argument("--browse-only", action="store_true", help="build this project as it is, then rewrite only its browse page for N examples")
    parser.add_argument("--library", type=Path, help="with --browse-only: a project folder whose records to use (default: make N)")
    parser.add_argument("--profile", type=Path, help="write a CPU profile of the clicks (.cpuprofile) here")
    args = parser.parse_args(argv)
    site = args.site
    if site is None and args.browse_only:
        folder = args.keep or Path(tempfile.mkdtemp(prefix="browse-benchmark-"))
        folder.mkdir(parents=True, exist_ok=True)
        library = args.library or make_project(folder / "library", args.size)
        site = browse_only_site(folder, library)
    elif site is None:
        folder = args.keep or Path(tempfile.mkdtemp(prefix="browse-benchmark-"))
        folder.mkdir(parents=True, exist_ok=True)
        project = make_project(folder, args.size)
        build = run_build(project)
        print(f"built {args.size} examples in {build['build_s']:.0f} s into {project / 'site'}")
        site = project / "site"
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright, reader=True)
            result = time_clicks(browser, base, args.profile)
            browser.close()
    finally:
        server.shutdown()
    painted = [time if time is not None else 16.0 for time in result["painted"]]
    unreported = sum(time is None for time in result["painted"])
    print(f"browse page of {site}: {result['examples']} ({len(CLICKS)} clicks; afterwards: {result['final']})")
    print(f"  script and layout, in the page:   {figures(result['in_page'])}")
    print(f"  every card in and laid out:       {figures(result['every_card'])}")
    print(f"  to the next paint (Event Timing): {figures(painted)}"
          f" ({unreported} of {len(CLICKS)} under 16 ms, counted as 16)")
    print("  each click, script and layout (ms): " + " ".join(f"{time:.0f}" for time in result["in_page"]))
    print("  each click, to the next paint (ms): " + " ".join("-" if time is None else f"{time:.0f}" for time in result["painted"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
