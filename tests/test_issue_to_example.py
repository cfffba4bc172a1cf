"""scripts/issue_to_example.py: an issue made with the form becomes a checked record file, and contributor
text survives the trip through YAML exactly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TODAY, valid_text
from issue_bodies import BODIES, form_definition, options, render_body
from issue_to_example import Incomplete, answers, convert, record_from
from issue_form import load_form
from macros.load import project
from macros.load.guide import load_guide
from macros.load.schema import read_schema

SCRIPT = ROOT / "scripts" / "issue_to_example.py"
FORM = load_form(ROOT)
SCHEMA = read_schema(ROOT / "practice_examples" / "schema.json")
GUIDE = load_guide(ROOT)


def body(name: str) -> str:
    return (BODIES / f"{name}.md").read_text(encoding="utf-8")


def records(root: Path) -> list[Path]:
    return sorted((root / "practice_examples").glob("*.yaml"))


def converted(root: Path, text: str) -> tuple[Path, dict]:
    """Convert a body that must pass; return the file and what a YAML loader reads back from it."""
    path, problems = convert(text, root, TODAY)
    assert problems == [], "\n".join(map(str, problems))
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_a_reported_proposal_becomes_a_valid_record_with_its_sources(scratch):
    path, loaded = converted(scratch, body("reported"))
    assert path == scratch / "practice_examples" / "drug-workers-at-the-probation-office-on-induction-day.yaml"
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema.json\n")
    assert loaded["section"] == "supervision"
    assert loaded["takeaways"] == ["nurture-partnerships", "hope-engagement-choice", "connection"]
    assert loaded["standards"] == ["2.3"]
    assert loaded["tags"] == {"stage": ["induction"], "requirement": ["drr"], "theme": ["partnership", "continuity-of-care"]}
    assert loaded["tips"] == [
        "Agree a room and a rota with the treatment provider before you start.",
        "Tell the person at sentence that they will meet the treatment worker at induction.",
    ]
    assert len(loaded["reflective_questions"]) == 2
    assert loaded["provenance"]["kind"] == "reported"
    assert loaded["provenance"]["sources"] == [
        {
            "id": "example-probation-region-2024-05",
            "title": "Induction day treatment workers: an evaluation",
            "publisher": "Example Probation Region",
            "date": "2024-05",
            "url": "https://www.example.org/induction-evaluation",
            "supports": "The treatment worker at induction and the booking of first appointments",
        },
        {
            "id": "an-example-council",
            "title": "Annual treatment report",
            "publisher": "An example council",
            "date": "n.d.",
            "url": "https://www.example.org/annual-report",
            "supports": "That people often missed a first appointment in another building",
        },
    ]
    assert loaded["added"] == loaded["last_reviewed"] == TODAY.isoformat()
    assert loaded["review_by"] == TODAY.replace(year=TODAY.year + 1).isoformat()


def test_a_reported_proposal_tells_what_the_source_reports_from_what_the_contributor_suggests(scratch):
    _, loaded = converted(scratch, body("reported"))
    assert loaded["context"] == [{"from": "example-probation-region-2024-05", "text": loaded["context"][0]["text"]}]
    assert loaded["context"][0]["text"].startswith("An urban probation delivery unit found")
    assert [part["from"] for part in loaded["what_was_done"]] == ["example-probation-region-2024-05", "guide"]
    assert loaded["what_was_done"][0]["text"].startswith("1. The treatment provider placed a worker")
    assert loaded["what_was_done"][1]["text"].startswith("Ask each person afterwards")
    assert isinstance(loaded["why_it_works"], str)  # the guide's own reading
    assert loaded["evidence"] == {
        "status": "process-evaluation",
        "study": "example-probation-region-2024-05",
        "found": "Most people who met the worker at induction went to their first treatment appointment, in a small sample with no comparison group.",
    }


def test_an_illustrative_proposal_is_written_for_the_guide_in_plain_markdown(scratch):
    _, loaded = converted(scratch, body("illustrative"))
    assert loaded["evidence"] == {"status": "written-for-guide"}
    assert isinstance(loaded["context"], str) and isinstance(loaded["what_was_done"], str)


@pytest.mark.parametrize(("name", "label", "answer", "reason"), [
    ("illustrative", "Evidence status", "Compared with a similar group",
     "Evidence status: 'Compared with a similar group' does not go with Provenance 'Illustrative': choose Written for this guide, or change Provenance"),
    ("reported", "Evidence status", "Written for this guide",
     "Evidence status: 'Written for this guide' does not go with Provenance 'Reported': choose Randomised controlled trial; "
     "Compared with a similar group; Evaluated, without a comparison group; The service's own figures; Seen by an inspection or review; "
     "Described, not evaluated, or change Provenance"),
    ("reported", "Study (web address)", "_No response_",
     "Study (web address): 'Evaluated, without a comparison group' needs the study that gives this evidence: give its web address, "
     "and list the study under Sources"),
    ("reported", "Study (web address)", "https://www.example.org/elsewhere",
     "Study (web address): 'https://www.example.org/elsewhere' is not the web address of any source under Sources: list the study there, "
     "or correct the address"),
    ("reported", "What the study found", "_No response_",
     "What the study found: say in a sentence or two what the study found, including no effect, mixed results or a small sample"),
    ("illustrative", "Study (web address)", "https://www.example.org/x",
     "Study (web address): 'Written for this guide' names no study: leave Study and What the study found empty, or choose the status that the study gives"),
    ("illustrative", "What you suggest", "Something the contributor suggests, long enough.",
     "What you suggest: this is for reported examples only; for an illustrative example, put everything in What was done"),
])
def test_evidence_that_does_not_fit_is_explained_in_the_forms_words(scratch, name, label, answer, reason):
    with pytest.raises(Incomplete) as raised:
        convert(with_answer(name, label, answer), scratch, TODAY)
    assert reason in raised.value.reasons
    assert records(scratch) == []


def test_a_statement_to_check_later_needs_a_date_first():
    with pytest.raises(Incomplete) as raised:
        record_from(with_answer("illustrative", "Statements to check later", "2027-06-30: Whether the law changed\nSoon: whether it did"),
                    FORM, SCHEMA, GUIDE, TODAY)
    assert raised.value.reasons == ["Statements to check later: the line 'Soon: whether it did' does not start with a date as YYYY-MM-DD and a colon"]


def test_two_sources_with_the_same_publisher_and_date_get_different_ids():
    sources = ("Title: A report\nPublisher: A council\nDate: 2024\nWeb address: https://www.example.org/one\nSupports: The figures\n\n"
               "Title: Another report\nPublisher: A council\nDate: 2024\nWeb address: https://www.example.org/two\nSupports: The dates")
    text = with_answer("reported", "Sources", sources).replace("https://www.example.org/induction-evaluation", "https://www.example.org/two")
    record = record_from(text, FORM, SCHEMA, GUIDE, TODAY)
    assert [source["id"] for source in record["provenance"]["sources"]] == ["a-council-2024", "a-council-2024-2"]
    assert record["evidence"]["study"] == "a-council-2024-2"


def test_an_illustrative_proposal_needs_no_sources_and_keeps_tags_with_commas_in_vocabulary_order(scratch):
    _, loaded = converted(scratch, body("illustrative"))
    assert loaded["provenance"] == {"kind": "illustrative"}
    assert loaded["tags"]["population"] == ["women", "homelessness", "gypsy-roma-traveller"]
    assert len(loaded["tips"]) == 1 and len(loaded["reflective_questions"]) == 2


def test_missing_required_fields_are_each_named_and_nothing_is_written(scratch):
    with pytest.raises(Incomplete) as raised:
        convert(body("missing-required"), scratch, TODAY)
    reasons = raised.value.reasons
    for field in (
        "Title",
        "Section",
        "Context",
        "What was done",
        "Why it works",
        "Key take-aways",
        "Inspection standards",
        "Tags",
        "Sources",
        "Evidence status",
        "Tips",
        "Reflective questions",
    ):
        assert any(reason.startswith(field + ":") for reason in reasons), (field, reasons)
    assert any(reason.startswith("Before you submit: tick 'I wrote this in my own words") for reason in reasons)
    assert not any("No one can be identified" in reason for reason in reasons), "that box was ticked"
    assert records(scratch) == []


HOSTILE_CONTEXT = """---
- a line that looks like a YAML list item
key: value that looks like a mapping
# a line that looks like a comment
{{ site.url }} and {% include 'x.html' %} <script>alert("x")</script>
&anchor *alias !!python/object/apply:os.system ['true']
...
$(touch pwned) `touch pwned` ${HOME} \\$ and a line ending in a backslash \\
Emoji 🧪, "double" and 'single' quotes, and a trailing colon:"""


def test_hostile_text_is_written_safely_and_reads_back_exactly(scratch):
    text = body("hostile")
    submitted = record_from(text, FORM, SCHEMA, GUIDE, TODAY)
    assert submitted["title"] == '- "Café" naloxone: at {{ induction }} # <script>alert(1)</script> 🎉'
    assert submitted["context"] == HOSTILE_CONTEXT
    assert submitted["why_it_works"].startswith('  Two leading spaces on the first line, "quotes" and: colons.\n    Four')
    assert submitted["tips"][0] == '"Quoted tip": with a colon # and a hash'
    assert submitted["tips"][2] == "--- a tip starting with three dashes"
    assert submitted["reflective_questions"] == ["yes: no? true: false? null?", "#hashtag question, is it kept?"]
    assert submitted["provenance"]["sources"][0]["title"] == '"Quoted title": with a # hash'

    path, loaded = converted(scratch, text)
    assert loaded == submitted  # every value, every character, and no YAML types other than text and lists
    assert path.stem == "cafe-naloxone-at-induction-script-alert-1-script"
    written = path.read_text(encoding="utf-8")
    assert "context: |" in written and "what_was_done: |" in written, "multi-line text is written as a block"
    assert "🧪" in written, "emoji are written as themselves, not escaped"
    example = project.check(scratch)[0].example(path.stem)
    assert example.context[0].prose.source == HOSTILE_CONTEXT and example.title == submitted["title"]


def test_windows_line_endings_in_the_body_are_read_as_plain_lines(scratch):
    _, loaded = converted(scratch, body("reported").replace("\n", "\r\n"))
    assert "\r" not in yaml.safe_dump(loaded)
    assert loaded["what_was_done"][0]["text"].splitlines()[1] == "2. The probation practitioner introduced the person to the worker in the same room."


def test_a_form_heading_inside_an_answer_is_refused_rather_than_guessed(scratch):
    text = body("reported").replace("missed their first treatment appointment", "missed it.\n### Summary\nA fake summary")
    with pytest.raises(Incomplete) as raised:
        convert(text, scratch, TODAY)
    assert raised.value.reasons == [
        "the line '### Summary' appears 2 times: only the form's own heading may start with it, so change that line in your answer"
    ]
    assert records(scratch) == []


def test_a_body_not_made_with_the_form_is_named_as_such(scratch):
    with pytest.raises(Incomplete) as raised:
        convert("Please add an example about naloxone.", scratch, TODAY)
    assert "not made with the 'Propose an example' form" in raised.value.reasons[0]


def with_answer(name: str, label: str, answer: str) -> str:
    """A fixture body with one field's answer replaced."""
    text = body(name)
    pattern = re.compile(rf"(### {re.escape(label)}\n\n)(.*?)(\n\n### |\n$)", re.DOTALL)
    assert pattern.search(text), label
    return pattern.sub(lambda match: match.group(1) + answer + match.group(3), text, count=1)


