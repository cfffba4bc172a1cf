"""The whole project's data, loaded and checked once per change of the files behind it."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from macros.examples import EXAMPLES_DIR, Example, load_examples
from macros.guide import Guide, load_guide
from macros.problems import Problem, ProblemsFound

RELATED_COUNT = 3


@dataclass
class Project:
    root: Path
    guide: Guide
    examples: list[Example]  # in section order, then by title
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
        """For each example, the few others sharing most take-aways (weighted) and tags."""
        postings: dict[tuple, list[int]] = defaultdict(list)
        features = []
        for index, example in enumerate(self.examples):
            keys = [("takeaway", t) for t in example.takeaways] + [("tag",) + tag for tag in example.tag_ids()]
            features.append(keys)
            for key in keys:
                postings[key].append(index)
        related = {}
        for index, example in enumerate(self.examples):
            scores: Counter[int] = Counter()
            for key in features[index]:
                weight = 3 if key[0] == "takeaway" else 1
                for other in postings[key]:
                    scores[other] += weight
            del scores[index]
            best = sorted(scores.items(), key=lambda item: (-item[1], self.examples[item[0]].id))[:RELATED_COUNT]
            related[example.id] = [self.examples[other] for other, _ in best]
        return related


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
    examples, problems = load_examples(root, guide, paths, today)
    if problems and not keep_valid:
        return None, problems
    troubled = {problem.path for problem in problems}
    return Project(root, guide, [example for example in examples if example.source_path not in troubled]), problems


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

