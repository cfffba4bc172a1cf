"""Lighthouse scores for the home page, a section, an example and the browse page; prints a table.

Usage: python scripts/lighthouse.py [--site DIR] [--desktop] [--runs N]

Serves the built site on loopback the way a static host does (gzip for text, a ten-minute
cache lifetime, as GitHub Pages sends) and runs npm's Lighthouse (`make install-node`) in
the system Chromium, with its default mobile emulation and throttling (--desktop for its
desktop preset). Each page is run N times (3 by default) and the run with the median
performance score is reported, as performance varies from run to run: its performance,
accessibility, best-practices and SEO scores, its cumulative layout shift (CLS) and the
largest CLS of the runs, the range of the performance scores, then
every audit that cost a category points. Not part of CI: scores vary with
the machine's load.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _root import ROOT
from _browser import CHROMIUM, CHROMIUM_ARGS, serve

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _HostLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip and a cache lifetime, as a real host serves them."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = path.read_bytes()
        compress = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if compress:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def log_message(self, *args) -> None:
        pass


class _Body:
    """What send_head returns: a file-like body that SimpleHTTPRequestHandler copies out and closes."""

    def __init__(self, data: bytes):
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = (self._data, b"") if size < 0 else (self._data[:size], self._data[size:])
        return data

    def close(self) -> None:
        pass


def serve_like_a_host(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    return serve(site, _HostLikeHandler)


def pages(site: Path) -> dict[str, str]:
    """The four kinds of page, by name: path under the site."""
    example = next(
        p.parent.relative_to(site).as_posix() + "/"
        for p in sorted((site / "examples").glob("*/index.html"))
        if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")[:2000]
    )
    return {"home": "", "section": "supervision/", "example": example, "browse": "browse/"}


def lighthouse(url: str, desktop: bool, output: Path) -> dict:
    """Run Lighthouse on url; return its JSON report."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        "node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}",
    ]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(output.read_text(encoding="utf-8"))


def shortfalls(report: dict) -> list[str]:
    """Each audit that lost a category points, then the performance opportunities and diagnostics
    Lighthouse flags, which say why: category, audit title and its display value."""
    lines = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            scored = ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1
            flagged = category == "performance" and ref.get("group") == "diagnostics" and audit["score"] is not None and audit["score"] < 0.9
            if scored or flagged:
                shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lines.append(f"    {category}{'' if scored else ' (why)'}: {audit['title']}{shown}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder (default: site/)")
    parser.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset instead of mobile")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median run is reported (default 3)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html not found: run `make build` first", file=sys.stderr)
        return 1
    if not LIGHTHOUSE.is_file() or shutil.which("node") is None:
        print("Lighthouse is not installed: run `make install-node`", file=sys.stderr)
        return 1
    server, base = serve_like_a_host(args.site)
    rows, details = [], []
    try:
        with tempfile.TemporaryDirectory() as folder:
            for name, path in pages(args.site).items():
                runs = sorted(
                    (lighthouse(base + path, args.desktop, Path(folder) / f"{name}-{run}.json") for run in range(args.runs)),
                    key=lambda report: report["categories"]["performance"]["score"],
                )
                report = runs[len(runs) // 2]
                scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
                spread = f"{round(runs[0]['categories']['performance']['score'] * 100)}-{round(runs[-1]['categories']['performance']['score'] * 100)}"
                shift = report["audits"]["cumulative-layout-shift"]["numericValue"]
                worst_shift = max(run["audits"]["cumulative-layout-shift"]["numericValue"] for run in runs)
                rows.append(f"{name:<8} {'  '.join(f'{s:>14}' for s in scores)}  {shift:>6.3f} {worst_shift:>6.3f}"
                            f"   (performance {spread} in {len(runs)} runs) /{path}")
                details += [f"  {name}:", *shortfalls(report)] if min(scores) < 100 else []
    finally:
        server.shutdown()
    print(f"Lighthouse {'desktop' if args.desktop else 'mobile'} scores (median of {args.runs} runs), site served gzipped with a ten-minute cache lifetime:")
    print(f"{'page':<8} {'  '.join(f'{c:>14}' for c in CATEGORIES)}  {'CLS':>6} {'worst':>6}")
    print("\n".join(rows))
    if details:
        print("Audits that cost points:")
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
