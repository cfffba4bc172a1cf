"""Practice examples: one YAML file each in practice_examples/, checked and turned into records."""

from __future__ import annotations

import copy
import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from macros.base import ids, linear
from macros.base.problems import Problem, ProblemsFound, Reminder
from macros.load import markup, personal, rules, yamlsafe
from macros.load import schema as schema_module
from macros.load.guide import GUIDE_DIR, Guide

EXAMPLES_DIR = Path("practice_examples")
_IN_LIBRARY = EXAMPLES_DIR.as_posix() + "/"  # a library file's display path is this and its name
SCHEMA_PATH = EXAMPLES_DIR / "schema.json"
MARKDOWN_LISTS = ("tips", "reflective_questions")
# Fields whose value is an id, a vocabulary value, a date or an address: a ' #' after them is a comment,
# and they are not read for personal details.
STRUCTURED_FIELDS = {"id", "former_ids", "section", "takeaways", "standards", "tags", "added", "last_reviewed", "review_by"}
STRUCTURED_SOURCE_FIELDS = {"id", "date", "url"}
STRUCTURED_EVIDENCE_FIELDS = {"status", "study", "approaches"}
# Markdown that a plain-text field would print as typed. RE2 has no look-behind, so the character
# before a single * or _ is matched (and left out of what is quoted).
_MARKDOWN_IN_PLAIN_TEXT = linear.compile(
    r"(?P<md>\*\*[^*\s][^*]*\*\*|`[^`]+`|\[[^\]]+\]\([^)]*\)|^#{1,6} )"
    r"|(?:^|[^\w*])(?P<star>\*[^*\s][^*]*\*)(?:[^\w*]|$)|(?:^|\W)(?P<under>__?[^_\s][^_]*__?)(?:\W|$)"
)
# Python-Markdown takes time in the square of the text's length on unclosed links and images, and
# recurses once for each list marker that starts a line: these bound both before it runs.
MARKDOWN_MAX_CHARS = 6000  # the longest Markdown field the schema allows; longer ones are never converted
_MARKUP_RUN = linear.compile(r"[\[\]!*`(]{20,}")
MAX_BRACKETS = 100
_NESTED_LISTS = linear.compile(r"(?m)^[ \t]*(?:(?:[-*+>]|[0-9]{1,9}[.)])[ \t]+){10,}")
CITATION_FIELDS = ("title", "publisher")  # of a source: they name its authors and the public figures it is about


@dataclass(frozen=True)
class Prose:
    """A Markdown field as written, and its sanitised HTML (converted once, when the record is read)."""

    source: str
    html: str


@dataclass(frozen=True)
class Part:
    """A passage in one voice: what a source reports (in the contributor's words) or the guide's own text."""

    source: str | None  # the id of the source whose report this is; None for the guide's own text
    prose: Prose


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str
    url: str
    supports: str | None = None  # which of the example's facts this source supports


@dataclass(frozen=True)
class Evidence:
    status: str  # an id in the guide's evidence.yaml
    study: str | None  # the id of the source that gives the evidence
    found: str | None  # plain text: what that study found
    approaches: tuple[str, ...] = ()  # ids in the guide's approaches.yaml


@dataclass(frozen=True)
class Due:
    """A date by which something in an example must be checked again: the whole example, or one statement."""

    by: dt.date
    what: str | None  # plain text: the statement to check; None for the example's review
    position: tuple[int, int] = field(default=(1, 1), compare=False)

    def is_overdue(self, today: dt.date) -> bool:
        return self.by < today


