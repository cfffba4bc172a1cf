"""Property-based tests: records whose text holds anything a contributor could type or paste.

For every generated record the validator either accepts it or reports only path:line:col
problems, never a crash; an accepted record's page shows its text exactly and nothing from it
runs. `make test` runs a modest, repeatable number of cases; `make fuzz` runs many more.
"""

from __future__ import annotations

import html
import math
import os
import re
import shutil

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, TODAY, build_site, copy_site_project
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from macros.pages import example as example_page
from macros.load import markup, project

settings.register_profile("ci", max_examples=150, derandomize=True, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz", max_examples=3000, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PAYLOADS = [
    "<script>window.pwned=1</script>", '<img src=x onerror="window.pwned=2">', "{{ 7*7 }}", "{% raw %}x{% endraw %}",
    "![x](data:,x){: onerror=window.pwned=3 }", "*x*{: onmouseover=window.pwned=4 }", "[x](javascript:window.pwned=5)",
    "[x](/\\evil.example/)", "![p](https://evil.example/p.png)", "<iframe src=//evil.example>", "---", "title: x", " #1 ",
    "🙂", "𝗯old", "\u202e", "\u200b", "\x00", "\x1b", "\ud83d", "&amp;", "'", '"', "\\", "\t", "\n", ": ", "- ", "|", ">",
    "**bold**", "`code`", "# heading", "> quote", "1. item", "<!-- c -->", "&#x6A;avascript:", "\r\n",
    "Mr" + " " * 300 + "A" + " " * 300 + "B", "\u00ad", "&#52;", "[" * 40, "1. " * 20,  # issue 17: slow or hidden text
]
FRAGMENT = st.one_of(st.text(max_size=12), st.sampled_from(PAYLOADS), st.characters(codec=None).map(str))
# Long enough ordinary text around the fragments, so that many records pass and reach the page.
PADDING = {"title": "A practitioner tries ", "summary": "A practitioner tries something new with a person on probation: "}
TEXT_FIELDS = ["title", "summary", "context", "what_was_done", "why_it_works"]


def field_text(name: str) -> st.SearchStrategy[str]:
    padding = PADDING.get(name, "A practitioner tried something, written out in enough words: ")
    return st.lists(FRAGMENT, min_size=1, max_size=5).map(lambda parts: padding + "".join(parts))


def as_yaml(value: str, style: str) -> str:
    """value written into a record as a YAML scalar: by a safe emitter, or pasted raw as a contributor might."""
    if style == "emitted":
        return yaml.safe_dump(value, allow_unicode=True, width=math.inf, default_style='"').rstrip("\n").removesuffix("\n...")
    if style == "block":
        return "|\n" + "".join(f"  {line}\n" for line in value.split("\n")).rstrip("\n")
    return value  # plain, as typed


def record_text(values: dict[str, tuple[str, str]]) -> str:
    text = (FIXTURES / "valid-example.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for name, (value, style) in values.items():
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
        end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "\n"))), len(lines))
        lines[start:end] = [f"{name}: {as_yaml(value, style)}\n"]
    return "".join(lines)


STYLES = st.sampled_from(["emitted", "emitted", "emitted", "block", "plain"])
RECORDS = st.fixed_dictionaries({}, optional={name: st.tuples(field_text(name), STYLES) for name in TEXT_FIELDS}).filter(bool)


def write(root, text: str):
    path = root / "practice_examples" / "valid-example.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def article(page_html: str):
    return BeautifulSoup(page_html, "html.parser")


def assert_nothing_live(soup) -> None:
    for element in soup.find_all(True):
        assert element.name not in ("script", "iframe", "object", "embed", "style"), element
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            assert not name.startswith("on"), element
            if name in ("href", "src"):
                assert markup.is_safe_link(value), element
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE), element
            if name == "src":
                assert not re.match(r"\s*([a-z]+:|//)", value, re.IGNORECASE), element


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "practice_examples" / "guide", root / "practice_examples" / "guide")
    shutil.copy(ROOT / "practice_examples" / "schema.json", root / "practice_examples" / "schema.json")
    return root


@given(values=RECORDS)
def test_any_record_is_accepted_or_refused_with_located_problems_and_accepted_text_stays_text(library, values):
    path = write(library, record_text(values))
    loaded, problems = project.check(library, [path], today=TODAY)
    for problem in problems:
        assert problem.path == "practice_examples/valid-example.yaml"
        assert problem.line >= 1 and problem.col >= 1 and problem.message
        assert "\n" not in str(problem) and "\u202e" not in str(problem)
    event("refused" if problems else "accepted")
    if problems:
        return
    example = loaded.example("valid-example")
    page = example_page.render(example, loaded.guide, [], None)
    assert html.unescape(page.meta["title"]) == example.title
    assert html.unescape(page.meta["description"]) == example.summary
    soup = article(markup.sanitise_page(page.html))
    assert soup.find(class_="pe-summary").get_text() == example.summary
    assert_nothing_live(soup)


@settings(max_examples=int(os.environ.get("FUZZ_BUILDS", "4")), suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow,
                                                                                    HealthCheck.function_scoped_fixture])
@given(values=RECORDS.filter(lambda values: "title" in values or "summary" in values))
def test_an_accepted_record_builds_and_its_page_shows_its_text(library, tmp_path_factory, values):
    path = write(library, record_text(values))
    loaded, problems = project.check(library, [path], today=TODAY)
    assume(not problems)  # refused records are the other test's business
    example = loaded.example("valid-example")
    project_dir = copy_site_project(tmp_path_factory.mktemp("fuzz-site"), [path])
    result = build_site(project_dir, project_dir / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((project_dir / "site" / "examples" / "valid-example" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text() == example.title
    assert page.title.get_text().startswith(example.title + " - ")
    assert page.find("meta", attrs={"name": "description"})["content"] == example.summary
    assert page.find(class_="pe-summary").get_text() == example.summary
    assert_nothing_live(page.find("article"))
