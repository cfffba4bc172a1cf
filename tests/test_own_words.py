"""No sentence is copied from the source brief: no run of 8 or more of its words appears in any record,
guide data file or page. The brief is not in the repository; tests/fixtures holds only the SHA-256 of
each of its 8-word runs, written by scripts/brief_runs.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from brief_runs import RUN, RUNS_PATH, fingerprints, runs

from conftest import ROOT
from macros.base.text import words

BRIEF = ROOT.parent.parent / "shared" / "sources" / "000_2bd396b44cfb5aa5.txt"  # beside the project on a maintainer's machine only
KNOWN = set((ROOT / RUNS_PATH).read_text(encoding="utf-8").split())
CHECKED = (
    sorted((ROOT / "practice_examples").glob("*.yaml"))
    + sorted((ROOT / "practice_examples" / "guide").glob("*.yaml"))
    + sorted((ROOT / "docs").rglob("*.md"))
)


def copied(text: str, known: set[str]) -> list[str]:
    """Each run of RUN words of text whose fingerprint is known, as the words of text (never the brief's)."""
    found = words(text.replace("\u2019", "").replace("'", ""))
    return [" ".join(found[start : start + RUN]) for start, digest in runs(text) if digest in known]


@pytest.mark.parametrize("path", CHECKED, ids=[path.relative_to(ROOT).as_posix() for path in CHECKED])
def test_no_run_of_eight_words_is_copied_from_the_brief(path):
    assert copied(path.read_text(encoding="utf-8"), KNOWN) == [], "rewrite these words in your own: " + path.relative_to(ROOT).as_posix()


def test_the_fingerprints_are_sorted_sha256_digests_of_a_real_text():
    lines = (ROOT / RUNS_PATH).read_text(encoding="utf-8").splitlines()
    assert len(lines) > 500 and lines == sorted(set(lines))
    assert all(re.fullmatch(r"[0-9a-f]{64}", line) for line in lines)


def test_a_copied_run_is_found_however_it_is_punctuated_or_capitalised():
    source = "The practitioner’s first meeting set out, plainly and kindly, what the order asks of the person."
    known = set(fingerprints(source).split())
    copy = "Notes: THE PRACTITIONERS first meeting set out -- plainly, and kindly -- what the order asks. Then more."
    found = copied(copy, known)
    assert found[0] == "the practitioners first meeting set out plainly and" and found[-1] == "out plainly and kindly what the order asks"
    assert len(found) == 6
    assert copied("The practitioner's first meeting set out plainly what the order asks of the person.", known) == []


@pytest.mark.skipif(not BRIEF.is_file(), reason="the source brief is only on a maintainer's machine, never in the repository")
def test_the_committed_fingerprints_match_the_brief():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "brief_runs.py"), str(BRIEF), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_repository_holds_no_copy_of_the_brief():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert not [name for name in tracked if Path(name).name.startswith("000_")]
