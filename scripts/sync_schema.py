"""Write the guide's vocabulary (sections, take-aways, standards, tag facets and values) into
practice_examples/schema.json, so editors autocomplete exactly what the validator accepts.

Usage: python scripts/sync_schema.py [--check]
--check changes nothing and exits 1 if the committed schema is out of date.
"""

from __future__ import annotations

import argparse
import json
import sys

from _root import ROOT

from macros.load.examples import SCHEMA_PATH, record_schema
from macros.load.guide import load_guide
from macros.base.problems import ProblemsFound


def expected_text() -> str:
    return json.dumps(record_schema(ROOT, load_guide(ROOT)), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report whether schema.json is up to date")
    args = parser.parse_args(argv)
    try:
        text = expected_text()
    except ProblemsFound as found:
        print(found.report(), file=sys.stderr)
        return 1
    path = ROOT / SCHEMA_PATH
    if path.read_text(encoding="utf-8") == text:
        print(f"{SCHEMA_PATH} is up to date with the guide's data.")
        return 0
    if args.check:
        print(f"{SCHEMA_PATH} is out of date with practice_examples/guide/: run `make schema` and commit it.", file=sys.stderr)
        return 1
    path.write_text(text, encoding="utf-8")
    print(f"Updated {SCHEMA_PATH} from the guide's data.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
