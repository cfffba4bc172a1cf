"""Write the fingerprints of the source brief's 8-word runs, so a test can find any copied sentence
without the brief itself (it is not in the repository, and CI has no copy).

Usage: python scripts/brief_runs.py BRIEF_FILE [--check]
Writes tests/fixtures/brief-8-word-runs.sha256: one SHA-256 a line, of each run of RUN consecutive
words of the brief as words() normalises them, sorted. --check changes nothing and exits 1 if the
committed file differs from what BRIEF_FILE gives.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

from _root import ROOT

from macros.base.text import words

RUN = 8  # the shortest copied run that counts: the content spec's "8 or more words"
RUNS_PATH = Path("tests/fixtures/brief-8-word-runs.sha256")


def runs(text: str) -> Iterator[tuple[int, str]]:
    """(index of its first word, fingerprint) of every run of RUN words in text. Words are compared as search
    compares them (lower case, accents and punctuation dropped, so curly and straight quotes are the same)."""
    found = words(text.replace("\u2019", "").replace("'", ""))  # "person's" and "persons" are one word
    for start in range(len(found) - RUN + 1):
        yield start, hashlib.sha256(" ".join(found[start : start + RUN]).encode("utf-8")).hexdigest()


def fingerprints(text: str) -> str:
    return "".join(f"{digest}\n" for digest in sorted({digest for _, digest in runs(text)}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("brief", type=Path, help="the source brief, a text file (../shared/sources/000_2bd396b44cfb5aa5.txt)")
    parser.add_argument("--check", action="store_true", help="only report whether the committed fingerprints match the brief")
    args = parser.parse_args(argv)
    expected = fingerprints(args.brief.read_text(encoding="utf-8"))
    path = ROOT / RUNS_PATH
    if path.is_file() and path.read_text(encoding="utf-8") == expected:
        print(f"{RUNS_PATH} matches {args.brief}.")
        return 0
    if args.check:
        print(f"{RUNS_PATH} does not match {args.brief}: run this without --check and commit it.", file=sys.stderr)
        return 1
    path.write_text(expected, encoding="utf-8")
    print(f"Wrote {len(expected.splitlines())} fingerprints of {RUN}-word runs to {RUNS_PATH}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
