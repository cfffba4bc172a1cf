"""Print pages of the built site to A4 PDF in the system Chromium and print the figures.

Usage: python scripts/print_figures.py [--site site] [--out DIR] [--ids a,b,c]

For the typical (median-length) example page, the longest example page, one page of each
other type, a section pack and a handout of three examples (the --ids, or the three
shortest, middle and longest examples), it prints the number of A4 pages, the computed
size of body text in print in points, and whether text and background print black on
white in both colour schemes. The PDFs are kept in --out to look at.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

from _root import ROOT
from local_server import serve

from macros import project

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
# The body text of each page type: an example's prose, or the first plain paragraph of the article.
BODY_TEXT = (".md-typeset .pe-prose p", ".md-typeset .pe-handout-example p", ".md-typeset > p:not([class])", ".md-typeset p")


def example_length(example) -> int:
    """How much an example has to print: its prose, lists and sources, in characters."""
    parts = [example.summary, example.context.source, example.what_was_done.source, example.why_it_works.source]
    parts += [item.source for item in example.tips + example.reflective_questions]
    parts += [source.title + source.publisher for source in example.sources]
    return sum(len(part) for part in parts)


def page_count(pdf: bytes) -> int:
    """Pages in a PDF made by Chromium: one /Type /Page object per page (the tree's root is /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def measure(pages: dict, url: str, pdf_path: Path) -> dict:
    """Page count, body text size in points and print colours for one page, in each scheme's browser context."""
    figures = {}
    for scheme, page in pages.items():
        page.emulate_media(media="screen")
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.emulate_media(media="print")
        style = page.evaluate(
            """selectors => {
                const body = selectors.map(s => document.querySelector(s)).find(Boolean);
                const css = getComputedStyle(body);
                // What shows behind the text: the nearest painted background, from the page outwards.
                const painted = [document.querySelector('article'), document.querySelector('.md-main'), document.body, document.documentElement]
                    .map(e => getComputedStyle(e).backgroundColor).find(c => c !== 'rgba(0, 0, 0, 0)');
                const root = getComputedStyle(document.documentElement);
                const html = root.backgroundColor + ' ' + root.colorScheme;
                return {
                    size: parseFloat(css.fontSize) * 0.75, color: css.color,
                    background: painted + ', margins ' + html + ' (' + document.body.getAttribute('data-md-color-scheme') + ')',
                    overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
                };
            }""",
            BODY_TEXT,
        )
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        if scheme == "light":
            pdf_path.write_bytes(pdf)
            figures["pages"] = page_count(pdf)
            # Chromium shrinks a page wider than the paper to fit, so text would print smaller than its size.
            figures["body_pt"] = f"{style['size']:.1f}" + (" (shrunk)" if style["overflow"] else "")
        figures[f"{scheme}_text"] = style["color"]
        figures[f"{scheme}_background"] = style["background"]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a site built with make build (default: site/)")
    parser.add_argument("--out", type=Path, default=None, help="where to keep the PDFs (default: a temporary folder)")
    parser.add_argument("--ids", default="", help="the handout's examples, comma-separated")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        print(f"{args.site} has no built site: run `make build` first", file=sys.stderr)
        return 1
    data = project.load(ROOT)
    by_length = sorted(data.examples, key=example_length)
    typical = by_length[len(by_length) // 2]
    longest = by_length[-1]
    handout_ids = args.ids.split(",") if args.ids else [by_length[0].id, typical.id, longest.id]
    first_section = data.guide.sections[0].id
    pages = {
        f"example, typical ({typical.id}, {example_length(typical)} chars; median {statistics.median(map(example_length, by_length)):.0f})":
            f"examples/{typical.id}/",
        f"example, longest ({longest.id}, {example_length(longest)} chars)": f"examples/{longest.id}/",
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
    if (args.site / "handout" / "index.html").exists():
        pages[f"handout ({', '.join(handout_ids)})"] = "handout/?ids=" + ",".join(handout_ids)
    out = args.out or Path(tempfile.mkdtemp(prefix="print-figures-"))
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.site)
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # An A4 page's width, so the print layout is the one measured.
            pages_by_scheme = {scheme: browser.new_context(color_scheme=scheme, viewport={"width": 794, "height": 1123}).new_page()
                               for scheme in ("light", "dark")}
            print(f"{'page':<75} {'A4 pages':>8} {'body pt':>8}  print colours (light | dark scheme)")
            for name, path in pages.items():
                pdf_path = out / ((path.split("?")[0].strip("/").replace("/", "_") or "home") + ".pdf")
                figures = measure(pages_by_scheme, base + path, pdf_path)
                colours = f"{figures['light_text']} on {figures['light_background']} | {figures['dark_text']} on {figures['dark_background']}"
                print(f"{name:<75} {figures['pages']:>8} {figures['body_pt']:>8}  {colours}")
            browser.close()
    finally:
        server.shutdown()
    print(f"PDFs in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
