"""Check practice examples and the guide's data; print every problem as path:line:col: message.

Usage: python scripts/validate.py [PATH ...]   (default: every file in practice_examples/)
Exit status 0 when there are no problems, 1 otherwise. A review-by or check date that has passed
is printed as a warning, path:line: what to check, and does not change the exit status. When
GITHUB_ACTIONS is set, each problem and warning is also printed as an annotation so it shows on
the pull request.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    today = dt.date.today()
    # Every valid record is kept, so dates are checked even while another file has problems.
    loaded, problems = project.check(ROOT, args.paths or None, today, keep_valid=True)
    annotate = bool(os.environ.get("GITHUB_ACTIONS"))
    for problem in problems:
        print(problem)
        if annotate:
            print(problem.github_annotation())
    wanted = {path.resolve() for path in args.paths}
    reminders = sorted(
        reminder
        for example in (loaded.examples if loaded else [])
        if not wanted or (ROOT / example.source_path).resolve() in wanted or Path(example.source_path).resolve() in wanted
        for reminder in example.reminders(today)
    )
    if reminders:
        print(f"\n{len(reminders)} warning(s): these dates have passed. The examples stay valid, and their pages tell readers "
              "to check before relying on them:")
        for reminder in reminders:
            print(reminder)
            if annotate:
                print(reminder.github_annotation())
    # Said so that a quick run is not mistaken for a skipped one.
    unchanged = f" ({loaded.reused} unchanged since they were last checked)" if loaded and loaded.reused else ""
    if problems:
        print(f"\n{len(problems)} problem(s) found{unchanged}. Fix each one at the line shown, then run this again.", file=sys.stderr)
        return 1
    if args.paths:
        print(f"No problems in {len(args.paths)} file(s), checked against the {len(loaded.examples) - len(args.paths)} other examples in the library{unchanged}.")
    else:
        print(f"All {len(loaded.examples)} practice example(s) and the guide's data are valid{unchanged}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
