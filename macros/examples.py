"""Practice examples: one YAML file each in practice_examples/, checked and turned into records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from macros import markup
from macros import schema as schema_module
from macros import yamlsafe
from macros.guide import Guide
from macros.problems import Problem

EXAMPLES_DIR = Path("practice_examples")
SCHEMA_PATH = EXAMPLES_DIR / "schema.json"
MARKDOWN_FIELDS = ("context", "what_was_done", "why_it_works")


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    date: str
    url: str
    supports: str | None = None  # which of the example's facts this source supports


@dataclass(frozen=True)
class Example:
    id: str
    former_ids: tuple[str, ...]
    title: str
    section: str
    summary: str
    context: str
    what_was_done: str
    why_it_works: str
    tips: tuple[str, ...]
    reflective_questions: tuple[str, ...]
    takeaways: tuple[str, ...]
    standards: tuple[str, ...]
    tags: tuple[tuple[str, tuple[str, ...]], ...]  # (facet id, value ids), in vocabulary order
    provenance: str  # "illustrative" or "reported"
    provenance_note: str | None
    sources: tuple[Source, ...]
    added: dt.date
    reviewed: dt.date
    source_path: str
    id_position: tuple[int, int] = field(default=(1, 1), compare=False)

    @property
    def is_reported(self) -> bool:
        return self.provenance == "reported"

    def tag_ids(self) -> list[tuple[str, str]]:
        return [(facet, value) for facet, values in self.tags for value in values]


def example_paths(root: Path) -> list[Path]:
    return sorted((root / EXAMPLES_DIR).glob("*.yaml"))


def record_schema(root: Path, guide: Guide) -> dict[str, Any]:
    return schema_module.with_vocabulary(schema_module.read_schema(root / SCHEMA_PATH), guide)


def load_example(path: Path, display: str, guide: Guide, schema: dict[str, Any], today: dt.date) -> tuple[Example | None, list[Problem]]:
    """One record, or every problem with it."""
    located, problems = yamlsafe.load(path, display)
    if located is None:
        return None, problems
    data = located.data
    if not isinstance(data, dict):
        return None, problems + [Problem(display, 1, 1, "the file should be a set of fields (id:, title:, section: and so on); see the template in CONTRIBUTING.md")]
    problems += schema_module.check(data, located, schema, display)
    problems += _check_meaning(data, located, path.stem, guide, display, today)
    if problems:
        return None, problems
    return _record(data, guide, display, located.position(("id",))), []


def _check_meaning(data: dict, located: yamlsafe.Located, stem: str, guide: Guide, display: str, today: dt.date) -> list[Problem]:
    """Rules a schema cannot express: they compare fields with each other, the file name or the guide."""
    problems = []

    def problem(path: tuple, message: str, offset: int | None = None) -> None:
        """A problem at path, or, given an offset into a text value, at the line of that character."""
        where = located.position(path) if offset is None else located.position_in(path, offset)
        problems.append(Problem(display, *where, message))

    if isinstance(data.get("id"), str) and data["id"] != stem:
        problem(("id",), f"id '{data['id']}' does not match the file name '{stem}.yaml': rename the file or change the id so they are the same")
    section = data.get("section")
    takeaways = data.get("takeaways")
    if section in {s.id for s in guide.sections} and isinstance(takeaways, list):
        known = [guide.takeaways[t] for t in takeaways if isinstance(t, str) and t in guide.takeaways]
        if known and all(takeaway.section != section for takeaway in known):
            own = ", ".join(t.id for t in guide.takeaways.values() if t.section == section)
            problem(("takeaways",), f"none of these take-aways is from this example's own section '{section}': list at least one of {own}")
    dates = {}
    for name in ("added", "reviewed"):
        try:
            dates[name] = dt.date.fromisoformat(data.get(name))
        except (TypeError, ValueError):
            continue  # the schema has already reported it
        if dates[name] > today:
            problem((name,), f"{name} {data[name]} is in the future: use the date the work was done")
    if len(dates) == 2 and dates["reviewed"] < dates["added"]:
        problem(("reviewed",), f"reviewed {data['reviewed']} is before added {data['added']}: a review cannot come before the example was added")
    for path, value in _strings(data, ()):
        if "TODO" in value:
            problem(path, f"{schema_module.name_of(path)} still has a TODO placeholder: replace it with your own text", value.index("TODO"))
    for name, path, text in _markdown_texts(data):
        for target in markup.link_targets(text):
            if not _is_safe_link(target):
                problem(path, f"{name} links to '{target}': only https://, http:// and mailto: links (or links to other pages of this guide) are allowed",
                        max(text.find(target), 0))
    return problems


def _is_safe_link(target: str) -> bool:
    """Web and mail links, and relative links within the guide; not javascript:, data: or //other.host."""
    return not target.startswith("//") and urlsplit(target).scheme.lower() in markup.SAFE_SCHEMES | {""}


