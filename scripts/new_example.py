"""Start a new practice example: writes practice_examples/<id>.yaml with every field, the
schema's advice for each as a comment, and TODO placeholders the validator will not accept
until they are replaced.

Usage: make new ID=naloxone-at-induction SECTION=reducing-harm [TITLE="..."]
   or: python scripts/new_example.py [ID] [--section SECTION] [--title TITLE]
Without an id or a section it asks for them at a terminal, and otherwise says what to type.
A section may be given by its id, title or short title, in any case. Given a title and no id,
the id is made from the title.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import re
import shlex
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from _root import ROOT

from macros.load.examples import EXAMPLES_DIR, SCHEMA_PATH
from macros.load.guide import Guide, Section, load_guide
from macros.base.ids import id_from_title
from macros.base.problems import ProblemsFound
from macros.load.schema import read_schema

EXAMPLE_ID = "naloxone-at-induction"
EXAMPLE_TITLE = "Naloxone offered at induction"


class Refused(Exception):
    """A mistake in what was asked for, in plain words: what is wrong and what to type instead."""


def comment(text: str) -> str:
    return "\n".join(f"# {line}" for line in textwrap.wrap(text, 86)) + "\n"


def quoted(text: str) -> str:
    """text as one double-quoted YAML scalar, through PyYAML's safe emitter (it reads back as text)."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=10_000).rstrip("\n").removesuffix("\n...")


def scaffold(example_id: str, section_id: str, title: str | None = None) -> str:
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
    field("title", f"title: {quoted(title)}\n" if title else 'title: "TODO: what was done, for whom"\n')
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


def _words(text: str) -> str:
    """A section name as people type it: any case, hyphens, underscores and spaces alike."""
    return " ".join(re.sub(r"[-_]+", " ", text).casefold().split())


def section_names(guide: Guide) -> dict[str, Section]:
    """Every name a section answers to (id, title, short title), normalised."""
    names = {}
    for section in guide.sections:
        for name in (section.id, section.title, section.short_title):
            names[_words(name)] = section
    return names


def sections_list(guide: Guide) -> str:
    return ", ".join(f"{section.id} ({section.title})" for section in guide.sections)


def find_section(text: str, guide: Guide) -> Section:
    """The section text names, or Refused saying which sections there are and which one was probably meant."""
    names = section_names(guide)
    wanted = _words(text)
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    partial = [section for name, section in names.items() if wanted and (wanted in name.split() or wanted in name)]
    guess = names[close[0]] if close else (partial[0] if len({s.id for s in partial}) == 1 else None)
    hint = f" Did you mean {guess.id} ({guess.title})?" if guess else ""
    raise Refused(f"There is no section called '{text}'.{hint} The sections are: {sections_list(guide)}.")


@dataclass(frozen=True)
class IdRule:
    pattern: re.Pattern
    max_length: int
    min_title: int
    max_title: int


def id_rule() -> IdRule:
    properties = read_schema(ROOT / SCHEMA_PATH, SCHEMA_PATH.as_posix())["properties"]
    return IdRule(re.compile(properties["id"]["pattern"]), properties["id"]["maxLength"],
                  properties["title"]["minLength"], properties["title"]["maxLength"])


def check_id(example_id: str, rule: IdRule) -> str:
    """example_id if it can be used for a new file, or Refused saying why and what to use instead."""
    if len(example_id) > rule.max_length:
        raise Refused(f"The id '{example_id}' is {len(example_id)} characters long: use at most {rule.max_length}, "
                      f"for example {id_from_title(example_id, rule.max_length)}.")
    if not rule.pattern.match(example_id):
        made = id_from_title(example_id, rule.max_length)
        instead = f" Try {made}." if made and made != example_id else ""
        raise Refused(f"The id '{example_id}' cannot be used: an id is lowercase letters and digits in words joined by "
                      f"single hyphens, such as {EXAMPLE_ID}.{instead}")
    path = ROOT / EXAMPLES_DIR / f"{example_id}.yaml"
    if path.exists() or path.is_symlink():
        raise Refused(f"{path.relative_to(ROOT).as_posix()} already exists: choose another id, "
                      f"or open that file to carry on with the example it holds.")
    return example_id


def check_title(title: str, rule: IdRule) -> str:
    title = " ".join(title.split())
    if not rule.min_title <= len(title) <= rule.max_title:
        raise Refused(f"The title '{title}' is {len(title)} characters long: a title is a short headline of "
                      f"{rule.min_title} to {rule.max_title} characters, such as '{EXAMPLE_TITLE}'.")
    if not id_from_title(title):
        raise Refused(f"The title '{title}' has no letters or digits: write a short headline, such as '{EXAMPLE_TITLE}'.")
    return title


def how_to_type(example_id: str | None, section: str | None, title: str | None, guide: Guide) -> str:
    """The exact command that would have worked, filled in with what was given; make's form under make."""
    section = section or guide.sections[-1].id
    if os.environ.get("MAKELEVEL"):
        words = ["make new"]
        words += [f"ID={example_id}"] if example_id else []
        words += [f"SECTION={section}"]
        words += [f"TITLE={shlex.quote(title)}"] if title else []
    else:
        words = [f"{_python()} scripts/new_example.py"]
        words += [example_id] if example_id else []
        words += [f"--section {section}"]
        words += [f"--title {shlex.quote(title)}"] if title else []
    return "    " + " ".join(words)


