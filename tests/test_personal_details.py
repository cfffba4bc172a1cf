"""The personal-details check: what it flags, what it lets through, its messages and its allow-list."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from macros.load import project
from macros.load.personal import ALLOWED_FILE, KINDS, Finding, find_personal_details, load_allowed, nhs_checksum_ok

CORPUS = FIXTURES / "personal-details"
SHOULD_FLAG = yaml.safe_load((CORPUS / "should-flag.yaml").read_text(encoding="utf-8"))
SHOULD_PASS = yaml.safe_load((CORPUS / "should-pass.yaml").read_text(encoding="utf-8"))
RECORDS = sorted((ROOT / "practice_examples").glob("*.yaml"))


def quoted(text: str, findings: list[Finding]) -> list[tuple[str, str]]:
    return [(finding.kind, text[finding.start : finding.end]) for finding in findings]


@pytest.mark.parametrize("case", SHOULD_FLAG, ids=[f"{case['kind']}:{case['found']}" for case in SHOULD_FLAG])
def test_flags_the_personal_detail_and_nothing_else(case):
    assert quoted(case["text"], find_personal_details(case["text"])) == [(case["kind"], str(case["found"]))]


def test_corpus_has_at_least_sixty_true_positives_and_three_of_every_kind():
    kinds = [case["kind"] for case in SHOULD_FLAG]
    assert len(kinds) >= 60
    assert {kind: kinds.count(kind) for kind in KINDS if kinds.count(kind) < 3} == {}


@pytest.mark.parametrize("text", SHOULD_PASS)
def test_ordinary_practice_text_passes(text):
    assert quoted(text, find_personal_details(text)) == []


@pytest.fixture(scope="module")
def library_problems():
    return project.check(ROOT)[1]


@pytest.mark.parametrize("path", RECORDS, ids=[path.relative_to(ROOT).as_posix() for path in RECORDS])
def test_record_text_has_no_personal_details_as_the_validator_checks_it(path, library_problems):
    display = path.relative_to(ROOT).as_posix()
    assert [str(problem) for problem in library_problems if problem.path == display and "looks like" in problem.message] == []


def test_the_incident_that_was_accepted_is_now_flagged_in_full():
    text = (
        "Sarah Jenkins (DOB 14/03/1994) lives on the Glascote estate and was sentenced at Tamworth Magistrates "
        "on 3 March 2025 for shoplifting. Her practitioner, Mark Thompson, helped her find a women's group."
    )
    assert quoted(text, find_personal_details(text)) == [
        ("full-name", "Sarah Jenkins"),
        ("date-of-birth", "DOB 14/03/1994"),
        ("estate-and-date", "Glascote estate and was sentenced at Tamworth Magistrates on 3 March 2025"),
        ("full-name", "Mark Thompson"),
    ]


def test_a_name_inside_a_dated_court_appearance_is_a_second_finding():
    text = "On 12/03/2025 Darren Hughes appeared at Nuneaton Magistrates for possession."
    assert quoted(text, find_personal_details(text)) == [
        ("court-and-date", "12/03/2025 Darren Hughes appeared at Nuneaton Magistrates"),
        ("full-name", "Darren Hughes"),
    ]


@pytest.mark.parametrize(
    "digits, valid",
    [("9434765919", True), ("4010232137", True), ("9434765918", False), ("4010232138", False), ("1234567890", False)],
    ids=["valid", "valid-2", "wrong-check-digit", "wrong-check-digit-2", "check-digit-would-be-10"],
)
def test_nhs_number_checksum_is_modulus_11(digits, valid):
    assert nhs_checksum_ok(digits) is valid
    spaced = f"NHS number {digits[:3]} {digits[3:6]} {digits[6:]}."
    assert quoted(spaced, find_personal_details(spaced)) == ([("nhs-number", f"{digits[:3]} {digits[3:6]} {digits[6:]}")] if valid else [])


@pytest.mark.parametrize("prefix", ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ", "DA", "FA", "QA", "AO", "AV"])
def test_national_insurance_prefixes_never_issued_are_not_flagged(prefix):
    text = f"NI {prefix}123456A."
    assert find_personal_details(text) == []


def test_allowed_text_clears_exactly_that_text():
    text = "Mr Jenkins met Mr Jenkinson; Dr Foster agreed."
    assert quoted(text, find_personal_details(text, frozenset({"Mr Jenkins"}))) == [
        ("title-and-name", "Mr Jenkinson"),
        ("title-and-name", "Dr Foster"),
    ]


def test_allowed_text_is_case_sensitive():
    text = "Mr Jenkins agreed."
    assert quoted(text, find_personal_details(text, frozenset({"mr jenkins", "Mr Jenkin"}))) == [("title-and-name", "Mr Jenkins")]


def test_allowed_text_matches_across_a_wrapped_line():
    text = "Her case was heard at Leeds Crown\n  Court on 14 May 2024, and the court made a DRR."
    allowed = frozenset({"Leeds Crown Court on 14 May 2024"})
    assert quoted(text, find_personal_details(text)) == [("court-and-date", "Leeds Crown\n  Court on 14 May 2024")]
    assert find_personal_details(text, allowed) == []


def test_message_names_the_text_and_the_fix_in_the_agreed_words():
    [finding] = find_personal_details("Mr Jenkins said he would come back.")
    assert finding.message == (
        "'Mr Jenkins' looks like a person's name: describe the person instead (\"a man in his thirties\"); "
        "if it is not a person's name, add it to practice_examples/guide/personal-details-allowed.yaml with a reason"
    )


FIRST_OF_EACH_KIND = {case["kind"]: case for case in reversed(SHOULD_FLAG)}
WHAT_TO_DO = {
    "title-and-name": "describe the person instead",
    "called-name": "describe the person instead",
    "full-name": "describe the person instead",
    "given-name": "describe the person instead",
    "date-of-birth": "give an age range instead",
    "dated-court-event": "give a rough time instead",
    "court-and-date": "give a rough time instead of the date",
    "estate-and-date": "give a rough time instead of the date",
    "nhs-number": "remove it",
    "ni-number": "remove it",
    "postcode": "name the town or region instead",
    "street-address": "name the area instead",
    "phone-number": "name the service instead",
    "email": "name the service instead",
    "prison-number": "remove it",
    "pnc-number": "remove it",
    "cro-number": "remove it",
    "crn": "remove it",
    "case-number": "remove it",
}


def test_every_kind_has_its_advice_pinned():
    assert set(WHAT_TO_DO) == set(KINDS) == set(FIRST_OF_EACH_KIND)


@pytest.mark.parametrize("case", FIRST_OF_EACH_KIND.values(), ids=FIRST_OF_EACH_KIND)
def test_every_message_quotes_the_text_and_says_what_to_do_and_how_to_allow_it(case):
    [finding] = find_personal_details(case["text"])
    assert finding.message.startswith(f"'{case['found']}' looks like ")
    what_to_do = finding.message.split(": ", 1)[1]
    assert WHAT_TO_DO[case["kind"]] in what_to_do.split("; if it is not ")[0]
    assert what_to_do.endswith(f"add it to {ALLOWED_FILE.as_posix()} with a reason")


@pytest.mark.parametrize("text", ["", " ", "\n\n", "Mr", "Mr.", "DOB", "DOB:", "born on", "case", "called", "é" * 50, "0", "+44", "@"])
def test_odd_and_empty_text_gives_no_findings(text):
    assert find_personal_details(text) == []


def test_message_quotes_a_wrapped_match_on_one_line():
    text = "The boy was sentenced\n  on 3 March 2025."
    [finding] = find_personal_details(text)
    assert finding.message.startswith("'sentenced on 3 March 2025' looks like the exact date of a court appearance")


def test_offsets_slice_back_to_the_found_text_in_order():
    text = "Notes:\n  Mr Jenkins (NI AB123456C) is at B79 7AB;\n  call 07700 900123 or email a.b@example.com."
    findings = find_personal_details(text)
    found = [text[finding.start : finding.end] for finding in findings]
    assert found == ["Mr Jenkins", "AB123456C", "B79 7AB", "07700 900123", "a.b@example.com"]
    assert [finding.start for finding in findings] == sorted(finding.start for finding in findings)


@pytest.mark.parametrize(
    "text",
    [
        "She was sentenced on 3 March 2025 at court.",
        "The offence on 3 March 2025 was her first.",
        "He appeared in court on 3 March 2025.",
    ],
)
def test_dated_event_needs_the_date_in_the_same_sentence(text):
    assert [finding.kind for finding in find_personal_details(text)] == ["dated-court-event"]
    apart = text.replace(" on 3 March 2025", "") + " The leaflet was printed on 3 March 2025."
    assert find_personal_details(apart) == []


def test_real_allow_list_loads_without_problems():
    allowed, problems = load_allowed(ROOT)
    assert problems == []
    assert all(text == " ".join(text.split()) for text in allowed)


def write_allowed(root: Path, body: str) -> None:
    (root / ALLOWED_FILE).write_text(body, encoding="utf-8")


def test_allow_list_entries_are_read(scratch):
    write_allowed(scratch, 'allowed:\n  - text: "Dr Foster"\n    reason: The name of a published hospital guide.\n')
    assert load_allowed(scratch) == (frozenset({"Dr Foster"}), [])


@pytest.mark.parametrize(
    "body, line, words",
    [
        ('allowed:\n  - text: "Dr Foster"\n', 2, "reason"),
        ('allowed:\n  - text: "Dr Foster"\n    reason: short\n', 3, "at least 10"),
        ('allowed:\n  - text: "Dr\\nFoster"\n    reason: The name of a published guide.\n', 2, "one line"),
        (
            "allowed:\n  - text: Dr Foster\n    reason: The name of a published guide.\n"
            "  - text: Dr Foster\n    reason: Listed again by mistake here.\n",
            4,
            "listed twice",
        ),
        ("allowed:\n  - text: Dr Foster\n    reason: The name of a published guide.\n    note: extra\n", 4, "note"),
        ("allowed: [\n", 2, "not valid YAML"),
    ],
    ids=["missing-reason", "short-reason", "text-on-two-lines", "listed-twice", "unknown-field", "broken-yaml"],
)
def test_allow_list_problems_are_reported_at_their_line(scratch, body, line, words):
    write_allowed(scratch, body)
    allowed, problems = load_allowed(scratch)
    assert allowed == frozenset()
    assert problems, "a broken allow-list must be reported"
    assert problems[0].path == ALLOWED_FILE.as_posix()
    assert problems[0].line == line, str(problems[0])
    assert words in problems[0].message, str(problems[0])


def test_missing_allow_list_is_reported(scratch):
    (scratch / ALLOWED_FILE).unlink()
    allowed, problems = load_allowed(scratch)
    assert allowed == frozenset()
    message = "this file is missing: create it with the line 'allowed: []'"
    assert [str(problem) for problem in problems] == [f"{ALLOWED_FILE.as_posix()}:1:1: {message}"]
