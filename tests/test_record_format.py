"""Record format v2 in the validator: evidence status, reported and added text told apart, review dates,
checks, tips and questions, and glossary abbreviations; each rule's plain-words message at its line."""

from __future__ import annotations

import pytest

from conftest import check_text, reported_text, valid_text
from macros.base.problems import Problem


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def check_reported(scratch, text: str) -> list[Problem]:
    return check_text(scratch, text, "reported-example")


def test_the_reported_fixture_is_valid(scratch):
    assert check_reported(scratch, reported_text()) == []


# Evidence status


def test_an_example_without_an_evidence_status_is_refused(scratch):
    problem = only(check_text(scratch, valid_text().replace("evidence:\n  status: written-for-guide\n", "")))
    assert problem.message.startswith("evidence is missing: add it (How strong the evidence is for this example itself")


def test_an_unknown_evidence_status_is_refused_with_the_statuses(scratch):
    problem = only(check_text(scratch, valid_text().replace("status: written-for-guide", "status: written-for-the-guide")))
    assert (problem.line, problem.col) == (30, 11)
    assert problem.message.startswith("unknown evidence status 'written-for-the-guide'. Did you mean 'written-for-guide'? Use one of: randomised-trial,")


def test_an_illustrative_example_must_be_written_for_the_guide(scratch):
    problem = only(check_text(scratch, valid_text().replace("status: written-for-guide", "status: descriptive")))
    assert (problem.line, problem.col) == (30, 11)
    assert problem.message == (
        "evidence.status 'descriptive' is for reported examples, and this one is illustrative: use written-for-guide; "
        "or, if a published source describes this practice, set provenance.kind to reported and cite it"
    )


def test_a_reported_example_cannot_be_written_for_the_guide(scratch):
    text = reported_text().replace("  status: process-evaluation\n  study: fixture-evaluation\n  found: >-\n"
                                   "    The fixture evaluation found that most people who started the service\n"
                                   "    finished it, in a small sample with no comparison group.\n", "  status: written-for-guide\n")
    problem = only(check_reported(scratch, text))
    assert problem.line == 35
    assert problem.message.startswith("evidence.status 'written-for-guide' is for illustrative examples only, and this one is reported: use one of randomised-trial,")


@pytest.mark.parametrize("status", ["randomised-trial", "comparison-group", "process-evaluation", "monitoring", "inspection-finding"])
def test_an_evaluated_or_observed_status_without_a_study_is_refused(scratch, status):
    text = reported_text().replace("  status: process-evaluation\n  study: fixture-evaluation\n", f"  status: {status}\n")
    problems = check_reported(scratch, text)
    needs = [p for p in problems if "needs the study that gives this evidence" in p.message]
    assert [(p.line, p.col) for p in needs] == [(35, 11)]
    assert needs[0].message.startswith(f"evidence.status '{status}' (")
    assert "add evidence.study with the id of that source under provenance.sources" in needs[0].message


def test_a_study_must_be_one_of_the_examples_sources(scratch):
    problem = only(check_reported(scratch, reported_text().replace("study: fixture-evaluation", "study: another-evaluation")))
    assert (problem.line, problem.col) == (36, 10)
    assert problem.message == (
        "evidence.study 'another-evaluation' is not the id of any source of this example: use the id of the source that gives "
        "the evidence (fixture-report, fixture-evaluation), or add that source under provenance.sources with id: another-evaluation"
    )


def test_a_study_needs_what_it_found(scratch):
    text = reported_text().replace("  found: >-\n    The fixture evaluation found that most people who started the service\n"
                                   "    finished it, in a small sample with no comparison group.\n", "")
    problem = only(check_reported(scratch, text))
    assert problem.line == 36
    assert problem.message.startswith("evidence.study is given, so add evidence.found: one or two sentences, in your own words")


def test_a_described_example_names_no_study(scratch):
    problems = check_reported(scratch, reported_text().replace("status: process-evaluation", "status: descriptive"))
    problem = only(problems)
    assert problem.line == 36
    assert problem.message.startswith("evidence.status 'descriptive' (Described, not evaluated) names no study: remove evidence.study and evidence.found")


