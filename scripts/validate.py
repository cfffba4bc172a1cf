"""Check practice examples and the guide's data; print every problem as path:line:col: message.

Usage: python scripts/validate.py [PATH ...]   (default: every file in practice_examples/)
Exit status 0 when there are no problems, 1 otherwise. When GITHUB_ACTIONS is set,
each problem is also printed as an annotation so it shows on the pull request.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from _root import ROOT

from macros.load import project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="record files to check (default: all)")
    args = parser.parse_args(argv)
    missing = [path for path in args.paths if not path.exists() and not path.is_symlink()]
    if missing:
        for path in missing:
            print(f"{path}: no such file: check the name and the folder you are in", file=sys.stderr)
        return 1
    loaded, problems = project.check(ROOT, args.paths or None)
    for problem in problems:
        print(problem)
        if os.environ.get("GITHUB_ACTIONS"):
            print(problem.github_annotation())
    if problems:
        print(f"\n{len(problems)} problem(s) found. Fix each one at the line shown, then run this again.", file=sys.stderr)
        return 1
    if args.paths:
        print(f"No problems in {len(args.paths)} file(s), checked against the {len(loaded.examples) - len(args.paths)} other examples in the library.")
    else:
        print(f"All {len(loaded.examples)} practice example(s) and the guide's data are valid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
