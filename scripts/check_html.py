"""Check every built HTML page with the Nu HTML Checker (vnu.jar from npm, run with the machine's Java).

Usage: python scripts/check_html.py [--site DIR]
Prints each error as path:line:col: message and exits 1 if there is any. Needs `make install-node`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from _root import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class HtmlError:
    """One error the checker reported, at its place in the built file."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


def check(site: Path) -> list[HtmlError]:
    """Every error the Nu HTML Checker finds in the HTML files under site."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        raise FileNotFoundError(f"the Nu HTML Checker needs Java and {VNU_JAR.relative_to(ROOT)}: run `make install-node`")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
        capture_output=True,
        text=True,
        check=False,  # it exits 1 when it finds errors, which are read from its report
    )
    # The checker writes its JSON report to standard error, and exits 1 when it found errors.
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        raise RuntimeError(f"the Nu HTML Checker failed (exit {result.returncode}):\n{result.stderr}{result.stdout}") from None
    errors = []
    for message in report["messages"]:
        path = Path(unquote(urlparse(message.get("url", "")).path))
        shown = path.relative_to(site.resolve()).as_posix() if path.is_relative_to(site.resolve()) else str(path)
        errors.append(HtmlError(shown, message.get("lastLine", 0), message.get("firstColumn", message.get("lastColumn", 0)), message["message"]))
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder (default: site/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html not found: run `make build` first", file=sys.stderr)
        return 1
    errors = check(args.site)
    pages = sum(1 for _ in args.site.rglob("*.html"))
    for error in errors:
        print(error)
    print(f"{len(errors)} error(s) in {len({e.path for e in errors})} of {pages} HTML files.")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
