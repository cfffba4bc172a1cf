"""A guard against catastrophic backtracking: every pattern that reads contributor text, the
personal-details check and the whole validator, on hostile 100 KB texts, within a generous time.

The limits are far above what a linear check takes (milliseconds here); a pattern that
backtracked would take minutes or hours on these texts. Speed itself is measured by
scripts/benchmark_personal.py, not here.
"""

from __future__ import annotations

import ast
import json
import time

import pytest
import re2
from conftest import ROOT, TODAY, check_text, valid_text

from macros.base import linear
from macros.load import examples, markup, personal, yamlsafe
from macros.load.guide import load_guide

SIZE = 100_000
PATTERN_LIMIT = 2.0  # seconds of CPU for one pattern over one text
CHECK_LIMIT = 20.0  # seconds for the personal-details check, or the whole validator, on one text


def fill(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def title_gaps(n: int) -> str:
    """The review's F1 payload: runs of spaces after a title, which took 65 s at 605 characters."""
    return "Mr" + " " * n + "A" + " " * n + "B" + " " * n + "1"


HOSTILE = {
    "title and spaces": fill(title_gaps(200)),
    "spaces": " " * SIZE,
    "line breaks and indents": fill("\n  "),
    "one letter": "a" * SIZE,
    "capitals": "A" * SIZE,
    "capitalised words": fill("Aa "),
    "given names": fill("Sarah "),
    "names in capitals with a verb": fill("Sarah JENKINS said "),
    "titles": fill("Mr "),
    "titles and initials": fill("Mr A. "),
    "digits": "1" * SIZE,
    "digits and spaces": fill("1 "),
    "digits and full stops": fill("1."),
    "slashes": fill("12/"),
    "hyphens": fill("1-"),
    "+44": fill("+44 "),
    "phone starts": fill("0 7"),
    "at signs": fill("a@"),
    "email-like, no end": fill("a@b."),
    "dates": fill("3 March 2025 "),
    "DOB markers": fill("DOB "),
    "born on the": fill("born on the "),
    "court names": fill("Tamworth "),
    "estates": fill("Aa Bb estate "),
    "case words": fill("case "),
    "case and spaces": "case" + " " * SIZE,
    "square brackets": "[" * SIZE,
    "image starts": fill("!["),
    "stars": "*" * SIZE,
    "underscores": "_" * SIZE,
    "entity starts": fill("&#"),
    "entities": fill("&#52;"),
    "backslashes": "\\" * SIZE,
    "backquotes": "`" * SIZE,
    "soft hyphens": fill("a\u00ad"),
    "look-alike letters": fill("S\u0430rah "),
    "house numbers": fill("12 Aa "),
    "lives at": fill("lives at Aa "),
    "called": fill("a man called "),
    "list markers": fill("1. "),
    "full stops": fill(". "),
    "web addresses": fill("https://"),
    "a mixture": fill("Sarah [Jenkins](x) **DOB** 14/03/85 B79 "),
}


def cpu(call) -> float:
    began = time.process_time()
    call()
    return time.process_time() - began


def test_every_module_that_reads_contributor_text_matches_only_through_linear():
    # Python's re backtracks; only macros/base/linear.py may use it, for single character classes.
    readers = [*(ROOT / "macros" / "load").glob("*.py"), ROOT / "macros" / "base" / "problems.py"]
    for path in readers:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & {"re", "regex"}, f"{path.relative_to(ROOT)} imports Python's re: make its patterns with macros.base.linear"


def test_every_pattern_is_re2_or_one_character():
    assert len(linear.PATTERNS) > 30
    for pattern, compiled in linear.PATTERNS:
        assert isinstance(compiled, re2._Regexp) or linear.is_one_character(pattern), pattern


def test_a_pattern_that_could_backtrack_is_refused_in_python_re():
    with pytest.raises(ValueError, match="not a single character class"):
        linear.character_class(r"(?:[ \t]+\n?[ \t]*)+A")


@pytest.mark.parametrize("name", HOSTILE)
def test_every_pattern_runs_on_a_hostile_100_kb_text_in_linear_time(name):
    text = HOSTILE[name]
    slow = {}
    for pattern, compiled in list(linear.PATTERNS):
        took = cpu(lambda: sum(1 for _ in compiled.finditer(text)))
        if took > PATTERN_LIMIT:
            slow[pattern] = round(took, 1)
    assert slow == {}


@pytest.mark.parametrize("name", HOSTILE)
def test_personal_details_check_finishes_on_a_hostile_100_kb_text(name):
    assert cpu(lambda: personal.find_personal_details(HOSTILE[name])) < CHECK_LIMIT


def hostile_record(text: str, context_size: int, tip_size: int) -> str:
    """The fixture record with its context and eight tips made of hostile text, written as YAML block text."""
    def block(value: str, indent: str) -> str:
        return "|\n" + "".join(f"{indent}{line}\n" for line in value.split("\n"))

    record = valid_text()
    context = "context: |\n  A fixture context paragraph, long enough for the schema's minimum length.\n"
    tips = "tips:\n  - A practical tip for the fixture.\n"
    assert context in record and tips in record
    record = record.replace(context, "context: " + block(fill(text, context_size), "  "))
    return record.replace(tips, "tips:\n" + "".join("  - " + block(fill(text, tip_size), "    ") for _ in range(8)))


@pytest.mark.parametrize("name", ["title and spaces", "square brackets", "image starts", "list markers", "a mixture", "given names",
                                  "line breaks and indents", "entities"])
def test_the_whole_validator_finishes_on_a_hostile_100_kb_record(scratch, name):
    """Parsed and checked as validate.py checks a file, past the 64 KB file limit that would otherwise refuse it first."""
    text = hostile_record(HOSTILE[name], 60_000, 5_000)
    assert len(text.encode("utf-8")) > SIZE
    guide = load_guide(scratch)
    schema = examples.record_schema(scratch, guide)

    def check():
        located, found = yamlsafe.parse(text, "practice_examples/valid-example.yaml")
        if located is not None:
            examples.check_record(located, "valid-example", "practice_examples/valid-example.yaml", guide, schema, TODAY, found)

    assert cpu(check) < CHECK_LIMIT


@pytest.mark.parametrize("name", ["title and spaces", "square brackets", "image starts", "a mixture"])
def test_validate_finishes_on_a_hostile_record_file_at_the_size_limit(scratch, name):
    text = hostile_record(HOSTILE[name], 5_990, 590)
    text = text[: yamlsafe.MAX_BYTES - 100] if len(text) > yamlsafe.MAX_BYTES else text
    problems: list = []
    assert cpu(lambda: problems.extend(check_text(scratch, text))) < CHECK_LIMIT
    assert all(problem.path == "practice_examples/valid-example.yaml" and problem.line >= 1 for problem in problems)


def test_markdown_max_chars_is_the_schemas_longest_markdown_field():
    schema = json.loads((ROOT / "practice_examples" / "schema.json").read_text(encoding="utf-8"))
    assert examples.MARKDOWN_MAX_CHARS == max(schema["$defs"][name]["maxLength"] for name in ("markdown", "shortMarkdown"))


def test_page_text_of_hostile_markdown_is_quick():
    # The bounds keep each conversion short: the worst allowed shape, 100 unclosed links spread over 6,000 characters.
    source = ("[" + "a" * 59) * examples.MAX_BRACKETS
    assert examples._too_costly(source) is None
    assert cpu(lambda: markup.page_text(markup.convert(source, ()).html)) < 2.0


def _matches(compiled, text: str) -> list:
    found = [(m.span(), m.groups(), m.groupdict()) for m in compiled.finditer(text)]
    for pos in (0, len(text) // 2):
        for how in (compiled.search, compiled.match, compiled.fullmatch):
            m = how(text, pos)
            found.append(None if m is None else (m.span(), m.groups(), [m.span(g) for g in range(compiled.groups + 1)]))
    return found


def test_every_pattern_matches_ascii_text_exactly_as_the_re2_wrapper_does():
    """linear.compile's patterns skip google-re2's offset conversion on ASCII text: the same matches, spans and
    groups as the wrapper itself gives, on every record's lines, empty text and texts made of empty matches."""
    texts = ["", " ", "a", "  \n ", "Mr  A  B 1", "born 14/03/1985 in SW1A 1AA", "07700 900123, a@b.co"]
    for path in sorted((ROOT / "practice_examples").glob("*.yaml"))[:8]:
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.isascii()]
    assert len(texts) > 200
    differ = []
    for pattern, compiled in linear.PATTERNS:
        if not isinstance(compiled, re2._Regexp):
            continue
        plain = re2._Regexp(pattern, compiled.options)
        assert type(plain) is not type(compiled)  # else this compares the wrapper with itself
        differ += [(pattern, text) for text in texts if _matches(compiled, text) != _matches(plain, text)]
    assert differ == []
