"""Spot personal details in contributed text: names, dates of birth, identifying numbers, addresses.

Practice examples are about real people's lives, so every text field of a record is checked
before a reviewer sees it. Each finding quotes the text and says what to write instead. Text a
reviewer has agreed is not a person's details is listed, with a reason, in ALLOWED_FILE.

Every pattern is bounded (no nested open-ended repeats over the same characters), so a long
or hostile text is checked in linear time; scripts/benchmark_personal.py measures it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from macros.load import schema as schema_module
from macros.load import yamlsafe
from macros.load.given_names import GIVEN_NAMES
from macros.base.problems import Problem

ALLOWED_FILE = Path("practice_examples/guide/personal-details-allowed.yaml")
GUIDE_SCHEMA = Path("practice_examples/guide/schema.json")


@dataclass(frozen=True)
class Finding:
    start: int  # character offset of the match in the text
    end: int
    kind: str
    message: str


# kind -> (what it looks like, what to do instead, what it is not if the contributor disagrees)
_ADVICE: dict[str, tuple[str, str, str]] = {
    "title-and-name": ("a person's name", 'describe the person instead ("a man in his thirties")', "a person's name"),
    "called-name": ("a person's name", 'describe the person instead ("a woman in her forties")', "a person's name"),
    "full-name": ("a person's name", 'describe the person instead ("a man in his thirties", "her practitioner")', "a person's name"),
    "date-of-birth": ("a date of birth", 'leave it out and give an age range instead ("in her early thirties")', "a date of birth"),
    "dated-court-event": (
        "the exact date of a court appearance, sentence, arrest or offence",
        'give a rough time instead ("earlier this year", "a few weeks before the report")',
        "about a person (for example a law's or a report's published date)",
    ),
    "court-and-date": (
        "a named court with a date, which can identify a case",
        "say \"a magistrates' court\" or \"a Crown Court\" and give a rough time instead of the date",
        "about a person's case",
    ),
    "estate-and-date": (
        "a named housing estate with a date, which can identify a person",
        'say "a housing estate in the town" and give a rough time instead of the date',
        "about a person",
    ),
    "nhs-number": ("an NHS number", "remove it", "an NHS number"),
    "ni-number": ("a National Insurance number", "remove it", "a National Insurance number"),
    "postcode": ("a full postcode", 'name the town or region instead ("a town in the West Midlands")', "a postcode"),
    "phone-number": ("a phone number", "remove it; for a service, name the service instead", "a person's phone number"),
    "email": ("an email address", "remove it; for a service, name the service instead", "a person's email address"),
    "prison-number": ("a prison number", "remove it", "a prison number"),
    "pnc-number": ("a Police National Computer reference", "remove it", "a PNC reference"),
    "cro-number": ("a Criminal Records Office number", "remove it", "a CRO number"),
    "case-number": ("a court or case reference number", "remove it", "a case reference"),
}
KINDS: tuple[str, ...] = tuple(_ADVICE)
# Kinds that find the same detail in different ways, so that one inside another is said once.
_FAMILIES = {"title-and-name": "name", "called-name": "name", "full-name": "name"} | {
    kind: "date" for kind in ("date-of-birth", "dated-court-event", "court-and-date", "estate-and-date")
}
_URL = re.compile(r"\bhttps?://[^\s<>\"')\]]+")
_DIGIT = re.compile(r"\d")
_URL_KIND = "web-address"  # clears what is inside it; never reported


def find_personal_details(text: str, allowed: frozenset[str] = frozenset()) -> list[Finding]:
    """Every likely personal detail in text, in order, except allowed text and anything inside it."""
    sentences = Sentences(text)
    spans = {span for detector in _DETECTORS for span in detector(text, sentences)}
    if not spans:
        return []
    # A web address is a published source's, and its digits are page numbers, not people's numbers.
    spans |= {(url.start(), url.end(), _URL_KIND) for url in _URL.finditer(text)}
    findings = []
    cleared = -1  # end of the last allowed text or web address: nothing inside them is reported
    reach: dict[str, int] = {}  # end of the last finding of each family
    # One finding per detail: a name inside a longer name ("Sarah Jenkins" in "Mrs Sarah Jenkins")
    # is said once, but a name inside a dated court appearance is a second thing to fix.
    for start, end, kind in sorted(spans, key=lambda span: (span[0], -span[1], span[2])):
        found = text[start:end]
        if end <= cleared:
            continue
        if kind == _URL_KIND or _quote(found) in allowed:
            cleared = end
            continue
        family = _FAMILIES.get(kind, kind)
        if end <= reach.get(family, -1):
            continue
        reach[family] = end
        findings.append(Finding(start, end, kind, _message(found, kind)))
    return findings


def load_allowed(root: Path) -> tuple[frozenset[str], list[Problem]]:
    """The reviewed allow-list, checked against its schema; problems instead of texts if it is broken."""
    display = ALLOWED_FILE.as_posix()
    path = root / ALLOWED_FILE
    if not path.is_file():
        return frozenset(), [Problem(display, 1, 1, "this file is missing: create it with the line 'allowed: []'")]
    located, problems = yamlsafe.load(path, display)
    if located is None or problems:
        return frozenset(), problems
    shapes = schema_module.read_schema(root / GUIDE_SCHEMA, GUIDE_SCHEMA.as_posix())
    schema = {"$ref": "#/$defs/personalDetailsAllowedFile", "$defs": shapes["$defs"]}
    problems = schema_module.check(located.data, located, schema, display) + schema_module.hidden_characters(located.data, located, display)
    if problems:
        return frozenset(), problems
    seen: dict[str, int] = {}
    for index, entry in enumerate(located.data["allowed"]):
        text = _quote(entry["text"])
        line, col = located.position(("allowed", index, "text"))
        if text in seen:
            problems.append(Problem(display, line, col, f"'{text}' is listed twice (first on line {seen[text]}): keep one"))
        seen.setdefault(text, line)
    return (frozenset() if problems else frozenset(seen)), problems


def nhs_checksum_ok(digits: str) -> bool:
    """The NHS number's modulus 11 check: weights 10..2 on the first nine digits give the tenth."""
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _quote(found: str) -> str:
    # A match may run over a line break in a wrapped YAML paragraph: quote it, and compare it
    # with the allow-list, as one line.
    return " ".join(found.split())