@pytest.mark.parametrize("bad_id", ["../../outside", "Capital-Letters", "two--hyphens", "a" * 81, "dir/name"])
def test_an_id_that_is_not_a_plain_name_is_refused_before_any_file_is_written(scratch, bad_id):
    with pytest.raises(Incomplete) as raised:
        convert(with_answer("illustrative", "Id (optional)", bad_id), scratch, TODAY)
    assert raised.value.reasons[0].startswith(
        f"Id (optional): '{bad_id}' cannot be used: use only lowercase letters, digits and single hyphens"
    )
    assert records(scratch) == [] and not (scratch.parent / "outside.yaml").exists()


def test_a_given_id_names_the_file(scratch):
    path, loaded = converted(scratch, with_answer("illustrative", "Id (optional)", "alcohol-plan-before-release"))
    assert path.name == "alcohol-plan-before-release.yaml" and loaded["id"] == "alcohol-plan-before-release"


def test_the_suggested_id_drops_apostrophes_and_accents_and_stops_at_a_whole_word(scratch):
    title = "Women’s café-based drop-in: naloxone, alcohol and housing advice given on one afternoon each week in town"
    record = record_from(with_answer("illustrative", "Title", title), FORM, SCHEMA, GUIDE, TODAY)
    assert record["id"] == "womens-cafe-based-drop-in-naloxone-alcohol-and-housing"
    assert len(record["id"]) <= 60


