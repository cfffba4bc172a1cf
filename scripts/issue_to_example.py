"""Turn an issue made with the "Propose an example" form into practice_examples/<id>.yaml, then check it.

Usage: python scripts/issue_to_example.py (--body-file FILE | --body-env NAME) [--root DIR]

The issue body is the Markdown GitHub writes from the form: a "### Label" heading per field,
"_No response_" for an empty one ("None" for a dropdown left at None) and "- [X]" / "- [ ]"
lines for checkboxes. Contributor text is written with PyYAML's safe emitter, so it stays
data; line ends become plain newlines and spaces at line ends are dropped. The new file is
then checked with the project's validator, against the rest of the library. It is added and
last reviewed today, and due for review a year from today. In a reported example, Context and
What was done become parts reported by the first source, and What you suggest a part of the
guide's own; each source gets an id made from its publisher and date, which the evidence names.

Exit status: 0 the file was written and passes the checks; 1 the issue is missing something
(each point is printed and nothing is written) or the written file has problems (each printed
as path:line:col); 2 wrong usage. When GITHUB_OUTPUT is set, a valid record's id and path are
added to it for the workflow's next steps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import secrets
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from _root import ROOT
from issue_form import KINDS, SOURCE_WORDS, Element, Form, dump_yaml, load_form

from macros.load import project
from macros.load.examples import EXAMPLES_DIR, SCHEMA_PATH
from macros.load.guide import Guide, load_guide
from macros.load.rules import GUIDE, years_after
from macros.base.ids import id_from_title
from macros.base.problems import Problem, ProblemsFound, visible
from macros.load.schema import read_schema

NO_RESPONSE = "_No response_"
DROPDOWN_NONE = "None"  # the choice GitHub adds to a dropdown that is not required
SCHEMA_HINT = "# yaml-language-server: $schema=schema.json\n"
HEADING = re.compile(r"^### (.*?)[ \t]*$", re.MULTILINE)
CHECKBOX = re.compile(r"^- \[([ xX])\] (.*?)[ \t]*$")
ID_SUFFIX = re.compile(r"\(([^()]+)\)$")
LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
CHECK_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*:\s*(\S.*)$")


class Incomplete(Exception):
    """The issue cannot become a record yet; every reason, in the form's own words."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("; ".join(reasons))


