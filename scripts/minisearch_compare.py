"""MiniSearch (the pinned npm package) beside the site's own search on the judged queries; prints figures.

Usage: python scripts/minisearch_compare.py [--site DIR] [--size N]

MiniSearch indexes the examples in Node with the same four fields as the site's index (title,
summary, section/tags/take-aways, text) and the same field weights, prefix search and its fuzzy
matching (0.2), as its documentation suggests; it is given no synonyms or shorthand, which it has
no place for. Both are scored as the browse words box is (examples only) with
tests/search_judgments.yaml: MRR, hit@3 and nDCG@10, median and mean. The site's own figures
come from the built site in Chromium (scripts/search_quality.py). Bytes: MiniSearch must load its
whole serialised index before the first search (gzipped size printed, for the real library and
for --size copies made as scripts/benchmark.py makes them); the site's search fetches only the
files a query needs (gzipped bytes of the files fetched for each judged query, median and largest).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _root import ROOT

import search_quality
from macros.load import project
from macros.pages.search import example_document

NODE = """
const MiniSearch = require("minisearch");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const options = { fields: ["title", "summary", "labels", "text"], storeFields: [], idField: "id" };
const index = new MiniSearch(options);
let started = process.hrtime.bigint();
index.addAll(input.documents);
const indexMs = Number(process.hrtime.bigint() - started) / 1e6;
const search = { boost: { title: 5, summary: 2.5, labels: 2 }, prefix: true, fuzzy: 0.2 };
started = process.hrtime.bigint();
const ranked = input.queries.map(q => index.search(q, search).map(r => r.id));
const queryMs = Number(process.hrtime.bigint() - started) / 1e6 / Math.max(1, input.queries.length);
process.stdout.write(JSON.stringify({ ranked, serialised: JSON.stringify(index), indexMs, queryMs }));
"""


def documents(root: Path = ROOT, copies: int = 0) -> list[dict]:
    """The examples as MiniSearch documents, fields as in the site's index; copies as the benchmark makes them."""
    if copies:
        from benchmark import make_project

        root = make_project(Path(tempfile.mkdtemp()), copies)
    loaded = project.load(root)
    found = []
    for example in loaded.examples:
        title, summary, labels, text = example_document(example, loaded.guide, "").fields
        found.append({"id": example.id, "title": title, "summary": summary, "labels": labels, "text": text})
    return found


def run_minisearch(docs: list[dict], queries: list[str]) -> dict:
    result = subprocess.run(["node", "-e", NODE], input=json.dumps({"documents": docs, "queries": queries}), cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


OWN_BYTES = """async q => {
  const before = new Set(performance.getEntriesByType('resource').map(e => e.name));
  await peSearch.results(q);
  return performance.getEntriesByType('resource').map(e => e.name).filter(n => !before.has(n) && n.includes('/search/'));
}"""


def own_bytes(site: Path, queries: list[str]) -> list[int]:
    """Gzipped bytes of the index files the site's search fetches for each query, from a fresh page."""
    from playwright.sync_api import sync_playwright

    from _browser import launch, serve

    server, base = serve(site)
    sizes = []
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright, reader=True)
            for query in queries:
                page = browser.new_page()
                page.goto(base)
                urls = page.evaluate(OWN_BYTES, query)
                sizes.append(sum(len(gzip.compress((site / url.split(base, 1)[1].split("?")[0]).read_bytes())) for url in urls))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder (default: site/)")
    parser.add_argument("--size", type=int, default=5000, help="library size for MiniSearch's index bytes (default: 5000)")
    args = parser.parse_args(argv)
    if not (args.site / "search" / "manifest.js").is_file():
        print(f"{args.site}/search/manifest.js not found: run `make build` first", file=sys.stderr)
        return 2
    judged = search_quality.judgments()
    queries = [j["query"] for j in judged]
    mini = run_minisearch(documents(), queries)
    mini_scores = [search_quality.scores(ranked, j["relevant"]) for ranked, j in zip(mini["ranked"], judged)]
    own, _ = search_quality.measure(args.site)
    rows = {"site's own": own["browse"], "MiniSearch 7.2": search_quality.summary(mini_scores)}
    print(search_quality.table(rows, len(queries)).replace("Search quality", "Examples only (as the browse words box),"))
    print(f"MiniSearch finds nothing for {sum(1 for r in mini['ranked'] if not r)} of {len(queries)} queries; "
          f"first relevant not in its top 3 for {sum(1 for s in mini_scores if not s['hit3'])}.")
    sizes = own_bytes(args.site, queries)
    print(f"Bytes a search fetches, gzipped: the site's own {statistics.median(sizes) / 1024:.1f} KiB median, "
          f"{max(sizes) / 1024:.1f} KiB largest (first search on a fresh page, each judged query)")
    print(f"MiniSearch, whole index before any search: {len(gzip.compress(mini['serialised'].encode())) / 1024:.1f} KiB gzipped "
          f"({len(mini['serialised']) / 1024:.0f} KiB) for the {len(documents())} examples, plus the library (dist/umd/index.js "
          f"{len(gzip.compress((ROOT / 'node_modules/minisearch/dist/umd/index.js').read_bytes())) / 1024:.1f} KiB gzipped)")
    if args.size:
        big = run_minisearch(documents(copies=args.size), queries[:5])
        print(f"MiniSearch at {args.size} examples: index {len(gzip.compress(big['serialised'].encode())) / 1024:.0f} KiB gzipped, "
              f"built in {big['indexMs']:.0f} ms, {big['queryMs']:.1f} ms a query (Node)")
    return 0


if __name__ == "__main__":
    random.seed(0)
    raise SystemExit(main())