def test_a_link_in_the_way_is_not_followed(scratch, tmp_path):
    target = tmp_path / "elsewhere.yaml"
    (scratch / "practice_examples" / "planning-alcohol-support-for-a-woman-leaving-custody.yaml").symlink_to(target)
    with pytest.raises(Incomplete):
        convert(body("illustrative"), scratch, TODAY)
    assert not target.exists()


def test_an_existing_file_is_never_overwritten(scratch):
    converted(scratch, body("illustrative"))
    first = records(scratch)[0].read_bytes()
    with pytest.raises(Incomplete) as raised:
        convert(body("illustrative"), scratch, TODAY)
    assert "already exists: write another id" in raised.value.reasons[0]
    assert records(scratch)[0].read_bytes() == first


def test_an_id_that_is_another_examples_old_address_is_refused(scratch):
    old = "planning-alcohol-support-for-a-woman-leaving-custody"
    (scratch / "practice_examples" / "valid-example.yaml").write_text(
        valid_text().replace("id: valid-example\n", f"id: valid-example\nformer_ids:\n  - {old}\n"), encoding="utf-8"
    )
    path, problems = convert(body("illustrative"), scratch, TODAY)
    assert [str(problem) for problem in problems] == [
        f"practice_examples/{old}.yaml:2:5: the id '{old}' is also a former id of practice_examples/valid-example.yaml: "
        "an old address cannot also be a current one; choose another id, or remove it from that file's former_ids"
    ]


