"""The validator: each rule reports a plain-words message at the right path:line:col."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time

import pytest

from conftest import ROOT, TODAY, check_text, reported_text, valid_text
from macros.load import project
from macros.load.guide import load_guide
from macros.load.rules import years_after
from macros.base.problems import Problem, ProblemsFound


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_the_fixture_record_is_valid(scratch):
    assert check_text(scratch, valid_text()) == []


def test_malformed_yaml_is_reported_at_its_line(scratch):
    text = valid_text().replace("section: assessment", "section: assessment\n  bad: indentation: here")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (5, 6)
    assert problem.message.startswith("this line is indented more than the field above it: line up each field name with the ones above")
    assert problem.message.endswith("(YAML parser: mapping values are not allowed in this context)")


def test_duplicate_keys_are_refused_with_both_lines(scratch):
    text = valid_text().replace("section: assessment\n", "section: assessment\nsection: supervision\n")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (5, 1)
    assert problem.message == "the field 'section' appears twice (first on line 4): keep one"


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!python/name:os.system", "!!str", "!custom"])
def test_yaml_tags_are_refused(scratch, tag):
    text = valid_text().replace("section: assessment", f"section: {tag} assessment")
    problem = only(check_text(scratch, text))
    assert problem.line == 4
    assert problem.message.startswith("the YAML tag ")
    assert "is not allowed" in problem.message


def test_anchors_are_refused(scratch):
    text = valid_text().replace("section: assessment", "section: &name assessment")
    problem = only(check_text(scratch, text))
    assert problem.line == 4
    assert "the anchor &name is not allowed" in problem.message


def test_aliases_are_refused(scratch):
    text = valid_text() + "extra: *name\n"
    problem = only(check_text(scratch, text))
    assert problem.line == 37
    assert "the alias *name is not allowed" in problem.message


def test_an_alias_bomb_is_refused_quickly(scratch):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    started = time.perf_counter()
    problem = only(check_text(scratch, bomb))
    assert time.perf_counter() - started < 5
    assert "anchor &a is not allowed" in problem.message


def test_merge_keys_are_refused(scratch):
    text = valid_text().replace("provenance:\n", "provenance:\n  <<: {kind: reported}\n")
    problems = check_text(scratch, text)
    assert any(p.line == 32 and "merge keys (<<) are not allowed" in p.message for p in problems), problems


@pytest.mark.parametrize("key", ["1", "yes", "[a, b]"])
def test_field_names_that_are_not_text_are_refused(scratch, key):
    text = valid_text().replace("provenance:\n", f"{key}: value\nprovenance:\n")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (31, 1)
    assert problem.message == "field names must be text, like title: or tags:"


def test_a_file_that_is_not_utf8_is_refused_at_the_bad_byte(scratch):
    text = valid_text().replace("A fixture context", "A caf\u00e9 context").encode("latin-1")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (9, 8)
    assert "not UTF-8" in problem.message and "0xE9" in problem.message


def test_an_oversized_file_is_refused(scratch):
    text = valid_text() + "# padding\n" * 7000
    problem = only(check_text(scratch, text))
    assert problem.line == 1
    assert "keep it under 64 KB" in problem.message


def test_a_file_that_is_not_a_set_of_fields_is_refused(scratch):
    problem = only(check_text(scratch, "- just\n- a list\n"))
    assert "should be a set of fields" in problem.message


def test_a_missing_field_is_named_with_advice(scratch):
    text = valid_text().replace("why_it_works: |\n  Because the fixture explains why, in a sentence of reasonable length.\n", "")
    problem = only(check_text(scratch, text))
    assert problem.message.startswith("why_it_works is missing: add it (Markdown, or a list of parts. Why this is effective practice")


def test_an_unknown_field_is_reported_at_its_key_with_a_suggestion(scratch):
    text = valid_text().replace("summary:", "sumary:")
    problems = check_text(scratch, text)
    unknown = [p for p in problems if "unknown field" in p.message]
    assert len(unknown) == 1
    assert (unknown[0].line, unknown[0].col) == (5, 1)
    assert "unknown field 'sumary'. Did you mean 'summary'?" in unknown[0].message
    assert any(p.message.startswith("summary is missing") for p in problems)


def test_an_empty_field_is_reported(scratch):
    text = valid_text().replace("title: A fixture example used by the tests", "title: ''")
    problem = only(check_text(scratch, text))
    assert problem.line == 3
    assert problem.message == "title is empty: write 10 characters or more"


def test_a_field_with_no_value_is_reported(scratch):
    text = valid_text().replace("title: A fixture example used by the tests", "title:")
    problem = only(check_text(scratch, text))
    assert problem.message == "title is empty: give it a value"


def test_yes_and_no_read_as_booleans_are_explained(scratch):
    text = valid_text().replace("title: A fixture example used by the tests", "title: no")
    problem = only(check_text(scratch, text))
    assert problem.line == 3
    assert problem.message == "title should be text, but YAML reads no as true or false: put it in quotes ('no')"


def test_an_unquoted_standard_read_as_a_number_is_explained(scratch):
    text = valid_text().replace('  - "2.1"', "  - 2.1")
    problem = only(check_text(scratch, text))
    assert problem.line == 23
    assert problem.message == "standards (item 1) should be text, but YAML reads 2.1 as a number: put it in quotes ('2.1')"


def test_text_with_a_colon_read_as_a_field_is_explained(scratch):
    text = valid_text().replace("  - A practical tip for the fixture.", "  - Tip: quote me")
    problem = only(check_text(scratch, text))
    assert problem.line == 16
    assert "YAML reads it as a field because it contains ': '" in problem.message


def test_a_list_written_as_text_is_explained(scratch):
    text = valid_text().replace("takeaways:\n  - drr-consent", "takeaways: drr-consent")
    problem = only(check_text(scratch, text))
    assert problem.message == "takeaways should be a list: write each item on its own line starting with '- '"


def test_an_unknown_section_is_reported_with_a_suggestion(scratch):
    text = valid_text().replace("section: assessment", "section: asessment")
    problems = check_text(scratch, text)
    problem = next(p for p in problems if p.line == 4)
    assert problem.message == (
        "unknown section 'asessment'. Did you mean 'assessment'? Use one of: leadership, assessment, supervision, reducing-harm."
    )


def test_an_unknown_tag_value_is_reported_with_a_suggestion(scratch):
    text = valid_text().replace("    - women", "    - woman")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (28, 7)
    assert problem.message.startswith("unknown value for the tag facet 'population' 'woman'. Did you mean 'women'?")


def test_an_unknown_tag_facet_is_reported_at_its_key(scratch):
    text = valid_text().replace("  population:", "  populations:")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (27, 3)
    assert problem.message.startswith("unknown tag facet 'populations'. Did you mean 'population'?")


def test_an_unknown_takeaway_is_reported(scratch):
    text = valid_text().replace("  - drr-consent", "  - drr-consnt")
    problem = only(check_text(scratch, text))
    assert problem.line == 21
    assert problem.message.startswith("unknown take-away 'drr-consnt'. Did you mean 'drr-consent'?")


def test_a_takeaway_from_another_section_is_accepted_beside_one_of_its_own(scratch):
    text = valid_text().replace("  - drr-consent", "  - drr-consent\n  - trauma-informed")
    assert check_text(scratch, text) == []


def test_takeaways_only_from_other_sections_are_refused(scratch):
    text = valid_text().replace("  - drr-consent", "  - trauma-informed")
    problem = only(check_text(scratch, text))
    assert problem.line == 21
    assert problem.message.startswith("none of these take-aways is from this example's own section 'assessment': list at least one of ")
    assert "drr-consent" in problem.message


def test_an_id_that_differs_from_the_file_name_is_refused(scratch):
    problem = only(check_text(scratch, valid_text(), name="another-name"))
    assert problem.path == "practice_examples/another-name.yaml"
    assert problem.line == 2
    assert "does not match the file name 'another-name.yaml'" in problem.message


@pytest.mark.parametrize(
    "field, written",
    [("title", 'title: "A fixture example used by the tests\\n"'), ("former_ids", 'former_ids: ["old-name\\n"]\ntitle: A fixture example used by the tests')],
)
def test_a_trailing_newline_does_not_slip_past_a_pattern(scratch, field, written):
    text = valid_text().replace("title: A fixture example used by the tests", written)
    problem = only(check_text(scratch, text))
    assert problem.message.startswith(field)
    assert "is not in the right form" in problem.message


def test_a_problem_is_printed_on_one_line_whatever_the_contributor_wrote(scratch):
    text = valid_text().replace("provenance:\n", '"x\\n::error file=README.md,line=1::spoofed": 1\nprovenance:\n')
    printed = str(only(check_text(scratch, text)))
    assert "\n" not in printed
    assert "unknown field 'x\\n::error file=README.md" in printed


def test_an_id_that_is_not_a_slug_is_refused(scratch):
    text = valid_text().replace("id: valid-example", "id: Valid_Example")
    problems = check_text(scratch, text, name="Valid_Example")
    assert any(p.line == 2 and "use only lowercase letters, digits and single hyphens" in p.message for p in problems)


def test_two_records_with_the_same_id_are_refused(scratch):
    first = scratch / "practice_examples" / "valid-example.yaml"
    first.write_text(valid_text(), encoding="utf-8")
    elsewhere = scratch / "incoming"
    elsewhere.mkdir()
    second = elsewhere / "valid-example.yaml"
    second.write_text(valid_text(), encoding="utf-8")
    _, problems = project.check(scratch, [first, second], today=TODAY)
    problem = only(problems)
    assert (problem.path, problem.line) == ("incoming/valid-example.yaml", 2)
    assert "already used by practice_examples/valid-example.yaml" in problem.message


def write_record(root, name: str, text: str):
    path = root / "practice_examples" / f"{name}.yaml"
    path.write_text(text.replace("id: valid-example", f"id: {name}"), encoding="utf-8")
    return path


def test_a_former_id_cannot_be_another_examples_current_id_and_both_files_are_told(scratch):
    first = write_record(scratch, "valid-example", valid_text())
    second = write_record(scratch, "renamed-example", valid_text().replace("title:", "former_ids:\n  - valid-example\ntitle:"))
    _, problems = project.check(scratch, [first, second], today=TODAY)
    assert [(p.path, p.line, p.col) for p in problems] == [
        ("practice_examples/renamed-example.yaml", 4, 5),  # the former_ids item, not the id
        ("practice_examples/valid-example.yaml", 2, 5),
    ]
    assert "former id 'valid-example' is the id of practice_examples/valid-example.yaml" in problems[0].message
    assert "the id 'valid-example' is also a former id of practice_examples/renamed-example.yaml" in problems[1].message


def test_checking_one_file_reports_its_id_clashing_with_another_files_former_id(scratch):
    write_record(scratch, "renamed-example", valid_text().replace("title:", "former_ids:\n  - incoming\ntitle:"))
    incoming = write_record(scratch, "incoming", valid_text())
    _, problems = project.check(scratch, [incoming], today=TODAY)
    problem = only(problems)
    assert (problem.path, problem.line) == ("practice_examples/incoming.yaml", 2)
    assert "the id 'incoming' is also a former id of practice_examples/renamed-example.yaml" in problem.message


def test_two_examples_cannot_claim_the_same_former_id(scratch):
    text = valid_text().replace("title:", "former_ids:\n  - old-name\ntitle:")
    first = write_record(scratch, "first-example", text)
    second = write_record(scratch, "second-example", text)
    _, problems = project.check(scratch, [first, second], today=TODAY)
    assert [(p.path, p.message.split(":")[0]) for p in problems] == [
        ("practice_examples/first-example.yaml", "former id 'old-name' is also claimed by practice_examples/second-example.yaml"),
        ("practice_examples/second-example.yaml", "former id 'old-name' is also claimed by practice_examples/first-example.yaml"),
    ]


def test_checking_one_file_still_checks_it_against_the_library(scratch):
    write_record(scratch, "already-there", valid_text().replace("title:", "former_ids:\n  - old-name\ntitle:"))
    incoming = scratch / "incoming.yaml"
    incoming.write_text(valid_text().replace("id: valid-example", "id: incoming").replace("title:", "former_ids:\n  - old-name\ntitle:"), encoding="utf-8")
    _, problems = project.check(scratch, [incoming], today=TODAY)
    problem = only(problems)
    assert problem.path == "incoming.yaml"
    assert "also claimed by practice_examples/already-there.yaml" in problem.message


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "27/11/2026", "2026-1-5"])
def test_an_invalid_date_is_refused(scratch, bad):
    text = valid_text().replace('added: "2026-01-05"', f'added: "{bad}"')
    problem = only(check_text(scratch, text))
    assert problem.line == 34
    assert problem.message.startswith(f"added '{bad}' is not")
    assert "YYYY-MM-DD" in problem.message


def test_an_unquoted_date_is_checked_as_written(scratch):
    text = valid_text().replace('added: "2026-01-05"', "added: 2026-02-30")
    problem = only(check_text(scratch, text))
    assert problem.message.startswith("added '2026-02-30' is not a real date")


def test_a_review_before_the_example_was_added_is_refused(scratch):
    text = valid_text().replace('last_reviewed: "2026-02-10"', 'last_reviewed: "2025-12-31"')
    problem = only(check_text(scratch, text))
    assert problem.line == 35
    assert "last_reviewed 2025-12-31 is before added 2026-01-05" in problem.message


def test_a_date_in_the_future_is_refused(scratch):
    text = valid_text().replace('last_reviewed: "2026-02-10"', 'last_reviewed: "2027-01-01"')
    problem = only(check_text(scratch, text))
    assert "last_reviewed 2027-01-01 is in the future" in problem.message


def test_a_reported_example_must_cite_a_source(scratch):
    text = reported_text()
    text = text[: text.index("  sources:")] + text[text.index("added:"):]
    problems = check_text(scratch, text, "reported-example")
    assert any(p.line == 40 and p.message.startswith("a 'reported' example must cite its source under provenance.sources") for p in problems), problems


SOURCE = {"id": "a-report", "title": "A report", "publisher": "A publisher", "date": '"2021-08"', "url": "https://example.org/report",
          "supports": "The figures in the summary"}


def with_one_source(fields: dict) -> str:
    """The reported fixture with one source of these fields, which its parts and study name."""
    text = reported_text().replace("fixture-report", "a-report").replace("fixture-evaluation", "a-report")
    written = "".join(f"      {name}: {value}\n" for name, value in fields.items()).replace("      ", "    - ", 1)
    return text[: text.index("  sources:\n") + len("  sources:\n")] + written + text[text.index("added:"):]


@pytest.mark.parametrize("missing", list(SOURCE))
def test_a_reported_source_needs_an_id_title_publisher_date_url_and_what_it_supports(scratch, missing):
    problems = check_text(scratch, with_one_source({name: value for name, value in SOURCE.items() if name != missing}), "reported-example")
    problem = next(p for p in problems if p.message.startswith("provenance.sources."))
    assert problem.line == 43
    assert problem.message.startswith(f"provenance.sources.{missing} is missing: add it")


def test_a_source_url_must_be_a_web_address(scratch):
    problem = only(check_text(scratch, with_one_source({**SOURCE, "url": "ftp://example.org/x"}), "reported-example"))
    assert problem.message == "provenance.sources.url 'ftp://example.org/x' is not in the right form: give the full web address, starting https://"


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//evil.example/x", "vbscript:x"])
def test_unsafe_links_in_markdown_are_refused(scratch, link):
    text = valid_text().replace("  2. Then another thing.", f"  2. Then [another thing]({link}).")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (12, 27)  # where the link target is written, inside the block
    assert problem.message.startswith(f"what_was_done links to '{link}'")


@pytest.mark.parametrize(
    "markdown",
    [
        "  > [ref]: //evil.example/x\n  >\n  > See [this][ref].",
        "  - item\n\n      [ref]: javascript:alert(1)\n\n  [here][ref]",
        "  [x](jav&#x61;script:alert(1))",
    ],
)
def test_unsafe_links_are_found_however_they_are_written(scratch, markdown):
    text = valid_text().replace("  2. Then another thing.\n", f"  2. Then another thing.\n\n{markdown}\n")
    problems = check_text(scratch, text)
    assert problems and all("links to" in p.message and "only https://" in p.message for p in problems), problems


@pytest.mark.parametrize("link", ["https://www.gov.uk/", "mailto:team@example.org", "../other-example/", "#context"])
def test_safe_links_in_markdown_are_accepted(scratch, link):
    text = valid_text().replace("  2. Then another thing.", f"  2. Then [another thing]({link}).")
    problems = check_text(scratch, text)
    assert not [p for p in problems if "links to" in p.message]
    # An email address, even a service's, is a contact detail: the personal-details check asks about it.
    assert [p.message.split(":")[0] for p in problems] == (["what_was_done"] if link.startswith("mailto:") else [])


def test_todo_placeholders_are_refused(scratch):
    text = valid_text().replace("title: A fixture example used by the tests", "title: 'TODO: what was done, for whom'")
    problem = only(check_text(scratch, text))
    assert problem.line == 3
    assert problem.message == "title still has a TODO placeholder: replace it with your own text"


def test_a_todo_inside_a_block_is_reported_at_its_own_line(scratch):
    text = valid_text().replace("  2. Then another thing.", "  2. TODO say what came next.")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (12, 6)


def test_deeply_nested_yaml_is_refused_without_a_crash(scratch):
    problem = only(check_text(scratch, "a: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert "nested too deeply" in problem.message


def test_every_problem_in_a_file_is_reported_at_once_in_line_order(scratch):
    text = (
        valid_text()
        .replace("section: assessment", "section: nowhere")
        .replace("    - women", "    - nobody")
        .replace('last_reviewed: "2026-02-10"', 'last_reviewed: "2026-02-31"')
    )
    problems = check_text(scratch, text)
    assert [p.line for p in problems] == [4, 28, 35]
    assert str(problems[0]).startswith("practice_examples/valid-example.yaml:4:10: unknown section 'nowhere'")


def test_problems_in_the_guide_data_stop_everything(scratch):
    sections = scratch / "practice_examples" / "guide" / "sections.yaml"
    text = sections.read_text(encoding="utf-8")
    sections.write_text(text.replace("- id: user-insight", "- id: two-way-communication"), encoding="utf-8")
    with pytest.raises(ProblemsFound) as raised:
        load_guide(scratch)
    problem = only(raised.value.problems)
    assert problem.path == "practice_examples/guide/sections.yaml"
    assert "the take-away id 'two-way-communication' is used twice (first on line" in problem.message


@pytest.mark.parametrize("reserved", ["section", "provenance", "words", "q", "takeaway"])
def test_a_facet_cannot_take_a_name_the_browse_page_uses(scratch, reserved):
    tags = scratch / "practice_examples" / "guide" / "tags.yaml"
    tags.write_text(tags.read_text(encoding="utf-8").replace("  - id: theme\n", f"  - id: {reserved}\n"), encoding="utf-8")
    with pytest.raises(ProblemsFound) as raised:
        load_guide(scratch)
    problem = only(raised.value.problems)
    assert problem.path == "practice_examples/guide/tags.yaml"
    assert f"the facet id '{reserved}' is reserved" in problem.message


def run_validate(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), *args], capture_output=True, text=True, env=env)


def test_the_command_exits_0_and_says_so_when_everything_is_valid():
    result = run_validate()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "are valid" in result.stdout


def test_the_command_prints_each_problem_and_exits_1(tmp_path):
    bad = tmp_path / "broken-example.yaml"
    bad.write_text(valid_text().replace("id: valid-example", "id: broken-example").replace("section: assessment", "section: courts"), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    result = run_validate(str(bad), env=env)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(":4:10: unknown section 'courts'. Use one of: leadership, assessment, supervision, reducing-harm.")
    assert "1 problem(s) found" in result.stderr


def test_the_command_adds_github_annotations_in_actions(tmp_path):
    bad = tmp_path / "broken-example.yaml"
    bad.write_text(valid_text().replace("id: valid-example", "id: broken-example").replace("section: assessment", "section: courts"), encoding="utf-8")
    result = run_validate(str(bad), env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "::error file=" in result.stdout
    assert ",line=4,col=10::unknown section 'courts'" in result.stdout


def overdue_record(tmp_path):
    record = tmp_path / "overdue-example.yaml"
    text = valid_text().replace("id: valid-example", "id: overdue-example").replace('added: "2026-01-05"', 'added: "2023-01-05"')
    text = text.replace('last_reviewed: "2026-02-10"', 'last_reviewed: "2024-02-10"').replace('review_by: "2027-02-10"', 'review_by: "2025-02-10"')
    text += 'checks:\n  - by: "2024-06-30"\n    what: Whether the rule on reports is in force; if so, change step 2.\n'
    record.write_text(text, encoding="utf-8")
    return record


def test_the_command_warns_of_each_passed_date_at_its_line_and_still_exits_0(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    result = run_validate(str(overdue_record(tmp_path)), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].startswith("2 warning(s): these dates have passed.")
    assert lines[2].endswith("overdue-example.yaml:36: review_by 2025-02-10 has passed: check the whole example against its sources and the law, "
                             "then set last_reviewed to the day you did and review_by to the next date it is due")
    assert lines[3].endswith("overdue-example.yaml:38: the check due by 2024-06-30 has passed: Whether the rule on reports is in force; "
                             "if so, change step 2. Then update the example, and remove this check or give it a later date")
    assert lines[4].startswith("No problems in 1 file(s)")


def test_the_command_warns_in_github_annotations_too(tmp_path):
    result = run_validate(str(overdue_record(tmp_path)), env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 0
    assert ",line=36::review_by 2025-02-10 has passed" in result.stdout and "::warning file=" in result.stdout


def test_a_date_to_come_is_no_warning(tmp_path):
    record = tmp_path / "fresh-example.yaml"
    today = dt.date.today()
    text = valid_text().replace("id: valid-example", "id: fresh-example").replace('added: "2026-01-05"', f'added: "{today}"')
    text = text.replace('last_reviewed: "2026-02-10"', f'last_reviewed: "{today}"').replace('review_by: "2027-02-10"', f'review_by: "{years_after(today, 1)}"')
    record.write_text(text + f'checks:\n  - by: "{years_after(today, 1)}"\n    what: Whether the rule on reports is in force yet.\n', encoding="utf-8")
    result = run_validate(str(record))
    assert result.returncode == 0 and "warning" not in result.stdout


def test_text_after_an_unquoted_hash_is_not_dropped_silently(scratch):
    text = valid_text().replace("title: A fixture example used by the tests", "title: Peer support drop-in #1 at the office")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (3, 29)
    assert problem.message == (
        "the text after ' #' on this line was being dropped, because YAML reads ' #' as the start of a comment: put the whole of title in quotes"
    )


def test_a_comment_after_an_id_or_a_tag_is_allowed(scratch):
    text = valid_text().replace("section: assessment", "section: assessment  # Assessment").replace("    - women", "    - women  # who it helped")
    assert check_text(scratch, text) == []


@pytest.mark.parametrize(
    "field, written, found",
    [
        ("title", "title: A **bold** fixture example title", "**bold**"),
        ("summary", "summary: A summary with *emphasis* in it, long enough for the minimum.", "*emphasis*"),
        ("summary", "summary: A summary with [a link](https://www.gov.uk/) in it, long enough.", "[a link](https://www.gov.uk/)"),
        ("summary", "summary: 'A test opens a talk ![x](data:,x){: onerror=alert(document.domain) } about risk.'", "[x](data:,x)"),
        ("title", "title: A `code` fixture example title", "`code`"),
    ],
)
def test_markdown_in_a_plain_text_field_is_reported(scratch, field, written, found):
    text = valid_text().replace("title: A fixture example used by the tests", written if field == "title" else "title: A fixture example used by the tests")
    if field == "summary":
        text = text.replace("summary: >-\n  A short plain-text summary of a fixture example that the validator tests\n  change one rule at a time.", written)
    problem = only(check_text(scratch, text))
    assert problem.message.startswith(f"{field} is plain text, so the Markdown '{found}' would show its symbols as typed: remove them")


@pytest.mark.parametrize("plain", ["A title with snake_case_words and 5 * 3 in it", "An 18-25 service: one to one, 2:1"])
def test_ordinary_punctuation_in_a_plain_field_is_not_taken_for_markdown(scratch, plain):
    text = valid_text().replace("title: A fixture example used by the tests", f'title: "{plain}"')
    assert check_text(scratch, text) == []


# What a contributor typed, where the mistake is, and the plain words they should see.
YAML_MISTAKES = [
    ("a tab", "tags:\n  stage:\n\t- pre-sentence\n", 26, "this line is indented with a tab: indent with spaces, not tabs"),
    ("an unquoted colon", "title: Drug testing: what works\n", 3, "this text contains ': ' (a colon and a space), which YAML reads as the start of a new field: put the whole text in quotes"),
    ("a half-quoted value", 'title: "A fixture example used by the tests\n', 3, "this quote mark is never closed on its line: add the matching quote mark"),
    ("a half-quoted value at the end", 'review_by: "2027-02-10\n', 36, "this quote mark is never closed on its line: add the matching quote mark"),
    ("text after the quotes", 'title: "A fixture" example used by the tests\n', 3, "there is more text after the closing quote mark: put all of the text inside the quotes"),
    ("a block that lost its indentation", "context: |\n  A fixture context paragraph, long enough for the schema's minimum length.\nA second line that lost its indentation.\n", 10,
     "this line is neither a field (name: value) nor indented under one"),
]


@pytest.mark.parametrize("mistake, replacement, line, advice", YAML_MISTAKES, ids=[m[0] for m in YAML_MISTAKES])
def test_yaml_mistakes_are_explained_in_plain_words_at_the_real_line(scratch, mistake, replacement, line, advice):
    originals = {
        "a tab": "tags:\n  stage:\n    - pre-sentence\n",
        "a block that lost its indentation": "context: |\n  A fixture context paragraph, long enough for the schema's minimum length.\n",
    }
    originals["a half-quoted value at the end"] = 'review_by: "2027-02-10"\n'
    original = originals.get(mistake, "title: A fixture example used by the tests\n")
    text = valid_text().replace(original, replacement)
    assert text != valid_text()
    problem = only(check_text(scratch, text))
    assert problem.line == line, str(problem)
    assert problem.message.startswith(advice)
    assert "(YAML parser: " in problem.message  # the parser's own words stay, at the end, for experts


@pytest.mark.parametrize(
    "original, replacement",
    [
        ("  kind: illustrative\n", "  kind illustrative\n"),  # the first field under provenance: YAML reads on into the next line
        ("  note: Written for", "  note Written for"),  # a later one: YAML stops at this line
    ],
    ids=["first field of a group", "later field of a group"],
)
def test_a_missing_colon_is_reported_at_its_own_line_as_a_missing_colon(scratch, original, replacement):
    text = valid_text().replace(original, replacement)
    assert text != valid_text()
    problem = only(check_text(scratch, text))
    line = next(number for number, written in enumerate(text.splitlines(), 1) if written.startswith(replacement.rstrip("\n")))
    name, value = replacement.split(None, 1)
    assert (problem.line, problem.col) == (line, 3), str(problem)
    assert problem.message.startswith(f"this line has no colon after the field name '{name}': write it as '{name}: {value.split(chr(10))[0]}")


def test_a_group_written_as_one_field_without_its_colon_says_which_colon_is_missing(scratch):
    problem = only(check_text(scratch, valid_text().replace("  status: written-for-guide", "  status written-for-guide")))
    assert problem.message == "evidence should be a group of fields, but 'status' has no ':' after it: write 'status: written-for-guide'"


def test_the_command_refuses_what_only_tests_used_to_know(tmp_path):
    """Tips, two or three questions and glossary abbreviations: make validate, make serve and pre-commit all run this check."""
    record = tmp_path / "rules-example.yaml"
    text = valid_text().replace("id: valid-example", "id: rules-example").replace("tips:\n  - A practical tip for the fixture.\n", "")
    text = text.replace("  - What would you try differently next time?\n", "").replace("used by the tests", "for the QXZ team")
    record.write_text(text, encoding="utf-8")
    result = run_validate(str(record), env={key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"})
    assert result.returncode == 1
    said = result.stdout
    assert ":3:8: title uses the abbreviation 'QXZ', which the glossary does not define" in said
    assert "tips is missing: add it" in said and "reflective_questions needs at least 2 items" in said


def test_personal_details_in_any_text_field_are_reported_at_their_line(scratch):
    context = (
        "context: |\n"
        "  A fixture context paragraph, long enough for the schema's minimum length.\n"
        "  Sarah Jenkins (DOB 14/03/1994) lives on the Glascote estate and was sentenced at\n"
        "  Tamworth Magistrates on 3 March 2025 for shoplifting. Her practitioner, Mark Thompson, met her.\n"
    )
    text = valid_text().replace("context: |\n  A fixture context paragraph, long enough for the schema's minimum length.\n", context)
    problems = check_text(scratch, text)
    assert problems and all(p.line in (10, 11) for p in problems), "\n".join(map(str, problems))
    messages = " ".join(p.message for p in problems)
    for found in ("Sarah Jenkins", "14/03/1994", "Mark Thompson"):
        assert found in messages
    assert all(p.message.startswith("context: ") for p in problems)


def test_an_allowed_text_is_not_reported(scratch):
    text = valid_text().replace("  Because the fixture explains why", "  Dr Foster's guidance explains why")
    assert [p for p in check_text(scratch, text) if "Dr Foster" in p.message]
    allowed = scratch / "practice_examples" / "guide" / "personal-details-allowed.yaml"
    allowed.write_text("allowed:\n  - text: Dr Foster\n    reason: The name of a published report series, not a person in a case.\n", encoding="utf-8")
    assert check_text(scratch, text) == []


def _ids_sharing_a_handout_code() -> tuple[str, str]:
    """Two made-up ids whose four-character handout codes are the same (20 bits: found within a few thousand)."""
    from macros.base.ids import handout_code

    seen: dict[str, str] = {}
    for number in range(1_000_000):
        name = f"shared-code-{number}"
        code = handout_code(name)
        if code in seen:
            return seen[code], name
        seen[code] = name
    raise AssertionError("no two ids share a code")


def test_two_examples_whose_ids_share_a_handout_code_are_both_refused(scratch):
    one, other = _ids_sharing_a_handout_code()
    first = write_record(scratch, one, valid_text())
    second = write_record(scratch, other, valid_text())
    _, problems = project.check(scratch, [second], today=TODAY)  # checking one file still finds the clash
    problem = only(problems)
    assert (problem.path, problem.line) == (f"practice_examples/{other}.yaml", 2)
    assert f"the id '{other}' has the same handout code" in problem.message and f"as '{one}' in practice_examples/{one}.yaml" in problem.message
    assert "choose another id" in problem.message
    _, both = project.check(scratch, [first, second], today=TODAY)
    assert [p.path for p in both] == [f"practice_examples/{one}.yaml", f"practice_examples/{other}.yaml"]
