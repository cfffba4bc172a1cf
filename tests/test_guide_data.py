"""The guide's own data files hold to the same rules as records where their text reaches pages: no
hidden characters, glossary abbreviations that are abbreviations, and section ids that leave the
addresses of the guide's other pages alone."""

from __future__ import annotations

import dataclasses
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, check_text, valid_text
from macros.base import urls
from macros.base.problems import Problem, ProblemsFound, visible
from macros.base.text import HIDDEN
from macros.load import project
from macros.load.guide import load_guide
from macros.pages import feed

GUIDE = Path("practice_examples/guide")


def guide_problems(root: Path) -> list[Problem]:
    with pytest.raises(ProblemsFound) as raised:
        load_guide(root)
    return raised.value.problems


def edit(root: Path, name: str, old: str, new: str) -> str:
    """Replace one line of a guide file; return the file's display path."""
    path = root / GUIDE / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return (GUIDE / name).as_posix()


def line_of(root: Path, name: str, text: str) -> int:
    return next(number for number, line in enumerate((root / GUIDE / name).read_text(encoding="utf-8").splitlines(), 1) if text in line)


# Hidden characters.


def test_a_control_character_in_a_section_title_and_a_reversing_one_in_a_tag_label_are_each_located(scratch):
    """YAML's escapes get past the file's own check; a \\x01 made feed.xml unreadable, and U+202E published reversed text."""
    sections = edit(scratch, "sections.yaml", "    title: Leadership and partnership\n", '    title: "Leadership\\x01 and partnership"\n')
    tags = edit(scratch, "tags.yaml", "        label: Organisational\n", '        label: "Organisational \\u202Eesu ton oD\\u202C"\n')
    problems = guide_problems(scratch)
    assert [str(problem) for problem in problems] == [
        f"{sections}:{line_of(scratch, 'sections.yaml', 'x01')}:12: sections.title contains an invisible character (U+0001) here: "
        "delete it (soft hyphens, zero-width spaces and control characters often come with text pasted from Word, a web page or another program)",
        f"{tags}:{line_of(scratch, 'tags.yaml', 'u202E')}:16: facets.values.label contains an invisible character (U+202E) here: "
        "delete it (soft hyphens, zero-width spaces and control characters often come with text pasted from Word, a web page or another program)",
    ]


@pytest.mark.parametrize("file, old, new", [
    ("glossary.yaml", "    term: Advisory Council on the Misuse of Drugs\n", '    term: "Advisory Council on the Mis\\u00ADuse of Drugs"\n'),
    ("standards.yaml", "    title: Leadership\n", '    title: "Lead\\u200Bership"\n'),
    ("synonyms.yaml", "  - words: [lapse, relapse]\n", '  - words: [lapse, "re\\u2060lapse"]\n'),
    ("personal-details-allowed.yaml", "\nallowed:\n", '\nallowed:\n  - text: "Dr Foster"\n    reason: "A published hospital \\u2066guide, not a person."\n'),
], ids=["glossary", "standards", "synonyms", "personal-details-allowed"])
def test_every_guide_file_is_checked(scratch, file, old, new):
    display = edit(scratch, file, old, new)
    [problem] = guide_problems(scratch)
    assert problem.path == display and "contains an invisible character (U+" in problem.message


@pytest.mark.parametrize("char", ["\u00ad", "\u200b", "\u200d", "\u2060", "\u202e", "\ufeff", "\U000e0041"], ids=lambda char: f"U+{ord(char):04X}")
def test_records_are_refused_the_same_characters(scratch, char):
    text = valid_text().replace("title: A fixture example used by the tests", f'title: "A fixture exam\\U{ord(char):08X}ple used by the tests"')
    [problem] = check_text(scratch, text)
    assert problem.line == 3 and f"title contains an invisible character (U+{ord(char):04X})" in problem.message


def test_the_rule_covers_every_control_format_separator_private_and_non_character_and_nothing_a_writer_needs():
    for code in range(0x110000):
        char = chr(code)
        hidden = unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") and char not in "\t\n\r"
        if hidden or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
            assert HIDDEN.match(char), f"U+{code:04X}"
    ordinary = "Tab\tnew line\nreturn\r café naïve 😀 👍🏽 ❤️ ✓ – — … “quoted” £5 50% Ŵ Ελληνικά العربية 中文"
    assert HIDDEN.search(ordinary) is None
    assert visible("a\u00adb\u202ec") == "a<U+00AD>b<U+202E>c"


def test_the_feed_stays_well_formed_xml_if_a_hidden_character_gets_past_the_checks():
    loaded = project.load(ROOT)
    example = dataclasses.replace(loaded.examples[0], title="A title\x01 with a control character", summary="A\x0b summary\ufffe.")
    sections = [dataclasses.replace(s, title=s.title + "\x1b") for s in loaded.guide.sections]
    guide = dataclasses.replace(loaded.guide, sections=sections)
    xml = feed.atom([example], guide, "https://guide.example/", "The guide\x02", "What it is")
    parsed = ET.fromstring(xml)  # raises on any character XML does not allow
    entry = parsed.find("{http://www.w3.org/2005/Atom}entry")
    assert entry.find("{http://www.w3.org/2005/Atom}title").text == "A title with a control character"
    assert entry.find("{http://www.w3.org/2005/Atom}category").get("label") == sections[0].title[:-1]


# Glossary abbreviations.

