"""Rules of the record format that compare fields with each other or with the guide's data: evidence,
reported and added text, dates, and abbreviations. A JSON schema cannot say them, so they live here,
in the validator, and reach `make validate`, `make serve`, pre-commit and CI alike.

Each rule looks only at values of the right type: a wrong type gets the schema's message, never a crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from macros.base import linear
from macros.load.guide import Guide

GUIDE = "guide"  # a part's `from` for the guide's own text
PROSE_FIELDS = ("context", "what_was_done", "why_it_works")
MUST_BE_PARTS = ("context", "what_was_done")  # in a reported example
REVIEW_YEARS = 2
ABBREVIATION = linear.compile(r"\b[A-Z][A-Z0-9&]+s?\b")

Report = Callable[..., None]  # report(path, message, offset=None)


def check(data: dict, guide: Guide, today: dt.date, report: Report) -> None:
    """Every rule below, each problem reported through report(path, message[, offset])."""
    _evidence_and_parts(data, guide, report)
    _dates(data, today, report)
    _abbreviations(data, guide, report)


def _source_ids(data: dict) -> list[tuple[int, str]]:
    provenance = data.get("provenance")
    sources = provenance.get("sources") if isinstance(provenance, dict) else None
    return [(index, source["id"]) for index, source in enumerate(sources if isinstance(sources, list) else [])
            if isinstance(source, dict) and isinstance(source.get("id"), str)]


def _one_of(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "none yet: this example lists no sources under provenance.sources"


def _evidence_and_parts(data: dict, guide: Guide, report: Report) -> None:
    provenance = data.get("provenance")
    kind = provenance.get("kind") if isinstance(provenance, dict) else None
    kind = kind if kind in ("reported", "illustrative") else None
    numbered = _source_ids(data)
    ids = [source_id for _, source_id in numbered]

    first: dict[str, int] = {}
    for index, source_id in numbered:
        if source_id in first:
            report(("provenance", "sources", index, "id"),
                   f"source {index + 1} has the id '{source_id}', which source {first[source_id] + 1} already uses: give each source its own id")
        first.setdefault(source_id, index)

    for name in PROSE_FIELDS:
        value = data.get(name)
        if isinstance(value, list):
            if kind == "illustrative":
                report((name,), f"{name} is a list of parts, but an illustrative example is written wholly for the guide: "
                                f"write it as plain Markdown ({name}: | with the text indented below)")
                continue
            for index, part in enumerate(value):
                source = part.get("from") if isinstance(part, dict) else None
                if isinstance(source, str) and source != GUIDE and source not in ids:
                    report((name, index, "from"), f"{name}, part {index + 1}, is from '{source}', which is not the id of any source of this example: "
                                                  f"write guide for the guide's own text, or the id of a source under provenance.sources ({_one_of(ids)})")
        elif isinstance(value, str) and kind == "reported" and name in MUST_BE_PARTS:
            report((name,), f"{name} of a reported example must be a list of parts, so that what a source reports and what the guide adds are told apart: "
                            f"write each passage as '- from: <a source id, or guide>' with its text: under it")
    done = data.get("what_was_done")
    if kind == "reported" and isinstance(done, list) and done and all(isinstance(part, dict) for part in done):
        if not any(part.get("from") in ids for part in done):
            report(("what_was_done",), "what_was_done of a reported example needs at least one part from a source (from: and the source's id) "
                                       "saying what the source reports was done; if no published source describes it, the example is illustrative")

    evidence = data.get("evidence")
    if not isinstance(evidence, dict):
        return
    status = guide.statuses.get(evidence.get("status")) if isinstance(evidence.get("status"), str) else None
    study, found = evidence.get("study"), evidence.get("found")
    if status and kind and status.kind != kind:
        # Only the status is wrong: advice about its study would send the contributor the wrong way.
        fitting = ", ".join(s.id for s in guide.statuses.values() if s.kind == kind)
        if kind == "illustrative":
            report(("evidence", "status"), f"evidence.status '{status.id}' is for reported examples, and this one is illustrative: use {fitting}; "
                                           "or, if a published source describes this practice, set provenance.kind to reported and cite it")
        else:
            report(("evidence", "status"), f"evidence.status '{status.id}' is for illustrative examples only, and this one is reported: use one of "
                                           f"{fitting} (descriptive if the source only describes the practice); or, if nothing published describes it, "
                                           "set provenance.kind to illustrative")
        return
    if status and status.study_required and study is None:
        report(("evidence", "status"), f"evidence.status '{status.id}' ({status.label}) needs the study that gives this evidence: add evidence.study "
                                       "with the id of that source under provenance.sources, and evidence.found saying what it found")
    if status and not status.study_required and study is not None:
        report(("evidence", "study"), f"evidence.status '{status.id}' ({status.label}) names no study: remove evidence.study and evidence.found, "
                                      "or, if that source evaluated or monitored this service, choose the status that says so")
    if isinstance(study, str):
        if study not in ids:
            report(("evidence", "study"), f"evidence.study '{study}' is not the id of any source of this example: use the id of the source "
                                          f"that gives the evidence ({_one_of(ids)}), or add that source under provenance.sources with id: {study}")
        if found is None:
            report(("evidence", "study"), "evidence.study is given, so add evidence.found: one or two sentences, in your own words, saying what "
                                          "that study found, including no effect, mixed results or a small sample")
    if found is not None and study is None:
        if status and not status.study_required:
            report(("evidence", "found"), f"evidence.status '{status.id}' ({status.label}) names no study, so there is no finding to give: remove evidence.found")
        else:
            report(("evidence", "found"), "evidence.found says what a study found, but no study is named: add evidence.study with the id of its source, or remove found")


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None  # the schema has already said so


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _dates(data: dict, today: dt.date, report: Report) -> None:
    added, reviewed, review_by = (_date(data.get(name)) for name in ("added", "last_reviewed", "review_by"))
    for name, day in (("added", added), ("last_reviewed", reviewed)):
        if day and day > today:
            report((name,), f"{name} {day} is in the future: use the date the work was done")
    if added and reviewed and reviewed < added:
        report(("last_reviewed",), f"last_reviewed {reviewed} is before added {added}: a review cannot come before the example was added")
    if reviewed and review_by:
        latest = years_after(reviewed, REVIEW_YEARS)
        if review_by <= reviewed:
            report(("review_by",), f"review_by {review_by} is not after last_reviewed {reviewed}: give the date by which the example must be "
                                   f"checked again, usually a year after last_reviewed ({years_after(reviewed, 1)})")
        elif review_by > latest:
            report(("review_by",), f"review_by {review_by} is more than {REVIEW_YEARS} years after last_reviewed {reviewed}: "
                                   f"make it {latest} at the latest, and usually a year after last_reviewed ({years_after(reviewed, 1)})")
    checks = data.get("checks")
    for index, item in enumerate(checks if isinstance(checks, list) else []):
        by = _date(item.get("by")) if isinstance(item, dict) else None
        if by and reviewed and by <= reviewed:
            report(("checks", index, "by"), f"check {index + 1} was due by {by}, not after last_reviewed {reviewed}: check it now, "
                                            "update the example, and remove the check or give it a later date")


def _abbreviations(data: dict, guide: Guide, report: Report) -> None:
    """An abbreviation in the title or summary, which readers see alone in listings and search, needs a glossary entry."""
    known = set(guide.abbreviations) | {term.term for term in guide.terms}
    for name in ("title", "summary"):
        value = data.get(name)
        if not isinstance(value, str):
            continue
        for match in ABBREVIATION.finditer(value):
            word = match.group()
            if word in known or (word.endswith("s") and word[:-1] in known) or word == "TODO":  # the TODO check reports that
                continue
            report((name,), f"{name} uses the abbreviation '{word}', which the glossary does not define: write it out in full, or add it "
                            f"to practice_examples/guide/glossary.yaml (the term in full, abbr: {word} and a definition)", match.start())