def test_a_finding_without_a_study_is_refused(scratch):
    text = reported_text().replace("  study: fixture-evaluation\n", "").replace("status: process-evaluation", "status: descriptive")
    problem = only(check_reported(scratch, text))
    assert problem.line == 36
    assert problem.message.startswith("evidence.status 'descriptive' (Described, not evaluated) names no study, so there is no finding to give: remove evidence.found")


def test_what_a_study_found_is_plain_text_on_one_paragraph(scratch):
    text = reported_text().replace("    The fixture evaluation found", "    The **fixture** evaluation found")
    problem = only(check_reported(scratch, text))
    assert problem.message.startswith("evidence.found is plain text, so the Markdown '**fixture**' would show its symbols as typed")


def test_an_approach_must_be_defined_in_the_guide(scratch):
    text = valid_text().replace("status: written-for-guide\n", "status: written-for-guide\n  approaches:\n    - take-home-naloxone\n")
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (32, 7)
    assert problem.message == ("unknown approach 'take-home-naloxone'. None is defined yet: add it to practice_examples/guide/approaches.yaml first, "
                               "or remove this value.")


def test_an_approach_the_guide_defines_is_accepted(scratch):
    approaches = scratch / "practice_examples" / "guide" / "approaches.yaml"
    approaches.write_text(
        "approaches:\n  - id: take-home-naloxone\n    name: Take-home naloxone\n    rated_by: A fixture body, its fixture toolkit\n"
        "    rating: Promising\n    summary: A fixture summary of what the rating covers.\n    source:\n      title: A fixture rating\n"
        "      publisher: A fixture body\n      date: \"2024\"\n      url: https://example.org/rating\n    checked: \"2026-11-01\"\n",
        encoding="utf-8",
    )
    text = valid_text().replace("status: written-for-guide\n", "status: written-for-guide\n  approaches:\n    - take-home-naloxone\n")
    assert check_text(scratch, text) == []
    problem = only(check_text(scratch, text.replace("    - take-home-naloxone", "    - take-home-naloxon")))
    assert problem.message.startswith("unknown approach 'take-home-naloxon'. Did you mean 'take-home-naloxone'?")


# Reported and added text


def test_a_reported_example_writes_context_and_what_was_done_as_parts(scratch):
    text = reported_text().replace(
        "context:\n  - from: fixture-report\n    text: |\n      The fixture report describes a service, in words long enough for a part.\n",
        "context: |\n  The fixture report describes a service, in words long enough for the field.\n",
    )
    problem = only(check_reported(scratch, text))
    assert (problem.line, problem.col) == (8, 10)
    assert problem.message.startswith("context of a reported example must be a list of parts, so that what a source reports and what the guide adds are told apart")


def test_a_reported_example_may_write_why_it_works_whole_or_as_parts(scratch):
    parts = "why_it_works:\n  - from: guide\n    text: |\n      Because the fixture explains why, in a sentence of reasonable length.\n"
    text = reported_text().replace("why_it_works: |\n  Because the fixture explains why, in a sentence of reasonable length.\n", parts)
    assert text != reported_text()
    assert check_reported(scratch, text) == []


def test_what_was_done_needs_a_part_from_a_source(scratch):
    text = reported_text().replace("what_was_done:\n  - from: fixture-report\n", "what_was_done:\n  - from: guide\n")
    problem = only(check_reported(scratch, text))
    assert (problem.line, problem.col) == (13, 3)
    assert problem.message.startswith("what_was_done of a reported example needs at least one part from a source (from: and the source's id)")


def test_a_part_from_an_unknown_source_is_refused(scratch):
    text = reported_text().replace("context:\n  - from: fixture-report\n", "context:\n  - from: fixture-reprot\n")
    problem = only(check_reported(scratch, text))
    assert (problem.line, problem.col) == (9, 11)
    assert problem.message == (
        "context, part 1, is from 'fixture-reprot', which is not the id of any source of this example: write guide for the guide's own text, "
        "or the id of a source under provenance.sources (fixture-report, fixture-evaluation)"
    )


def test_an_illustrative_example_has_no_parts(scratch):
    text = valid_text().replace(
        "context: |\n  A fixture context paragraph, long enough for the schema's minimum length.\n",
        "context:\n  - from: guide\n    text: A fixture context paragraph, long enough for a part.\n",
    )
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.col) == (9, 3)
    assert problem.message == ("context is a list of parts, but an illustrative example is written wholly for the guide: "
                               "write it as plain Markdown (context: | with the text indented below)")