def _message(found: str, kind: str) -> str:
    what, fix, not_what = _ADVICE[kind]
    return f"'{_quote(found)}' looks like {what}: {fix}; if it is not {not_what}, add it to {ALLOWED_FILE.as_posix()} with a reason"


class Sentences:
    """Where each sentence of a text starts, to tell whether two matches share a sentence."""

    # A sentence ends at . ! or ? before a capital letter, at a blank line, or where a list item starts.
    _BREAK = re.compile(r"[.!?][\"')\]’”]*\s+(?=[\"'(\[‘“]?[A-Z])|\n[ \t]*\n|\n[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]")

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> list[int]:  # found only when a date needs it: most texts have none
        return [0] + [match.end() for match in self._BREAK.finditer(self.text)]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


# --- Shared pieces -------------------------------------------------------------------------

_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b(?:\.(?=[ \t]+\d))?)"  # "3 Jan. 2025", not a full stop
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_NUM_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_NUM_MONTH = r"(?:1[0-2]|0?[1-9])"
# A day and month, with or without a year, in the usual ways of writing it.
_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    rf"{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+(?P<y1>{_YEAR}|['’]\d{{2}}))?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+(?P<y2>{_YEAR}))?"
    rf"|{_NUM_DAY}/{_NUM_MONTH}/(?P<y3>{_YEAR}|\d{{2}})"
    rf"|{_NUM_DAY}(?P<sep>[.-]){_NUM_MONTH}(?P=sep)(?P<y4>{_YEAR})"
    rf"|(?P<y5>{_YEAR})-(?:1[0-2]|0[1-9])-(?:3[01]|[12]\d|0[1-9])"
    r")(?![\w/]|[.-]\d)"
)
_RANGE_BEFORE = re.compile(r"\b(?:[Bb]etween|[Ff]rom|[Ss]ince|(?:on[ \t\n]+or[ \t\n]+)?(?:[Aa]fter|[Bb]efore))\s+$")
# Words just before a date that make it the date of a law, a launch or a publication, not of a person's case.
_PUBLIC_DATE_WORDS = frozenset(
    """assent force effect commenced commencement published publication launched launch began started opened
    introduced announced created established founded issued updated guide guidance guideline guidelines circular blog
    evaluation inspection""".split()
)
_PRONOUNS = frozenset("he she his her him they their them".split())
_RANGE_JOIN = re.compile(r"\s*(?:to|until|till|and|through|-|–|—)\s*")

