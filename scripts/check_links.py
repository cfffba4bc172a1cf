"""Check every link and anchor in the built site, served over HTTP on loopback.

Usage: python scripts/check_links.py [--external] [--site DIR]
Internal links and anchors only by default, so it works offline; any broken link
or missing anchor fails. --external also fetches links to other sites (for a
scheduled job, as other sites change and the build machine may be offline).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from _root import ROOT
from _browser import serve

RC_FILE = ROOT / "scripts" / "linkcheckerrc"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--external", action="store_true", help="also check links to other sites")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder (default: site/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html not found: run `make build` first", file=sys.stderr)
        return 1
    server, url = serve(args.site)
    command = [str(Path(sys.executable).parent / "linkchecker"), "--config", str(RC_FILE), "--no-status"]
    if args.external:
        command.append("--check-extern")
    try:
        return subprocess.run([*command, url]).returncode
    finally:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
