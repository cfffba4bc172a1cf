"""Benchmark this guide side by side with bare Material for MkDocs on the same examples; prints one table.

Usage: python scripts/benchmark.py [--sizes 100,1000,5000] [--skip-filter] [--skip-serve] [--skip-browser]
       [--skip-profile] [--nav-baseline] [--profile] [--rounds N] [--json PATH] [--before FOLDER]

For each size it makes, in a temporary folder, a library of that many examples: the real records
plus copies of them with new ids and lightly varied text. It builds the library with this project
and, in the same run, as bare Material: one plain Markdown page per example with the same text and
tags, out of the nav, with Material's search and tags plugins on. For each it measures validation
time with nothing kept and with every record kept from an earlier run (.cache/validation.pack), build
time (wall-clock and CPU, and the floor: the ratio to bare Material that the cold build's CPU time
would give, spread evenly over every core) from an empty .cache/ and again unchanged with the cache
the first build left (with --rounds N, N times over, the sites taking turns in an order that
reverses each round: each time is then the median, and each ratio to bare Material the median of the
rounds' own ratios, as a machine's speed can change a great deal within an hour), and peak memory,
the largest example page, the search index, the gzipped bytes the system Chromium fetches on a first
visit to each kind of page (the home page and an example page in their own columns, the heaviest of
all of them in another), and the gzipped bytes a search fetches. It then times the browse page's
filters and word box and, at 1,000 examples, `mkdocs serve`'s rebuild after one file is edited.
After the table it prints where a build at 1,000 examples spends its time. --profile instead
profiles the guide's build. CI does not run this; it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import platform
import pstats
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml
from _browser import LoopbackServer, launch, serve
from _root import ROOT

from macros.base import forked
from macros.base.ids import handout_code
from macros.load.examples import Example, record_files
from macros.load.guide import Guide
from macros.load.project import Project, check
from macros.pages.common import tag_names

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SERVE_SIZE = 1000
CACHE = Path(".cache")  # what this guide keeps between runs (validation, QR codes, cleaned pages)
# A copy swaps a random half of these words for near-synonyms, says which probation region it
# comes from and shuffles its tips and questions, so its text reads like its source's but differs.
SWAPS = {
    "practitioner": "case manager",
    "practitioners": "case managers",
    "appointment": "meeting",
    "appointments": "meetings",
    "the person": "the individual",
    "often": "frequently",
    "quickly": "promptly",
    "worker": "keyworker",
}
REGIONS = (
    "the North East", "the North West", "Yorkshire and the Humber", "Greater Manchester", "Wales", "the West Midlands",
    "the East Midlands", "the East of England", "London", "Kent, Surrey and Sussex", "the South West", "the South Central region",
)
PROSE = ("context", "what_was_done", "why_it_works")
TITLE_MAX = 100
ID_MAX = 80


def example_paths(root: Path) -> list[Path]:
    """The library's record files."""
    return record_files(root)[0]