def test_a_part_needs_from_and_enough_text(scratch):
    text = reported_text().replace("  - from: guide\n    text: |\n      A practitioner could build on this by trying a third thing.\n",
                                   "  - from: guide\n    text: Too short.\n  - text: A part with no voice named, long enough.\n")
    problems = check_reported(scratch, text)
    assert [p.message for p in problems] == ["what_was_done.text is too short (10 characters): write at least 20",
                                            "what_was_done.from is missing: add it (Whose text this is: the id of one of this example's sources when the "
                                            "text reports what that source says (in your own words), or guide when it is the guide's own suggestion that no source states.)"]


def test_a_prose_field_of_the_wrong_type_is_explained(scratch):
    problem = only(check_text(scratch, valid_text().replace("why_it_works: |\n  Because", "why_it_works: 42\nx: |\n  Because")
                              .replace("x: |\n  Because the fixture explains why, in a sentence of reasonable length.\n", "")))
    assert problem.message == ("why_it_works should be Markdown text (after a | on the line with the field's name) or a list of parts, "
                               "each starting '- from:' with a text: under it")


def test_two_sources_cannot_share_an_id(scratch):
    text = reported_text().replace("    - id: fixture-evaluation", "    - id: fixture-report")
    problems = check_reported(scratch, text)
    clash = [p for p in problems if "already uses" in p.message]
    assert [(p.line, p.message) for p in clash] == [(49, "source 2 has the id 'fixture-report', which source 1 already uses: give each source its own id")]


def test_a_source_id_must_be_a_slug(scratch):
    problems = check_reported(scratch, reported_text().replace("    - id: fixture-evaluation", "    - id: Fixture Evaluation"))
    assert any(p.line == 49 and p.message.startswith("provenance.sources.id 'Fixture Evaluation' is not in the right form: use only lowercase letters")
               for p in problems), problems


def test_personal_details_in_a_part_are_found_at_their_line(scratch):
    text = reported_text().replace("      2. Then it did another thing.", "      2. Then Sarah Jenkins (DOB 14/03/1994) came in.")
    problems = check_reported(scratch, text)
    assert problems and all(p.line == 16 and p.message.startswith("what_was_done, part 1: ") for p in problems), problems


def test_an_unsafe_link_in_a_part_is_refused(scratch):
    text = reported_text().replace("      2. Then it did another thing.", "      2. Then [another thing](javascript:alert(1)).")
    problem = only(check_reported(scratch, text))
    assert (problem.line, problem.col) == (16, 31)
    assert problem.message.startswith("what_was_done links to 'javascript:alert(1)'")


# Tips and reflective questions


def test_tips_are_required(scratch):
    problem = only(check_text(scratch, valid_text().replace("tips:\n  - A practical tip for the fixture.\n", "")))
    assert problem.message.startswith("tips is missing: add it (Required: one to eight practical tips")


def test_at_most_eight_tips(scratch):
    tips = "tips:\n" + "".join(f"  - A practical tip number {n} for the fixture.\n" for n in range(9))
    problem = only(check_text(scratch, valid_text().replace("tips:\n  - A practical tip for the fixture.\n", tips)))
    assert problem.message == "tips has 9 items: keep it to 8 or fewer"


@pytest.mark.parametrize("questions, message", [
    ("  - What would you ask in supervision?\n", "reflective_questions needs at least 2 items"),
    ("  - One question to ask?\n  - Two questions to ask?\n  - Three questions to ask?\n  - Four questions to ask?\n",
     "reflective_questions has 4 items: keep it to 3 or fewer"),
])
def test_two_or_three_reflective_questions(scratch, questions, message):
    text = valid_text().replace("  - What would you ask in supervision?\n  - What would you try differently next time?\n", questions)
    problem = only(check_text(scratch, text))
    assert (problem.line, problem.message) == (18, message)


def test_reflective_questions_are_required(scratch):
    text = valid_text().replace("reflective_questions:\n  - What would you ask in supervision?\n  - What would you try differently next time?\n", "")
    problem = only(check_text(scratch, text))
    assert problem.message.startswith("reflective_questions is missing: add it (Required: two or three questions")


# Dates


def test_review_dates_are_required(scratch):
    problems = check_text(scratch, valid_text().replace('last_reviewed: "2026-02-10"\nreview_by: "2027-02-10"\n', ""))
    assert [p.message.split(":")[0] for p in problems] == ["last_reviewed is missing", "review_by is missing"]


