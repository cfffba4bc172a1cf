"""The guide's own data: sections and their take-aways, tag vocabulary, standards, glossary, search synonyms,
the evidence scale and the ratings of general approaches.

Each is defined once, in practice_examples/guide/*.yaml, and everything else (pages,
validation, the browse page's filters) reads it from here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from macros.base import urls
from macros.load import personal
from macros.base.text import WORD, words as search_words
from macros.load import schema as schema_module
from macros.load import yamlsafe
from macros.base import linear
from macros.base.problems import Problem, ProblemsFound

GUIDE_DIR = Path("practice_examples/guide")
DOCS_DIR = Path("docs")  # mkdocs.yml's docs_dir: the hand-written pages


@dataclass(frozen=True)
class Takeaway:
    id: str
    text: str
    section: str
    parent: str | None = None
    points: tuple[str, ...] = ()
    explanation: str | None = None  # the guide's own gloss, shown apart from the take-away
    former_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    short_title: str
    intro: str
    takeaways: tuple[str, ...]  # top-level take-away ids, in order


@dataclass(frozen=True)
class TagValue:
    facet: str
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Facet:
    id: str
    label: str
    description: str
    values: tuple[TagValue, ...]

    def value(self, value_id: str) -> TagValue:
        return next(value for value in self.values if value.id == value_id)


@dataclass(frozen=True)
class Standard:
    id: str
    domain: str
    title: str


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    abbr: str | None = None
    source_title: str | None = None
    source_url: str | None = None


@dataclass(frozen=True)
class EvidenceLevel:
    level: int
    name: str
    meaning: str


@dataclass(frozen=True)
class EvidenceScale:
    """The published scale the statuses are placed on, and its levels in the guide's words."""

    name: str
    publisher: str
    url: str
    levels: tuple[EvidenceLevel, ...]


@dataclass(frozen=True)
class EvidenceStatus:
    id: str
    label: str
    kind: str  # the provenance kind of every example with this status
    study_required: bool
    meaning: str
    shows: str
    does_not_show: str
    level: int | None  # on the scale; None where nothing was studied


@dataclass(frozen=True)
class Approach:
    """A general approach and a recognised body's own rating of it (never the guide's)."""

    id: str
    name: str
    rated_by: str
    rating: str
    summary: str
    source_title: str
    source_publisher: str
    source_date: str
    source_url: str
    checked: dt.date


@dataclass
class Guide:
    attribution: dict[str, str]
    sections: list[Section]
    takeaways: dict[str, Takeaway]  # every take-away and sub-point, by id, in page order
    facets: list[Facet]
    framework: dict[str, str]
    standards: dict[str, Standard]
    terms: list[Term]
    synonyms: tuple[tuple[str, ...], ...] = ()  # groups of words and phrases that search treats as the same
    shorthand: tuple[tuple[str, str], ...] = ()  # (practitioners' shorthand, the plain words it stands for), for search
    evidence_scale: EvidenceScale | None = None
    statuses: dict[str, EvidenceStatus] = field(default_factory=dict)  # strongest first
    approaches: dict[str, Approach] = field(default_factory=dict)
    fingerprint: bytes = b""
    personal_details_allowed: frozenset[str] = frozenset()  # reviewed texts that are not a person's details
    _facets_by_id: dict[str, Facet] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._facets_by_id = {facet.id: facet for facet in self.facets}

    def section(self, section_id: str) -> Section:
        return next(section for section in self.sections if section.id == section_id)

    def facet(self, facet_id: str) -> Facet:
        return self._facets_by_id[facet_id]

    def tag(self, facet_id: str, value_id: str) -> TagValue:
        return self._facets_by_id[facet_id].value(value_id)

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        """Abbreviation -> the term it stands for, for hover text and search."""
        return {term.abbr: term.term for term in self.terms if term.abbr}


DATA_FILES = (
    ("sections", "sectionsFile"), ("tags", "tagsFile"), ("standards", "standardsFile"), ("glossary", "glossaryFile"),
    ("synonyms", "synonymsFile"), ("shorthand", "shorthandFile"), ("evidence", "evidenceFile"), ("approaches", "approachesFile"),
)


