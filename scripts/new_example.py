"""Start a new practice example: writes practice_examples/<id>.yaml with every field, the
schema's advice for each as a comment, and TODO placeholders the validator will not accept
until they are replaced.

Usage: python scripts/new_example.py ID --section SECTION
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import textwrap

from _root import ROOT

from macros.examples import EXAMPLES_DIR, SCHEMA_PATH
from macros.guide import load_guide
from macros.schema import read_schema

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def comment(text: str) -> str:
    return "\n".join(f"# {line}" for line in textwrap.wrap(text, 86)) + "\n"


def scaffold(example_id: str, section_id: str) -> str:
    schema = read_schema(ROOT / SCHEMA_PATH, SCHEMA_PATH.as_posix())
    guide = load_guide(ROOT)
    fields = schema["properties"]
    today = dt.date.today().isoformat()
    section = guide.section(section_id)
    takeaway_ids = [t.id for t in guide.takeaways.values() if t.section == section_id]
    parts = ["# yaml-language-server: $schema=schema.json\n"]

    def field(name: str, body: str) -> None:
        parts.append("\n" + comment(fields[name]["description"]) + body)

    field("id", f"id: {example_id}\n")
    field("former_ids", "# former_ids:\n#   - an-old-id\n")
    field("title", 'title: "TODO: what was done, for whom"\n')
    field("section", f"section: {section_id}  # {section.title}\n")
    field("summary", "summary: >-\n  TODO: one or two sentences of plain text.\n")
    for name in ("context", "what_was_done", "why_it_works"):
        field(name, f"{name}: |\n  TODO: write this part in Markdown, in your own words.\n")
    field("tips", '# tips:\n#   - "A practical tip."\n')
    field("reflective_questions", '# reflective_questions:\n#   - "A question for supervision or training?"\n')
    field("takeaways", "takeaways: []\n" + "".join(f"#   - {t}\n" for t in takeaway_ids))
    field("standards", "standards: []\n" + "".join(f'#   - "{s.id}"  # {s.title}\n' for s in guide.standards.values()))
    tags = "tags:\n" + "".join(
        f"  # {facet.id}: [{', '.join(value.id for value in facet.values)}]\n" for facet in guide.facets
    )
    field("tags", tags)
    field("provenance", "provenance:\n  kind: illustrative\n  note: TODO how this example was put together.\n")
    field("added", f'added: "{today}"\n')
    field("reviewed", f'reviewed: "{today}"\n')
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("id", help="lowercase words joined by hyphens, e.g. naloxone-at-induction")
    parser.add_argument("--section", required=True, choices=[s.id for s in load_guide(ROOT).sections])
    args = parser.parse_args(argv)
    if not ID_PATTERN.match(args.id):
        print(f"'{args.id}' is not a valid id: use lowercase letters, digits and single hyphens", file=sys.stderr)
        return 1
    path = ROOT / EXAMPLES_DIR / f"{args.id}.yaml"
    if path.exists():
        print(f"{path.relative_to(ROOT)} already exists", file=sys.stderr)
        return 1
    path.write_text(scaffold(args.id, args.section), encoding="utf-8")
    print(f"Wrote {path.relative_to(ROOT)}. Replace each TODO, then run: make validate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