def test_the_old_name_of_the_review_date_says_what_it_is_called_now(scratch):
    problems = check_text(scratch, valid_text().replace('last_reviewed: "2026-02-10"', 'reviewed: "2026-02-10"'))
    assert "the field 'reviewed' is now called 'last_reviewed': rename it" in [p.message for p in problems]


@pytest.mark.parametrize("review_by, message", [
    ("2026-02-10", "review_by 2026-02-10 is not after last_reviewed 2026-02-10: give the date by which the example must be checked again, "
                   "usually a year after last_reviewed (2027-02-10)"),
    ("2028-02-11", "review_by 2028-02-11 is more than 2 years after last_reviewed 2026-02-10: make it 2028-02-10 at the latest, "
                   "and usually a year after last_reviewed (2027-02-10)"),
])
def test_review_by_is_after_the_review_and_at_most_two_years_later(scratch, review_by, message):
    problem = only(check_text(scratch, valid_text().replace('review_by: "2027-02-10"', f'review_by: "{review_by}"')))
    assert (problem.line, problem.col, problem.message) == (36, 12, message)


def test_review_by_two_years_after_is_accepted(scratch):
    assert check_text(scratch, valid_text().replace('review_by: "2027-02-10"', 'review_by: "2028-02-10"')) == []


def test_a_passed_review_by_date_is_valid(scratch):
    """Overdue is a warning, not a problem: the example stays published and says so."""
    text = valid_text().replace('added: "2026-01-05"', 'added: "2023-01-05"').replace('last_reviewed: "2026-02-10"', 'last_reviewed: "2024-02-10"')
    assert check_text(scratch, text.replace('review_by: "2027-02-10"', 'review_by: "2025-02-10"')) == []


CHECK = 'checks:\n  - by: "{by}"\n    what: >-\n      Whether section 27 of the Sentencing Act 2026 is in force; if so, change the licence paragraph.\n'


def test_a_check_after_the_review_is_accepted(scratch):
    assert check_text(scratch, valid_text() + CHECK.format(by="2026-06-30")) == []


def test_a_check_due_before_the_last_review_is_refused(scratch):
    problem = only(check_text(scratch, valid_text() + CHECK.format(by="2026-01-31")))
    assert (problem.line, problem.col) == (38, 9)
    assert problem.message == ("check 1 was due by 2026-01-31, not after last_reviewed 2026-02-10: check it now, update the example, "
                               "and remove the check or give it a later date")


@pytest.mark.parametrize("by", ["2026-02-30", "30/06/2026"])
def test_a_check_date_must_be_a_real_date(scratch, by):
    problem = only(check_text(scratch, valid_text() + CHECK.format(by=by)))
    assert problem.message.startswith(f"checks.by '{by}' is not")


def test_a_check_says_what_to_check_in_plain_text(scratch):
    problem = only(check_text(scratch, valid_text() + 'checks:\n  - by: "2026-06-30"\n    what: Check it.\n'))
    assert problem.message == "checks.what is too short (9 characters): write at least 20"


# Abbreviations in the title and summary


def test_an_abbreviation_the_glossary_lacks_is_refused_where_it_is_written(scratch):
    problem = only(check_text(scratch, valid_text().replace("title: A fixture example used by the tests", "title: A fixture example for the XYZQ team")))
    assert (problem.line, problem.col) == (3, 8)
    assert problem.message == ("title uses the abbreviation 'XYZQ', which the glossary does not define: write it out in full, or add it to "
                               "practice_examples/guide/glossary.yaml (the term in full, abbr: XYZQ and a definition)")


@pytest.mark.parametrize("title", ["A fixture example of a DRR in court", "Two DRRs and one ATR in a fixture"])
def test_an_abbreviation_the_glossary_defines_is_accepted_also_in_the_plural(scratch, title):
    assert check_text(scratch, valid_text().replace("title: A fixture example used by the tests", f"title: {title}")) == []


def test_an_abbreviation_in_the_summary_is_checked_too(scratch):
    text = valid_text().replace("that the validator tests\n", "that the QQX validator tests\n")
    problem = only(check_text(scratch, text))
    assert problem.message.startswith("summary uses the abbreviation 'QQX'")
