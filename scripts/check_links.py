"""Check every link and anchor in the built site: links served over HTTP on loopback, anchors in the files.

Usage: python scripts/check_links.py [--external] [--site DIR]
Internal links and anchors only by default, so it works offline; any broken link
or missing anchor fails. --external also fetches links to other sites (for a
scheduled job, as other sites change and the build machine may be offline).

LinkChecker checks that every linked page and file is served. Anchors are checked here,
reading each page once: LinkChecker's own anchor check fetches a page again for every
anchor linked on it (linkchecker/linkchecker issue #781), about 3,000 fetches of this site.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from _root import ROOT
from _browser import serve

RC_FILE = ROOT / "scripts" / "linkcheckerrc"


class _Page(HTMLParser):
    """A page's element ids, and the anchors its links name: (address as written, its page part, its anchor)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.anchors: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        href = values.get("href") if tag == "a" else None
        if href and "#" in href:
            parts = urlsplit(href)
            if not parts.scheme and not parts.netloc and parts.fragment:
                self.anchors.append((href, unquote(parts.path), unquote(parts.fragment)))


def missing_anchors(site: Path) -> list[str]:
    """Every link to an anchor that its page lacks, as 'page: address (no element with id anchor)'. A link to a page
    that is not there is LinkChecker's to report."""
    pages: dict[Path, _Page] = {}

    def read(path: Path) -> _Page | None:
        if path not in pages:
            if not path.is_file():
                return None
            page = pages[path] = _Page()
            page.feed(path.read_text(encoding="utf-8"))
        return pages[path]

    problems = []
    for path in sorted(site.rglob("*.html")):
        for href, target, anchor in read(path).anchors:
            linked = (path.parent / target).resolve() if target else path
            if linked.is_dir():
                linked = linked / "index.html"
            found = read(linked)
            if found is not None and anchor not in found.ids:
                problems.append(f"{path.relative_to(site).as_posix()}: {href} (no element with id {anchor!r})")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--external", action="store_true", help="also check links to other sites")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder (default: site/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html not found: run `make build` first", file=sys.stderr)
        return 1
    anchors = missing_anchors(args.site)
    for problem in anchors:
        print(f"Missing anchor: {problem}")
    server, url = serve(args.site)
    command = [str(Path(sys.executable).parent / "linkchecker"), "--config", str(RC_FILE), "--no-status"]
    if args.external:
        command.append("--check-extern")
    try:
        links = subprocess.run([*command, url]).returncode
    finally:
        server.shutdown()
    if anchors:
        print(f"{len(anchors)} link(s) to a missing anchor.")
    return 1 if anchors or links else 0


if __name__ == "__main__":
    sys.exit(main())
