"""The whole project's data, loaded and checked once per change of the files behind it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from macros.load.checked import Checked
from macros.load.examples import EXAMPLES_DIR, Example, load_examples
from macros.load.guide import Guide, load_guide
from macros.base.problems import Problem, ProblemsFound

RELATED_COUNT = 3
TAKEAWAY_WEIGHT = 3  # a shared take-away counts as much as three shared tags


@dataclass
class Project:
    root: Path
    guide: Guide
    examples: list[Example]  # in section order, then by title
    reused: int = 0  # records whose check was kept from an earlier run, unchanged (macros/load/checked.py)
    _by_id: dict[str, Example] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        order = {section.id: index for index, section in enumerate(self.guide.sections)}
        self.examples.sort(key=lambda e: (order[e.section], e.title.casefold(), e.id))
        self._by_id = {example.id: example for example in self.examples}

    def example(self, example_id: str) -> Example:
        return self._by_id[example_id]

    def in_section(self, section_id: str) -> list[Example]:
        return [example for example in self.examples if example.section == section_id]

    @cached_property
    def by_takeaway(self) -> dict[str, list[Example]]:
        found: dict[str, list[Example]] = defaultdict(list)
        for example in self.examples:
            for takeaway in example.takeaways:
                found[takeaway].append(example)
        return dict(found)

    @cached_property
    def related(self) -> dict[str, list[Example]]:
        """For each example, the few others sharing most take-aways (each worth TAKEAWAY_WEIGHT) and tags,
        nearest id first among equals; none that shares nothing.

        Counting shared features pair by pair grows with the square of the library (a common tag is
        shared by thousands), so each feature is a bit set over the examples, in id order, and each
        example's scores are added up for all examples at once, one bit plane of the score at a time.
        """
        by_id = sorted(self.examples, key=lambda e: e.id)
        features: dict[tuple, int] = defaultdict(int)
        for bit, example in enumerate(by_id):
            for key in _features(example):
                features[key] |= 1 << bit
        everyone = (1 << len(by_id)) - 1
        related = {}
        for bit, example in enumerate(by_id):
            planes: list[int] = []  # planes[k]: the examples whose score has bit k set
            for key in _features(example):
                weight = TAKEAWAY_WEIGHT if key[0] == "takeaway" else 1
                for level in range(weight.bit_length()):
                    if weight >> level & 1:
                        _add(planes, features[key], level)
            sharing = everyone & ~(1 << bit)
            scored = 0
            for plane in planes:
                scored |= plane
            sharing &= scored  # at least one feature in common
            chosen: list[Example] = []
            while sharing and len(chosen) < RELATED_COUNT:
                best = sharing
                for plane in reversed(planes):  # keep those with the highest score, bit by bit
                    if best & plane:
                        best &= plane
                while best and len(chosen) < RELATED_COUNT:
                    lowest = best & -best
                    chosen.append(by_id[lowest.bit_length() - 1])
                    best ^= lowest
                    sharing ^= lowest
                sharing &= ~best
            related[example.id] = chosen
        return related


def _features(example: Example) -> list[tuple]:
    return [("takeaway", t) for t in example.takeaways] + [("tag", *tag) for tag in example.tag_ids()]


def _add(planes: list[int], examples: int, level: int) -> None:
    """Add 2**level to the score of each example in the bit set, carrying as binary addition does."""
    carry = examples
    while carry:
        if level == len(planes):
            planes.append(0)
        planes[level], carry = planes[level] ^ carry, planes[level] & carry
        level += 1


def check(root: Path, paths: list[Path] | None = None, today: dt.date | None = None,
          keep_valid: bool = False) -> tuple[Project | None, list[Problem]]:
    """Load everything (or the records at paths) and return every problem found.

    With keep_valid, a problem leaves out only the records it is about: the project is made from
    every record with no problem at all (None still, if the guide's own data has problems).
    """
    try:
        guide = load_guide(root)
    except ProblemsFound as found:
        return None, found.problems
    today = today or dt.date.today()
    kept = Checked(root, guide.fingerprint, today)
    examples, problems = load_examples(root, guide, paths, today, kept.results)
    kept.save()
    if problems and not keep_valid:
        return None, problems
    troubled = {problem.path for problem in problems}
    return Project(root, guide, [example for example in examples if example.source_path not in troubled], kept.reused), problems


_cache: dict[Path, tuple[tuple, Project | None, list[Problem]]] = {}


def load_valid(root: Path) -> tuple[Project | None, list[Problem]]:
    """The project made from every valid record, and every problem; reloaded only when a file under
    practice_examples/ changed. For `mkdocs serve`, which shows the problems on the pages it builds."""
    root = root.resolve()
    # lstat: a link is listed, never followed (the check refuses it).
    fingerprint = tuple(
        (path.as_posix(), stat.st_mtime_ns, stat.st_size, stat.st_mode)
        for path, stat in ((path, path.lstat()) for path in sorted((root / EXAMPLES_DIR).rglob("*")))
    )
    cached = _cache.get(root)
    if not (cached and cached[0] == fingerprint):
        cached = (fingerprint, *check(root, keep_valid=True))
        _cache[root] = cached
    return cached[1], list(cached[2])


def load(root: Path) -> Project:
    """The checked project; ProblemsFound with every problem if there is any."""
    project, problems = load_valid(root)
    if problems:
        raise ProblemsFound(problems)
    return project

