"""Every mistake or hostile input gets path:line:col and what to do, never a traceback, and nothing is
skipped silently: wrong types, control characters, odd files, links that leave the site, invisible text."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import yaml
from conftest import ROOT, TODAY, check_text, reported_text, valid_text

from macros.load import markup, project
from macros.load.examples import GUIDE_FILES
from macros.base.problems import Problem
from macros.load.schema import check as schema_check
from macros.load.yamlsafe import Located

FIELDS = ["id", "title", "section", "summary", "context", "what_was_done", "why_it_works", "tips", "reflective_questions",
          "takeaways", "standards", "tags", "evidence", "provenance", "added", "last_reviewed", "review_by"]
WRONG_VALUES = {"a list": "[reducing-harm]", "a block list": "\n  - reducing-harm", "a mapping": "{a: b}", "a number": "12",
                "true or false": "yes", "nothing": "", "a nested list": "[[a]]"}


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def replace_field(text: str, name: str, value: str) -> str:
    """The record with one top-level field's whole value replaced."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "\n"))), len(lines))
    return "".join(lines[:start]) + f"{name}: {value}\n" + "".join(lines[end:])


LIST_OF_TEXT = {"tips", "reflective_questions"}  # for these, a list of text is the right type


@pytest.mark.parametrize(
    "name, kind", [(name, kind) for name in FIELDS for kind in WRONG_VALUES if not (name in LIST_OF_TEXT and "list" in kind and "nested" not in kind)]
)
def test_a_wrong_type_in_any_field_gets_a_located_message_not_a_crash(scratch, name, kind):
    text = replace_field(valid_text(), name, WRONG_VALUES[kind])
    problems = check_text(scratch, text)
    assert problems, f"{name} as {kind} was accepted"
    for problem in problems:
        assert problem.path == "practice_examples/valid-example.yaml" and problem.line >= 1 and problem.message


REPORTED_PATHS = [("context", 0, "from"), ("context", 0, "text"), ("what_was_done", 1), ("evidence", "study"), ("evidence", "found"),
                  ("evidence", "approaches"), ("provenance", "sources", 0, "id")]


@pytest.mark.parametrize("path", REPORTED_PATHS, ids=["/".join(map(str, path)) for path in REPORTED_PATHS])
@pytest.mark.parametrize("kind", ["a mapping", "a number", "true or false", "nothing", "a nested list"])
def test_a_wrong_type_inside_parts_evidence_or_sources_gets_a_located_message_not_a_crash(scratch, path, kind):
    data = yaml.safe_load(reported_text())
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = yaml.safe_load(f"x: {WRONG_VALUES[kind]}")["x"]
    problems = check_text(scratch, yaml.safe_dump(data, sort_keys=False), "reported-example")
    assert problems, f"{path} as {kind} was accepted"
    for problem in problems:
        assert problem.path == "practice_examples/reported-example.yaml" and problem.line >= 1 and problem.message


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x80", "\ufffe"])
def test_a_control_character_in_the_file_is_named_at_its_place(scratch, char):
    text = valid_text().replace("A fixture context", f"A fix{char}ture context")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (9, 8)
    assert f"invisible character (U+{ord(char):04X})" in problem.message


def test_a_control_character_written_as_an_escape_is_refused_in_the_value(scratch):
    text = valid_text().replace("title: A fixture example used by the tests", 'title: "A fixture example \\e used by the tests"')
    problem = only(check_text(scratch, text))
    assert problem.line == 3
    assert "title contains an invisible character (U+001B)" in problem.message


def test_a_lone_surrogate_written_as_an_escape_is_refused_before_the_build(scratch):
    text = valid_text().replace("title: A fixture example used by the tests", 'title: "A fixture \\ud83d example used by the tests"')
    problem = only(check_text(scratch, text))
    assert problem.line == 3
    assert "lone surrogate" in problem.message and "type the character itself" in problem.message


@pytest.mark.parametrize("char, name", [("\u202e", "U+202E"), ("\u2066", "U+2066"), ("\u202a", "U+202A")])
def test_bidirectional_controls_are_refused_in_titles_and_shown_as_code_points(scratch, char, name):
    text = valid_text().replace("title: A fixture example used by the tests", f"title: A fixture {char}example used by the tests")
    problem = only(check_text(scratch, text))
    assert problem.line == 3
    assert f"({name})" in problem.message
    assert char not in str(problem)