@pytest.mark.parametrize(
    ("sources", "reason"),
    [
        ("Title: A report\nPublisher: A council\nDate: 2024\nSupports: The figures", "Sources, source 1: add a line for Web address:"),
        (
            "Title: A report\nPublisher: A council\nDate: 2024\nWeb address: https://www.example.org/\nSupports: The figures\n\nhttps://www.example.org/other",
            "Sources, source 2: the line 'https://www.example.org/other' does not start with one of Title:, Publisher:, Date:, Web address:, Supports:",
        ),
        (
            "Title: A report\nTitle: Another\nPublisher: A council\nDate: 2024\nWeb address: https://www.example.org/\nSupports: The figures",
            "Sources, source 1: it has two Title: lines; keep one",
        ),
        (
            "Title: A report\nPublisher: A council\nDate: 2024\nWeb address: https://www.example.org/",
            "Sources, source 1: add a line for Supports:",
        ),
    ],
)
def test_each_source_line_problem_is_named_with_its_source(scratch, sources, reason):
    with pytest.raises(Incomplete) as raised:
        convert(with_answer("reported", "Sources", sources), scratch, TODAY)
    assert reason in raised.value.reasons


def test_sources_accept_list_markers_bold_words_and_url(scratch):
    sources = "- **Title:** A report\n- **Publisher:** A council\n- **Date:** 2024\n- **URL:** https://www.example.org/\n- **Supports:** The figures"
    text = with_answer("reported", "Sources", sources).replace("https://www.example.org/induction-evaluation", "https://www.example.org/")
    record = record_from(text, FORM, SCHEMA, GUIDE, TODAY)
    assert record["provenance"]["sources"] == [
        {"id": "a-council-2024", "title": "A report", "publisher": "A council", "date": "2024", "url": "https://www.example.org/", "supports": "The figures"}
    ]


