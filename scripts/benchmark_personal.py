"""Measure the personal-details check; prints figures.

Usage: python scripts/benchmark_personal.py [RECORD.yaml ...]

Recall: every detail planted in tests/fixtures/personal-details/planted.yaml, each put in its
carrier sentences as a record's context field and checked as the validator checks it (the text
as written and as its page shows it). A detail is found when a finding of the same family (names,
dates, references...) overlaps it as the page shows it; "exactly" when the finding quotes just it.
The written cases of should-flag.yaml are scored the same way.

False alarms: every sentence of every record in practice_examples/ (each field checked as the
validator checks it: sources' titles and publishers as citations), and the ordinary sentences of
should-pass.yaml. A sentence is a false alarm when any finding falls in it; the figure is given
without the reviewed allow-list and with it.

Then times the check on 100,000-character texts of awkward shapes (long runs, many near
matches), which would take minutes or hours if a pattern backtracked. Given record files, it also
prints what the validator finds in them, as path:line:col.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import yaml
from _root import ROOT

from macros.load import examples, markup, personal, yamlsafe

CORPUS = ROOT / "tests" / "fixtures" / "personal-details"
SIZE = 100_000
SHAPES = {
    "one letter": "a",
    "capital letters": "A",
    "capitalised words": "Aa ",
    "given names": "Sarah ",
    "given names and person words": "Sarah Jenkins said she ",
    "names in capitals": "Sarah JENKINS said ",
    "titles": "Mr ",
    "titles and initials": "Mr A. ",
    "titles and long runs of spaces (F1)": "Mr" + " " * 200 + "A" + " " * 200 + "B" + " " * 200 + "1",
    "called": "a man called ",
    "digits": "1",
    "digits and spaces": "1 ",
    "zeros": "0",
    "mobile-like groups": "07700 ",
    "+44": "+44 ",
    "slashes": "12/",
    "hyphenated digits": "1-",
    "dots and digits": "1.",
    "at signs": "a@",
    "dotted words": "a.",
    "email-like, no end": "a@b.",
    "dates": "3 March 2025 ",
    "dates and events in one sentence": "sentenced on 3 March 2025 and ",
    "numeric dates": "03/03/2025 ",
    "DOB markers": "DOB ",
    "born on the": "born on the ",
    "court names": "Tamworth ",
    "courts and dates": "Tamworth Magistrates on 3 March ",
    "estates": "Aa Bb estate ",
    "house numbers": "12 Aa ",
    "case words": "case ",
    "case and spaces": "case" + " " * 50,
    "postcode-like": "B79 ",
    "NI-like": "AB 12 ",
    "character references": "&#52;",
    "emphasis marks": "*",
    "soft hyphens": "a\u00ad",
    "look-alike letters": "S\u0430rah ",
    "full stops": ". ",
    "blank lines": "\n\n",
    "list items": "\n- ",
}
ODD_ENDINGS = {  # one long run, then the character that would make a match, at the far end
    "letters then @": "x" * (SIZE - 10) + "@example",
    "@ then letters": "a@" + "b" * SIZE,
    "spaces then a date": "sentenced" + " " * SIZE + "3 March 2025",
}
CONTEXT = ("context",)


def record_paths() -> list[Path]:
    return sorted((ROOT / "practice_examples").glob("*.yaml"))


def strings(value: Any, where: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, where + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, where + (index,))


def findings(path: tuple, text: str, allowed: frozenset[str] = frozenset(), markdown: bool = True) -> list[tuple[int, personal.Finding, bool]]:
    """What the validator reports in text at path (Markdown is also read as its page shows it)."""
    converted = markup.convert(text, ()) if markdown and not examples._too_costly(text) else None
    return list(examples.personal_details(path, text, converted, allowed))


def shown(detail: str) -> str:
    """A planted detail as the page shows it and the check quotes it."""
    return personal.quote(markup.page_text(markup.convert(detail, ()).html))


def planted() -> Iterator[tuple[str, str, str, str]]:
    """(form, kind, sentence, detail) for every planted detail."""
    for form in yaml.safe_load((CORPUS / "planted.yaml").read_text(encoding="utf-8")):
        for index, detail in enumerate(form["details"]):
            carrier = form["carriers"][index % len(form["carriers"])]
            yield form["form"], form["kind"], carrier.replace("{}", str(detail)), str(detail)


def family(kind: str) -> str:
    return personal.FAMILIES.get(kind, kind)


def recall(verbose: bool) -> None:
    cases = list(planted())
    written = [("should-flag.yaml", case["kind"], case["text"], str(case["found"]))
               for case in yaml.safe_load((CORPUS / "should-flag.yaml").read_text(encoding="utf-8"))]
    for label, group in (("planted", cases), ("written (should-flag.yaml)", written)):
        found = exact = 0
        missed: dict[str, list[str]] = {}
        for form, kind, sentence, detail in group:
            expected = shown(detail)
            hits = [finding for _, finding, _ in findings(CONTEXT, sentence) if family(finding.kind) == family(kind)]
            overlapping = [hit for hit in hits if expected in hit.quote or hit.quote in expected]
            found += bool(overlapping)
            exact += any(hit.quote == expected for hit in overlapping)
            if not overlapping:
                missed.setdefault(form, []).append(sentence)
        forms = len({form for form, *_ in group})
        print(f"recall, {label}: {found} of {len(group)} details found ({found / len(group):.1%}), {exact} quoted exactly; "
              f"{len(group)} details in {forms} forms")
        for form, sentences in missed.items():
            print(f"  missed ({form}): " + (" | ".join(sentences) if verbose else f"{len(sentences)}, e.g. {sentences[0]!r}"))


def false_alarms(verbose: bool) -> None:
    allowed, problems = personal.load_allowed(ROOT)
    if problems:
        sys.exit("\n".join(map(str, problems)))
    sentences = flagged = flagged_allowed = 0
    examples_seen = []
    paths = record_paths()
    for path in paths:
        located, _ = yamlsafe.load(path, path.name)
        data = located.data if located else None
        markdown = {where for _, where, _ in examples._markdown_texts(data)} if isinstance(data, dict) else set()
        for where, text in strings(data):
            if examples._is_structured(where):
                continue
            every = [offset for offset, _, _ in findings(where, text, markdown=where in markdown)]
            kept = [offset for offset, _, _ in findings(where, text, allowed, markdown=where in markdown)]
            starts = personal.Sentences(text).starts + [len(text) + 1]
            for start, end in zip(starts, starts[1:]):
                if text[start:end].strip():
                    sentences += 1
                    hit = any(start <= offset < end for offset in every)
                    flagged += hit
                    flagged_allowed += any(start <= offset < end for offset in kept)
                    if hit:
                        examples_seen.append(f"{path.name} {'.'.join(map(str, where))}: {text[start:end].strip()[:100]!r}")
    written = yaml.safe_load((CORPUS / "should-pass.yaml").read_text(encoding="utf-8"))
    flagged_written = [text for text in written if findings(CONTEXT, text, allowed)]
    total = sentences + len(written)
    print(f"false alarms: {flagged + len(flagged_written)} of {total} ordinary sentences flagged without the allow-list "
          f"({(flagged + len(flagged_written)) / total:.2%}), {flagged_allowed + len(flagged_written)} with it; "
          f"{sentences} sentences of {len(paths)} records, {len(written)} written (should-pass.yaml)")
    for line in (examples_seen + flagged_written)[: None if verbose else 10]:
        print(f"  flagged: {line}")


def timings() -> None:
    record = yaml.safe_load(record_paths()[0].read_text(encoding="utf-8"))
    shapes = SHAPES | {"a record's text, repeated": " ".join(text for _, text in strings(record))}
    texts = {name: (unit * (SIZE // len(unit) + 1))[:SIZE] for name, unit in shapes.items()} | ODD_ENDINGS
    width = max(map(len, texts))
    slowest = 0.0
    for name, text in texts.items():
        began = time.process_time()
        count = len(personal.find_personal_details(text))
        took = time.process_time() - began
        slowest = max(slowest, took)
        print(f"  {name:<{width}}  {len(text):>6} chars  {took * 1000:8.1f} ms CPU  {count:>6} findings")
    print(f"slowest: {slowest * 1000:.1f} ms CPU time")


def scan(paths: list[Path]) -> int:
    allowed, _ = personal.load_allowed(ROOT)
    hits = 0
    for path in paths:
        located, problems = yamlsafe.load(path, str(path))
        for problem in problems:
            print(problem)
        if located is None:
            continue
        markdown = {where for _, where, _ in examples._markdown_texts(located.data)} if isinstance(located.data, dict) else set()
        for where, text in strings(located.data):
            if examples._is_structured(where):
                continue
            for offset, finding, on_page in findings(where, text, allowed, markdown=where in markdown):
                hits += 1
                line, col = located.position_in(where, offset)
                print(f"{path}:{line}:{col}: {finding.kind}: {'on the page, ' if on_page else ''}{finding.message}")
    print(f"{hits} finding(s) in {len(paths)} file(s)")
    return hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", nargs="*", type=Path, help="record files to scan as well")
    parser.add_argument("--verbose", action="store_true", help="list every missed detail and every flagged sentence")
    args = parser.parse_args(argv)
    recall(args.verbose)
    false_alarms(args.verbose)
    timings()
    if args.records:
        scan(args.records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