class _Dumper(yaml.SafeDumper):
    """Writes text with line breaks as | blocks, as contributors do."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def record_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def varied_copy(source: dict, copy: int, rng: random.Random) -> dict:
    """The copy-th copy of a record, dated copy + 1 months before it, with lightly varied text.

    The date leads the id and the title, so copies of one record sort apart, as distinct
    examples would: side by side in the search index, gzip would shrink them 7 times more.
    """
    added = dt.date.fromisoformat(str(source["added"]))
    months = added.year * 12 + added.month - 2 - copy  # months since year 0 of the copy's first day
    day = dt.date(months // 12, months % 12 + 1, 1)
    chosen = [word for word in SWAPS if rng.random() < 0.5]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, chosen)) + r")\b") if chosen else None

    def swap(text: str) -> str:
        return pattern.sub(lambda match: SWAPS[match.group(1)], text) if pattern else text

    title = f"{day:%b %Y}: {source['title']}".split(" ")
    while len(" ".join(title)) > TITLE_MAX:
        title.pop()
    varied = {**source, "id": f"{day:%Y-%m}-{source['id']}"[:ID_MAX].rstrip("-"), "title": " ".join(title)}
    varied.pop("former_ids", None)  # a copy is a new example: an old address leads to one example only
    for name in PROSE:  # written whole, or as parts
        varied[name] = swap(source[name]) if isinstance(source[name], str) else [{**part, "text": swap(part["text"])} for part in source[name]]
    region = f"\n\nThis account comes from {rng.choice(REGIONS)}.\n"
    if isinstance(varied["context"], str):
        varied["context"] = varied["context"].rstrip("\n") + region
    else:
        varied["context"][-1]["text"] = varied["context"][-1]["text"].rstrip("\n") + region
    for name in ("tips", "reflective_questions"):
        varied[name] = rng.sample([swap(item) for item in source[name]], len(source[name]))
    # Reviewed on the day it was added; an older record format calls the review date `reviewed`.
    review_field = "reviewed" if "reviewed" in source else "last_reviewed"
    varied["added"] = varied[review_field] = day.isoformat()
    if "review_by" in source:
        varied["review_by"] = day.replace(year=day.year + 1).isoformat()
    if "checks" in source:
        varied["checks"] = [{**check, "by": day.replace(year=day.year + 1).isoformat()} for check in source["checks"]]
    return varied


def varied_copies(count: int, rng: random.Random, root: Path = ROOT) -> Iterator[tuple[str, str]]:
    """count copies of the real records at root, each as (new id, YAML text)."""
    sources = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in example_paths(root)]
    taken = {handout_code(name) for source in sources for name in (source["id"], *source.get("former_ids", ()))}
    for index in range(count):
        varied = varied_copy(sources[index % len(sources)], index // len(sources), rng)
        varied["id"] = own_handout_code(varied["id"], taken)
        yield varied["id"], record_yaml(varied)


def own_handout_code(example_id: str, taken: set[str]) -> str:
    """example_id, or with a number after it, so that its handout code is in no other id's; the code is added to
    taken. Four characters of a hash cannot tell every one of thousands of ids apart, and the build refuses two ids
    sharing one (as it tells a contributor, "choose another id")."""
    chosen, number = example_id, 1
    while handout_code(chosen) in taken:
        number += 1
        chosen = f"{example_id[: ID_MAX - len(str(number)) - 1].rstrip('-')}-{number}"
    taken.add(handout_code(chosen))
    return chosen


def make_project(folder: Path, count: int, *, root: Path = ROOT, nav_listing: bool = False) -> Path:
    """A copy of the project at root (this one, or another version of it) whose library holds count
    examples: its own records and copies of them (an older version's schema may refuse today's
    records); optionally every example in the nav."""
    for name in ("docs", "macros", "practice_examples"):
        shutil.copytree(root / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    ids = [path.stem for path in example_paths(root)]
    for copy_id, text in varied_copies(count - len(ids), random.Random(count), root):
        (folder / "practice_examples" / f"{copy_id}.yaml").write_text(text, encoding="utf-8")
        ids.append(copy_id)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if nav_listing:
        config += "  - Examples:\n" + "".join(f"      - examples/{example_id}.md\n" for example_id in sorted(ids))
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


BARE_CONFIG = """site_name: Bare Material with the same examples
theme:
  name: material
  font: false  # as in the guide: no Google Fonts
plugins:
  - search
  - tags
not_in_nav: |
  /examples/