@dataclass(frozen=True)
class Example:
    id: str
    former_ids: tuple[str, ...]
    title: str
    section: str
    summary: str
    context: tuple[Part, ...]
    what_was_done: tuple[Part, ...]
    why_it_works: tuple[Part, ...]
    tips: tuple[Prose, ...]
    reflective_questions: tuple[Prose, ...]
    takeaways: tuple[str, ...]
    standards: tuple[str, ...]
    tags: tuple[tuple[str, tuple[str, ...]], ...]  # (facet id, value ids), in vocabulary order
    evidence: Evidence
    provenance: str  # "illustrative" or "reported"
    provenance_note: str | None
    sources: tuple[Source, ...]
    added: dt.date
    last_reviewed: dt.date
    review_by: Due
    checks: tuple[Due, ...]
    source_path: str
    id_position: tuple[int, int] = field(default=(1, 1), compare=False)
    former_id_positions: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    @property
    def is_reported(self) -> bool:
        return self.provenance == "reported"

    @property
    def prose(self) -> tuple[tuple[str, tuple[Part, ...]], ...]:
        """The three prose fields by name, each as its parts."""
        return (("context", self.context), ("what_was_done", self.what_was_done), ("why_it_works", self.why_it_works))

    @property
    def has_guide_additions(self) -> bool:
        """A reported example whose text includes the guide's own passages beside what its sources report."""
        return self.is_reported and any(part.source is None for _, parts in self.prose for part in parts)

    @property
    def markdown(self) -> tuple[Prose, ...]:
        """Every Markdown text of the example, in page order: the prose fields' parts, tips and questions."""
        return (*(part.prose for _, parts in self.prose for part in parts), *self.tips, *self.reflective_questions)

    def source(self, source_id: str) -> Source:
        return next(source for source in self.sources if source.id == source_id)

    @property
    def study(self) -> Source | None:
        return self.source(self.evidence.study) if self.evidence.study else None

    @property
    def dues(self) -> tuple[Due, ...]:
        """The review-by date and every check, soonest first."""
        return tuple(sorted((self.review_by, *self.checks), key=lambda due: due.by))

    def overdue(self, today: dt.date) -> tuple[Due, ...]:
        return tuple(due for due in self.dues if due.is_overdue(today))

    def tag_ids(self) -> list[tuple[str, str]]:
        return [(facet, value) for facet, values in self.tags for value in values]

    def reminders(self, today: dt.date) -> list[Reminder]:
        """A warning for each review or check date that has passed, at its line, saying what to do."""
        found = []
        for due in self.overdue(today):
            if due.what is None:
                message = (f"review_by {due.by} has passed: check the whole example against its sources and the law, then set "
                           "last_reviewed to the day you did and review_by to the next date it is due")
            else:
                message = (f"the check due by {due.by} has passed: {due.what.rstrip('. ')}. Then update the example, "
                           "and remove this check or give it a later date")
            found.append(Reminder(self.source_path, due.position[0], message))
        return found


def record_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """The record files in practice_examples/, and a problem for anything else found there.

    Nothing is skipped silently: a record saved as .yml, in a subfolder or under another name
    would otherwise be left out while the check says everything is valid. Symbolic links are
    refused without being followed, so nothing outside the folder is ever read.
    """
    folder = root / EXAMPLES_DIR
    records: list[Path] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return [], [Problem(EXAMPLES_DIR.as_posix(), 1, 1, "the practice_examples folder is missing: run this from the project's folder")]
    for path in sorted(folder.iterdir(), key=_name_order):
        display = _IN_LIBRARY + path.name
        refused = _refuse_entry(path, display)
        if refused:
            problems.append(refused)
        elif path.name == GUIDE_DIR.name and path.is_dir():
            problems += _unexpected_guide_files(path)
        elif path.is_dir():
            problems += _files_in_subfolder(path, root)
        elif path.name == SCHEMA_PATH.name:
            continue
        elif path.name.endswith(".yaml"):
            records.append(path)
        elif path.name.lower().endswith((".yaml", ".yml")):
            problems.append(Problem(display, 1, 1, f"practice examples must end in .yaml: rename this file to {path.name.rsplit('.', 1)[0]}.yaml"))
        elif not path.name.startswith("."):  # editors' hidden swap and settings files are not records
            problems.append(Problem(display, 1, 1, "this is not a practice example (its name does not end in .yaml): "
                                    "rename it to <id>.yaml if it is one, or remove it from practice_examples/"))
    return records, problems