def load_guide(root: Path) -> Guide:
    """Read and check the guide's data files; raise ProblemsFound with every problem."""
    guide_dir = root / GUIDE_DIR
    shapes = schema_module.read_schema(guide_dir / "schema.json", (GUIDE_DIR / "schema.json").as_posix())
    problems: list[Problem] = []
    data: dict[str, dict] = {}
    for name, definition in DATA_FILES:
        display = (GUIDE_DIR / f"{name}.yaml").as_posix()
        located, found = yamlsafe.load(guide_dir / f"{name}.yaml", display)
        problems += found
        if located is None or found:
            continue
        schema = {"$ref": f"#/$defs/{definition}", "$defs": shapes["$defs"]}
        found = schema_module.check(located.data, located, schema, display) + schema_module.hidden_characters(located.data, located, display)
        problems += found
        if not found:
            data[name] = (located, display)
    if problems:
        raise ProblemsFound(problems)
    problems = _check_unique(data) + _section_addresses(data, root)
    allowed, found = personal.load_allowed(root)
    problems += found
    if problems:
        raise ProblemsFound(problems)
    guide = _build(data)
    guide.personal_details_allowed = allowed
    guide.fingerprint = _fingerprint(guide_dir, root)
    return guide


def _fingerprint(guide_dir: Path, root: Path) -> bytes:
    """What records are checked against: the guide's files and the record schema, byte for byte."""
    digest = hashlib.sha1()
    for path in sorted(guide_dir.iterdir()) + [root / "practice_examples" / "schema.json"]:
        if path.is_file() and not path.is_symlink():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _build(data: dict) -> Guide:
    sections_file = data["sections"][0].data
    sections, takeaways = [], {}

    for raw in sections_file["sections"]:
        ids = []
        for item in raw["takeaways"]:
            ids.append(item["id"])
            _add_in_order(item, raw["id"], None, takeaways)
        sections.append(Section(raw["id"], raw["title"], raw["short_title"], raw["intro"], tuple(ids)))
    facets = [
        Facet(raw["id"], raw["label"], raw["description"], tuple(TagValue(raw["id"], v["id"], v["label"], v["description"]) for v in raw["values"]))
        for raw in data["tags"][0].data["facets"]
    ]
    standards_file = data["standards"][0].data
    standards = {raw["id"]: Standard(raw["id"], raw["domain"], raw["title"]) for raw in standards_file["standards"]}
    terms = [
        Term(raw["id"], raw["term"], raw["definition"], raw.get("abbr"), raw.get("source", {}).get("title"), raw.get("source", {}).get("url"))
        for raw in data["glossary"][0].data["terms"]
    ]
    synonyms = tuple(tuple(group["words"]) for group in data["synonyms"][0].data["groups"])
    shorthand = tuple((entry["short"], entry["means"]) for entry in data["shorthand"][0].data["shorthand"])
    evidence = data["evidence"][0].data
    scale = EvidenceScale(evidence["scale"]["name"], evidence["scale"]["publisher"], evidence["scale"]["url"],
                          tuple(EvidenceLevel(raw["level"], raw["name"], raw["meaning"]) for raw in evidence["levels"]))
    statuses = {
        raw["id"]: EvidenceStatus(raw["id"], raw["label"], raw["kind"], raw["study"] == "required", raw["meaning"], raw["shows"],
                                  raw["does_not_show"], None if raw["level"] == "none" else raw["level"])
        for raw in evidence["statuses"]
    }
    approaches = {
        raw["id"]: Approach(raw["id"], raw["name"], raw["rated_by"], raw["rating"], raw["summary"], raw["source"]["title"],
                            raw["source"]["publisher"], raw["source"]["date"], raw["source"]["url"], dt.date.fromisoformat(raw["checked"]))
        for raw in data["approaches"][0].data["approaches"]
    }
    return Guide(sections_file["attribution"], sections, takeaways, facets, standards_file["framework"], standards, terms, synonyms,
                 shorthand=shorthand, evidence_scale=scale, statuses=statuses, approaches=approaches)


def _add_in_order(item: dict, section: str, parent: str | None, into: dict[str, Takeaway]) -> None:
    points = item.get("points", ())
    into[item["id"]] = Takeaway(
        item["id"], item["text"], section, parent, tuple(point["id"] for point in points), item.get("explanation"), tuple(item.get("former_ids", ()))
    )
    for point in points:
        _add_in_order(point, section, item["id"], into)