"""


def bare_page(example: Example, guide: Guide) -> str:
    """One example as a plain Markdown page: the same text and tags, no generated extras."""
    return "\n\n".join([
        "---\n" + yaml.safe_dump({"tags": tag_names(example, guide)}, allow_unicode=True) + "---",
        f"# {example.title}",
        example.summary,
        "## Context", "\n\n".join(part.prose.source for part in example.context),
        "## What was done", "\n\n".join(part.prose.source for part in example.what_was_done),
        "## Why it works", "\n\n".join(part.prose.source for part in example.why_it_works),
        "## Practical tips", "\n".join(f"- {tip.source}" for tip in example.tips),
        "## Questions for reflection", "\n".join(f"1. {question.source}" for question in example.reflective_questions),
    ]) + "\n"


def make_bare(folder: Path, loaded: Project) -> Path:
    """Bare Material with a home page, a tags page and one page per example of loaded."""
    (folder / "docs" / "examples").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
    (folder / "docs" / "index.md").write_text(f"# Home\n\n{len(loaded.examples)} practice examples.\n", encoding="utf-8")
    (folder / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    for example in loaded.examples:
        (folder / "docs" / "examples" / f"{example.id}.md").write_text(bare_page(example, loaded.guide), encoding="utf-8")
    return folder


def run_build(project: Path, *python_options: str) -> dict:
    """Wall-clock and CPU seconds and peak memory (ru_maxrss) of `mkdocs build --strict` in a fresh process.

    CPU seconds change less than wall-clock ones when other work shares the machine."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, *python_options, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project, env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"the build in {project} failed")
    return {"build_s": seconds, "build_cpu_s": usage.ru_utime + usage.ru_stime, "peak_memory_bytes": usage.ru_maxrss * 1024}


class _GzipServer(LoopbackServer):
    sent: list[tuple[str, int]]  # (path, body bytes) of each response


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site gzipped, as a static host does, and records each response body's size."""

    server: _GzipServer

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path /= "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if path.suffix in GZIPPED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)  # zlib's default level, as hosts commonly use
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.sent.append((self.path, len(body)))

    def log_message(self, *args) -> None:
        pass


GZIPPED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


def serve_gzipped(site: Path) -> tuple[_GzipServer, str]:
    server, base = serve(site, _GzipHandler, _GzipServer)
    server.sent = []
    return server, base


def first_visit(browser, server: _GzipServer, base: str, path: str) -> dict:
    """Bytes sent, gzipped, for everything a fresh browser fetches opening path, until the network is idle."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    server.sent.clear()
    page.goto(base + path, wait_until="networkidle")
    context.close()
    foreign = [url for url in fetched if not url.startswith(base)]
    if foreign:
        raise SystemExit(f"{path} fetched from other hosts: {foreign}")
    return {"bytes": sum(size for _, size in server.sent), "fetched": sorted(server.sent), "requests": len(fetched)}


# Every kind of page each site has, for the heaviest first visit; the section page of the largest section.
GUIDE_PAGES = ("", "supervision/", "browse/", "tags/", "glossary/", "contribute/", "about/")
BARE_PAGES = ("", "tags/")
SEARCHED = "naloxone"  # a word in many examples, as a search with many results fetches most


def site_figures(site: Path, example_id: str, browser, *, guide: bool, browse: bool) -> dict:
    """Page and search-index sizes, first-visit bytes, the bytes a search fetches and, if browse,
    the browse page's timings."""
    index = site / "search"
    figures: dict = {
        "largest_example_page_bytes": max(page.stat().st_size for page in (site / "examples").glob("*/index.html")),
        # Material's index, or this guide's: Material's settings and every file search.js can fetch.
        "search_index_bytes": sum(path.stat().st_size for path in index.rglob("*") if path.is_file()),
    }
    server, base = serve_gzipped(site)
    try:
        visits = {path or "home": first_visit(browser, server, base, path) for path in (*(GUIDE_PAGES if guide else BARE_PAGES), f"examples/{example_id}/")}
        home, example = visits["home"], visits[f"examples/{example_id}/"]
        heaviest = max(visits, key=lambda path: visits[path]["bytes"])
        figures.update(
            home_first_visit_bytes=home["bytes"], example_first_visit_bytes=example["bytes"],
            heaviest_first_visit_bytes=visits[heaviest]["bytes"], heaviest_first_visit_page=heaviest, first_visit=visits,
        )
        figures.update(search_fetch(browser, server, base))
        if browse:
            figures.update(browse_timing(browser, base))
    finally:
        server.shutdown()
    return figures