def _name_order(path: Path) -> str:
    """The order of sorted() on paths in one folder, read off their names (pathlib compares whole paths, at length)."""
    return os.path.normcase(path.name)


def _refuse_entry(path: Path, display: str) -> Problem | None:
    """A problem for a file name or file type that is never read."""
    if not path.name.isprintable():  # line breaks and tabs are not printable either
        return Problem(display, 1, 1, "this file name contains an invisible or control character: rename it using lowercase letters, digits and hyphens")
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        return Problem(display, 1, 1, "this is a symbolic link, which is never followed: put the file itself here instead of a link to it")
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return Problem(display, 1, 1, "this is not an ordinary file: remove it from practice_examples/")
    if stat.S_ISDIR(mode) and path.name.lower().endswith((".yaml", ".yml")):
        return Problem(display, 1, 1, "this is a folder, not a file: a practice example is one .yaml file; remove or rename the folder")
    return None


def _files_in_subfolder(folder: Path, root: Path) -> list[Problem]:
    problems = []
    entries = sorted(folder.rglob("*"))
    for path in entries or [folder]:
        if path.is_dir() and not path.is_symlink() and path != folder:
            continue
        display = path.relative_to(root).as_posix()
        problems.append(Problem(display, 1, 1, "practice examples go directly in practice_examples/, not in a subfolder: move this file up a level (or remove it)"))
    return problems


GUIDE_FILES = ("sections.yaml", "tags.yaml", "standards.yaml", "glossary.yaml", "synonyms.yaml", "shorthand.yaml", "evidence.yaml", "approaches.yaml",
               "personal-details-allowed.yaml", "schema.json")


def _unexpected_guide_files(folder: Path) -> list[Problem]:
    problems = []
    for path in sorted(folder.iterdir()):
        display = (GUIDE_DIR / path.name).as_posix()
        refused = _refuse_entry(path, display)
        if refused:
            problems.append(refused)
        elif path.name not in GUIDE_FILES and not path.name.startswith("."):
            problems.append(Problem(display, 1, 1, f"this is not one of the guide's data files ({', '.join(GUIDE_FILES)}): remove it or move it elsewhere"))
    return problems


def record_schema(root: Path, guide: Guide) -> dict[str, Any]:
    return _with_vocabulary(schema_module.read_schema(root / SCHEMA_PATH, SCHEMA_PATH.as_posix()), guide)

def _with_vocabulary(schema: dict[str, Any], guide: Guide) -> dict[str, Any]:
    """The record schema with every vocabulary list taken from the guide's data."""
    schema = copy.deepcopy(schema)
    defs = schema["$defs"]
    defs["sectionId"] = {"enum": [section.id for section in guide.sections]}
    defs["takeawayId"] = {"enum": list(guide.takeaways)}
    defs["standardId"] = {"enum": list(guide.standards)}
    defs["evidenceStatusId"] = {"enum": list(guide.statuses)}
    defs["approachId"] = {"enum": list(guide.approaches)}
    schema["properties"]["tags"]["properties"] = {
        facet.id: {
            "description": facet.description,
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"enum": [value.id for value in facet.values]},
        }
        for facet in guide.facets
    }
    return schema


def load_example(path: Path, display: str, guide: Guide, schema: dict[str, Any], today: dt.date) -> tuple[Example | None, list[Problem]]:
    """One record, or every problem with it."""
    located, problems = yamlsafe.load(path, display)
    if located is None:
        return None, problems
    return check_record(located, path.stem, display, guide, schema, today, problems)