def _check_unique(data: dict) -> list[Problem]:
    """Ids that must be unique (and tag labels, which become Material tag names)."""
    problems: list[Problem] = []

    def once(kind: str, name: str, items: list[tuple[str, tuple]]) -> None:
        located, display = data[name]
        seen: dict[str, tuple] = {}
        for value, path in items:
            if value in seen:
                line = located.position(seen[value])[0]
                problems.append(Problem(display, *located.position(path), f"the {kind} '{value}' is used twice (first on line {line}): each must be unique"))
            else:
                seen[value] = path

    sections = data["sections"][0].data["sections"]
    once("section id", "sections", [(section["id"], ("sections", i, "id")) for i, section in enumerate(sections)])
    takeaway_ids: list[tuple[str, tuple]] = []
    former_ids: list[tuple[str, tuple, str]] = []

    def walk(items: list, path: tuple) -> None:
        for i, item in enumerate(items):
            takeaway_ids.append((item["id"], path + (i, "id")))
            former_ids.extend((former, path + (i, "former_ids", j), item["id"]) for j, former in enumerate(item.get("former_ids", [])))
            walk(item.get("points", []), path + (i, "points"))

    for i, section in enumerate(sections):
        walk(section["takeaways"], ("sections", i, "takeaways"))
    once("take-away id", "sections", takeaway_ids)
    problems.extend(_former_id_clashes(*data["sections"], {value for value, _ in takeaway_ids}, former_ids))
    facets = data["tags"][0].data["facets"]
    once("facet id", "tags", [(facet["id"], ("facets", i, "id")) for i, facet in enumerate(facets)])
    located, display = data["tags"]
    for i, facet in enumerate(facets):
        if facet["id"] in urls.BROWSE_OWN_NAMES:
            problems.append(Problem(display, *located.position(("facets", i, "id")),
                                    f"the facet id '{facet['id']}' is reserved: the browse page's address already uses it; choose another"))
    once("tag label", "tags", [(value["label"], ("facets", i, "values", j, "label")) for i, facet in enumerate(facets) for j, value in enumerate(facet["values"])])
    for i, facet in enumerate(facets):
        once(f"value id in facet {facet['id']}", "tags", [(value["id"], ("facets", i, "values", j, "id")) for j, value in enumerate(facet["values"])])
    standards = data["standards"][0].data["standards"]
    once("standard id", "standards", [(standard["id"], ("standards", i, "id")) for i, standard in enumerate(standards)])
    terms = data["glossary"][0].data["terms"]
    once("glossary id", "glossary", [(term["id"], ("terms", i, "id")) for i, term in enumerate(terms)])
    once("abbreviation", "glossary", [(term["abbr"], ("terms", i, "abbr")) for i, term in enumerate(terms) if "abbr" in term])
    evidence = data["evidence"][0].data
    once("evidence level", "evidence", [(str(level["level"]), ("levels", i, "level")) for i, level in enumerate(evidence["levels"])])
    once("evidence status id", "evidence", [(status["id"], ("statuses", i, "id")) for i, status in enumerate(evidence["statuses"])])
    once("evidence status label", "evidence", [(status["label"], ("statuses", i, "label")) for i, status in enumerate(evidence["statuses"])])
    located, display = data["evidence"]
    levels = {level["level"] for level in evidence["levels"]}
    for i, status in enumerate(evidence["statuses"]):
        if status["level"] != "none" and status["level"] not in levels:
            problems.append(Problem(display, *located.position(("statuses", i, "level")),
                                    f"level {status['level']} is not one of the scale's levels listed under levels: use one of them, or none"))
    approaches = data["approaches"][0].data["approaches"]
    once("approach id", "approaches", [(approach["id"], ("approaches", i, "id")) for i, approach in enumerate(approaches)])
    problems.extend(_ordinary_words(data))
    groups = data["synonyms"][0].data["groups"]
    # Compared as search reads them, so "Co-occurring" and "co occurring" are the same entry.
    once("synonym", "synonyms", [(" ".join(search_words(word)), ("groups", i, "words", j)) for i, group in enumerate(groups) for j, word in enumerate(group["words"])])
    located, display = data["synonyms"]
    for i, group in enumerate(groups):
        for j, word in enumerate(group["words"]):
            if not any(len(part) > 1 for part in search_words(word)):
                problems.append(Problem(display, *located.position(("groups", i, "words", j)),
                                        f"'{word}' has no word of two or more letters or digits, which is what search looks for: write the word out"))
    problems.extend(_shorthand_problems(data))
    return problems