_PERSON_NOUNS = frozenset(
    """man woman men women boy girl lad mother mum father dad son daughter stepson stepdaughter brother
    sister partner ex-partner wife husband boyfriend girlfriend grandmother grandfather nan gran aunt
    uncle cousin niece nephew child friend neighbour client practitioner officer worker keyworker
    mentor manager nurse doctor victim defendant offender probationer resident tenant prisoner person
    colleague landlord""".split()
)
_PERSON_WORDS = _PERSON_NOUNS | frozenset(
    """he she her his him hers himself herself who aged age born dob lives lived says said told asked explained
    sentenced arrested convicted charged remanded appeared attended pleaded admitted agreed refused missed wanted
    wants felt feels used uses drank drinks relapsed moved works worked visited mr mrs ms miss mx dr""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _words_near(text: str, start: int, end: int, count: int) -> tuple[list[str], list[str]]:
    """Up to count words (lower case) just before start and just after end."""
    before = [word.lower() for word in _WORD.findall(text[max(0, start - 20 * count) : start])][-count:]
    after = [word.lower() for word in _WORD.findall(text[end : end + 20 * count])][:count]
    return before, after


def _dates(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, has a year) of each date that could be a day in someone's life."""
    # Left out: dates that open or close a period ("from 1 April 2023", "1 to 3 May", "on or after
    # 1 October 2024") and the dates of laws, launches and publications ("came into force on 1 December 2020").
    found = [(m.start(), m.end(), any(m.group(g) for g in ("y1", "y2", "y3", "y4", "y5"))) for m in _DATE.finditer(text)]
    single = []
    for index, (start, end, has_year) in enumerate(found):
        joined_before = index > 0 and _RANGE_JOIN.fullmatch(text, found[index - 1][1], start)
        joined_after = index + 1 < len(found) and _RANGE_JOIN.fullmatch(text, end, found[index + 1][0])
        before = set(_words_near(text, start, start, 4)[0])
        public = _PUBLIC_DATE_WORDS & before and not _PRONOUNS & before  # "the pilot began on", not "he began his order on"
        if not (joined_before or joined_after or public or _RANGE_BEFORE.search(text, max(0, start - 20), start)):
            single.append((start, end, has_year))
    return single


def _nearest(spans: list[tuple[int, int, bool]], starts: list[int], start: int, end: int) -> tuple[int, int, bool] | None:
    """The span in spans (sorted, with their starts) nearest to start..end."""
    index = bisect.bisect_left(starts, start)
    candidates = spans[max(0, index - 1) : index + 1]
    return min(candidates, key=lambda span: max(span[0] - end, start - span[1]), default=None)


def _paired_with_date(
    text: str, sentences: Sentences, dates: list[tuple[int, int, bool]], anchors: Iterator[tuple[int, int]], kind: str, need_year: bool,
    dob_spans: set[tuple[int, int]],
) -> Iterator[tuple[int, int, str]]:
    """Anchor..date spans, one per date, joining it to the nearest anchor (court, estate, event) in its sentence."""
    by_sentence: dict[int, list[tuple[int, int, bool]]] = {}
    for date in dates:
        if (date[0], date[1]) not in dob_spans and (date[2] or not need_year):
            by_sentence.setdefault(sentences.of(date[0]), []).append(date)
    starts = {sentence: [date[0] for date in dates] for sentence, dates in by_sentence.items()}
    closest: dict[tuple[int, int, bool], tuple[int, int, int]] = {}  # date -> (distance, anchor start, anchor end)
    for start, end in anchors:
        sentence = sentences.of(start)
        date = _nearest(by_sentence.get(sentence, []), starts.get(sentence, []), start, end)
        if date is not None:
            candidate = (max(date[0] - end, start - date[1]), start, end)
            closest[date] = min(closest.get(date, candidate), candidate)
    for date, (_, start, end) in closest.items():
        yield min(start, date[0]), max(end, date[1]), kind


# --- Names -----------------------------------------------------------------------------------

_NAME_WORD = r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_GAP = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"  # a space, or a line break where a YAML paragraph wraps
_TITLE = re.compile(rf"\b(?:Mrs|Mr|Ms|Miss|Mx|Dr)\.?{_GAP}(?:[A-Z]\.?{_GAP}){{0,2}}{_NAME_WORD}(?:{_GAP}{_NAME_WORD})?\b")
_CALLED = re.compile(
    r"\b(?:called|named|nicknamed|known[ \t]+as|goes[ \t]+by)[ \t\n]+[\"'‘“]?"
    rf"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ \t]+{_NAME_WORD}){{0,2}})\b"
)
_DETERMINERS = frozenset("a an her his their my our your one another".split())
_GIVEN = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")  # "Sarah", "Kelly-Ann"
_AGE_AFTER = re.compile(r"[ \t]*(?:,[ \t]*|\([ \t]*)(?:aged[ \t]+)?\d{1,2}\b")  # "Aisha Khan, 29," "Joanne Hill (37)"
_SURNAME = re.compile(rf"{_GAP}(?P<last>{_NAME_WORD})\b")
_NEXT_WORD = re.compile(r"[ \t\n]+(\w+)")
# Capitalised words that follow a given name without being a surname ("Victoria Road", "Mark Week").
_NOT_SURNAMES = frozenset(
    """The And Of For In On At To A An Academy Act Aid Appeal Association Avenue Award Bridge Centre Center Charity
    Clinic Close College Council Court Crescent Crown Drive Estate Foundation Fund Gardens Group Health Hospital
    House Institute Lane Library Lodge Magistrates Museum Network Park Partnership Place Police Practice Prison
    Probation Programme Project Recovery Report Review Road School Service Services Society Square Station Street
    Surgery Team Terrace Theatre Trust Unit University Way Week Month Year Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October November December England
    Wales Scotland Ireland Britain UK NHS""".split()
)
# A word after the surname that makes the pair part of a place's or body's name ("Sarah Jenkins House").
_ORGANISATION_WORDS = _NOT_SURNAMES - {"The", "And", "Of", "For", "In", "On", "At", "To", "A", "An"}
_PLACE_PREFIXES = frozenset("st st. saint hmp hmyoi mount port fort lake royal queen king prince princess".split())


def _titles(text: str, sentences: Sentences) -> Iterator[tuple[int, int, str]]:
    if not any(title in text for title in ("Mr", "Ms", "Miss", "Mx", "Dr")):  # what _TITLE starts with ("Mrs" has "Mr")
        return
    for match in _TITLE.finditer(text):
        words = list(re.finditer(r"\S+", match.group()))
        following = _NEXT_WORD.match(text, match.end())
        if words[-1].group() in _ORGANISATION_WORDS or (following and following.group(1) in _ORGANISATION_WORDS):
            continue  # a place or body named after someone: "Dr Gray's Hospital", "Mrs Smith House"
        if words[-1].group() in _NOT_SURNAMES:  # "Mr Jenkins And...": the name stops before "And"
            words.pop()
        last = words[-1].group()
        if len(words) > 1 and re.fullmatch(_NAME_WORD, last) and last not in _NOT_SURNAMES:
            yield match.start(), match.start() + words[-1].end(), "title-and-name"


def _is_given_name(word: str) -> bool:
    return word in GIVEN_NAMES or any(part in GIVEN_NAMES for part in word.split("-"))


def _called(text: str, sentences: Sentences) -> Iterator[tuple[int, int, str]]:
    # "called" is also a verb ("she called Turning Point"): what follows only counts as a name if it
    # starts with a given name, or if what is called is "a man", "her son" and the like.
    if not any(word in text for word in ("called", "named", "known", "goes")):  # what _CALLED starts with
        return
    for match in _CALLED.finditer(text):
        before, _ = _words_near(text, match.start(), match.start(), 4)
        nouns = [index for index, word in enumerate(before) if word in _PERSON_NOUNS]
        named_person = bool(nouns) and any(word in _DETERMINERS for word in before[: nouns[-1]])
        words = list(re.finditer(r"\S+", match.group("name")))
        while len(words) > 1 and words[-1].group() in _NOT_SURNAMES:
            words.pop()
        if _is_given_name(words[0].group()) or named_person:
            yield match.start("name"), match.start("name") + words[-1].end(), "called-name"


def _full_names(text: str, sentences: Sentences) -> Iterator[tuple[int, int, str]]:
    for first in _GIVEN.finditer(text):
        if not _is_given_name(first.group()):
            continue
        surname = _SURNAME.match(text, first.end())
        if not surname or surname.group("last") in _NOT_SURNAMES:
            continue
        if _is_given_name(surname.group("last")):  # a middle name: "Lisa Marie Evans"
            last = _SURNAME.match(text, surname.end())
            if last and last.group("last") not in _NOT_SURNAMES:
                surname = last
        before, after = _words_near(text, first.start(), surname.end(), 6)
        if before and before[-1] in _PLACE_PREFIXES:
            continue
        following = _NEXT_WORD.match(text, surname.end())
        if following and following.group(1) in _ORGANISATION_WORDS:
            continue
        if _PERSON_WORDS & set(before + after) or _AGE_AFTER.match(text, surname.end()):
            yield first.start(), surname.end(), "full-name"


# --- Dates -----------------------------------------------------------------------------------

_DOB = re.compile(
    r"(?:\b(?:DOB|DoB|Dob|[Dd]ate[ \t]+of[ \t]+birth|[Bb]orn(?:[ \t]+on)?)\b|\b(?:D\.O\.B|d\.o\.b)\.?)"
    r"[ \t:;,(–-]{0,4}(?:(?:is|was|of)[ \t]+)?"
)
_EVENT = re.compile(
    r"\b(?:(?:re-?)?sentenced|Sentenced|convicted|Convicted|conviction|charged|Charged|arrested|Arrested|arrest"
    r"|remanded|Remanded|appeared|appearance|pleaded|offences?(?![ \t\n]+of\b)|hearing(?![ \t]+(?:loss|aid|impair))"
    r"|(?<!-)sentence(?![ \t]+treatment)"
    r"|(?:in|at|before)[ \t]+(?:the[ \t]+)?(?:(?:magistrates['’]?|crown|youth)[ \t]+)?court)\b"
)
_PLACE_NAME = r"[A-Z][\w'’-]*[ \t\n]+(?:(?:upon|on|under|in)[ \t\n]+)?"
_COURT = re.compile(
    rf"(?<![\w'’-])(?P<name>(?:{_PLACE_NAME}){{1,3}})"
    r"(?:Magistrates['’]?(?:[ \t\n]+Court)?|(?:Crown|Youth|County|Family|Combined)[ \t\n]+Court)(?![\w'’])"
)
_ESTATE = re.compile(rf"(?<![\w'’-])(?P<name>(?:{_PLACE_NAME}){{1,3}})[Ee]state\b")
# Capitalised words that start a sentence or describe a court or an estate rather than name one.
_NOT_PLACE_NAMES = frozenset(
    """The A An This That These Those Each Every Any Some Many Most All Our Your Their His Her Its Local District Lay
    Senior New Old Crown Real Housing Council Social Public Private Prison Hospital National Country Industrial
    Trading Business Landed In At On By From To For With When Where While After Before During Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October
    November December""".split()
)


def _named(regex: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """Matches of regex whose name part is a real place name once leading common words are dropped."""
    for match in regex.finditer(text):
        for word in re.finditer(r"\S+", match.group("name")):
            if word.group() not in _NOT_PLACE_NAMES:
                yield match.start() + word.start(), match.end()
                break


def _dates_after_dob(text: str) -> Iterator[tuple[re.Match[str], re.Match[str]]]:
    """("DOB", the date just after it) for each date of birth."""
    for match in _DOB.finditer(text):
        date = _DATE.match(text, match.end())
        if date:
            yield match, date


def _dates_of_birth(text: str, sentences: Sentences) -> Iterator[tuple[int, int, str]]:
    if not _DIGIT.search(text):  # every form of _DATE has a digit
        return
    for marker, date in _dates_after_dob(text):
        yield marker.start(), date.end(), "date-of-birth"


def _dated_places_and_events(text: str, sentences: Sentences) -> Iterator[tuple[int, int, str]]:
    dates = _dates(text) if _DIGIT.search(text) else []  # every form of _DATE has a digit
    if not dates:
        return  # each finding here joins something to a date
    dob_dates = {date.span() for _, date in _dates_after_dob(text)}
    events = ((m.start(), m.end()) for m in _EVENT.finditer(text))
    yield from _paired_with_date(text, sentences, dates, events, "dated-court-event", True, dob_dates)
    yield from _paired_with_date(text, sentences, dates, _named(_COURT, text), "court-and-date", False, dob_dates)
    yield from _paired_with_date(text, sentences, dates, _named(_ESTATE, text), "estate-and-date", False, dob_dates)


# --- Numbers and addresses -------------------------------------------------------------------

_NHS = re.compile(r"(?<![\w-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w]|[ -]\d)")
_NI = re.compile(
    r"(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?[A-D](?![A-Za-z0-9])",
    re.IGNORECASE,
)
_NI_UNUSED_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_POSTCODE = re.compile(r"(?<![A-Za-z0-9])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)[ \t]?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])")
# Landlines (01, 02) and mobiles (07); 03 and 08 numbers are services' helplines, not people's.
_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)44[ \t]?(?:\(0\)[ \t]?)?|\(?0)(?P<number>[127](?:[ \t)-]{0,2}\d){8,9})(?!\d)")
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}\b")
_PRISON = re.compile(r"(?<![A-Za-z0-9])[A-Z]\d{4}[A-Z]{2}(?![A-Za-z0-9])")
_PNC = re.compile(r"(?<![\w/])(?:\d{4}|\d{2})/\d{4,7}[A-Z](?![\w/])")
_CRO = re.compile(r"(?<![\w/])\d{3,6}/\d{2}[A-Z](?![\w/])")
_CROWN_COURT_CASE = re.compile(r"(?<![A-Za-z0-9])[TSA](?:19|20)\d{2}\d{4}(?![A-Za-z0-9])")
_POLICE_URN = re.compile(r"(?<![A-Za-z0-9])\d{2}[A-Z]{2}\d{7}(?:/\d{2})?(?![A-Za-z0-9])")
_NEAR_CASE = re.compile(
    r"\b(?:[Cc]ase|[Rr]eference|[Rr]ef|URN|CRN|[Cc]rime|[Cc]ustody|[Ii]ndictment|[Ff]ile)\b"
    r"(?:\W{1,5}\w{1,20}){0,3}?\W{1,5}(?P<id>[A-Z]{0,3}\d{6,20}[A-Z]{0,2})(?!\w)"
)