def check_record(located: yamlsafe.Located, stem: str, display: str, guide: Guide, schema: dict[str, Any], today: dt.date,
                 problems: list[Problem]) -> tuple[Example | None, list[Problem]]:
    data = located.data
    if not isinstance(data, dict):
        return None, problems + [Problem(display, 1, 1, "the file should be a set of fields (id:, title:, section: and so on); see the template in CONTRIBUTING.md")]
    problems = problems + schema_module.check(data, located, schema, display)
    converted = _convert_markdown(data, guide)
    problems += _check_meaning(data, located, stem, guide, display, today, converted)
    if problems:
        return None, problems
    return _record(data, guide, display, located, converted), []


def _convert_markdown(data: dict, guide: Guide) -> dict[tuple, markup.Converted | None]:
    """Each Markdown field converted once, for the link check and for the page; None for one too costly to convert."""
    abbreviations = tuple(sorted(guide.abbreviations.items()))
    return {path: None if _too_costly(text) else markup.convert(text, abbreviations) for _, path, text in _markdown_texts(data)}


def _too_costly(text: str) -> tuple[int, str] | None:
    """Where and why a Markdown text would take the converter too long, or too deep, to read."""
    if len(text) > MARKDOWN_MAX_CHARS:
        return 0, ""  # the schema's length rule reports it
    run = _MARKUP_RUN.search(text)
    if run:
        return run.start(), (f"has {len(run.group())} of the symbols [ ] ! * ` ( in a row here: keep each run under 20 "
                             "(the page converter slows down badly on long runs)")
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        return text.index("["), (f"has {brackets} '[' characters: one link needs one, so keep it to {MAX_BRACKETS} or fewer "
                                 "(write other brackets as round ones)")
    nested = _NESTED_LISTS.search(text)
    if nested:
        return nested.start(), "starts a line with 10 or more list or quote markers in a row (like '1. 1. 1.'): keep lists at most a few levels deep"
    return None


def _check_meaning(data: dict, located: yamlsafe.Located, stem: str, guide: Guide, display: str, today: dt.date,
                   converted: dict[tuple, markup.Converted | None]) -> list[Problem]:
    """Rules a schema cannot express: they compare fields with each other, the file name or the guide,
    or look inside the text. Each looks only at values of the right type, so a wrong type gets the
    schema's message and never a crash."""
    problems = []

    def problem(path: tuple, message: str, offset: int | None = None) -> None:
        """A problem at path, or, given an offset into a text value, at the line of that character."""
        where = located.position(path) if offset is None else located.position_in(path, offset)
        problems.append(Problem(display, *where, message))

    if isinstance(data.get("id"), str) and data["id"] != stem:
        problem(("id",), f"id '{data['id']}' does not match the file name '{stem}.yaml': rename the file or change the id so they are the same")
    section = data.get("section")
    takeaways = data.get("takeaways")
    if isinstance(section, str) and section in {s.id for s in guide.sections} and isinstance(takeaways, list):
        known = [guide.takeaways[t] for t in takeaways if isinstance(t, str) and t in guide.takeaways]
        if known and all(takeaway.section != section for takeaway in known):
            own = ", ".join(t.id for t in guide.takeaways.values() if t.section == section)
            problem(("takeaways",), f"none of these take-aways is from this example's own section '{section}': list at least one of {own}")
    rules.check(data, guide, today, problem)
    problems += schema_module.hidden_characters(data, located, display)
    for path, value in _strings(data, ()):  # a field's name is worked out only for a problem with it
        if "TODO" in value:
            problem(path, f"{_field_name(path)} still has a TODO placeholder: replace it with your own text", value.index("TODO"))
        if not _is_structured(path):
            for offset, finding, on_page in personal_details(path, value, converted.get(path), guide.personal_details_allowed):
                problem(path, f"{_field_name(path)}: {'on the page, ' if on_page else ''}{finding.message}", offset)
        if path in located.comments_after and not _is_structured(path):
            problems.append(Problem(display, *located.comments_after[path], f"the text after ' #' on this line was being dropped, because YAML reads ' #' as the start of a comment: "
                          f"put the whole of {_field_name(path)} in quotes"))
    for path in _plain_text_paths(data):
        found = _MARKDOWN_IN_PLAIN_TEXT.search(data_at(data, path))
        if found:
            markdown = found.group("md") or found.group("star") or found.group("under")
            problem(path, f"{schema_module.name_of(path)} is plain text, so the Markdown '{markdown}' would show its symbols as typed: "
                          "remove them (Markdown works in context, what_was_done, why_it_works, tips and questions)")
    for name, path, text in _markdown_texts(data):
        costly = _too_costly(text)
        if costly and costly[1]:
            problem(path, f"{_field_name(path)} {costly[1]}", costly[0])
        if converted[path] is None:
            continue
        for target in converted[path].links:
            if not markup.is_safe_link(target):
                problem(path, f"{name} links to '{target}': only https://, http:// and mailto: links (or links to other pages of this guide) are allowed",
                        max(text.find(target), 0))
    return problems


