"""The personal-details check: what it flags, what it lets through, its messages and its allow-list."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from macros.load import personal, project
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


# --- Security probe F2 and F9, issue 17: details written to slip past the check ---------------

PROBE_CONTEXT = (
    "Sarah JENKINS, born on the 14th of March 1985, lives at 27 Cranbrook Road,\n"
    "Ilford ig1 4ul and is on a community order with an alcohol treatment\n"
    "requirement. Her DOB is 14.03.85, her NHS number is 943\u00a0476\u00a05919,\n"
    "her National Insurance number is AB-12-34-56-C, her prison number was\n"
    "a1234bc, her PNC is 2019/0123456 X, her nDelius record is X123456\n"
    "and her mobile is 07700.900.123. Her brother Oluwaseun Adeyemi, aged 37,\n"
    "and Sa\u00adrah Jenkins, aged 37, told us she is called Mr JENKINS by staff.\n"
    "**Sarah** Jenkins, aged 37, DOB 1&#52;/03/1985, NHS number 943**476**5919,\n"
    "National Insurance number AB12&#51;456C, prison number A12&#51;4BC, mobile\n"
    "077&#48;0 900123, postcode IG1 &#52;UL. S\u0430rah Jenkins, aged 37, and her\n"
    "son Conor *O\u2019Brien*-Walsh, aged 19, were seen at the day centre every week.\n"
)


def test_every_detail_of_the_probes_bypass_record_is_found():
    assert [(finding.kind, finding.quote) for finding in find_personal_details(PROBE_CONTEXT)] == [
        ("full-name", "Sarah JENKINS"),
        ("date-of-birth", "born on the 14th of March 1985"),
        ("street-address", "27 Cranbrook Road"),
        ("postcode", "ig1 4ul"),
        ("date-of-birth", "DOB is 14.03.85"),
        ("nhs-number", "943 476 5919"),
        ("ni-number", "AB-12-34-56-C"),
        ("prison-number", "a1234bc"),
        ("pnc-number", "2019/0123456 X"),
        ("crn", "X123456"),
        ("phone-number", "07700.900.123"),
        ("full-name", "Oluwaseun Adeyemi"),
        ("full-name", "Sarah Jenkins"),
        ("title-and-name", "Mr JENKINS"),
        ("full-name", "Sarah Jenkins"),
        ("date-of-birth", "DOB 14/03/1985"),
        ("nhs-number", "9434765919"),
        ("ni-number", "AB123456C"),
        ("prison-number", "A1234BC"),
        ("phone-number", "07700 900123"),
        ("postcode", "IG1 4UL"),
        ("full-name", "Sarah Jenkins"),
        ("full-name", "Conor O'Brien-Walsh"),
    ]


@pytest.mark.parametrize(
    "text, kind, found",
    [
        ("**Sarah** Jenkins came in.", "full-name", "Sarah Jenkins"),
        ("S&#97;rah Jenkins came in.", "full-name", "Sarah Jenkins"),
        ("Sa\u00adrah Jenkins came in.", "full-name", "Sarah Jenkins"),
        ("Sa\u200brah Jenkins came in.", "full-name", "Sarah Jenkins"),
        ("S\u0430rah Jenkins came in.", "full-name", "Sarah Jenkins"),
        ("\u0421hl\u03bfe Evans came in.", "full-name", "Chloe Evans"),
        ("\uff33arah Jenkins came in.", "full-name", "Sarah Jenkins"),
        ("Sarah\u00a0Jenkins came in.", "full-name", "Sarah Jenkins"),
        ("Siân Jones came in.", "full-name", "Sian Jones"),
        ("NHS 943**476**5919.", "nhs-number", "9434765919"),
        ("NHS 943&#32;476&#x20;5919.", "nhs-number", "943 476 5919"),
        ("NHS 943\\-476\\-5919.", "nhs-number", "943-476-5919"),
        ("NI \uff21\uff22123456\uff23.", "ni-number", "AB123456C"),
        ("Mobile 077\u00ad00 900\u2060123.", "phone-number", "07700 900123"),
        ("Postcode IG1\u202f4UL.", "postcode", "IG1 4UL"),
    ],
    ids=["emphasis", "entity", "soft-hyphen", "zero-width", "cyrillic", "greek-and-cyrillic", "fullwidth", "no-break-space", "accent",
         "nhs-emphasis", "nhs-entities", "nhs-escapes", "ni-fullwidth", "phone-invisible", "postcode-narrow-space"],
)
def test_a_detail_is_found_however_it_is_disguised_and_quoted_as_a_reader_sees_it(text, kind, found):
    assert [(finding.kind, finding.quote) for finding in find_personal_details(text)] == [(kind, found)]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Sarah JENKINS attended.", "Sarah JENKINS"),
        ("SARAH JENKINS attended.", "SARAH JENKINS"),
        ("Mr JENKINS attended.", "Mr JENKINS"),
        ("Darren Hughes was given a DRR.", "Darren Hughes"),
        ("Kevin said he had not used.", "Kevin"),
        ("We gave Kevin a lift.", "Kevin"),
        ("Kevin's mother came.", "Kevin"),
        ("Her brother Oluwaseun Adeyemi, aged 37, came.", "Oluwaseun Adeyemi"),
        ("Her daughter Precious Okafor said no.", "Precious Okafor"),
    ],
)
def test_names_in_capitals_first_names_alone_and_names_not_on_the_list_are_found(text, found):
    assert [finding.quote for finding in find_personal_details(text)] == [found]


@pytest.mark.parametrize(
    "text",
    ["Mark each step on the plan.", "Grace Period is the newsletter.", "The Howard League published it.", "Guidance from AVA helped.",
     "He lived in Chelsea for a year.", "Dame Carol Black's review was cited.", "St John Ambulance trained staff."],
)
def test_names_that_are_words_places_bodies_or_public_figures_are_not_flagged(text):
    assert find_personal_details(text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("She was born on the 14th of March 1985.", "born on the 14th of March 1985"),
        ("Born March 1985, she left school early.", "Born March 1985"),
        ("He was born in 1979.", "born in 1979"),
        ("DOB 14.03.85 on the form.", "DOB 14.03.85"),
        ("DOB 14 03 1985 on the form.", "DOB 14 03 1985"),
        ("DOB 14031985 on the form.", "DOB 14031985"),
        ("He was born on the twenty-first of May 1990.", "born on the twenty-first of May 1990"),
        ("Her birthday is 14 March.", "birthday is 14 March"),
    ],
)
def test_dates_of_birth_are_found_in_every_common_written_form(text, found):
    assert [(finding.kind, finding.quote) for finding in find_personal_details(text)] == [("date-of-birth", found)]


@pytest.mark.parametrize(
    "text, kind, found",
    [
        ("NHS 943 476-5919.", "nhs-number", "943 476-5919"),
        ("NHS 943.476.5919.", "nhs-number", "943.476.5919"),
        ("NI AB-12-34-56-C.", "ni-number", "AB-12-34-56-C"),
        ("Prison number A 1234 BC.", "prison-number", "A 1234 BC"),
        ("PNC 2019/0123456 X.", "pnc-number", "2019/0123456 X"),
        ("Her record is X123456.", "crn", "X123456"),
        ("Call 0 7700 900123.", "phone-number", "0 7700 900123"),
        ("Call +44-7700-900123.", "phone-number", "+44-7700-900123"),
        ("She lives in ig1 4ul.", "postcode", "ig1 4ul"),
        ("She lives in IG1  4UL.", "postcode", "IG1 4UL"),
        ("The flat is at 14a Victoria Avenue.", "street-address", "14a Victoria Avenue"),
    ],
)
def test_identifiers_are_found_with_any_separator_and_case(text, kind, found):
    assert [(finding.kind, finding.quote) for finding in find_personal_details(text)] == [(kind, found)]


def test_an_allowed_finding_clears_only_itself_not_the_details_inside_it():
    """The probe's F9: allowing a dated court event once hid the name, DOB, NHS and phone number inside it."""
    text = ("He was sentenced at court after Sarah Jenkins (DOB 14/03/1985, NHS number 943 476 5919, phone 07700 900123) "
            "gave evidence on 14 March 2023.")
    event = "at court after Sarah Jenkins (DOB 14/03/1985, NHS number 943 476 5919, phone 07700 900123) gave evidence on 14 March 2023"
    before = [(finding.kind, finding.quote) for finding in find_personal_details(text)]
    assert ("dated-court-event", event) in before
    after = [(finding.kind, finding.quote) for finding in find_personal_details(text, frozenset({event}))]
    # The date of birth, said once inside the court event before, is now a finding of its own.
    assert after == [
        ("full-name", "Sarah Jenkins"),
        ("date-of-birth", "DOB 14/03/1985"),
        ("nhs-number", "943 476 5919"),
        ("phone-number", "07700 900123"),
    ]