def answers(body: str, form: Form) -> dict[str, str | None]:
    """The text under each of the form's headings, by element id; None where GitHub wrote _No response_."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    by_label = {element.label: element for element in form.fields()}
    found = [(match, by_label[match.group(1)]) for match in HEADING.finditer(body) if match.group(1) in by_label]
    if not found:
        raise Incomplete(
            [
                "this issue was not made with the 'Propose an example' form (none of its headings, such as '### Title', is in it): "
                "open a new issue with that form"
            ]
        )
    counts = Counter(element.label for _, element in found)
    repeated = [
        f"the line '### {label}' appears {count} times: only the form's own heading may start with it, so change that line in your answer"
        for label, count in counts.items()
        if count > 1
    ]
    if repeated:
        raise Incomplete(repeated)
    result: dict[str, str | None] = {element.id: None for element in form.fields()}
    for index, (match, element) in enumerate(found):
        end = found[index + 1][0].start() if index + 1 < len(found) else len(body)
        text = _tidy(body[match.end() : end])
        empty = ("", NO_RESPONSE, DROPDOWN_NONE) if element.type == "dropdown" else ("", NO_RESPONSE)
        result[element.id] = None if text in empty else text
    return result


def _tidy(text: str) -> str:
    """Answer text without the blank lines around it or spaces at line ends."""
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


SOURCE_ID_LENGTH = 60


def record_from(body: str, form: Form, schema: dict[str, Any], guide: Guide, today: dt.date) -> dict[str, Any]:
    """The record an issue body describes, in the schema's field order; raises Incomplete with every reason."""
    given = answers(body, form)
    reasons: list[str] = []

    def text(element_id: str) -> str | None:
        value = given[element_id]
        element = form.field(element_id)
        if value is None and element.required:
            reasons.append(f"{element.label}: this is empty: fill it in")
        return value

    def lines(element_id: str) -> list[str]:
        """One item a line, as many as the schema allows."""
        value = given[element_id]
        found = [LIST_MARKER.sub("", line.strip()) for line in value.splitlines() if line.strip()] if value else []
        rule = schema["properties"][element_id]
        if not rule["minItems"] <= len(found) <= rule["maxItems"]:
            reasons.append(f"{form.field(element_id).label}: write between {rule['minItems']} and {rule['maxItems']}, "
                           f"one on each line; there are {len(found)}")
        return found

    title = text("example_title")
    example_id = _example_id(given["example_id"], title, schema, reasons)
    section = _dropdown(form.field("section"), given["section"], reasons)
    summary = text("summary")
    context, what_was_done, why_it_works = text("context"), text("what_was_done"), text("why_it_works")
    tips, questions = lines("tips"), lines("reflective_questions")
    checks = _checks(given["checks"], reasons)
    takeaways = [
        value for element in form.fields() if element.id.startswith("takeaways-") for value in _ticked(element, given[element.id], reasons)
    ]
    if not takeaways:
        reasons.append("Key take-aways: tick at least one take-away that the example illustrates, one at least from its own section")
    standards = _ticked(form.field("standards"), given["standards"], reasons)
    if not standards:
        reasons.append("Inspection standards: tick at least one standard")
    tag_lists = [element for element in form.fields() if element.id.startswith("tags-")]
    tags = {element.id.removeprefix("tags-"): _dropdown(element, given[element.id], reasons) for element in tag_lists if given[element.id]}
    if not tags:
        reasons.append(f"Tags: choose at least one tag in one of the lists: {', '.join(element.label for element in tag_lists)}")
    kind = _dropdown(form.field("provenance"), given["provenance"], reasons)
    sources = _sources(given["sources"], kind, reasons)
    status = _dropdown(form.field("evidence_status"), given["evidence_status"], reasons)
    evidence = _evidence(guide, status, given["evidence_study"], given["evidence_found"], kind, sources, reasons)
    suggestions = given["guide_suggestions"]
    if suggestions and kind == KINDS["Illustrative"]:
        reasons.append("What you suggest: this is for reported examples only; for an illustrative example, put everything in What was done")
    confirm = form.field("confirm")
    unticked = {shown for shown, _ in confirm.options} - set(_ticked(confirm, given["confirm"], reasons))
    for shown in sorted(unticked):
        reasons.append(f"{confirm.label}: tick '{shown}' (if you cannot, do not submit the example)")
    if reasons:
        raise Incomplete(reasons)

    provenance: dict[str, Any] = {"kind": kind}
    if given["provenance_note"]:
        provenance["note"] = given["provenance_note"]
    if sources:
        provenance["sources"] = sources
    if kind == KINDS["Reported"]:
        # What the first source reports, and the guide's own suggestions after it, told apart.
        reporter = sources[0]["id"]
        context = [{"from": reporter, "text": context}]
        what_was_done = [{"from": reporter, "text": what_was_done}] + ([{"from": GUIDE, "text": suggestions}] if suggestions else [])
    record: dict[str, Any] = {
        "id": example_id,
        "title": title,
        "section": section,
        "summary": summary,
        "context": context,
        "what_was_done": what_was_done,
        "why_it_works": why_it_works,
        "tips": tips,
        "reflective_questions": questions,
        "takeaways": takeaways,
        "standards": standards,
        "tags": tags,
        "evidence": evidence,
        "provenance": provenance,
        "added": today.isoformat(),
        "last_reviewed": today.isoformat(),
        "review_by": years_after(today, 1).isoformat(),
        "checks": checks,
    }
    order = list(schema["properties"])
    return {name: record[name] for name in sorted(record, key=order.index) if record[name] != []}


def _example_id(given: str | None, title: str | None, schema: dict[str, Any], reasons: list[str]) -> str | None:
    """The id written on the form, or one made from the title; never a path that leaves practice_examples/."""
    rule = schema["properties"]["id"]
    if given is None:
        if title is None:
            return None
        made = id_from_title(title, rule["maxLength"])
        if not made:
            reasons.append("Id (optional): the title has no letters or digits to make an id from: write an id")
        return made or None
    if not re.match(rule["pattern"], given) or len(given) > rule["maxLength"]:
        reasons.append(f"Id (optional): '{given}' cannot be used: {rule['errorMessage']} (at most {rule['maxLength']} characters)")
        return None
    return given


def _choice(element: Element, shown: str) -> str | None:
    """The value an option stands for: by its exact text, or by the id at its end, so edited wording still matches."""
    options = dict(element.options)
    if shown in options:
        return options[shown]
    match = ID_SUFFIX.search(shown)
    return match.group(1) if match and match.group(1) in options.values() else None