def _shorthand_problems(data: dict) -> list[Problem]:
    """Each shorthand once, not already a glossary abbreviation or a synonym, and both sides with a word search can look for."""
    located, display = data["shorthand"]
    entries = located.data["shorthand"]
    known = {" ".join(search_words(term["abbr"])): "a glossary abbreviation" for term in data["glossary"][0].data["terms"] if "abbr" in term}
    known.update({" ".join(search_words(word)): "in synonyms.yaml" for group in data["synonyms"][0].data["groups"] for word in group["words"]})
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        for key in ("short", "means"):
            if not any(len(part) > 1 for part in search_words(entry[key])):
                problems.append(Problem(display, *located.position(("shorthand", i, key)),
                                        f"'{entry[key]}' has no word of two or more letters or digits, which is what search looks for: write the word out"))
        short = " ".join(search_words(entry["short"]))
        where = located.position(("shorthand", i, "short"))
        if short in seen:
            problems.append(Problem(display, *where, f"the shorthand '{entry['short']}' is listed twice (first on line {seen[short]}): keep one entry"))
        elif short in known:
            problems.append(Problem(display, *where, f"'{entry['short']}' is already {known[short]}, which search reads both ways: remove this entry"))
        seen.setdefault(short, where[0])
    return problems


def _section_addresses(data: dict, root: Path) -> list[Problem]:
    """Section ids that would take the address of another page or folder of the site: a section's page is
    made from this file and published at /<id>/ (and <id>.html offline), beside what the build writes itself
    (urls.BUILT_TOP_LEVEL) and the hand-written pages and folders in docs/."""
    built: dict[str, str] = {}
    for name in urls.BUILT_TOP_LEVEL:
        built.setdefault(name.rstrip("/").split(".")[0], name)
    docs = root / DOCS_DIR
    written = {path.stem if path.is_file() else path.name: path for path in docs.iterdir()} if docs.is_dir() else {}
    located, display = data["sections"]
    problems = []
    for i, section in enumerate(located.data["sections"]):
        section_id, where = section["id"], located.position(("sections", i, "id"))
        page = written.get(section_id)
        if section_id in built:
            problems.append(Problem(display, *where, f"the section id '{section_id}' is reserved: the build publishes /{built[section_id]} "
                                                     "at the address the section's page would have; choose another id"))
        elif page is not None:
            shown = page.relative_to(root).as_posix()
            problems.append(Problem(display, *where, f"the section id '{section_id}' is the address of another page or folder, {shown}, "
                                                     "where the section's own page would be published; choose another id"))
    return problems


_DOMAIN = linear.compile(r"\w\.\w")


def _ordinary_words(data: dict) -> list[Problem]:
    """Abbreviations that are also words the guide itself writes in lower case ('And', 'NOT'): every
    one on every page would be marked as the abbreviation, and search would read the word as the term."""
    ordinary = {
        word
        for name in ("sections", "tags", "standards", "glossary")
        for path, text in schema_module.texts(data[name][0].data)
        if not {"id", "former_ids", "url", "abbr"} & set(path)
        for token in text.split()
        if "." not in token or not _DOMAIN.search(token)  # 'legislation.gov.uk' in a source's title is an address, not the word 'uk'
        for word in WORD.findall(token)
        if word.islower()
    }
    located, display = data["glossary"]
    return [
        Problem(display, *located.position(("terms", i, "abbr")),
                f"the abbreviation '{term['abbr']}' is also the word '{term['abbr'].lower()}', which the guide writes in its own text: "
                f"every '{term['abbr']}' on every page would be marked as this abbreviation and search would read '{term['abbr'].lower()}' as "
                f"'{term['term']}'. Give the abbreviation as it is printed, such as DRR, or leave abbr out")
        for i, term in enumerate(data["glossary"][0].data["terms"])
        if "abbr" in term and term["abbr"].lower() in ordinary
    ]


def _former_id_clashes(located: yamlsafe.Located, display: str, current: set[str], former_ids: list[tuple[str, tuple, str]]) -> list[Problem]:
    """An old take-away anchor leads to one take-away only, and is never a current one."""
    problems = []
    owner: dict[str, str] = {}
    for former, path, takeaway_id in former_ids:
        where = located.position(path)
        if former in current:
            problems.append(Problem(display, *where, f"former id '{former}' of take-away '{takeaway_id}' is the id of a current take-away: "
                                                     "an old anchor cannot also be a current one"))
        elif former in owner and owner[former] != takeaway_id:
            problems.append(Problem(display, *where, f"former id '{former}' is also a former id of take-away '{owner[former]}': "
                                                     "an old anchor can lead to one take-away only"))
        owner.setdefault(former, takeaway_id)
    return problems