def test_allow_list_entries_are_compared_as_a_reader_sees_them(scratch):
    write_allowed(scratch, 'allowed:\n  - text: "Dr\\u00a0Foster"\n    reason: The name of a published hospital guide.\n')
    allowed, problems = load_allowed(scratch)
    assert problems == []
    text = "Dr F&#111;ster's guide was cited."
    assert [finding.quote for finding in find_personal_details(text)] == ["Dr Foster"]
    assert find_personal_details(text, allowed) == []


def test_a_sources_title_and_publisher_may_name_people_but_not_hold_their_numbers():
    assert find_personal_details("Russell Webster", citation=True) == []
    assert [finding.kind for finding in find_personal_details("Russell Webster, 07700 900123", citation=True)] == ["phone-number"]
    assert [finding.kind for finding in find_personal_details("Russell Webster")] == ["full-name"]


PLANTED = yaml.safe_load((CORPUS / "planted.yaml").read_text(encoding="utf-8"))


def test_the_planted_corpus_has_300_details_in_40_forms():
    assert len(PLANTED) >= 40
    assert sum(len(form["details"]) for form in PLANTED) >= 300
    assert {form["kind"] for form in PLANTED} == set(KINDS)


def test_recall_on_the_planted_corpus_stays_at_least_95_percent():
    import benchmark_personal

    cases = list(benchmark_personal.planted())
    found = 0
    for _, kind, sentence, detail in cases:
        expected = benchmark_personal.shown(detail)
        found += any(benchmark_personal.family(finding.kind) == benchmark_personal.family(kind)
                     and (expected in finding.quote or finding.quote in expected)
                     for _, finding, _ in benchmark_personal.findings(("context",), sentence))
    assert found / len(cases) >= 0.95, f"{found} of {len(cases)}"


