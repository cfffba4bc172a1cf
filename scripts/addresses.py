"""Record every published address of the guide, or check that none has gone.

Usage: python scripts/addresses.py            write published-addresses.txt (make addresses)
       python scripts/addresses.py --check    fail, naming each, if a listed address has gone
                                              without a forward; list the ones not yet recorded

The build runs the same check (macros/glue/hooks.py), so a removal stops `make build` too. Write
the list after adding pages, examples, take-aways or glossary entries, and commit it: from
then on they are published, and a rename needs a former id.
"""

from __future__ import annotations

import argparse
import sys

from _root import ROOT

from macros.pages import addresses
from macros.load import project
from macros.base.problems import ProblemsFound

DOCS = ROOT / "docs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check the committed list instead of writing it")
    args = parser.parse_args()
    try:
        data = project.load(ROOT)
    except ProblemsFound as found:
        print(found.report(), file=sys.stderr)
        return 1
    list_path = ROOT / addresses.LIST_PATH
    if not args.check:
        found = addresses.published(data, DOCS)
        removed = addresses.gone(data, DOCS, list_path) if list_path.is_file() else []
        list_path.write_text(addresses.text(found), encoding="utf-8")
        print(f"Wrote {len(found)} addresses to {addresses.LIST_PATH}." +
              (f" {len(removed)} listed before are no longer published, so links to them will break:" if removed else ""))
        for _, address in removed:
            print(f"  {address}")
        return 0
    if not list_path.is_file():
        print(f"{addresses.LIST_PATH} is missing: run `make addresses` and commit it", file=sys.stderr)
        return 1
    problems = addresses.missing(data, DOCS, list_path)
    for problem in problems:
        print(problem, file=sys.stderr)
    new = addresses.unlisted(data, DOCS, list_path)
    if new:
        print(f"{len(new)} address(es) not recorded yet (run `make addresses` when they are published):", *new, sep="\n  ")
    print(f"{len(addresses.read(list_path))} published addresses checked: {len(problems)} gone without a forward.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
