"""Measure the personal-details check; prints figures.

Usage: python scripts/benchmark_personal.py [RECORD.yaml ...]

Prints how much of the test corpus (tests/fixtures/personal-details/) it gets right: true
positives found with the expected kind and text, and negatives flagged (the written ones plus
every sentence of every record in practice_examples/). Then times the check on 60,000-character
texts of awkward shapes (long runs, many near matches), which would take seconds or minutes if a
pattern backtracked. Given record files, it also prints what it finds in them, as path:line:col.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import yaml
from _root import ROOT

from macros.load import yamlsafe
from macros.load.personal import Sentences, find_personal_details

CORPUS = ROOT / "tests" / "fixtures" / "personal-details"
SIZE = 60_000
SHAPES = {
    "one letter": "a",
    "capital letters": "A",
    "capitalised words": "Aa ",
    "given names": "Sarah ",
    "given names and person words": "Sarah Jenkins said she ",
    "titles": "Mr ",
    "titles and initials": "Mr A. ",
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
    "court names": "Tamworth ",
    "courts and dates": "Tamworth Magistrates on 3 March ",
    "estates": "Aa Bb estate ",
    "case words": "case ",
    "case and spaces": "case" + " " * 50,
    "postcode-like": "B79 ",
    "NI-like": "AB 12 ",
    "full stops": ". ",
    "blank lines": "\n\n",
    "list items": "\n- ",
}
ODD_ENDINGS = {  # one long run, then the character that would make a match, at the far end
    "letters then @": "x" * (SIZE - 10) + "@example",
    "@ then letters": "a@" + "b" * SIZE,
    "spaces then a date": "sentenced" + " " * SIZE + "3 March 2025",
}


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


def corpus_figures() -> None:
    flag = yaml.safe_load((CORPUS / "should-flag.yaml").read_text(encoding="utf-8"))
    written = yaml.safe_load((CORPUS / "should-pass.yaml").read_text(encoding="utf-8"))
    found = sum(
        [(f.kind, case["text"][f.start : f.end]) for f in find_personal_details(case["text"])] == [(case["kind"], str(case["found"]))]
        for case in flag
    )
    flagged_written = sum(bool(find_personal_details(text)) for text in written)
    sentences = flagged_sentences = 0
    paths = record_paths()
    for path in paths:
        located, _ = yamlsafe.load(path, path.name)
        for _, text in strings(located.data if located else None):
            findings = find_personal_details(text)
            starts = Sentences(text).starts + [len(text)]
            for start, end in zip(starts, starts[1:]):
                if text[start:end].strip():
                    sentences += 1
                    flagged_sentences += any(f.start < end and f.end > start for f in findings)
    negatives = len(written) + sentences
    print(f"{found} of {len(flag)} true positives found (exact kind and text), "
          f"{flagged_written + flagged_sentences} of {negatives} negatives flagged "
          f"({len(written)} written, {sentences} sentences of {len(paths)} records)")


def timings() -> None:
    record = yaml.safe_load(record_paths()[0].read_text(encoding="utf-8"))
    shapes = SHAPES | {"a record's text, repeated": " ".join(text for _, text in strings(record))}
    texts = {name: (unit * (SIZE // len(unit) + 1))[:SIZE] for name, unit in shapes.items()} | ODD_ENDINGS
    width = max(map(len, texts))
    slowest = 0.0
    for name, text in texts.items():
        began = time.process_time()
        count = len(find_personal_details(text))
        took = time.process_time() - began
        slowest = max(slowest, took)
        print(f"  {name:<{width}}  {len(text):>6} chars  {took * 1000:8.1f} ms CPU  {count:>6} findings")
    print(f"slowest: {slowest * 1000:.1f} ms CPU time")


def scan(paths: list[Path]) -> int:
    hits = 0
    for path in paths:
        located, problems = yamlsafe.load(path, str(path))
        for problem in problems:
            print(problem)
        if located is None:
            continue
        for where, text in strings(located.data):
            for finding in find_personal_details(text):
                hits += 1
                line, col = located.position_in(where, finding.start)
                print(f"{path}:{line}:{col}: {finding.kind}: {finding.message}")
    print(f"{hits} finding(s) in {len(paths)} file(s)")
    return hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", nargs="*", type=Path, help="record files to scan as well")
    args = parser.parse_args(argv)
    corpus_figures()
    timings()
    if args.records:
        scan(args.records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