def _strings(value: Any, path: tuple):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def _markdown_texts(data: dict):
    for name in MARKDOWN_FIELDS:
        if isinstance(data.get(name), str):
            yield name, (name,), data[name]
    for name in ("tips", "reflective_questions"):
        items = data.get(name)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, str):
                    yield name, (name, index), item


def _record(data: dict, guide: Guide, display: str, id_position: tuple[int, int]) -> Example:
    provenance = data["provenance"]
    return Example(
        id=data["id"],
        former_ids=tuple(data.get("former_ids", ())),
        title=data["title"],
        section=data["section"],
        summary=data["summary"],
        context=data["context"],
        what_was_done=data["what_was_done"],
        why_it_works=data["why_it_works"],
        tips=tuple(data.get("tips", ())),
        reflective_questions=tuple(data.get("reflective_questions", ())),
        takeaways=tuple(data["takeaways"]),
        standards=tuple(data["standards"]),
        tags=tuple(
            (facet.id, tuple(value.id for value in facet.values if value.id in data["tags"][facet.id]))
            for facet in guide.facets
            if facet.id in data["tags"]
        ),
        provenance=provenance["kind"],
        provenance_note=provenance.get("note"),
        sources=tuple(Source(**source) for source in provenance.get("sources", ())),
        added=dt.date.fromisoformat(data["added"]),
        reviewed=dt.date.fromisoformat(data["reviewed"]),
        source_path=display,
        id_position=id_position,
    )


def load_examples(root: Path, guide: Guide, paths: list[Path] | None = None, today: dt.date | None = None) -> tuple[list[Example], list[Problem]]:
    """Every record, with every problem across them, duplicate ids included.

    Given paths (records being checked before they join the library), those are loaded
    beside the library, so cross-record rules see everything, and only their problems count.
    """
    schema = record_schema(root, guide)
    today = today or dt.date.today()
    library = example_paths(root)
    known = {path.resolve() for path in library}
    extra = [path for path in paths or [] if path.resolve() not in known]
    examples, problems = [], []
    first_file: dict[str, str] = {}
    for path in library + extra:
        display = _display(path, root)
        example, found = load_example(path, display, guide, schema, today)
        problems += found
        if example is None:
            continue
        if example.id in first_file:
            problems.append(Problem(display, *example.id_position, f"the id '{example.id}' is already used by {first_file[example.id]}: choose another id and file name"))
            continue
        first_file[example.id] = display
        examples.append(example)
    problems += _check_former_ids(examples)
    if paths is not None:
        wanted = {_display(path, root) for path in paths}
        problems = [problem for problem in problems if problem.path in wanted]
    return examples, sorted(problems)


def _check_former_ids(examples: list[Example]) -> list[Problem]:
    """An old address can lead to one example only, and never hide a current one."""
    current = {example.id: example for example in examples}
    claims: dict[str, list[Example]] = {}
    for example in examples:
        for former in example.former_ids:
            claims.setdefault(former, []).append(example)
    problems = []
    for former, claimers in claims.items():
        for example in claimers:
            if former in current:
                message = f"former id '{former}' is the id of {current[former].source_path}: an old address cannot also be a current one"
            elif len(claimers) > 1:
                others = ", ".join(other.source_path for other in claimers if other is not example)
                message = f"former id '{former}' is also claimed by {others}: an old address can lead to one example only"
            else:
                continue
            problems.append(Problem(example.source_path, *example.id_position, message))
    return problems


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