def personal_details(path: tuple, value: str, converted: markup.Converted | None,
                     allowed: frozenset[str]) -> Iterator[tuple[int, personal.Finding, bool]]:
    """(offset, finding, seen only on the page) for each personal detail in a text as written and,
    for Markdown, as its page shows it."""
    citation = path[:2] == ("provenance", "sources") and path[-1] in CITATION_FIELDS
    reading = personal.read(value)
    findings = personal.find_in(reading, allowed, citation=citation)
    for finding in findings:
        yield finding.start, finding, False
    if converted is None or converted.plain:
        return  # a plain text's page shows the same words in the same lines: the check would find the same
    page = personal.read(markup.page_text(converted.html))
    if page.text.strip() == reading.text.strip():
        return  # the page shows the same words, in the same lines, as the text: the check would find the same
    # Markdown can join what the text keeps apart ("[Sarah](https://...) Jenkins" shows "Sarah Jenkins").
    said = {(finding.kind, finding.quote) for finding in findings}
    after = 0  # page findings come in order: each is looked for after the one before
    for finding in personal.find_in(page, allowed):
        if (finding.kind, finding.quote) in said:
            continue
        said.add((finding.kind, finding.quote))
        index = personal.locate(reading, finding.quote, after)
        after = max(index, after)
        yield (reading.starts[index] if index >= 0 else 0), finding, True


def _field_name(path: tuple) -> str:
    """A field as the contributor finds it: context, part 2, or the schema's name for anything else."""
    if len(path) == 3 and path[0] in rules.PROSE_FIELDS and path[2] == "text":
        return f"{path[0]}, part {path[1] + 1}"
    return schema_module.name_of(path)


def _is_structured(path: tuple) -> bool:
    if path[0] in STRUCTURED_FIELDS or path[:2] == ("provenance", "kind"):
        return True
    if path[0] == "evidence":
        return len(path) > 1 and path[1] in STRUCTURED_EVIDENCE_FIELDS
    if path[0] in rules.PROSE_FIELDS or path[0] == "checks":
        return path[-1] in ("from", "by")
    return path[:2] == ("provenance", "sources") and path[-1] in STRUCTURED_SOURCE_FIELDS


def _plain_text_paths(data: dict):
    """Paths of the fields shown as plain text, where Markdown would print its symbols."""
    for name in ("title", "summary"):
        if isinstance(data.get(name), str):
            yield (name,)
    evidence = data.get("evidence")
    if isinstance(evidence, dict) and isinstance(evidence.get("found"), str):
        yield ("evidence", "found")
    checks = data.get("checks")
    for index, item in enumerate(checks if isinstance(checks, list) else []):
        if isinstance(item, dict) and isinstance(item.get("what"), str):
            yield ("checks", index, "what")
    provenance = data.get("provenance")
    if isinstance(provenance, dict):
        if isinstance(provenance.get("note"), str):
            yield ("provenance", "note")
        sources = provenance.get("sources")
        for index, source in enumerate(sources if isinstance(sources, list) else []):
            for key in ("title", "publisher", "supports"):
                if isinstance(source, dict) and isinstance(source.get(key), str):
                    yield ("provenance", "sources", index, key)