def test_a_choice_no_longer_offered_is_named(scratch):
    with pytest.raises(Incomplete) as raised:
        convert(with_answer("illustrative", "Substance", "Alcohol, Glue"), scratch, TODAY)
    assert raised.value.reasons == ["Substance: 'Alcohol, Glue' is not a list of the choices now offered: edit the issue and choose again"]


def test_a_very_long_list_of_choices_is_read_without_running_out_of_stack():
    answer = ", ".join(["Gypsy, Roma and Traveller people", "Women"] * 5000)
    record = record_from(with_answer("illustrative", "Who it helped", answer), FORM, SCHEMA, GUIDE, TODAY)
    assert record["tags"]["population"] == ["women", "gypsy-roma-traveller"]


def test_a_dropdown_left_at_none_counts_as_no_choice(scratch):
    record = record_from(with_answer("illustrative", "Substance", "None"), FORM, SCHEMA, GUIDE, TODAY)
    assert set(record["tags"]) == {"stage", "population"}


def test_a_take_away_whose_wording_changed_is_still_found_by_its_id(scratch):
    text = body("illustrative").replace("- [X] Reducing harm: ", "- [X] Reducing harm: (older wording) ")
    assert "(older wording)" in text
    assert record_from(text, FORM, SCHEMA, GUIDE, TODAY)["takeaways"] == ["practical-solutions"]


def test_a_body_rendered_from_the_committed_form_with_every_choice_parses():
    """The committed form and the converter agree on every label, option and checkbox."""
    definition = form_definition()
    every = {
        element["id"]: options(definition, element["id"])
        for element in definition["body"]
        if element["type"] in ("checkboxes", "dropdown") and element["attributes"].get("multiple", element["type"] == "checkboxes")
    }
    rendered = render_body(
        definition,
        {
            **every,
            "example_title": "Every choice on the form, ticked",
            "summary": "A body with every option chosen, to check the converter reads each one.",
            "section": options(definition, "section")[0],
            "context": "Context.",
            "what_was_done": "Done.",
            "why_it_works": "Works.",
            "tips": "A tip.",
            "reflective_questions": "One question?\nAnother question?",
            "checks": "2027-06-30: Whether the law has changed",
            "provenance": options(definition, "provenance")[1],
            "sources": "Title: T\nPublisher: P\nDate: 2024\nWeb address: https://www.example.org/\nSupports: S",
            "evidence_status": options(definition, "evidence_status")[0],
            "evidence_study": "https://www.example.org/",
            "evidence_found": "What the study found, in a sentence.",
        },
    )
    record = record_from(rendered, FORM, SCHEMA, GUIDE, TODAY)
    assert record["section"] == GUIDE.sections[0].id
    assert record["takeaways"] == list(GUIDE.takeaways)
    assert record["standards"] == list(GUIDE.standards)
    assert record["tags"] == {facet.id: [value.id for value in facet.values] for facet in GUIDE.facets}
    assert record["provenance"]["kind"] == "reported"
    assert record["evidence"] == {"status": next(iter(GUIDE.statuses)), "study": "p-2024", "found": "What the study found, in a sentence."}
    assert record["checks"] == [{"by": "2027-06-30", "what": "Whether the law has changed"}]
    assert set(answers(rendered, FORM)) == {element.id for element in FORM.fields()}