def test_an_invisible_character_in_an_id_is_shown_as_its_code_point(scratch):
    text = valid_text().replace("    - women", "    - wo\u200bmen")
    hidden, unknown = check_text(scratch, text)  # the character itself, and the value it makes unknown
    assert "contains an invisible character (U+200B)" in hidden.message
    assert "'wo<U+200B>men'" in str(unknown)
    assert "\u200b" not in str(hidden) + str(unknown)


@pytest.mark.parametrize("name", ["unsafe.yml", "unsafe.YAML", "unsafe.Yaml"])
def test_a_record_with_another_extension_is_refused_not_skipped(scratch, name):
    (scratch / "practice_examples" / name).write_text(valid_text(), encoding="utf-8")
    _, problems = project.check(scratch, today=TODAY)
    problem = only(problems)
    assert problem.path == f"practice_examples/{name}"
    assert "rename this file to unsafe.yaml" in problem.message


@pytest.mark.parametrize("name", ["notes.txt", "valid-example.yaml.txt"])
def test_a_file_that_is_not_a_record_is_refused(scratch, name):
    (scratch / "practice_examples" / name).write_text("x", encoding="utf-8")
    problem = only(project.check(scratch, today=TODAY)[1])
    assert problem.path == f"practice_examples/{name}"
    assert "this is not a practice example" in problem.message


def test_a_record_in_a_subfolder_is_refused_with_its_path(scratch):
    (scratch / "practice_examples" / "drafts").mkdir()
    (scratch / "practice_examples" / "drafts" / "valid-example.yaml").write_text(valid_text(), encoding="utf-8")
    problem = only(project.check(scratch, today=TODAY)[1])
    assert problem.path == "practice_examples/drafts/valid-example.yaml"
    assert "not in a subfolder" in problem.message


def test_a_folder_named_like_a_record_is_refused(scratch):
    (scratch / "practice_examples" / "folder.yaml").mkdir()
    problem = only(project.check(scratch, today=TODAY)[1])
    assert problem.path == "practice_examples/folder.yaml"
    assert "this is a folder, not a file" in problem.message


def test_an_unexpected_file_among_the_guides_data_is_refused(scratch):
    (scratch / "practice_examples" / "guide" / "extra.yaml").write_text("a: b\n", encoding="utf-8")
    problem = only(project.check(scratch, today=TODAY)[1])
    assert problem.path == "practice_examples/guide/extra.yaml"


@pytest.mark.parametrize("target", ["secret.yaml", "missing.yaml", "loop.yaml"])
def test_a_symbolic_link_is_refused_without_reading_its_target(scratch, tmp_path, target):
    outside = tmp_path / "secret.yaml"
    outside.write_text("password: hunter2\n", encoding="utf-8")
    link = scratch / "practice_examples" / "linked.yaml"
    link.symlink_to({"secret.yaml": outside, "missing.yaml": tmp_path / "missing.yaml", "loop.yaml": link}[target])
    problem = only(project.check(scratch, today=TODAY)[1])
    assert problem.path == "practice_examples/linked.yaml"
    assert "symbolic link" in problem.message
    assert "hunter2" not in problem.message and "password" not in problem.message