def data_at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


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
    """(field name, path, text) of every Markdown text: the prose fields, each written whole or as parts, then tips and questions."""
    for name in rules.PROSE_FIELDS:
        value = data.get(name)
        if isinstance(value, str):
            yield name, (name,), value
        elif isinstance(value, list):
            for index, part in enumerate(value):
                if isinstance(part, dict) and isinstance(part.get("text"), str):
                    yield name, (name, index, "text"), part["text"]
    for name in MARKDOWN_LISTS:
        items = data.get(name)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, str):
                    yield name, (name, index), item


def _record(data: dict, guide: Guide, display: str, located: yamlsafe.Located, converted: dict[tuple, markup.Converted]) -> Example:
    provenance = data["provenance"]
    evidence = data["evidence"]

    def prose(path: tuple) -> Prose:
        return Prose(data_at(data, path), converted[path].html)

    def parts(name: str) -> tuple[Part, ...]:
        if isinstance(data[name], str):  # written whole: the guide's own text
            return (Part(None, prose((name,))),)
        return tuple(Part(None if part["from"] == rules.GUIDE else part["from"], prose((name, index, "text")))
                     for index, part in enumerate(data[name]))

    former_ids = tuple(data.get("former_ids", ()))
    return Example(
        id=data["id"],
        former_ids=former_ids,
        title=data["title"],
        section=data["section"],
        summary=data["summary"],
        context=parts("context"),
        what_was_done=parts("what_was_done"),
        why_it_works=parts("why_it_works"),
        tips=tuple(prose(("tips", index)) for index in range(len(data["tips"]))),
        reflective_questions=tuple(prose(("reflective_questions", index)) for index in range(len(data["reflective_questions"]))),
        takeaways=tuple(data["takeaways"]),
        standards=tuple(data["standards"]),
        tags=tuple(
            (facet.id, tuple(value.id for value in facet.values if value.id in data["tags"][facet.id]))
            for facet in guide.facets
            if facet.id in data["tags"]
        ),
        evidence=Evidence(evidence["status"], evidence.get("study"), evidence.get("found"), tuple(evidence.get("approaches", ()))),
        provenance=provenance["kind"],
        provenance_note=provenance.get("note"),
        sources=tuple(Source(**source) for source in provenance.get("sources", ())),
        added=dt.date.fromisoformat(data["added"]),
        last_reviewed=dt.date.fromisoformat(data["last_reviewed"]),
        review_by=Due(dt.date.fromisoformat(data["review_by"]), None, located.position(("review_by",))),
        checks=tuple(Due(dt.date.fromisoformat(item["by"]), item["what"], located.position(("checks", index, "by")))
                     for index, item in enumerate(data.get("checks", ()))),
        source_path=display,
        id_position=located.position(("id",)),
        former_id_positions=tuple(located.position(("former_ids", index)) for index in range(len(former_ids))),
    )