def search_fetch(browser, server: _GzipServer, base: str) -> dict:
    """Gzipped bytes fetched from opening Material's search on the home page to its results for SEARCHED."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base, wait_until="networkidle")
    server.sent.clear()
    page.click("input.md-search__input")
    # Material ignores typing until its search is ready (bare Material's worker indexes every page first).
    page.wait_for_function("() => !/Initializing/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=300_000)
    page.keyboard.type(SEARCHED)
    page.wait_for_function("() => /matching/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=300_000)
    page.wait_for_load_state("networkidle")
    context.close()
    return {"search_fetch_bytes": sum(size for _, size in server.sent), "search_fetched": sorted(server.sent)}


def browse_timing(browser, base: str, runs: int = 7) -> dict:
    """Milliseconds until the browse page's filters show, then for its slowest filter change (median and
    worst of runs) and slowest keystroke (median)."""
    context = browser.new_context()
    page = context.new_page()
    started = time.perf_counter()
    page.goto(base + "browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    ready = time.perf_counter() - started
    filters = [page.evaluate(_TIME_ONE_FILTER) for _ in range(runs)]
    typing = [page.evaluate(_TIME_TYPING) for _ in range(runs)]  # the first run fetches the index files it needs
    context.close()
    return {
        "browse_ready_ms": ready * 1000, "filter_ms": statistics.median(filters), "filter_worst_ms": max(filters),
        "words_first_ms": max(typing[0]), "keystroke_ms": statistics.median(max(run) for run in typing[1:]),
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

# Types a word into the text box a letter at a time, then clears it, timing each keystroke until
# the page has looked the words up (search.js, which may fetch index files) and shown the result.
_TIME_TYPING = """async () => {
  const box = document.getElementById('pe-words') || document.getElementById('pe-q');  // pe-q in older versions
  const status = document.getElementById('pe-status');
  const times = [];
  for (const value of ['t', 'tr', 'tre', 'trea', 'treat', 'treatm', '']) {
    const shown = new Promise(resolve => {
      const watcher = new MutationObserver(() => { watcher.disconnect(); resolve(); });
      watcher.observe(status, {childList: true, characterData: true, subtree: true});
    });
    const start = performance.now();
    box.value = value;
    box.dispatchEvent(new Event('input'));
    await shown;
    document.body.getBoundingClientRect();
    times.push(performance.now() - start);
  }
  return times;
}"""


def serve_rebuild(project: Path, edit: Callable[[], None]) -> dict:
    """Seconds from editing a file under `mkdocs serve` to the end of its rebuild, read from its log,
    and the rebuild's own time as it logs it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _read_log_until(process, "Serving on")
        started = time.perf_counter()
        edit()
        log = _read_log_until(process, "Reloading browsers")  # logged once the rebuild has succeeded
        seconds = time.perf_counter() - started
        return {"serve_rebuild_s": seconds, "serve_rebuild_logged_s": float(re.findall(r"Documentation built in ([\d.]+) seconds", log)[-1])}
    finally:
        process.send_signal(signal.SIGINT)  # lets it remove its temporary site folder
        process.wait()


def _read_log_until(process: subprocess.Popen, marker: str) -> str:
    log = []
    for line in process.stdout:
        log.append(line)
        if marker in line:
            return "".join(log)
        if "error happened during the rebuild" in line:
            break
    raise SystemExit(f"mkdocs serve stopped before logging '{marker}':\n{''.join(log)}")


def edit_record(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(record_yaml({**data, "why_it_works": data["why_it_works"] + "\nEdited while being served.\n"}), encoding="utf-8")


def edit_page(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\nEdited while being served.\n", encoding="utf-8")


def print_profile(size: int) -> None:
    """Profile the guide's build at size with cProfile; print the top cumulative entries and self time by package."""
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder), size)
        run_build(project, "-m", "cProfile", "-o", "build.prof")
        print(f"cProfile of the guide's build with {size} examples (python -m cProfile -o build.prof -m mkdocs build --strict --quiet):")
        stats = pstats.Stats(str(project / "build.prof")).sort_stats("cumulative")
        stats.print_stats(40)
        stats.print_stats("/macros/", 30)  # this project's own code
        by_package: dict[str, float] = {}
        for (filename, _, function), (_, _, self_seconds, _, _) in stats.stats.items():
            package = function if filename == "~" else _package(filename)  # a built-in, such as a regex search
            by_package[package] = by_package.get(package, 0) + self_seconds
        print("self time by package or built-in function (s):")
        for package, seconds in sorted(by_package.items(), key=lambda item: -item[1])[:20]:
            print(f"{seconds:9.2f}  {package}")