def test_the_command_writes_the_file_and_reports_outputs_for_the_workflow(scratch, tmp_path):
    output = tmp_path / "github-output"
    result = run("--body-env", "ISSUE_BODY", "--root", str(scratch), env={"ISSUE_BODY": body("illustrative"), "GITHUB_OUTPUT": str(output)})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Wrote practice_examples/planning-alcohol-support-for-a-woman-leaving-custody.yaml; it passes the checks.\n"
    assert (
        output.read_text()
        == "id=planning-alcohol-support-for-a-woman-leaving-custody\npath=practice_examples/planning-alcohol-support-for-a-woman-leaving-custody.yaml\n"
    )


def test_the_command_lists_what_is_missing_in_plain_words_and_exits_1(scratch):
    result = run("--body-file", str(BODIES / "missing-required.md"), "--root", str(scratch))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(
        "The issue cannot become a practice example yet. Nothing was written. Edit the issue to fix each point:\n- Title: this is empty: fill it in\n"
    )
    assert records(scratch) == []


def test_the_command_prints_validator_problems_at_path_line_col_and_exits_1(scratch):
    result = run("--body-env", "ISSUE_BODY", "--root", str(scratch), env={"ISSUE_BODY": with_answer("illustrative", "Title", "Too short")})
    assert result.returncode == 1
    assert re.match(r"practice_examples/too-short\.yaml:3:8: title .*10", result.stdout), result.stdout
    assert "Wrote practice_examples/too-short.yaml, but it has 1 problem(s)" in result.stderr


def test_the_command_explains_itself_and_refuses_wrong_usage(tmp_path):
    helped = run("--help")
    assert helped.returncode == 0
    for words in ("--body-file", "--body-env", "Exit status: 0 the file was written and passes the checks"):
        assert words in helped.stdout
    assert run().returncode == 2
    unset = run("--body-env", "NO_SUCH_VARIABLE_FOR_THE_TEST")
    assert (
        unset.returncode == 2
        and unset.stderr == "The environment variable NO_SUCH_VARIABLE_FOR_THE_TEST is not set: pass the issue body in it.\n"
    )
    missing = run("--body-file", str(tmp_path / "nothing.md"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    elsewhere = run("--body-file", str(BODIES / "reported.md"), "--root", str(tmp_path))
    assert elsewhere.returncode == 2 and elsewhere.stderr == f"{tmp_path} is not this project: it has no practice_examples/schema.json.\n"


# Lines a GitHub Actions runner would take as workflow commands: '::name' at the start of a line, '##[name' anywhere.
HOSTILE_LINES = "\n::error title=Security alert::Spoofed annotation\n::add-mask::passes\n  ::stop-commands::x\nsome text ##[add-mask]is\n"


@pytest.mark.parametrize("label", ["Section", "Id (optional)"])
def test_issue_text_in_the_reasons_cannot_become_a_workflow_command(scratch, label):
    hostile = with_answer("reported", label, "Case supervision" + HOSTILE_LINES if label == "Section" else "an-id" + HOSTILE_LINES)
    result = run("--body-env", "ISSUE_BODY", "--root", str(scratch), env={"ISSUE_BODY": hostile, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1 and records(scratch) == []
    first, *rest = result.stdout.splitlines()
    token = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", first).group(1)  # printed before any issue text
    assert token not in hostile
    # Each reason stays on its own line, its line breaks shown as \n, so none starts like a command.
    reasons = [line for line in result.stderr.splitlines() if line.startswith("- ")]
    assert len(reasons) == 1 and "Spoofed annotation\\n::add-mask::passes" in reasons[0]
    assert not [line for line in rest + result.stderr.splitlines() if line.lstrip().startswith("::")]
    again = run("--body-env", "ISSUE_BODY", "--root", str(scratch), env={"ISSUE_BODY": hostile, "GITHUB_ACTIONS": "true"})
    assert again.stdout.splitlines()[0] != first, "the token must not be guessable from an earlier run"


def test_commands_are_stopped_only_in_a_github_actions_run(scratch):
    result = run("--body-file", str(BODIES / "missing-required.md"), "--root", str(scratch), env={"GITHUB_ACTIONS": ""})
    assert "::stop-commands::" not in result.stdout + result.stderr