def test_words_are_split_as_the_linear_word_pattern_splits_them():
    # Plain-ASCII text is split by str methods (faster than RE2 match by match); other text by the pattern itself.
    rng = random.Random(7)
    alphabet = "aZé'-- .,1_\n'x"
    texts = ["", "'tis rock'n'roll- -- O'Brien-Walsh's 2nd", "Kevin's mum--said", *("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000))]
    for text in texts:
        assert list(personal._word_spans(text)) == [match.span() for match in personal._TOKEN.finditer(text)], repr(text)


# Texts at the edge of the shortcut that skips the name scan for text without a title, a given name or a
# word about a person before a capitalised word.
NAME_EDGES = [
    "her ex-partner Oluwaseun Adeyemi, aged 37", "the man's Kevin", "MR SMITH came in", "O'BRIEN-WALSH said", "Anne-Marie said",
    "KEVIN'S mother", "her brother, Oluwaseun ADEYEMI", "a client Tobiloba Eze (29)", "the WOMAN Chidinma Obi, 41", "Mr J. Smith",
    "Dr Gray's Hospital", "her daughter Precious Okafor said", "We gave Kevin a lift", "in Chelsea", "Mark each step",
    "a man called Tiberius Stone", "a man  Tiberius Stone, 30", "a man\nTiberius Stone, 30", "Zoë said", "Kevin’s mother",
    "the practitioner, Hal Nwosu, 52", "no names here at all", "the probation officer met a Crown Court judge",
]


@pytest.mark.parametrize("text", NAME_EDGES + [case["text"] for case in SHOULD_FLAG] + SHOULD_PASS)
def test_the_name_scan_shortcut_skips_only_text_the_full_scan_finds_nothing_in(text):
    seen = personal.read(text).text
    assert list(personal._names(seen, personal.Sentences(seen))) == list(personal._scan_names(seen))


def test_the_name_scan_is_skipped_for_text_with_no_sign_of_a_name():
    assert not personal._may_name("the probation officer met the judge at the Crown Court")
    assert personal._may_name("the officer met Kevin")
    assert personal._may_name("her partner Tiberius Stone")