def test_a_symbolic_link_given_on_the_command_line_is_refused(scratch, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("password: hunter2\n", encoding="utf-8")
    link = tmp_path / "given.yaml"
    link.symlink_to(outside)
    problem = only(project.check(scratch, [link], today=TODAY)[1])
    assert "symbolic link" in problem.message and "hunter2" not in problem.message


@pytest.mark.parametrize("damage, where, message", [
    (None, (1, 1), "this schema file is missing"),
    ('{"$defs": {', (1, 12), "this is not valid JSON"),
    ("[]", (1, 1), "this is not the project's schema"),
])
def test_a_missing_or_broken_schema_is_named(scratch, damage, where, message):
    schema = scratch / "practice_examples" / "schema.json"
    schema.unlink()
    if damage is not None:
        schema.write_text(damage, encoding="utf-8")
    problem = only(project.check(scratch, today=TODAY)[1])
    assert (problem.path, (problem.line, problem.col)) == ("practice_examples/schema.json", where)
    assert problem.message.startswith(message)


def test_a_missing_guide_file_is_named(scratch):
    (scratch / "practice_examples" / "guide" / "tags.yaml").unlink()
    problem = only(project.check(scratch, today=TODAY)[1])
    assert problem.path == "practice_examples/guide/tags.yaml"
    assert "this file is missing" in problem.message


def test_a_broken_guide_schema_is_named(scratch):
    (scratch / "practice_examples" / "guide" / "schema.json").write_text("{oops", encoding="utf-8")
    problem = only(project.check(scratch, today=TODAY)[1])
    assert problem.path == "practice_examples/guide/schema.json"
    assert "not valid JSON" in problem.message


def test_a_file_name_cannot_inject_a_workflow_command_into_annotations(scratch):
    name = "evil\n::error file=README.md::spoofed.yaml"
    (scratch / "practice_examples" / name).write_text(valid_text(), encoding="utf-8")
    problem = only(project.check(scratch, today=TODAY)[1])
    assert "invisible or control character" in problem.message
    assert "\n" not in str(problem)
    annotation = problem.github_annotation()
    assert "\n" not in annotation and annotation.count("::") == 2
    assert "file=practice_examples/evil\\n%3A%3Aerror file=README.md%3A%3Aspoofed.yaml," in annotation


def test_an_annotation_escapes_commas_and_colons_in_the_path():
    annotation = Problem("practice_examples/a,b:c.yaml", 1, 2, "x").github_annotation()
    assert annotation == "::error file=practice_examples/a%2Cb%3Ac.yaml,line=1,col=2::x"


def test_an_over_long_value_is_not_matched_against_its_pattern():
    # An invalid pattern would raise if evaluated: the length rule must speak first.
    schema = {"type": "string", "maxLength": 5, "pattern": "("}
    located = Located("x" * 50, values={(): (1, 1)})
    problem = only(schema_check("x" * 50, located, schema, "f.yaml"))
    assert "is 50 characters long: keep it to 5 or fewer" in problem.message


def test_a_title_ending_in_a_tab_after_long_text_is_refused_for_its_length(scratch):
    text = valid_text().replace("title: A fixture example used by the tests", 'title: "' + "x" * 63000 + '\\t"')
    problem = only(check_text(scratch, text))
    assert "is 63001 characters long: keep it to 100 or fewer" in problem.message


@pytest.mark.parametrize("link", ["/\\evil.example/", "//evil.example/", "/\\/evil.example/"])
def test_links_a_browser_would_follow_to_another_host_are_refused(scratch, link):
    text = valid_text().replace("  2. Then another thing.", f"  2. Then [another thing](<{link}>).")
    problem = only(check_text(scratch, text))
    assert problem.message.startswith("what_was_done links to '")
    assert "only https://" in problem.message
    assert 'href' not in markup.convert(f"[x](<{link}>)", ()).html


@pytest.mark.parametrize("target", ["/\\evil.example/", "\\\\evil.example", "/\t/evil.example", " //evil.example", "\x01//evil.example",
                                    "java\nscript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "http://[broken"])
def test_addresses_a_browser_would_take_off_site_or_run_are_unsafe(target):
    assert not markup.is_safe_link(target)


@pytest.mark.parametrize("target", ["../other-example/", "#context", "https://www.gov.uk/", "mailto:team@example.org", "?section=leadership"])
def test_ordinary_addresses_are_safe(target):
    assert markup.is_safe_link(target)


def test_the_whole_link_target_is_shown(scratch):
    target = "javascript:" + "a" * 200 + "()"
    text = valid_text().replace("  2. Then another thing.", f"  2. Then [x]({target}).")
    problem = only(check_text(scratch, text))
    assert f"links to '{target}'" in problem.message


def test_a_repeated_tag_is_reported_at_the_repeat(scratch):
    text = valid_text().replace("    - women\n", "    - women\n    - women\n")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (29, 7)
    assert problem.message == "tags.population (item 2) lists 'women' more than once (first on line 28): keep one"


def test_the_command_never_prints_a_traceback_for_an_unreadable_library(tmp_path):
    """Run against a copy whose schema is broken: a message, exit 1, no Python traceback."""
    project_dir = tmp_path / "copy"
    (project_dir / "practice_examples" / "guide").mkdir(parents=True)
    (project_dir / "scripts").mkdir()
    for name in GUIDE_FILES:
        (project_dir / "practice_examples" / "guide" / name).write_bytes((ROOT / "practice_examples" / "guide" / name).read_bytes())
    (project_dir / "practice_examples" / "schema.json").write_text("{", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", ("import sys; sys.path.insert(0, sys.argv[1]); from macros.load import project; from pathlib import Path;"
         "_, p = project.check(Path(sys.argv[2])); print('\\n'.join(map(str, p)))"), str(ROOT), str(project_dir)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "practice_examples/schema.json:1:2: this is not valid JSON" in result.stdout


# --- Issue 17: text that hides from the check or stalls the converter ------------------------

@pytest.mark.parametrize("char", ["\u00ad", "\u200b", "\u200d", "\u2060", "\ufeff", "\U000e0041"])
def test_a_soft_hyphen_or_zero_width_character_in_text_is_refused_at_its_place(scratch, char):
    text = valid_text().replace("A fixture context paragraph", f"A fix{char}ture context paragraph")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (9, 8)
    assert problem.message.startswith(f"context contains an invisible character (U+{ord(char):04X}) here: delete it")
    assert char not in str(problem)


def test_a_name_joined_up_by_markdown_is_reported_as_the_page_shows_it(scratch):
    text = valid_text().replace("A fixture context paragraph, long enough for the schema's minimum length.",
                                "A fixture context paragraph, long enough.\n  We met [Sarah](https://example.org/) Jenkins at the hub.")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (10, 11)  # at "Sarah"
    assert problem.message.startswith("context: on the page, 'Sarah Jenkins' looks like a person's name")


def context_of(body: str) -> str:
    return valid_text().replace("context: |\n  A fixture context paragraph, long enough for the schema's minimum length.\n",
                                "context: |\n  A fixture context paragraph, long enough for the schema's minimum length.\n  " + body + "\n")


def test_a_long_run_of_square_brackets_is_refused_before_markdown_reads_it(scratch):
    """The probe's F5: 5,990 '[' took Python-Markdown about 10 seconds a field."""
    text = valid_text().replace("A fixture context paragraph, long enough for the schema's minimum length.", "[" * 5990 + " end.")
    began = time.process_time()
    problem = only(check_text(scratch, text))
    assert time.process_time() - began < 5
    assert (problem.line, problem.col) == (9, 3)
    assert problem.message == ("context has 5990 of the symbols [ ] ! * ` ( in a row here: keep each run under 20 "
                               "(the page converter slows down badly on long runs)")


def test_more_than_100_square_brackets_in_a_field_are_refused(scratch):
    problem = only(check_text(scratch, context_of("[a " * 101)))
    assert (problem.line, problem.col) == (10, 3)
    assert problem.message.startswith("context has 101 '[' characters: one link needs one, so keep it to 100 or fewer")


def test_list_markers_nested_deeper_than_the_converter_can_go_are_a_problem_not_a_crash(scratch):
    # 1,900 "1. " on one line made Python-Markdown raise RecursionError: a traceback naming no file.
    problem = only(check_text(scratch, context_of("1. " * 1900)))
    assert (problem.line, problem.col) == (10, 3)
    assert "starts a line with 10 or more list or quote markers in a row" in problem.message


def test_a_number_of_more_than_4300_digits_is_a_located_problem_not_a_traceback(scratch):
    """The probe's F6: Python refuses to read such a number, and validate, build and serve crashed."""
    text = valid_text().replace('added: "2026-01-05"', "added: " + "1" * 4301)
    line = text.splitlines().index("added: " + "1" * 4301) + 1
    problem = only(check_text(scratch, text))
    assert (problem.path, problem.line, problem.col) == ("practice_examples/valid-example.yaml", line, 8)
    assert problem.message == ("this number is 4301 digits long, far more than any field needs: "
                               "shorten it, or put it in quotes if it is meant as text")


def test_validate_prints_the_huge_number_problem_without_a_traceback(scratch):
    path = scratch / "practice_examples" / "valid-example.yaml"
    text = valid_text().replace('added: "2026-01-05"', "added: " + "9" * 5000)
    line = text.splitlines().index("added: " + "9" * 5000) + 1
    path.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), str(path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f":{line}:8: this number is 5000 digits long" in result.stdout


def _mutated_records(count: int):
    """The real and fixture records, then copies of them with one to three values replaced, removed or
    added anywhere: wrong types, lengths, dates, duplicates, unknown fields and values."""
    import copy
    import random

    from macros.load import yamlsafe

    records = [yamlsafe.load(path, path.name)[0].data for path in sorted((ROOT / "practice_examples").glob("*.yaml"))]
    records += [yaml.safe_load(valid_text()), yaml.safe_load(reported_text())]
    values = [None, True, False, 0, 1, 1.5, "", "x", "a" * 45, "a" * 7000, "2025-02-30", "2025-02-03", "n.d.", "https://x.org/a",
              "reported", "illustrative", "assessment", [], ["a"], ["a", "a"], [1, 1], [True, 1], {}, {"a": 1},
              {"from": "guide", "text": "a" * 30}, "line\nbreak", "bad id", "ok-id", "a\tb", [{"by": "2025-01-01", "what": "a" * 30}]]
    rng = random.Random(19)

    def paths(value, path=()):
        yield path
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            yield from paths(item, path + (key,))

    yield from records
    for _ in range(count):
        record = copy.deepcopy(rng.choice(records))
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(list(paths(record))[1:])
            parent = record
            for key in path[:-1]:
                parent = parent[key]
            action = rng.random()
            if action < 0.6:
                parent[path[-1]] = copy.deepcopy(rng.choice(values))
            elif action < 0.8:
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[rng.choice(["extra", "supports", "sources", "kind", "note", "study", "checks", "former_ids"])] = copy.deepcopy(rng.choice(values))
            else:
                parent.append(copy.deepcopy(rng.choice(values)))
        yield record


def test_the_quick_validity_test_agrees_with_the_schema_validator_on_every_record_it_judges():
    # schema.check returns no problem without running the validator when the quick test says a record
    # breaks no rule: it must never say so of a record the validator finds a problem in, nor the reverse.
    from macros.load import schema as schema_module
    from macros.load.examples import record_schema
    from macros.load.guide import load_guide

    validator, valid = schema_module._compiled(record_schema(ROOT, load_guide(ROOT)))
    assert valid is not None
    judged = {True: 0, False: 0}
    for record in _mutated_records(1500):
        try:
            quick = valid(record)
        except schema_module._Unknown:
            continue
        assert quick == (next(validator.iter_errors(record), None) is None), record
        judged[quick] += 1
    assert judged[True] > 100 and judged[False] > 1000


def test_a_schema_with_a_keyword_the_quick_test_does_not_know_is_left_to_the_validator():
    schema = {"type": "string", "not": {"const": "no"}}
    located = Located("no", values={(): (1, 1)})
    assert schema_check("no", located, schema, "f.yaml") != []
    assert schema_check("yes", located, schema, "f.yaml") == []


def test_every_ascii_character_hidden_characters_skips_is_one_hidden_never_matches():
    # hidden_characters passes over printable ASCII text with tabs and line ends without searching it.
    from macros.base.text import HIDDEN
    from macros.load.schema import hidden_characters

    for code in range(128):
        value = f"text {chr(code)} text"
        located = Located({"title": value}, values={("title",): (1, 1)})
        assert bool(hidden_characters({"title": value}, located, "f.yaml")) == bool(HIDDEN.search(value)), code


def test_every_ascii_character_the_file_check_skips_is_one_it_allows():
    # A record file of printable ASCII with tabs and line ends is not searched for characters YAML refuses.
    from macros.base.text import printable_ascii
    from macros.load.yamlsafe import _NOT_ALLOWED_IN_FILE

    for code in range(128):
        value = f"text {chr(code)} text\n"
        assert printable_ascii(value) == (_NOT_ALLOWED_IN_FILE.search(value) is None), code