def load_examples(root: Path, guide: Guide, paths: list[Path] | None = None, today: dt.date | None = None,
                  kept: Callable[[list[tuple[str, str]], Callable[[int], tuple[Example | None, list[Problem]]]],
                                 list[tuple[Example | None, list[Problem]]]] | None = None,
                  ) -> tuple[list[Example], list[Problem]]:
    """Every record, with every problem across them, duplicate ids included.

    Given paths (records being checked before they join the library), those are loaded
    beside the library, so cross-record rules see everything, and only their problems count.
    kept(records, check), if given, gives the result for each record (display, text): one kept
    from an earlier run or check(index)'s (macros/load/checked.py, which may check many records in
    worker processes).
    """
    try:
        schema = record_schema(root, guide)
    except ProblemsFound as found:
        return [], found.problems
    today = today or dt.date.today()
    library, problems = record_files(root)
    known = {path.resolve() for path in library} if paths else set()
    extra = [path for path in paths or [] if path.resolve() not in known]
    read: list[tuple[str, str, str]] = []  # (file name stem, display path, text) of each record read
    for path, display in [(path, _IN_LIBRARY + path.name) for path in library] + [(path, _display(path, root)) for path in extra]:
        text, found = yamlsafe.read_text(path, display)
        if text is None:
            problems += found
            continue
        read.append((path.stem, display, text))

    def check(index: int) -> tuple[Example | None, list[Problem]]:
        stem, display, text = read[index]
        located, found = yamlsafe.parse(text, display)
        return (None, found) if located is None else check_record(located, stem, display, guide, schema, today, found)

    results = kept([(display, text) for _, display, text in read], check) if kept else [check(index) for index in range(len(read))]
    examples = []
    first_file: dict[str, str] = {}
    for (_, display, _), (example, found) in zip(read, results):
        problems += found
        if example is None:
            continue
        if example.id in first_file:
            problems.append(Problem(display, *example.id_position, f"the id '{example.id}' is already used by {first_file[example.id]}: choose another id and file name"))
            continue
        first_file[example.id] = display
        examples.append(example)
    problems += _check_former_ids(examples)
    problems += _check_handout_codes(examples)
    if paths is not None:
        wanted = {_display(path, root) for path in paths}
        problems = [problem for problem in problems if problem.path in wanted]
    return examples, sorted(set(problems))


def _check_former_ids(examples: list[Example]) -> list[Problem]:
    """An old address can lead to one example only, and never hide a current one: each clash is
    reported on every file involved, at the id or former id concerned."""
    current = {example.id: example for example in examples}
    claims: dict[str, list[tuple[Example, tuple[int, int]]]] = {}
    for example in examples:
        for former, where in zip(example.former_ids, example.former_id_positions):
            claims.setdefault(former, []).append((example, where))
    problems = []
    for former, claimers in claims.items():
        for example, where in claimers:
            if former in current:
                owner = current[former]
                problems.append(Problem(example.source_path, *where,
                                        f"former id '{former}' is the id of {owner.source_path}: an old address cannot also be a current one"))
                problems.append(Problem(owner.source_path, *owner.id_position,
                                        f"the id '{former}' is also a former id of {example.source_path}: an old address cannot also be a current one; "
                                        f"choose another id, or remove it from that file's former_ids"))
            elif len(claimers) > 1:
                others = ", ".join(other.source_path for other, _ in claimers if other is not example)
                problems.append(Problem(example.source_path, *where, f"former id '{former}' is also claimed by {others}: an old address can lead to one example only"))
    return problems


def _check_handout_codes(examples: list[Example]) -> list[Problem]:
    """A short handout address names each example by a four-character code from its id (base.ids): ids,
    current or former, of two examples that share a code could not be told apart, so each file is told."""
    holders: dict[str, list[tuple[str, Example, tuple[int, int]]]] = {}
    for example in examples:
        for name, where in ((example.id, example.id_position), *zip(example.former_ids, example.former_id_positions)):
            holders.setdefault(ids.handout_code(name), []).append((name, example, where))
    problems = []
    for code, named in holders.items():
        for name, example, where in named:
            # The same id in two files is the former-id check's to report.
            others = [(other, owner) for other, owner, _ in named if owner is not example and other != name]
            if others:
                problems.append(Problem(example.source_path, *where,
                                        f"the id '{name}' has the same handout code ({code}) as "
                                        + ", ".join(f"'{other}' in {owner.source_path}" for other, owner in others)
                                        + ", so a short handout address could not tell them apart: choose another id"))
    return problems


def _display(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
