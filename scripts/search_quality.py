"""How well the site's search ranks the examples that answer real queries; prints figures.

Usage: python scripts/search_quality.py [--site DIR] [--detail] [--json PATH]

For each query of tests/search_judgments.yaml (judged by reading the records), it asks the built
site in the system Chromium, as a reader would: the search box at the top of the page (the result
list Material shows, guide pages and all: a page counts as not relevant) and the browse page's
words box (the cards in the order shown). It prints, for each, MRR (1 / the rank of the first
relevant example, 0 when none is listed), hit@3 (a relevant example among the first three) and
nDCG@10 (graded: 2 = best answer, 1 = relevant), as the median and the mean over the queries.
--detail also prints each query's rank of its first relevant example in both.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from pathlib import Path

import yaml
from _root import ROOT
from _browser import launch, serve

JUDGMENTS = ROOT / "tests" / "search_judgments.yaml"

# The header search's result list, as search.js hands it to Material: one entry per example or page.
HEADER = """q => peSearch.results(q).then(r => r.items.map(group => {
  const m = /examples\\/([^/?#.]+)/.exec(group[0].location);
  return m ? m[1] : null;
}))"""
CARDS = "() => [...document.querySelectorAll('.pe-results [data-example-id]')].map(c => c.dataset.exampleId)"


def judgments(path: Path = JUDGMENTS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def first_relevant(ranked: list[str | None], relevant: dict[str, int]) -> int | None:
    """The 1-based rank of the first relevant result, or None."""
    return next((rank for rank, found in enumerate(ranked, 1) if found in relevant), None)


def ndcg(ranked: list[str | None], relevant: dict[str, int], depth: int = 10) -> float:
    gains = [2 ** relevant.get(found, 0) - 1 for found in ranked[:depth]]
    dcg = sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, 1))
    ideal = sorted((2**grade - 1 for grade in relevant.values()), reverse=True)[:depth]
    return dcg / sum(gain / math.log2(rank + 1) for rank, gain in enumerate(ideal, 1))


def scores(ranked: list[str | None], relevant: dict[str, int]) -> dict[str, float]:
    rank = first_relevant(ranked, relevant)
    return {"mrr": 1 / rank if rank else 0.0, "hit3": 1.0 if rank and rank <= 3 else 0.0, "ndcg10": ndcg(ranked, relevant)}


def summary(per_query: list[dict[str, float]]) -> dict[str, float]:
    return {f"{stat}_{name}": fn([s[name] for s in per_query]) for name in ("mrr", "hit3", "ndcg10")
            for stat, fn in (("median", statistics.median), ("mean", statistics.fmean))}


def table(rows: dict[str, dict[str, float]], queries: int) -> str:
    lines = [f"Search quality over {queries} judged queries (tests/search_judgments.yaml)",
             f"{'':14} {'MRR median':>10} {'MRR mean':>9} {'hit@3 med':>9} {'hit@3 mean':>10} {'nDCG@10 med':>11} {'nDCG@10 mean':>12}"]
    for name, s in rows.items():
        lines.append(f"{name:14} {s['median_mrr']:10.3f} {s['mean_mrr']:9.3f} {s['median_hit3']:9.0%} {s['mean_hit3']:10.1%} "
                     f"{s['median_ndcg10']:11.3f} {s['mean_ndcg10']:12.3f}")
    return "\n".join(lines)


def browse_order(page, query: str) -> list[str]:
    """The cards the browse page shows for query in its words box, in order."""
    page.fill("#pe-words", "")
    page.wait_for_function("() => /^All \\d+ examples/.test(document.getElementById('pe-status').textContent)")
    count = page.evaluate("q => peSearch.examples(q).then(found => found ? found.size : -1)", query)
    page.fill("#pe-words", query)
    page.wait_for_function("n => document.getElementById('pe-status').textContent.startsWith(n + ' of ')", arg=count)
    page.wait_for_function("() => new Promise(done => requestAnimationFrame(() => done(true)))")
    return page.evaluate(CARDS)


def measure(site: Path) -> tuple[dict, list[dict]]:
    from playwright.sync_api import sync_playwright

    queries = judgments()
    server, base = serve(site)
    rows: list[dict] = []
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.set_default_timeout(30_000)
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(base + "browse/")
            page.wait_for_selector("#pe-filters:not([hidden])")
            for judged in queries:
                header = page.evaluate(HEADER, judged["query"])
                browse = browse_order(page, judged["query"])
                rows.append({"query": judged["query"], "relevant": judged["relevant"], "header": header, "browse": browse})
            browser.close()
            if errors:
                raise SystemExit(f"the page reported errors: {errors}")
    finally:
        server.shutdown()
    figures = {box: summary([scores(row[box], row["relevant"]) for row in rows]) for box in ("header", "browse")}
    return figures, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder (default: site/)")
    parser.add_argument("--detail", action="store_true", help="also print each query's first relevant rank")
    parser.add_argument("--json", type=Path, help="also write the figures and rankings to this file")
    args = parser.parse_args(argv)
    if not (args.site / "search" / "manifest.js").is_file():
        print(f"{args.site}/search/manifest.js not found: run `make build` first", file=sys.stderr)
        return 2
    figures, rows = measure(args.site)
    if args.detail:
        for row in rows:
            ranks = [first_relevant(row[box], row["relevant"]) for box in ("header", "browse")]
            print(f"{row['query']:40} header {ranks[0] or '-':>3}   browse {ranks[1] or '-':>3}")
    print(table({"header search": figures["header"], "browse words": figures["browse"]}, len(rows)))
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "rows": rows}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
