"""Benchmark the build and the browse page with synthetic practice examples; prints figures.

Usage: python scripts/benchmark.py [--sizes 100,1000] [--filter-size 5000] [--no-baseline]

For each size it builds a copy of the project holding that many synthetic examples (plus
the real ones) and prints the time to validate all records, the build time (validation
included), and example-page and home-page size. The baseline is
the same build with every example listed in the sidebar nav, the layout the guide avoids,
so the ratio shows what keeping examples out of the nav saves. It then opens the browse
page built with --filter-size examples in the system Chromium and times applying filters
(median of several runs, from the change event to the updated count).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _root import ROOT
from local_server import serve

from macros.guide import Guide, load_guide
from macros.project import check

WORDS = (
    "practitioner treatment recovery appointment supervision court review housing partner "
    "service assessment plan support consent testing release custody induction family "
    "mentor worker probation community engagement progress risk safety advice referral"
).split()
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def synthetic_record(index: int, guide: Guide, rng: random.Random) -> tuple[str, str]:
    """One valid synthetic record as (id, YAML text), drawn from the real vocabulary."""
    section = rng.choice(guide.sections)
    takeaways = rng.sample([t.id for t in guide.takeaways.values() if t.section == section.id], 2)
    facets = rng.sample(guide.facets, 3)
    example_id = f"synthetic-{index:05d}"
    tags = "".join(
        f"  {facet.id}:\n" + "".join(f"    - {value.id}\n" for value in rng.sample(facet.values, min(2, len(facet.values))))
        for facet in facets
    )
    body = "\n".join(f"  {_sentence(rng, 14)}" for _ in range(4))
    text = (
        "# yaml-language-server: $schema=schema.json\n"
        f"id: {example_id}\n"
        f"title: Synthetic example {index} about {rng.choice(WORDS)} and {rng.choice(WORDS)}\n"
        f"section: {section.id}\n"
        f"summary: {_sentence(rng, 20)}\n"
        f"context: |\n{body}\n"
        f"what_was_done: |\n{body}\n"
        f"why_it_works: |\n{body}\n"
        f"tips:\n  - {_sentence(rng, 8)}\n"
        f"reflective_questions:\n  - {_sentence(rng, 8)}\n  - {_sentence(rng, 8)}\n"
        "takeaways:\n" + "".join(f"  - {t}\n" for t in takeaways) +
        'standards:\n  - "2.3"\n'
        f"tags:\n{tags}"
        "provenance:\n  kind: illustrative\n  note: Synthetic record for benchmarks and tests.\n"
        'added: "2026-01-01"\nreviewed: "2026-01-01"\n'
    )
    return example_id, text


def make_project(destination: Path, count: int, *, nav_listing: bool = False, seed: int = 1) -> Path:
    """A copy of the project with count synthetic examples added; optionally every example in the nav."""
    shutil.copytree(ROOT / "docs", destination / "docs")
    shutil.copytree(ROOT / "macros", destination / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "practice_examples", destination / "practice_examples")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    guide = load_guide(ROOT)
    rng = random.Random(seed)
    ids = []
    for index in range(count):
        example_id, text = synthetic_record(index, guide, rng)
        (destination / "practice_examples" / f"{example_id}.yaml").write_text(text, encoding="utf-8")
        ids.append(example_id)
    if nav_listing:
        ids += [path.stem for path in (ROOT / "practice_examples").glob("*.yaml")]
        config += "  - Examples:\n" + "".join(f"      - examples/{example_id}.md\n" for example_id in sorted(ids))
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


def build(project: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=project,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - started


def kib(path: Path) -> float:
    return path.stat().st_size / 1024


def measure_build(count: int, nav_listing: bool) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder), count, nav_listing=nav_listing)
        started = time.perf_counter()
        _, problems = check(project)
        validate_seconds = time.perf_counter() - started
        assert not problems, problems[:3]
        seconds = build(project)
        site = project / "site"
        return {
            "validate_seconds": validate_seconds,
            "seconds": seconds,
            "example_kib": kib(site / "examples" / "synthetic-00000" / "index.html"),
            "home_kib": kib(site / "index.html"),
        }


def measure_filter(count: int, runs: int = 7) -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder), count)
        build(project)
        server, base = serve(project / "site")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page()
                started = time.perf_counter()
                page.goto(base + "browse/")
                page.wait_for_selector("#pe-filters:not([hidden])")
                ready = time.perf_counter() - started
                timings = [page.evaluate(_TIME_ONE_FILTER) for _ in range(runs)]
                typing = [page.evaluate(_TIME_TYPING) for _ in range(runs)]
                browser.close()
        finally:
            server.shutdown()
    return {
        "load_to_ready_ms": ready * 1000,
        "filter_ms": statistics.median(timings),
        "filter_max_ms": max(timings),
        "typing_ms": statistics.median(typing),
    }


# Ticks one box in each of two groups and unticks them, timing each change until the status updates.
_TIME_ONE_FILTER = """() => {
  const boxes = [document.querySelector('input[name="stage"]'), document.querySelector('input[name="population"]')];
  const times = [];
  for (const box of [...boxes, ...boxes]) {
    const start = performance.now();
    box.click();
    document.body.getBoundingClientRect();  // include the style and layout work the change causes
    times.push(performance.now() - start);
  }
  return Math.max(...times);
}"""

# Types a word into the text box a letter at a time, then clears it, timing the slowest keystroke.
_TIME_TYPING = """() => {
  const box = document.getElementById('pe-words');
  const times = [];
  for (const value of ['t', 'tr', 'tre', 'trea', 'treat', 'treatm', '']) {
    const start = performance.now();
    box.value = value;
    box.dispatchEvent(new Event('input'));
    document.body.getBoundingClientRect();
    times.push(performance.now() - start);
  }
  return Math.max(...times);
}"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="synthetic example counts to build (comma-separated)")
    parser.add_argument("--filter-size", type=int, default=5000, help="synthetic examples for the browse filter timing (0 to skip)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the examples-in-nav baseline builds")
    args = parser.parse_args(argv)
    print("examples  layout            validate_s  build_s  example_page_KiB  home_page_KiB")
    for count in [int(size) for size in args.sizes.split(",") if size]:
        ours = measure_build(count, nav_listing=False)
        print(f"{count:>8}  not in nav        {ours['validate_seconds']:10.1f}  {ours['seconds']:7.1f}  {ours['example_kib']:16.1f}  {ours['home_kib']:13.1f}")
        if not args.no_baseline:
            base = measure_build(count, nav_listing=True)
            print(f"{count:>8}  all in nav (base) {base['validate_seconds']:10.1f}  {base['seconds']:7.1f}  {base['example_kib']:16.1f}  {base['home_kib']:13.1f}")
            print(
                f"{'':>8}  ratio base/ours   {'':>10}  {base['seconds'] / ours['seconds']:6.1f}x {base['example_kib'] / ours['example_kib']:15.1f}x "
                f"{base['home_kib'] / ours['home_kib']:12.1f}x"
            )
    if args.filter_size:
        figures = measure_filter(args.filter_size)
        print(
            f"\nbrowse page with {args.filter_size} synthetic examples: ready {figures['load_to_ready_ms']:.0f} ms after navigation; "
            f"slowest of four filter changes {figures['filter_ms']:.1f} ms (median of 7 runs), {figures['filter_max_ms']:.1f} ms worst; "
            f"slowest keystroke in the text box {figures['typing_ms']:.1f} ms (median of 7 runs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