# Where a build's time goes: (what, file the function is in, function), summed over calls, cumulative.
STAGES = [
    ("validation: records loaded and checked (kept when unchanged)", "macros/load/project.py", "check"),
    ("example pages made (HTML in Python)", "macros/pages/example.py", "render"),
    ("handout data, feed and QR codes", "macros/pages/teaching.py", "files"),
    ("  of which QR codes (kept when unchanged)", "macros/glue/hooks.py", "qr_svg"),
    ("generated pages cleaned by the allowlist (kept when unchanged)", "macros/glue/hooks.py", "sanitised"),
    ("Markdown of the hand-written pages (and their macros)", "markdown/core.py", "convert"),
    ("Material's templates, every page (Jinja)", "jinja2/environment.py", "render"),
    ("  of which the nav (drawn once for the pages outside it)", "partials/nav.html", "root"),
    ("Content-Security-Policy hashes, every page", "macros/pages/csp.py", "with_policy"),
    ("search index written", "macros/pages/search.py", "write_index"),
    ("Material's search plugin, every page", "material/plugins/search/plugin.py", "on_page_context"),
    ("site/ emptied before the build", "mkdocs/utils/__init__.py", "clean_directory"),
    ("files written", "mkdocs/utils/__init__.py", "write_file"),
]


# `mkdocs build --strict --quiet` under cProfile, timed in CPU seconds (run_build adds `-m mkdocs build ...`
# after it, which the script ignores).
_PROFILED_BUILD = """
import cProfile, sys, time
from mkdocs.__main__ import cli
profiler = cProfile.Profile(time.process_time)
profiler.enable()
try:
    cli(["build", "--strict", "--quiet"], standalone_mode=False)
finally:
    profiler.disable()
    profiler.dump_stats("build.prof")
"""


def profile_summary(size: int) -> None:
    """Profile a build at size whose cache holds the previous build's results (as `make build` after an
    edit finds it), and print the seconds each stage of STAGES takes."""
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder), size)
        run_build(project)  # fills .cache/
        timed = run_build(project, "-c", _PROFILED_BUILD)
        stats = pstats.Stats(str(project / "build.prof"))
        total = max(cumulative for _, _, _, cumulative, _ in stats.stats.values())
        print(f"\nWhere the guide's build of {size} examples spends its time, with the cache from a previous build "
              f"(cProfile counting CPU seconds, which other work on the machine changes less than wall-clock ones; "
              f"{total:.1f} s profiled, {timed['build_cpu_s']:.1f} s CPU with the profiler's overhead):")
        for label, filename, function in STAGES:
            seconds = sum(cumulative for (path, _, name), (_, _, _, cumulative, _) in stats.stats.items()
                          if name == function and path.replace("\\", "/").endswith(filename))
            print(f"{seconds:8.2f} s  {100 * seconds / total:5.1f}%  {label}")


def _package(filename: str) -> str:
    """site-packages/yaml/scanner.py -> yaml, .../macros/search.py -> macros/search.py, .../html/parser.py -> html/parser.py."""
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1]
    return "/".join(parts[-2:])


# Run in a fresh process with the project's own code: the seconds validation takes, and those it
# spends converting Markdown (timed again on its own), the pages' own conversion, which bare Material
# does while building.
_VALIDATE = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from macros.load import markup
from macros.load.project import check
started = time.perf_counter()
loaded, problems = check(Path(sys.argv[1]))
validate_s = time.perf_counter() - started
if problems:
    sys.exit("the copies are not valid records:\\n" + "\\n".join(map(str, problems[:5])))