def _python() -> str:
    """The Python running this script, as typed from the project's folder."""
    try:
        return Path(sys.executable).relative_to(ROOT).as_posix()
    except ValueError:
        return "python3"


def ask(question: str, check: Callable[[str], Any], default: str | None = None) -> Any:
    """Ask at the terminal until the answer passes check; a mistake is explained and asked again."""
    while True:
        shown = f"{question} [{default}]: " if default else f"{question}: "
        answer = input(shown).strip() or (default or "")
        try:
            return check(answer)
        except Refused as refused:
            print(f"  {refused}", file=sys.stderr)


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


class _Parser(argparse.ArgumentParser):
    """argparse, with every mistake in plain words instead of its own messages."""

    def error(self, message: str):
        missing = re.match(r"argument (\S+?)(?:/\S+)?: expected one argument", message)
        if missing:
            raise Refused(f"{missing.group(1)} needs a value after it, for example {missing.group(1)} "
                          f"{EXAMPLE_ID if missing.group(1) == '--id' else 'supervision'}; or leave it out to be asked.")
        unknown = re.match(r"unrecognized arguments: (.*)", message)
        if unknown:
            raise Refused(f"'{unknown.group(1)}' is more than this command takes: give one id, a section and, "
                          f"if you like, a title, for example: make new ID={EXAMPLE_ID} SECTION=reducing-harm")
        raise Refused(f"That command could not be read. Type, for example: make new ID={EXAMPLE_ID} SECTION=reducing-harm")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(description=__doc__.split("\n\n")[0], add_help=True)
    parser.add_argument("id", nargs="?", default="", help=f"lowercase words joined by hyphens, e.g. {EXAMPLE_ID}")
    parser.add_argument("--id", dest="id_option", default="", help="the same as ID (for make)")
    parser.add_argument("--section", default="", help="leadership, assessment, supervision or reducing-harm (or a section's title)")
    parser.add_argument("--title", default="", help="the example's title; with no id, the id is made from it")
    args = parser.parse_args(argv)
    if args.id and args.id_option and args.id != args.id_option:
        raise Refused(f"Two different ids were given ('{args.id}' and '{args.id_option}'): give one.")
    args.id = (args.id or args.id_option).strip()
    args.section, args.title = args.section.strip(), args.title.strip()
    return args


def choose(args: argparse.Namespace, guide: Guide, rule: IdRule) -> tuple[str, Section, str | None]:
    """The id, section and title to use: given, asked for at a terminal, or else Refused with what to type."""
    title = check_title(args.title, rule) if args.title else None
    example_id = check_id(args.id, rule) if args.id else None
    section = find_section(args.section, guide) if args.section else None
    if example_id is None and title is not None and not interactive():
        try:
            example_id = check_id(id_from_title(title, rule.max_length), rule)
        except Refused as refused:
            raise Refused(f"{refused} (The id was made from the title: give ID=... to choose one.)") from None
    if example_id and section:
        return example_id, section, title
    if not interactive():
        missing = " and ".join(name for name, value in (("an id", example_id), ("a section", section)) if not value)
        section_id = section.id if section else None
        or_title = "" if example_id else (
            "\n\nor give a title, and the id is made from it:\n\n" + how_to_type(None, section_id, title or EXAMPLE_TITLE, guide)
        )
        sections = "".join(f"\n    {s.id:<15} {s.title}" for s in guide.sections)
        raise Refused(
            f"A new example needs {missing}. Type, for example:\n\n"
            f"{how_to_type(example_id or EXAMPLE_ID, section_id, title, guide)}{or_title}\n\n"
            "The id is the example's permanent name and web address: lowercase words joined by single hyphens.\n"
            f"The section is one of these (its id, title or short title, in any case):{sections}"
        )
    print("A new practice example. Press Ctrl-C to stop; nothing is written until the end.")
    if example_id is None:
        if title is None:
            title = ask(f"Its title, a short headline (for example: {EXAMPLE_TITLE}); Enter to skip",
                        lambda answer: check_title(answer, rule) if answer else None)
        made = id_from_title(title, rule.max_length) if title else None
        example_id = ask("Its id (lowercase words joined by hyphens; its web address)", lambda answer: check_id(answer, rule), made)
    if section is None:
        numbered = "\n".join(f"  {number}. {s.title} ({s.id})" for number, s in enumerate(guide.sections, 1))
        print(f"Sections:\n{numbered}")
        section = ask("Its section (a number, or a name)", lambda answer: _numbered_section(answer, guide))
    return example_id, section, title


def _numbered_section(answer: str, guide: Guide) -> Section:
    if answer.isdigit() and 1 <= int(answer) <= len(guide.sections):
        return guide.sections[int(answer) - 1]
    return find_section(answer, guide)


def main(argv: list[str] | None = None) -> int:
    try:
        guide = load_guide(ROOT)
        rule = id_rule()
        args = parse(argv)
        example_id, section, title = choose(args, guide, rule)
    except ProblemsFound as found:
        print(f"The guide's own data has problems, so no example was started:\n{found.report()}", file=sys.stderr)
        return 1
    except Refused as refused:
        print(refused, file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nStopped: nothing was written.", file=sys.stderr)
        return 1
    path = ROOT / EXAMPLES_DIR / f"{example_id}.yaml"
    path.write_text(scaffold(example_id, section.id, title), encoding="utf-8")
    print(f"Wrote {path.relative_to(ROOT).as_posix()} (id {example_id}, section {section.id}). "
          "Replace each TODO, then run: make validate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