PROBE_TERM = """  - id: and-probe
    term: Official notice - this guide is withdrawn
    abbr: {abbr}
    definition: >-
      A probe entry added to test what an abbreviation that is a common word does across the guide.
"""


def add_term(root: Path, abbr: str) -> int:
    """Add a glossary entry with this abbreviation; return the line its abbr is on."""
    path = root / GUIDE / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + PROBE_TERM.format(abbr=abbr), encoding="utf-8")
    return len(text.splitlines()) + 3


def test_an_abbreviation_in_lower_case_is_refused_in_plain_words(scratch):
    """abbr: and put a tooltip of the entry's choosing on every 'and' of the site."""
    line = add_term(scratch, "and")
    [problem] = guide_problems(scratch)
    assert str(problem) == (
        f"practice_examples/guide/glossary.yaml:{line}:11: terms.abbr 'and' is not in the right form: write the abbreviation as it is printed, "
        "in letters and digits with at least one capital letter or digit, like DRR or DToA: every place it appears on the site is marked as this abbreviation"
    )


@pytest.mark.parametrize("abbr", ["And", "AND", "Not", "THE"])
def test_an_abbreviation_that_is_an_ordinary_word_is_refused(scratch, abbr):
    line = add_term(scratch, abbr)
    [problem] = guide_problems(scratch)
    assert (problem.path, problem.line, problem.col) == ("practice_examples/guide/glossary.yaml", line, 11)
    assert problem.message.startswith(f"the abbreviation '{abbr}' is also the word '{abbr.lower()}', which the guide writes in its own text")
    assert problem.message.endswith("Give the abbreviation as it is printed, such as DRR, or leave abbr out")


@pytest.mark.parametrize("abbr", ["ZQX", "DToB", "P2P", "A&E"])
def test_a_real_looking_abbreviation_is_accepted(scratch, abbr):
    add_term(scratch, abbr)
    assert load_guide(scratch).abbreviations[abbr] == "Official notice - this guide is withdrawn"


# Section ids and the site's other addresses.

NEW_SECTION = """  - id: {id}
    title: A fifth section for the test
    short_title: Fifth
    intro: >-
      A section added by the test, to see whether its id can take the address of another page.
    takeaways:
      - id: fifth-section-takeaway
        text: >-
          A take-away of the fifth section, long enough for the schema.
"""


def add_section(root: Path, section_id: str) -> int:
    """A project with the real pages and one more section; returns the line of the new section's id."""
    shutil.copytree(ROOT / "docs", root / "docs")
    path = root / GUIDE / "sections.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + NEW_SECTION.format(id=section_id), encoding="utf-8")
    return len(text.splitlines()) + 1


@pytest.mark.parametrize("section_id, published", [
    ("handout", "handout/"), ("packs", "packs/"), ("examples", "examples/"), ("search", "search/"), ("assets", "assets/"),
    ("feed", "feed.xml"), ('"404"', "404.html"), ("sitemap", "sitemap.xml"), ("index", "index.html"),
])
def test_a_section_cannot_take_an_address_the_build_writes(scratch, section_id, published):
    """A section 'handout' passed validation, then its page was silently replaced by the handout."""
    line = add_section(scratch, section_id)
    [problem] = guide_problems(scratch)
    assert str(problem) == (
        f"practice_examples/guide/sections.yaml:{line}:9: the section id '{section_id.strip(chr(34))}' is reserved: the build publishes /{published} "
        "at the address the section's page would have; choose another id"
    )


@pytest.mark.parametrize("section_id", ["about", "accessibility", "browse", "contribute", "coverage", "glossary", "tags"])
def test_a_section_cannot_take_the_address_of_another_hand_written_page(scratch, section_id):
    line = add_section(scratch, section_id)
    [problem] = guide_problems(scratch)
    assert (problem.line, problem.col) == (line, 9)
    assert problem.message == (
        f"the section id '{section_id}' is the address of another page or folder, docs/{section_id}.md, "
        "where the section's own page would be published; choose another id"
    )


def test_a_new_section_needs_no_page_of_its_own(scratch):
    add_section(scratch, "fifth")
    assert [section.id for section in load_guide(scratch).sections][-1] == "fifth"


def test_a_section_cannot_take_the_address_of_a_hand_written_page_even_one_about_it(scratch):
    add_section(scratch, "fifth")
    (scratch / "docs").mkdir(exist_ok=True)
    (scratch / "docs" / "fifth.md").write_text("# Fifth\n", encoding="utf-8")
    [problem] = guide_problems(scratch)
    assert "is the address of another page or folder, docs/fifth.md" in problem.message


def test_the_reserved_names_are_what_a_real_build_publishes_beside_the_pages(real_site_dir):
    """Every top-level entry of the built site is a section's page, a page or folder from docs/, or in
    urls.BUILT_TOP_LEVEL, and everything listed there is really built: a new generated page at the top
    level fails here until it is listed, and so reserved."""
    sections = {section.id for section in load_guide(ROOT).sections}
    written = {path.stem if path.suffix == ".md" else path.name for path in (ROOT / "docs").iterdir()}
    built = {path.name + "/" if path.is_dir() else path.name for path in real_site_dir.iterdir()}
    unlisted = {name for name in built if name.rstrip("/") not in sections | written} - set(urls.BUILT_TOP_LEVEL)
    assert unlisted == set(), "add these to BUILT_TOP_LEVEL in macros/base/urls.py"
    assert set(urls.BUILT_TOP_LEVEL) <= built, "BUILT_TOP_LEVEL lists something the build no longer writes"
