"""The site's search at scale: gzipped bytes a search fetches and the time it takes to answer once
its files have arrived, for every judged query, in a library of --size examples; prints figures.

Usage: python scripts/search_benchmark.py [--size 5000] [--runs 5] [--index-only]

It makes the library as scripts/benchmark.py does (the real records plus varied copies), builds it
strictly, serves it gzipped as a static host does and, in the system Chromium, for each query of
tests/search_judgments.yaml: opens the home page fresh, runs the search once (fetching the index
files it needs: their gzipped bytes are counted), then runs it --runs more times with the files in
memory and takes the median: the time to answer after the files arrive (ranking and the titles of
the results shown, as peSearch.results hands them to Material). Budgets from issue 16: at most
60 KB fetched and 50 ms to answer; CI does not run this.

--index-only skips the site build, which takes many minutes at 5,000: it writes the search index
alone (macros/pages/search.py) from the real examples and varied copies of their records (the
copies' text taken as written, Markdown symbols and all; no guide pages), beside search.js and an
empty page that loads it, and measures the same way.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from _root import ROOT  # noqa: F401  (puts the project on sys.path)
from _browser import launch
from benchmark import PROSE, example_paths, make_project, run_build, serve_gzipped, varied_copy
from search_quality import judgments

from macros.load import project as project_module
from macros.pages import search

TIMED = """async ([q, runs]) => {
  await peSearch.results(q);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await peSearch.results(q);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}"""
FETCH_BUDGET, TIME_BUDGET = 60_000, 50.0


def index_only(folder: Path, size: int) -> Path:
    """A folder holding the search index for size examples, search.js and a page that loads it."""
    import random
    import shutil

    import yaml

    loaded = project_module.load(ROOT)
    guide = loaded.guide
    real = [search.example_document(example, guide, f"examples/{example.id}/") for example in loaded.examples]
    sources = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in example_paths(ROOT)]
    by_id = {example.id: document for example, document in zip(loaded.examples, real)}
    rng = random.Random(size)
    documents = list(real)
    for index in range(size - len(real)):
        source = sources[index % len(sources)]
        varied = varied_copy(source, index // len(sources), rng)
        prose = [varied[name] if isinstance(varied[name], str) else " ".join(part["text"] for part in varied[name]) for name in PROSE]
        text = " ".join([*prose, *varied["tips"], *varied["reflective_questions"]])
        labels = by_id[source["id"]].fields[2]
        documents.append(search.Document(f"examples/{varied['id']}/", varied["title"], varied["summary"], by_id[source["id"]].section, None,
                                         (varied["title"], varied["summary"], labels, text)))
    groups = search.synonym_groups(guide.synonyms, guide.abbreviations, guide.shorthand)
    search.write_index(folder / "search", documents, len(documents), groups, {}, search.respellings(guide.shorthand))
    (folder / "assets" / "javascripts").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "assets" / "javascripts" / "search.js", folder / "assets" / "javascripts" / "search.js")
    (folder / "index.html").write_text('<!doctype html><title>search</title><script src="assets/javascripts/search.js"></script>\n', encoding="utf-8")
    return folder


def measure(site: Path, queries: list[str], runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server, base = serve_gzipped(site)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright, reader=True)
            for query in queries:
                page = browser.new_page()
                page.goto(base, wait_until="networkidle")
                server.sent.clear()
                ms = page.evaluate(TIMED, [query, runs])
                fetched = [(path, size) for path, size in server.sent if "/search/" in path]  # under the published path the server mounts
                rows.append({"query": query, "bytes": sum(size for _, size in fetched), "files": len(fetched), "ms": ms})
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000, help="examples in the library (default: 5000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each search after its files arrived (default: 5)")
    parser.add_argument("--site", type=Path, help="an already built site to measure instead of building one")
    parser.add_argument("--index-only", action="store_true", help="write the search index alone instead of building the site")
    args = parser.parse_args(argv)
    queries = [judged["query"] for judged in judgments()]
    with tempfile.TemporaryDirectory() as temporary:
        site = args.site
        if site is None and args.index_only:
            site = index_only(Path(temporary), args.size)
        elif site is None:
            project = make_project(Path(temporary), args.size)
            built = run_build(project)
            print(f"built {args.size} examples in {built['build_s']:.0f} s", file=sys.stderr)
            site = project / "site"
        rows = measure(site, queries, args.runs)
    heaviest = max(rows, key=lambda row: row["bytes"])
    slowest = max(rows, key=lambda row: row["ms"])
    over = [row["query"] for row in rows if row["bytes"] > FETCH_BUDGET or row["ms"] > TIME_BUDGET]
    label = f"{args.size} examples" + (", search index only" if args.index_only else "") if args.site is None else str(args.site)
    print(f"Search over {len(rows)} judged queries, {label}, gzipped as served, first search on a fresh page")
    print(f"  fetched: median {statistics.median(r['bytes'] for r in rows) / 1000:.1f} KB, largest {heaviest['bytes'] / 1000:.1f} KB "
          f"({heaviest['query']!r}, {heaviest['files']} files); budget {FETCH_BUDGET / 1000:.0f} KB")
    print(f"  answer after the files arrived (median of {args.runs} runs): median {statistics.median(r['ms'] for r in rows):.1f} ms, "
          f"slowest {slowest['ms']:.1f} ms ({slowest['query']!r}); budget {TIME_BUDGET:.0f} ms")
    print(f"  over a budget: {', '.join(over) if over else 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