def _dropdown(element: Element, answer: str | None, reasons: list[str]) -> Any:
    """One value, or for a multiple dropdown the list of values (GitHub joins the chosen options with ', ')."""
    if answer is None:
        if element.required:
            reasons.append(f"{element.label}: nothing is chosen: choose one")
        return None
    if not element.multiple:
        value = _choice(element, answer)
        if value is None:
            reasons.append(f"{element.label}: '{answer}' is not one of the choices now offered: edit the issue and choose again")
        return value
    order = [shown for shown, _ in element.options]
    chosen = _split_options(answer, order)
    if chosen is None:
        reasons.append(f"{element.label}: '{answer}' is not a list of the choices now offered: edit the issue and choose again")
        return None
    return [_choice(element, shown) for shown in sorted(set(chosen), key=order.index)]


def _split_options(answer: str, options: list[str]) -> list[str] | None:
    """Split 'A, B' back into options, even where an option itself contains ', '; None if it cannot be done."""
    came_from: dict[int, tuple[int, str]] = {}  # where each option ends -> where it starts, and which it is
    starts = [0]
    for start in starts:
        for shown in options:
            end = start + len(shown)
            if not answer.startswith(shown, start):
                continue
            if end == len(answer):
                chosen = [shown]
                while start:
                    start, shown = came_from[start]
                    chosen.insert(0, shown)
                return chosen
            if answer.startswith(", ", end) and end + 2 not in came_from:
                came_from[end + 2] = (start, shown)
                starts.append(end + 2)
    return None


def _ticked(element: Element, answer: str | None, reasons: list[str]) -> list[str]:
    """The values of the ticked checkboxes, in the form's order."""
    ticked = []
    for line in (answer or "").splitlines():
        match = CHECKBOX.match(line)
        if not match or match.group(1) == " ":
            continue
        value = _choice(element, match.group(2))
        if value is None:
            reasons.append(f"{element.label}: '{match.group(2)}' is not one of the boxes now offered: edit the issue and tick again")
        else:
            ticked.append(value)
    order = [value for _, value in element.options]
    return sorted(set(ticked), key=order.index)


def _evidence(guide: Guide, status_id: str | None, study: str | None, found: str | None, kind: str | None,
              sources: list[dict[str, str]], reasons: list[str]) -> dict[str, str]:
    """The evidence status, with the id of the source that gives it and what it found where the status needs a study."""
    if status_id is None:
        return {}
    status = guide.statuses[status_id]
    if kind and status.kind != kind:
        fitting = "; ".join(s.label for s in guide.statuses.values() if s.kind == kind)
        reasons.append(f"Evidence status: '{status.label}' does not go with Provenance '{kind.capitalize()}': choose {fitting}, or change Provenance")
    evidence = {"status": status_id}
    if not status.study_required:
        if study or found:
            reasons.append(f"Study (web address): '{status.label}' names no study: leave Study and What the study found empty, "
                           "or choose the status that the study gives")
        return evidence
    if study is None:
        reasons.append(f"Study (web address): '{status.label}' needs the study that gives this evidence: give its web address, "
                       "and list the study under Sources")
    else:
        matching = [source["id"] for source in sources if source.get("url", "").rstrip("/") == study.strip().rstrip("/")]
        if matching:
            evidence["study"] = matching[0]
        else:
            reasons.append(f"Study (web address): '{study}' is not the web address of any source under Sources: list the study there, "
                           "or correct the address")
    if found is None:
        reasons.append("What the study found: say in a sentence or two what the study found, including no effect, mixed results or a small sample")
    else:
        evidence["found"] = " ".join(found.split())  # one plain paragraph
    return evidence


def _checks(answer: str | None, reasons: list[str]) -> list[dict[str, str]]:
    """Each line 'YYYY-MM-DD: what to check' as a check; the validator says whether the date is a real one after today."""
    checks = []
    for line in (answer or "").splitlines():
        if not line.strip():
            continue
        match = CHECK_LINE.match(LIST_MARKER.sub("", line.strip()))
        if match:
            checks.append({"by": match.group(1), "what": match.group(2)})
        else:
            reasons.append(f"Statements to check later: the line '{line.strip()}' does not start with a date as YYYY-MM-DD and a colon")
    return checks


def _source_id(source: dict[str, str], taken: set[str]) -> str:
    """A source's id, made from its publisher and date, unique in the record."""
    made = id_from_title(f"{source.get('publisher', '')} {source.get('date', '').replace('n.d.', '')}", SOURCE_ID_LENGTH) or "source"
    unique, number = made, 1
    while unique in taken:
        number += 1
        unique = f"{made[: SOURCE_ID_LENGTH - len(str(number)) - 1].rstrip('-')}-{number}"
    taken.add(unique)
    return unique


