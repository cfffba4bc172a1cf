"""Audit built pages with axe-core in the system Chromium, in every state a reader can put them in.

Usage: python scripts/a11y.py [--site DIR] [--sample] [--every-impact] [--json FILE]

Every page is checked in the light and dark colour schemes as loaded; the home page also with
Material's search dialog open and with search results showing (these two in the header, which holds
the dialog and is the same on every page: tests/test_site_build.py pins that); the browse page also
with filters applied, with filters that match nothing, with a chosen filter's chip hovered, and on a
phone and at 320 px with every filter group open. A violation is any failure of the WCAG 2.0-2.2 A
and AA rules, of any impact, or a serious or critical failure of axe's best-practice rules. Prints
the violations by rule and state and exits 1 if there is any. --sample checks one page of each kind
and a few examples instead of every page; --every-impact also counts moderate and minor
best-practice failures (heading order, landmark names), which never fail the run.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import multiprocessing
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from _root import ROOT
from _browser import launch, serve

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SERIOUS = {"serious", "critical"}
SCHEMES = ("light", "dark")
PALETTES = {"light": "default", "dark": "slate"}  # Material's name for each scheme, on <body>
PHONE = {"width": 390, "height": 844}
NARROW = {"phone, every filter group open": PHONE, "320 px, every filter group open": {"width": 320, "height": 640}}
SEARCH_WORD = "naloxone"  # a word with many results, examples and hand-written pages alike
# With search open, only the header changes: it holds Material's search dialog and its overlay, and the page
# beneath, audited whole as loaded, is covered. Auditing just the header cuts a browse page's audit from
# about 13 s to 2 s, with nothing that search opens left out.
SEARCH_STATES = {"search open", "search results"}
SEARCH_CONTEXT = {"include": [[".md-header"]]}
# The header is the same markup, with the same style sheets, on every page but for the page's title and its
# relative addresses (tests/test_site_build.py pins that), so search is opened on one page, not on each.
SEARCH_PAGE = ""
BROWSE_STATES = {  # filters applied comes last: the states after these start from it
    "no example matches": "browse/?population=women&words=zzzz",
    "filters applied": "browse/?population=women&substance=alcohol&words=drink",  # a chip for each kind of filter
}


@dataclasses.dataclass(frozen=True)
class Violation:
    """One rule failed on one page in one state."""

    page: str
    scheme: str
    state: str
    rule: str
    impact: str
    nodes: int
    help: str
    target: str  # the first failing element's selector
    wcag: bool  # a WCAG A or AA rule, rather than best practice

    @property
    def fails(self) -> bool:
        """Whether it fails the audit: any WCAG failure, and serious or critical best practice."""
        return self.wcag or self.impact in SERIOUS


def page_paths(site: Path, sample: bool = False) -> list[str]:
    """Every built HTML page as a path under the site root, and a handout of three examples; with sample, every page
    but the examples and packs, one pack, those three examples and their handout."""
    paths = sorted(
        ("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/") if p.name == "index.html" else p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")[:2000]  # forwarding pages for former ids
    )
    examples = [p for p in paths if p.startswith("examples/")]
    three = examples[:: max(1, len(examples) // 3)][:3]
    handout = "handout/?ids=" + ",".join(p.split("/")[1] for p in three)  # a handout with examples in it, as a trainer makes one
    if not sample:
        return [*paths, handout]
    packs = [p for p in paths if p.startswith("packs/")]
    return [p for p in paths if not p.startswith(("examples/", "packs/"))] + packs[:1] + three + [handout]


def audit(page, label: str, scheme: str, state: str, every_impact: bool = False, context: dict | str | None = None,
          rules: list[str] | None = None) -> list[Violation]:
    """Run axe on the page as it is now, or on the part context names; return the failures that count (with
    every_impact, every failure). rules, if given, runs only those rules."""
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": [*WCAG_TAGS, "best-practice"]}
    found = []
    for rule in run_axe(page, context, {"runOnly": only, "resultTypes": ["violations"]}):
        wcag = any(tag in WCAG_TAGS for tag in rule["tags"])
        found.append(Violation(label, scheme, state, rule["id"], rule["impact"] or "", rule["nodes"], rule["help"], rule["target"], wcag))
    return [v for v in found if v.fails or every_impact]


def run_axe(page, context: dict | str | None, options: dict) -> list[dict]:
    """axe-core's violations on the page: each rule's id, impact, tags, help, node count and first failing
    element's selector. axe is put into the page once per document, not once per audit of it, and only
    those fields come back from the page."""
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(
        """([context, options]) => axe.run(context || document, options).then(results => results.violations.map(rule => ({
             id: rule.id, impact: rule.impact, tags: rule.tags, help: rule.help, nodes: rule.nodes.length,
             target: rule.nodes.length ? rule.nodes[0].target.map(String).join(" ") : ""})))""",
        [context, options],
    )


def open_search(page) -> None:
    """Open Material's search dialog the way a reader does: the box in the header, or its icon on a phone."""
    if page.is_visible("input.md-search__input"):
        page.click("input.md-search__input")
    else:
        page.click(".md-header label[for='__search']")
    page.wait_for_function("() => document.getElementById('__search').checked")
    settle(page)


