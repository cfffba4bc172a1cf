"""Build the offline copy: the site as a zip that works when unzipped and opened from a folder.

Usage: python scripts/offline.py [--out dist/drugs-alcohol-probation-offline.zip] [--allow-local-address]

Builds the site strictly with Material's offline plugin (OFFLINE=true: pages as .html files),
checks that every link between its files opens a file (not a
folder) and that nothing is loaded from another host, then zips it under one folder and
prints the zip's size. The build refuses a site_url (SITE_URL) on this machine, such as
http://127.0.0.1:8000/, since the copy's QR codes and printed addresses would lead nowhere:
--allow-local-address builds it anyway, for a copy used only here.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import _browser
from _root import ROOT

from macros.pages import offline

FOLDER = "drugs-alcohol-probation"
DEFAULT_ZIP = ROOT / "dist" / f"{FOLDER}-offline.zip"


def build(site_dir: Path, project_dir: Path = ROOT, allow_local_address: bool = False) -> subprocess.CompletedProcess:
    """mkdocs build --strict with the offline plugin on, into site_dir."""
    # Set either way, so that a value left in the environment cannot allow it.
    allow = {offline.ALLOW_LOCAL_ADDRESS: "1" if allow_local_address else ""}
    return _browser.build(project_dir, site_dir, quiet=True, OFFLINE="true", **allow)


def write_zip(site_dir: Path, out: Path) -> None:
    """The built copy, under one folder."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                archive.write(path, f"{FOLDER}/{path.relative_to(site_dir).as_posix()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_ZIP, help=f"the zip to write (default: {DEFAULT_ZIP.relative_to(ROOT)})")
    parser.add_argument("--allow-local-address", action="store_true",
                        help="build even if site_url (SITE_URL) is this machine's address, for a copy used only here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="offline-") as scratch:
        site_dir = Path(scratch) / FOLDER
        result = build(site_dir, allow_local_address=args.allow_local_address)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            print("The offline copy was not built: see the messages above.", file=sys.stderr)
            return 1
        problems = offline.link_problems(site_dir)
        if problems:
            print(f"{len(problems)} link(s) would not work from a folder:", *problems, sep="\n", file=sys.stderr)
            return 1
        write_zip(site_dir, args.out)
    size = args.out.stat().st_size
    print(f"Wrote {args.out} ({size / 1_000_000:.1f} MB, {size:,} bytes). Unzip it and open {FOLDER}/index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