def _sources(answer: str | None, kind: str | None, reasons: list[str]) -> list[dict[str, str]]:
    """Each source written as 'Word: value' lines, with an empty line between sources, given an id."""
    if answer is None:
        if kind == KINDS["Reported"]:
            reasons.append("Sources: a reported example needs at least one published source that describes the practice")
        return []
    words = {word.casefold(): name for name, word in SOURCE_WORDS.items()} | {"url": "url"}
    sources = []
    for number, block in enumerate(re.split(r"\n\s*\n", answer), 1):
        source: dict[str, str] = {}
        for line in block.splitlines():
            word, colon, value = LIST_MARKER.sub("", line.strip()).partition(":")
            name = words.get(word.strip().strip("*_").casefold())
            if not colon or name is None:
                starts = ", ".join(word + ":" for word in SOURCE_WORDS.values())
                reasons.append(f"Sources, source {number}: the line '{line.strip()}' does not start with one of {starts}")
            elif name in source:
                reasons.append(f"Sources, source {number}: it has two {SOURCE_WORDS[name]}: lines; keep one")
            elif value.strip().strip("*_").strip():
                source[name] = value.strip().strip("*_").strip()
        needed = [name for name in SOURCE_WORDS if name != "supports" or kind == KINDS["Reported"]]
        missing = [SOURCE_WORDS[name] + ":" for name in needed if name not in source]
        if missing:
            reasons.append(f"Sources, source {number}: add a line for {', '.join(missing)}")
        sources.append({name: source[name] for name in SOURCE_WORDS if name in source})
    taken: set[str] = set()
    return [{"id": _source_id(source, taken), **source} for source in sources]


def convert(body: str, root: Path, today: dt.date) -> tuple[Path, list[Problem]]:
    """Write the record an issue body describes into root's practice_examples/ and check it.

    Raises Incomplete when the body lacks something; returns the path written and the validator's problems.
    """
    form = load_form(root)
    schema = read_schema(root / SCHEMA_PATH)
    record = record_from(body, form, schema, load_guide(root), today)
    path = root / EXAMPLES_DIR / f"{record['id']}.yaml"
    try:
        with open(path, "x", encoding="utf-8") as written:  # never overwrite, nor follow a link that is there
            written.write(SCHEMA_HINT + dump_yaml(record))
    except FileExistsError:
        raise Incomplete(
            [f"Id (optional): {path.relative_to(root).as_posix()} already exists: write another id for this example in the Id field"]
        ) from None
    _, problems = project.check(root, [path], today=today)
    return path, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--body-file", type=Path, help="a file holding the issue body")
    source.add_argument("--body-env", metavar="NAME", help="the environment variable holding the issue body (as the workflow passes it)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to write into (default: this one)")
    args = parser.parse_args(argv)
    if not (args.root / SCHEMA_PATH).is_file():
        print(f"{args.root} is not this project: it has no {SCHEMA_PATH}.", file=sys.stderr)
        return 2
    if args.body_env:
        if args.body_env not in os.environ:
            print(f"The environment variable {args.body_env} is not set: pass the issue body in it.", file=sys.stderr)
            return 2
        body = os.environ[args.body_env]
    elif not args.body_file.is_file():
        print(f"{args.body_file}: no such file", file=sys.stderr)
        return 2
    else:
        body = args.body_file.read_text(encoding="utf-8")
    _stop_workflow_commands()
    try:
        path, problems = convert(body, args.root, dt.date.today())
    except Incomplete as incomplete:
        print("The issue cannot become a practice example yet. Nothing was written. Edit the issue to fix each point:", file=sys.stderr)
        for reason in incomplete.reasons:
            print(f"- {visible(reason)}", file=sys.stderr)  # one line each, whatever the answer quoted in it
        return 1
    except ProblemsFound as found:
        print(f"The guide's data has problems, so no example can be checked:\n{found.report()}", file=sys.stderr)
        return 1
    shown = path.relative_to(args.root).as_posix()
    if problems:
        for problem in problems:
            print(problem)
        print(
            f"\nWrote {shown}, but it has {len(problems)} problem(s), listed above. Edit the issue and convert it again, or fix the file.",
            file=sys.stderr,
        )
        return 1
    print(f"Wrote {shown}; it passes the checks.")
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
            output.write(f"id={path.stem}\npath={shown}\n")
    return 0


def _stop_workflow_commands() -> None:
    """In a GitHub Actions run, have the runner read no workflow command from what follows.

    Reasons and problems quote the issue's text, and the runner takes '::error', '::add-mask::'
    and the like at the start of a line, and '##[' anywhere in one, as commands. Commands stay off
    until this step ends: a resume line printed on stdout could be read before the last lines on
    stderr. The token is random, so no issue text can turn them back on.
    """
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(f"::stop-commands::{secrets.token_hex(16)}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