def settle(page) -> None:
    """Wait two frames, so what listens for a changed screen size (Material's breakpoints, the menu's roles in
    material-fixes.js) has run, then for running transitions to end: halfway through a fade, colours fail
    contrast that they pass after."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def states(page, base: str, path: str) -> Iterator[str]:
    """Put the page in each state in turn, yielding the state's name once it is ready."""
    page.goto(base + path)  # every script is deferred, so all but what they fetch has run by the load event
    if path.startswith("handout/?"):  # audited filled with its examples, as a trainer sees it
        page.wait_for_function("() => document.getElementById('pe-handout-status').textContent.includes('in this handout')")
    if path == "browse/":  # shown once its index has come
        browse_ready(page)
    settle(page)
    yield "as loaded"
    if path == "browse/":
        yield from browse_states(page, base)
    if path != SEARCH_PAGE:
        return
    open_search(page)
    yield "search open"
    page.keyboard.type(SEARCH_WORD)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(300)  # results render in batches as the worker answers
    settle(page)
    yield "search results"


def browse_ready(page) -> None:
    """Wait until the browse page shows the view its address asks for, words looked up too (its status line
    then says "All 100 examples." or "5 of 100 examples match." where the page came with "100 examples."),
    and has put in every card."""
    page.wait_for_selector("#pe-filters:not([hidden])")
    page.wait_for_function("() => /^(All [0-9]+|[0-9]+ of [0-9]+) examples/.test(document.getElementById('pe-status').textContent)")
    every_card_in(page)


def every_card_in(page) -> None:
    """Wait until the browse page has put in every card it shows: it adds those past the first screen just
    after drawing it, with aria-busy on the list meanwhile."""
    page.wait_for_selector(".pe-results .pe-cards:not([aria-busy])", state="attached")


def browse_states(page, base: str) -> Iterator[str]:
    """The browse page filtered, matching nothing, with a chosen filter's chip hovered, and on a phone and at
    320 px with every filter group open."""
    for name, address in BROWSE_STATES.items():
        page.goto(base + address)
        browse_ready(page)
        yield name
    page.hover(".pe-chosen [data-remove]")
    settle(page)
    yield "a chosen filter's chip hovered"
    page.mouse.move(0, 0)
    wide = page.viewport_size
    for name, size in NARROW.items():
        page.set_viewport_size(size)
        for summary in page.query_selector_all("#pe-filters details:not([open]) > summary"):
            summary.click()
        page.evaluate("() => window.scrollTo(0, 0)")  # as in every other state: under the sticky header, a box would be "obscured"
        settle(page)
        yield name
    page.set_viewport_size(wide)


def audit_pages(browser, base: str, paths: list[str], scheme: str, every_impact: bool = False) -> tuple[list[Violation], int]:
    """Audit every path in every state in one colour scheme, in a browser context of its own; returns the
    violations and the number of audits."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(15000)
    violations: list[Violation] = []
    audits = 0
    try:
        for path in paths:
            for state in states(page, base, path):
                shown = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
                if shown != PALETTES[scheme]:  # an audit of the other scheme would pass for this one
                    raise RuntimeError(f"{path or '/'} ({state}) shows the {shown!r} palette, not {scheme}'s {PALETTES[scheme]!r}")
                context_part = SEARCH_CONTEXT if state in SEARCH_STATES else None
                violations += audit(page, path or "/", scheme, state, every_impact, context_part)
                audits += 1
    finally:
        context.close()
    return violations, audits


def audit_scheme(base: str, paths: list[str], scheme: str, every_impact: bool = False) -> tuple[list[Violation], int]:
    """audit_pages in a browser of its own: one process of run()'s pool."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return audit_pages(browser, base, paths, scheme, every_impact)
        finally:
            browser.close()


def run(site: Path, paths: list[str], every_impact: bool = False) -> tuple[list[Violation], int]:
    """Audit every path in both schemes, one process each; returns the violations and the number of audits."""
    server, base = serve(site)
    try:
        # Started afresh, not forked: the caller may be running Playwright itself.
        with ProcessPoolExecutor(max_workers=len(SCHEMES), mp_context=multiprocessing.get_context("spawn")) as pool:
            done = list(pool.map(audit_scheme, [base] * len(SCHEMES), [paths] * len(SCHEMES), SCHEMES, [every_impact] * len(SCHEMES)))
    finally:
        server.shutdown()
    return [v for found, _ in done for v in found], sum(count for _, count in done)


def report(violations: list[Violation], audits: int) -> str:
    """Counts by rule and by state, then each rule's first failing element."""
    lines = [f"{audits} audits, {len(violations)} violation(s)."]
    by_rule = collections.Counter(f"{v.rule} ({v.impact})" for v in violations)
    by_state = collections.Counter(f"{v.state}, {v.scheme}" for v in violations)
    if violations:
        lines.append("By rule (pages x states x schemes failing):")
        lines += [f"  {count:4d}  {rule}" for rule, count in by_rule.most_common()]
        lines.append("By state and scheme:")
        lines += [f"  {count:4d}  {state}" for state, count in sorted(by_state.items())]
        lines.append("First failure of each rule:")
        seen = set()
        for v in violations:
            if v.rule not in seen:
                seen.add(v.rule)
                lines.append(f"  {v.rule}: {v.help} - {v.page} ({v.state}, {v.scheme}): {v.target}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder (default: site/)")
    parser.add_argument("--sample", action="store_true", help="one page of each kind and three examples, as CI checks")
    parser.add_argument("--every-impact", action="store_true", help="also count moderate and minor best-practice failures (reported, never failing)")
    parser.add_argument("--json", type=Path, help="also write every violation to this file")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html not found: run `make build` first", file=sys.stderr)
        return 1
    paths = page_paths(args.site, args.sample)
    violations, audits = run(args.site, paths, args.every_impact)
    print(f"{len(paths)} pages.")
    print(report(violations, audits))
    if args.json:
        args.json.write_text(json.dumps([dataclasses.asdict(v) for v in violations], indent=1), encoding="utf-8")
    return 1 if any(v.fails for v in violations) else 0


if __name__ == "__main__":
    sys.exit(main())