abbreviations = tuple(sorted(loaded.guide.abbreviations.items()))
# Newer versions list every Markdown text; older ones keep Markdown fields whole, or as plain text.
prose = [prose.source for e in loaded.examples for prose in e.markdown] if hasattr(loaded.examples[0], "markdown") else [
    getattr(part, "source", part) for e in loaded.examples for part in (e.context, e.what_was_done, e.why_it_works, *e.tips, *e.reflective_questions)]
started = time.perf_counter()
# Older versions converted with to_html (and once more for the link check, which this leaves out).
convert = markup.convert if hasattr(markup, "convert") else lambda source, pairs: markup.to_html(source, dict(pairs))
for source in prose:
    convert(source, abbreviations)
print(json.dumps({"validate_s": validate_s, "markdown_s": time.perf_counter() - started}))
"""


def validation_seconds(project: Path) -> dict:
    """Validation timed in a fresh process, with whatever the project's .cache/validation.pack holds."""
    result = subprocess.run([sys.executable, "-c", _VALIDATE, str(project)], capture_output=True, text=True, env=ENV, check=False)
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout)


def in_turns(items: list, rounds: int) -> Iterator:
    """Each item rounds times, taking turns in an order that reverses each round, so that a machine that
    speeds up or slows down during a run weighs on every item alike."""
    for number in range(rounds):
        yield from items if number % 2 == 0 else items[::-1]


def timed_builds(sites: list[tuple[str, Path]], rounds: int, build: Callable[[Path], dict] = run_build) -> dict[str, list[tuple[dict, dict]]]:
    """(cold, warm) builds of each site, round by round (in_turns): cold from an empty .cache/, then warm, again
    unchanged (what `make build` costs after `make validate` or an earlier build; bare Material keeps nothing
    between builds, so its warm build is a second cold one)."""
    builds: dict[str, list[tuple[dict, dict]]] = {name: [] for name, _ in sites}
    for name, project in in_turns(sites, rounds):
        shutil.rmtree(project / CACHE, ignore_errors=True)
        cold = build(project)
        builds[name].append((cold, build(project)))
    return builds


def build_figures(builds: list[tuple[dict, dict]], bare: list[tuple[dict, dict]], size: int, cores: int | None = None) -> dict:
    """A site's build figures over its rounds: each time the median, each ratio to bare Material the median of
    the rounds' ratios (each round's builds against that round's bare one), peak memory the largest.

    The floor is the ratio a cold build could reach if its CPU time were spread evenly over every core for
    the whole build: its CPU seconds divided by the cores, against bare Material's wall-clock time. A
    ratio that must go below the floor needs less work, not more of it done side by side."""
    cores = cores or forked.cores()
    cold, warm = [c for c, _ in builds], [w for _, w in builds]
    bare_cold = [c for c, _ in bare]
    cold_s = statistics.median(run["build_s"] for run in cold)

    def ratios(runs: list[dict], key: str) -> list[float]:
        return [run[key] / base[key] for run, base in zip(runs, bare_cold)]

    floors = [run["build_cpu_s"] / cores / base["build_s"] for run, base in zip(cold, bare_cold)]

    return {
        "build_s": cold_s,
        "build_cpu_s": statistics.median(run["build_cpu_s"] for run in cold),
        "peak_memory_bytes": max(run["peak_memory_bytes"] for run in cold + warm),
        "build_ratio_to_bare": statistics.median(ratios(cold, "build_s")),
        "build_cpu_ratio_to_bare": statistics.median(ratios(cold, "build_cpu_s")),
        "build_floor_ratio_to_bare": statistics.median(floors),
        "build_s_per_example": cold_s / size,
        "warm_build_s": statistics.median(run["build_s"] for run in warm),
        "warm_build_cpu_s": statistics.median(run["build_cpu_s"] for run in warm),
        "warm_ratio_to_bare": statistics.median(ratios(warm, "build_s")),
        "warm_cpu_ratio_to_bare": statistics.median(ratios(warm, "build_cpu_s")),
        "rounds": [{"build_s": c["build_s"], "warm_build_s": w["build_s"], "build_cpu_s": c["build_cpu_s"], "warm_build_cpu_s": w["build_cpu_s"]}
                   for c, w in builds],
        "build_ratios_to_bare": ratios(cold, "build_s"),
        "warm_ratios_to_bare": ratios(warm, "build_s"),
    }