def _numbers(text: str, sentences: Sentences) -> Iterator[tuple[int, int, str]]:
    if not _DIGIT.search(text):  # every number below has digits; an email address has an @
        if "@" in text:
            yield from ((match.start(), match.end(), "email") for match in _EMAIL.finditer(text))
        return
    for match in _NHS.finditer(text):
        if nhs_checksum_ok(match.group(1) + match.group(3) + match.group(4)):
            yield match.start(), match.end(), "nhs-number"
    for match in _NI.finditer(text):
        if match.group(1).upper() not in _NI_UNUSED_PREFIXES:
            yield match.start(), match.end(), "ni-number"
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group("number"))
        if len(digits) == 10 or not digits.startswith("7"):
            yield match.start(), match.end(), "phone-number"
    for kind, regex in (
        ("postcode", _POSTCODE),
        ("email", _EMAIL),
        ("prison-number", _PRISON),
        ("pnc-number", _PNC),
        ("cro-number", _CRO),
        ("case-number", _CROWN_COURT_CASE),
        ("case-number", _POLICE_URN),
    ):
        for match in regex.finditer(text):
            yield match.start(), match.end(), kind
    for match in _NEAR_CASE.finditer(text):
        yield match.start("id"), match.end("id"), "case-number"


_DETECTORS = (_titles, _called, _full_names, _dates_of_birth, _dated_places_and_events, _numbers)
