"""Print pages of the built site to A4 PDF in the system Chromium and print the figures.

Usage: python scripts/print_figures.py [--site site] [--out DIR] [--ids a,b,c,d] [--all-examples]

For the typical (median-length) example page, the longest example page, one page of each
other type, a section pack and a handout of four examples (the --ids, or the examples at the
20th, 40th, 60th and 80th percentiles of length), printed in full and in the compact layout,
it prints the number of A4 pages, the computed size of body text in print in points, and
whether text and background print black on white in both colour schemes. The PDFs are kept
in --out to look at.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _root import ROOT
from _browser import launch, serve

from macros.load import project

COMPACT = "#pe-handout-layout-compact"  # the handout page's compact print layout
# The body text of each page type: an example's prose, or the first plain paragraph of the article.
BODY_TEXT = (".md-typeset .pe-prose p", ".md-typeset > p:not([class])", ".md-typeset .pe-intro", ".md-typeset p")


def example_length(example) -> int:
    """How much an example has to print: its prose, lists and sources, in characters."""
    parts = [example.summary] + [prose.source for prose in example.markdown]
    parts += [source.title + source.publisher for source in example.sources]
    return sum(len(part) for part in parts)


def page_count(pdf: bytes) -> int:
    """Pages in a PDF made by Chromium: one /Type /Page object per page (the tree's root is /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def _pdf(page, url: str, compact: bool = False) -> bytes:
    page.emulate_media(media="screen")
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if compact:
        page.wait_for_function("() => document.getElementById('pe-handout-status').textContent.includes('in this handout')")
        page.check(COMPACT)
    page.emulate_media(media="print")
    return page.pdf(format="A4", print_background=True, prefer_css_page_size=True)


def margin_colour(pdf: bytes) -> str:
    """The colour printed in the first sheet's top left corner, read from the PDF with pdftoppm (poppler)."""
    try:
        image = subprocess.run(["pdftoppm", "-r", "20", "-f", "1", "-l", "1", "-singlefile"], input=pdf, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unmeasured (pdftoppm is missing: make install-browser)"
    # PPM: "P6", width, height and maximum value as text, then one byte per channel.
    header = re.match(rb"P6\s+\d+\s+\d+\s+\d+\s", image)
    return colour("rgb({}, {}, {})".format(*image[header.end():header.end() + 3]))


def colour(css: str) -> str:
    """A computed colour in words where it is black or white: rgba(0, 0, 0, 0.87) is '87% black'."""
    found = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", css)
    if not found:
        return css
    rgb, alpha = tuple(map(int, found.groups()[:3])), float(found.group(4) or 1)
    name = {(0, 0, 0): "black", (255, 255, 255): "white"}.get(rgb, css)
    return name if alpha == 1 or name == css else f"{alpha:.0%} {name}"


def measure(pages: dict, url: str, pdf_path: Path, compact: bool = False) -> dict:
    """Page count, body text size in points and print colours for one page, in each scheme's browser context."""
    figures = {}
    for scheme, page in pages.items():
        page.emulate_media(media="screen")
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if "handout/" in url:
            page.wait_for_function("() => document.getElementById('pe-handout-status').textContent.includes('in this handout')")
        if compact:
            page.check(COMPACT)
        page.emulate_media(media="print")
        style = page.evaluate(
            """selectors => {
                const body = selectors.map(s => document.querySelector(s)).find(Boolean);
                const css = getComputedStyle(body);
                // What shows behind the text: the nearest painted background, from the page outwards.
                const paper = [document.querySelector('article'), document.querySelector('.md-main'), document.body, document.documentElement]
                    .map(e => getComputedStyle(e).backgroundColor).find(c => c !== 'rgba(0, 0, 0, 0)');
                return {size: parseFloat(css.fontSize) * 0.75, text: css.color, paper: paper,
                        overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth};
            }""",
            BODY_TEXT,
        )
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        if scheme == "light":
            pdf_path.write_bytes(pdf)
            figures["pages"] = page_count(pdf)
            # Chromium shrinks a page wider than the paper to fit, so text would print smaller than its size.
            figures["body_pt"] = f"{style['size']:.1f}" + (" (shrunk)" if style["overflow"] else "")
        figures[scheme] = f"{colour(style['text'])} on {colour(style['paper'])}, margins {margin_colour(pdf)}"
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a site built with make build (default: site/)")
    parser.add_argument("--out", type=Path, default=None, help="where to keep the PDFs (default: a temporary folder)")
    parser.add_argument("--ids", default="", help="the handout's examples, comma-separated (default: four of typical lengths)")
    parser.add_argument("--all-examples", action="store_true", help="also count the A4 pages of every example page, and of each example alone in a compact handout")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        print(f"{args.site} has no built site: run `make build` first", file=sys.stderr)
        return 1
    data = project.load(ROOT)
    by_length = sorted(data.examples, key=example_length)
    typical = by_length[len(by_length) // 2]
    longest = by_length[-1]
    handout_ids = args.ids.split(",") if args.ids else [by_length[len(by_length) * k // 5].id for k in (1, 2, 3, 4)]
    first_section = data.guide.sections[0].id
    pages = {
        f"example, typical: {typical.id}": f"examples/{typical.id}/",
        f"example, longest: {longest.id}": f"examples/{longest.id}/",
        "home": "",
        f"section ({first_section})": f"{first_section}/",
        "browse": "browse/",
        "glossary": "glossary/",
        "tags": "tags/",
        "about": "about/",
        "contribute": "contribute/",
    }
    if (args.site / "packs" / first_section / "index.html").exists():
        pages[f"section pack ({first_section})"] = f"packs/{first_section}/"
    handout = "handout/?ids=" + ",".join(handout_ids) if (args.site / "handout" / "index.html").exists() else None
    if handout:
        pages[f"handout of {len(handout_ids)}, in full"] = handout
    print(f"Typical example: the median of {len(by_length)} by characters to print ({example_length(typical)}; "
          f"longest {example_length(longest)}; median {statistics.median(map(example_length, by_length)):.0f}).")
    out = args.out or Path(tempfile.mkdtemp(prefix="print-figures-"))
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.site)
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            # An A4 page's width, so the print layout is the one measured.
            pages_by_scheme = {scheme: browser.new_context(color_scheme=scheme, viewport={"width": 794, "height": 1123}).new_page()
                               for scheme in ("light", "dark")}
            print(f"{'page':<62} {'A4 pages':>8} {'body pt':>8}  text on paper, margins: light scheme | dark scheme")
            for name, path in pages.items():
                pdf_path = out / ((path.split("?")[0].strip("/").replace("/", "_") or "home") + ".pdf")
                figures = measure(pages_by_scheme, base + path, pdf_path)
                print(f"{name:<62} {figures['pages']:>8} {figures['body_pt']:>8}  {figures['light']} | {figures['dark']}")
            if handout:
                name = f"handout of {len(handout_ids)}, compact"
                figures = measure(pages_by_scheme, base + handout, out / "handout_compact.pdf", compact=True)
                print(f"{name:<62} {figures['pages']:>8} {figures['body_pt']:>8}  {figures['light']} | {figures['dark']}")
                print(f"The handout's examples, in order: {', '.join(handout_ids)}")
            if args.all_examples:
                counts = Counter(page_count(_pdf(pages_by_scheme["light"], base + f"examples/{e.id}/")) for e in data.examples)
                print("Every example page, A4 pages: " + ", ".join(f"{n} pages: {counts[n]} examples" for n in sorted(counts)))
                counts = Counter(page_count(_pdf(pages_by_scheme["light"], base + f"handout/?ids={e.id}", compact=True)) for e in data.examples)
                print("Every example alone in a compact handout, A4 sides: " + ", ".join(f"{n}: {counts[n]} examples" for n in sorted(counts)))
            browser.close()
    finally:
        server.shutdown()
    print(f"PDFs in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