def measure_size(size: int, args: argparse.Namespace, browser) -> Iterator[dict]:
    """One row of figures for each site built with a library of size examples: bare Material first."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        guide = make_project(folder / "guide", size)
        loaded, problems = check(guide)
        if problems:
            raise SystemExit("the copies are not valid records:\n" + "\n".join(map(str, problems[:5])))
        bare = make_bare(folder / "bare", loaded)
        example_id = example_paths(ROOT)[0].stem  # a real record: the same page in every site
        # (name, project, the edit that `mkdocs serve` must rebuild after)
        sites = [("bare Material", bare, functools.partial(edit_page, bare / "docs" / "examples" / f"{example_id}.md"))]
        if args.before:
            before = make_project(folder / "before", size, root=args.before)
            sites.append(("guide before", before, functools.partial(edit_record, before / "practice_examples" / f"{example_id}.yaml")))
        sites.append(("this guide", guide, functools.partial(edit_record, guide / "practice_examples" / f"{example_id}.yaml")))
        if args.nav_baseline:
            sites.append(("guide, all in nav", make_project(folder / "nav", size, nav_listing=True), None))
        load_average = os.getloadavg()[0]
        builds = timed_builds([(name, project) for name, project, _ in sites], args.rounds)
        for name, project, edit in sites:
            row: dict = {"examples": size, "site": name, "load_average": load_average}
            row.update(build_figures(builds[name], builds["bare Material"], size))
            if project is not bare:
                shutil.rmtree(project / CACHE, ignore_errors=True)
                timed = validation_seconds(project)  # cold
                row.update(validate_s=timed["validate_s"], validate_ms_per_record=timed["validate_s"] * 1000 / size,
                           markdown_ms_per_record=timed["markdown_s"] * 1000 / size,
                           checks_ms_per_record=(timed["validate_s"] - timed["markdown_s"]) * 1000 / size,
                           validate_warm_ms_per_record=validation_seconds(project)["validate_s"] * 1000 / size)
            if not args.skip_browser:
                browse = name in ("this guide", "guide before") and not args.skip_filter
                row.update(site_figures(project / "site", example_id, browser, guide=project is not bare, browse=browse))
            if edit and size == SERVE_SIZE and not args.skip_serve:
                row.update(serve_rebuild(project, edit))
            yield row


# (heading, key, divisor, decimals); a row without the key shows "-".
COLUMNS = [
    ("load", "load_average", 1, 1),
    ("validate_s", "validate_s", 1, 1),
    ("ms/record", "validate_ms_per_record", 1, 2),
    ("checks_ms", "checks_ms_per_record", 1, 2),
    ("warm_ms/rec", "validate_warm_ms_per_record", 1, 2),
    ("build_s", "build_s", 1, 1),
    ("x_bare", "build_ratio_to_bare", 1, 2),
    ("cpu_s", "build_cpu_s", 1, 1),
    ("cpu_x_bare", "build_cpu_ratio_to_bare", 1, 2),
    ("floor_x", "build_floor_ratio_to_bare", 1, 2),
    ("warm_s", "warm_build_s", 1, 1),
    ("warm_x", "warm_ratio_to_bare", 1, 2),
    ("warm_cpu_s", "warm_build_cpu_s", 1, 1),
    ("warm_cpu_x", "warm_cpu_ratio_to_bare", 1, 2),
    ("s/example", "build_s_per_example", 1, 4),
    ("peak_MiB", "peak_memory_bytes", 2**20, 0),
    ("max_page_KiB", "largest_example_page_bytes", 2**10, 1),
    ("index_KiB", "search_index_bytes", 2**10, 0),
    ("home_gz_KiB", "home_first_visit_bytes", 2**10, 0),
    ("example_gz_KiB", "example_first_visit_bytes", 2**10, 0),
    ("max_gz_KiB", "heaviest_first_visit_bytes", 2**10, 0),
    ("search_gz_KiB", "search_fetch_bytes", 2**10, 0),
    ("ready_ms", "browse_ready_ms", 1, 0),
    ("filter_ms", "filter_ms", 1, 1),
    ("worst_ms", "filter_worst_ms", 1, 1),
    ("words1_ms", "words_first_ms", 1, 0),
    ("key_ms", "keystroke_ms", 1, 1),
    ("serve_s", "serve_rebuild_s", 1, 1),
    ("serve_logged_s", "serve_rebuild_logged_s", 1, 1),
]


def table_row(row: dict) -> str:
    cells = [f"{row['examples']:>8}", f"{row['site']:<17}"]
    for heading, key, divisor, decimals in COLUMNS:
        cells.append(f"{row[key] / divisor:.{decimals}f}".rjust(len(heading)) if key in row else "-".rjust(len(heading)))
    return "  ".join(cells) + f"  (heaviest first visit: /{row.get('heaviest_first_visit_page', '').replace('home', '')})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="library sizes, in examples (comma-separated)")
    parser.add_argument("--skip-filter", action="store_true", help="skip timing the browse page's filters")
    parser.add_argument("--skip-serve", action="store_true", help=f"skip timing mkdocs serve's rebuild at {SERVE_SIZE} examples")
    parser.add_argument("--skip-browser", action="store_true", help="only time validation and builds: no page sizes, first visits or browse timings")
    parser.add_argument("--nav-baseline", action="store_true", help="also build the guide with every example in the nav, the layout it avoids")
    parser.add_argument("--profile", action="store_true", help="instead, profile the guide's build at each size with cProfile")
    parser.add_argument("--skip-profile", action="store_true", help="skip the summary of where a build's time goes, after the table")
    parser.add_argument("--rounds", type=int, default=1, metavar="N",
                        help="build each site N times (cold, then warm), the sites taking turns in an order that reverses each round; "
                             "print the medians, and each round's ratio to bare Material")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure as JSON to PATH")
    parser.add_argument("--before", type=Path, metavar="FOLDER",
                        help="also benchmark another version of this project, such as `git archive main | tar -x -C FOLDER`, in the same run")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")
    if min(sizes) < len(example_paths(ROOT)):
        parser.error(f"each size must be at least the {len(example_paths(ROOT))} real records")
    if args.profile:
        for size in sizes:
            print_profile(size)
        return 0
    from playwright.sync_api import sync_playwright

    machine = {"cores": forked.cores(), "python": platform.python_version(), "platform": platform.platform(), "load_average_start": os.getloadavg()}
    print(f"{machine['cores']} cores, Python {machine['python']}, {machine['platform']}; load average {machine['load_average_start']}")
    print("  ".join(["examples", f"{'site':<17}"] + [heading for heading, *_ in COLUMNS]), flush=True)
    rows = []
    with sync_playwright() as playwright:
        browser = launch(playwright, reader=True)
        for size in sizes:
            measured = []
            for row in measure_size(size, args, browser):
                print(table_row(row), flush=True)
                measured.append(row)
            if args.rounds > 1:
                for row in measured[1:]:
                    print(f"{'':>8}  {row['site']:<17}  ratio to bare, each round: cold " + " ".join(f"{ratio:.2f}" for ratio in row["build_ratios_to_bare"])
                          + ", warm " + " ".join(f"{ratio:.2f}" for ratio in row["warm_ratios_to_bare"]), flush=True)
            rows += measured
        browser.close()
    machine["load_average_end"] = os.getloadavg()
    print(f"load average at the end {machine['load_average_end']}")
    if not args.skip_profile:
        profile_summary(min(sizes, key=lambda size: abs(size - SERVE_SIZE)))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, "rows": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
