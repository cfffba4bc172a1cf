"""Spot personal details in contributed text: names, dates of birth, identifying numbers, addresses.

Practice examples are about real people's lives, so every text field of a record is checked
before a reviewer sees it. Each finding quotes the text and says what to write instead. Text a
reviewer has agreed is not a person's details is listed, with a reason, in ALLOWED_FILE.

The check reads text as a reader would see it (`read`): HTML entities and Markdown escapes
decoded, Markdown emphasis and invisible characters dropped, look-alike letters from other
alphabets and fullwidth or styled letters folded to plain ones, accents removed, and every run
of spaces (no-break ones too) made one space. Findings still point into the text as written.
The validator also runs it on each Markdown field's page text (see macros/load/examples.py).

Every pattern runs in RE2 (macros/base/linear.py), and everything else is one pass over the text or
looks at a bounded window, so a long or hostile text is checked in linear time.
"""

from __future__ import annotations

import bisect
import html
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from macros.base import linear
from macros.base.problems import Problem
from macros.load import schema as schema_module
from macros.load import yamlsafe
from macros.load.given_names import GIVEN_NAMES, WORD_LIKE_NAMES

ALLOWED_FILE = Path("practice_examples/guide/personal-details-allowed.yaml")
GUIDE_SCHEMA = Path("practice_examples/guide/schema.json")


@dataclass(frozen=True)
class Finding:
    start: int  # character offsets of the match in the text as written
    end: int
    kind: str
    quote: str  # the match as a reader sees it, on one line
    message: str


# kind -> (what it looks like, what to do instead, what it is not if the contributor disagrees)
_ADVICE: dict[str, tuple[str, str, str]] = {
    "title-and-name": ("a person's name", 'describe the person instead ("a man in his thirties")', "a person's name"),
    "called-name": ("a person's name", 'describe the person instead ("a woman in her forties")', "a person's name"),
    "full-name": ("a person's name", 'describe the person instead ("a man in his thirties", "her practitioner")', "a person's name"),
    "given-name": ("a person's first name", 'describe the person instead ("the man", "she", "her son")', "a person's name"),
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
    "street-address": ("a street address", 'name the area instead ("a terraced street near the town centre")', "a person's address"),
    "phone-number": ("a phone number", "remove it; for a service, name the service instead", "a person's phone number"),
    "email": ("an email address", "remove it; for a service, name the service instead", "a person's email address"),
    "prison-number": ("a prison number", "remove it", "a prison number"),
    "pnc-number": ("a Police National Computer reference", "remove it", "a PNC reference"),
    "cro-number": ("a Criminal Records Office number", "remove it", "a CRO number"),
    "crn": ("an nDelius case reference number (CRN)", "remove it", "a CRN"),
    "case-number": ("a court or case reference number", "remove it", "a case reference"),
}
KINDS: tuple[str, ...] = tuple(_ADVICE)
# Kinds that find the same detail in different ways, so that one inside another is said once.
FAMILIES = {kind: "name" for kind in ("title-and-name", "called-name", "full-name", "given-name")} | {
    kind: "date" for kind in ("date-of-birth", "dated-court-event", "court-and-date", "estate-and-date")
} | {"crn": "reference", "case-number": "reference"}


def _compile(pattern: str, ignore_case: bool = False):
    # The check reads text with every run of spaces made one space or one line break (`read`), so
    # a space in a pattern here may also be a line break where a YAML paragraph wraps.
    return linear.compile(pattern.replace(" ", r"\s"), ignore_case=ignore_case)


def _span(match, group: str) -> tuple[int, int]:
    return match.span(match.re.groupindex[group])  # RE2's matches take only a group's number here


_URL = _compile(r"\bhttps?://[^\s<>\"')\]]+")


# --- Reading text as a reader sees it --------------------------------------------------------

# Letters from other alphabets drawn like Latin ones (Unicode's confusables for Cyrillic, Greek
# and Lisu capitals), written in to slip a name or number past the check.
_CONFUSABLES = {
    **dict(zip("АВЕЗКМНОРСТУХЅІЈӀԚԜҮаеорсуxѕіјԁһӏԛԝүѵ", "ABE3KMHOPCTYXSIJIQWYaeopcyxsijdhlqwyv")),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιρνυκ", "ABEZHIKMNOPTYXoipvuk")),
    **dict(zip("ꓮꓐꓚꓓꓰꓝꓖꓧꓲꓙꓗꓡꓟꓠꓳꓑꓣꓢꓔꓴꓦꓪꓫꓬꓜ", "ABCDEFGHIJKLMNOPRSTUVWXYZ")),
    "ı": "i", "ȷ": "j", "ɡ": "g", "ℓ": "l",
    "‘": "'", "’": "'", "ʼ": "'", "′": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"',
    **dict.fromkeys("‐‑‒–—―−", "-"),
}
_EMPHASIS = "*_~"  # Markdown emphasis and strike-through marks: dropped where they touch a word
_ENTITY = _compile(r"&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});?")
_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!|<>~'\"")
_NEWLINES = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Words of printable ASCII without & \ * _ ~ (which may start an entity, an escape or emphasis), one space or
# one line break apart: `read` keeps each of their characters as it is, so it reads a run of them at once.
_PLAIN = "[\\x21-\\x25\\x27-\\x29\\x2b-\\x5b\\x5d\\x5e\\x60-\\x7d]+"
_PLAIN_RUN = linear.compile(f"{_PLAIN}(?:[ \\n]{_PLAIN})*")


@dataclass(frozen=True)
class Reading:
    """Text as a reader sees it, and where each of its characters came from in the text as written."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


# Characters `read` may change in ASCII text: what may start an entity, an escape or emphasis, and
# whitespace other than a space or a line break. Without them, and without runs of whitespace that it
# makes one (two spaces, a space beside a line break, three line breaks), it reads text as written.
_READ_CHANGES = linear.character_class(r"[&\\*_~\x00-\x09\x0b-\x1f\x7f]")  # one pass in C, not a set test a character
_READ_RUNS = ("  ", " \n", "\n ", "\n\n\n")


def read(source: str) -> Reading:
    if source.isascii() and not _READ_CHANGES.search(source) and not any(run in source for run in _READ_RUNS):
        return _as_written(source)
    entities = {match.start(): match for match in _ENTITY.finditer(source)} if "&" in source else {}
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    newlines = 0  # in the run of spaces being read; -1 outside a run

    def emit(char: str, start: int, end: int) -> None:
        nonlocal newlines
        if char.isspace():
            line_break = char in _NEWLINES
            if newlines >= 0 and out:  # carry on the run: one space, one line break, or a blank line
                ends[-1] = end
                if line_break and newlines < 2:
                    newlines += 1
                    if out[-1] == " ":
                        out[-1] = "\n"
                    elif newlines == 2:
                        out.append("\n")
                        starts.append(start)
                        ends.append(end)
                return
            newlines = 1 if line_break else 0
            char = "\n" if line_break else " "
        else:
            newlines = -1
        out.append(char)
        starts.append(start)
        ends.append(end)

    def read_slowly(index: int, stop: int) -> int:
        """Read from index, one character (or entity, or escape) at a time, to stop or just past it."""
        while index < stop:
            char = source[index]
            entity = entities.get(index)
            if entity:
                piece, after = html.unescape(entity.group()), entity.end()
            elif char == "\\" and index + 1 < length and source[index + 1] in _ESCAPABLE:
                piece, after = source[index + 1], index + 2
            elif char == "\r" and source.startswith("\n", index + 1):
                piece, after = "", index + 1  # a Windows line end is one line break
            else:
                piece, after = char, index + 1
            for part in piece:
                if part in _EMPHASIS and _touches_word(source, index, after):
                    continue
                for folded in part if part < "\x80" else _fold(part):
                    emit(folded, index, after)
            index = after
        return index

    length = len(source)
    index = 0
    for run in _PLAIN_RUN.finditer(source):
        start, end = run.span()
        index = read_slowly(index, start)
        if index > start:  # an entity or an escape read into the run
            index = read_slowly(index, end)
            continue
        out.append(run.group())  # each character as itself, as read_slowly would
        starts.extend(range(start, end))
        ends.extend(range(start + 1, end + 1))
        newlines = -1
        index = end
    read_slowly(index, length)
    return Reading("".join(out), tuple(starts), tuple(ends))


def _as_written(source: str) -> Reading:
    """What `read` makes of text it keeps as written: each character from itself, except that the first
    line break of a blank line reaches to the end of the second, as a run of spaces does."""
    longer = []
    blank = source.find("\n\n")
    while blank >= 0:
        longer.append(blank)
        blank = source.find("\n\n", blank + 2)
    return Reading(source, range(len(source)), _Ends(len(source), frozenset(longer)) if longer else range(1, len(source) + 1))


class _Ends(Sequence[int]):
    """Where each character of a text read as written ends: just after itself, or one further for those in longer."""

    def __init__(self, length: int, longer: frozenset[int]) -> None:
        self._length = length
        self._longer = longer

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[each] for each in range(*index.indices(self._length))]
        position = index + self._length if index < 0 else index
        if not 0 <= position < self._length:
            raise IndexError(index)
        return position + 1 + (position in self._longer)


def _touches_word(source: str, start: int, end: int) -> bool:
    before = source[start - 1] if start else " "
    after = source[end] if end < len(source) else " "
    return not (before.isspace() and after.isspace())


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """One character as plain letters: compatibility forms unpacked, accents and invisible characters dropped."""
    folded = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.category(part) in ("Mn", "Me", "Cf", "Cs", "Cc") and not part.isspace():
            continue
        folded.append(_CONFUSABLES.get(part, part))
    return "".join(folded)


def locate(reading: Reading, found: str, after: int = 0) -> int:
    """Where a quote from a text's page is in the text as read, by its first word, looking from after; -1 if it is not there."""
    return reading.text.find(found.split()[0], after)


def quote(text: str) -> str:
    """Text as the check quotes it: read as a reader sees it, on one line."""
    return " ".join(read(text).text.split())


# --- Finding, allowing and reporting -------------------------------------------------------------


def find_personal_details(text: str, allowed: frozenset[str] = frozenset(), *, citation: bool = False) -> list[Finding]:
    """Every likely personal detail in text, in order, except allowed text.

    A citation (a source's title or publisher) names its authors and the public figures it is
    about, so names are not looked for in it; numbers, dates and addresses still are.
    """
    return find_in(read(text), allowed, citation=citation)


def find_in(reading: Reading, allowed: frozenset[str] = frozenset(), *, citation: bool = False) -> list[Finding]:
    """find_personal_details for a text already read."""
    seen = reading.text
    sentences = Sentences(seen)
    detectors = _DETECTORS[2:] if citation else _DETECTORS
    spans = {span for detector in detectors for span in detector(seen, sentences)}
    if not spans:
        return []
    # A web address is a published source's, and its digits are page numbers, not people's numbers.
    urls = [(url.start(), url.end()) for url in _URL.finditer(seen)] if "://" in seen else []
    findings = []
    url_end = -1
    reach: dict[str, int] = {}  # end of the last reported finding of each family
    said = (-1, -1)  # where the last reported finding is
    # One finding per detail: a name inside a longer name ("Sarah Jenkins" in "Mrs Sarah Jenkins")
    # is said once, but a name inside a dated court appearance is a second thing to fix. An
    # allowed finding clears only itself: a name or number inside allowed text is still reported.
    urls_left = iter(urls)
    next_url = next(urls_left, None)
    for start, end, kind in sorted(spans, key=lambda span: (span[0], -span[1], span[2])):
        while next_url and next_url[0] <= start:
            url_end = max(url_end, next_url[1])
            next_url = next(urls_left, None)
        found = " ".join(seen[start:end].split())
        if end <= url_end or found in allowed:
            continue
        family = FAMILIES.get(kind, kind)
        if end <= reach.get(family, -1) or (findings and (start, end) == said):
            continue  # said already, as this family or as another kind of the same text
        reach[family] = end
        said = (start, end)
        source_start, source_end = reading.source_span(start, end)
        findings.append(Finding(source_start, source_end, kind, found, _message(found, kind)))
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
        text = quote(entry["text"])
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


def _message(found: str, kind: str) -> str:
    what, fix, not_what = _ADVICE[kind]
    return f"'{found}' looks like {what}: {fix}; if it is not {not_what}, add it to {ALLOWED_FILE.as_posix()} with a reason"


class Sentences:
    """Where each sentence of a text starts, to tell whether two matches share a sentence."""

    # A sentence ends at . ! or ? before a capital letter, at a blank line, or where a list item starts.
    _BREAK = _compile(r"[.!?][\"')\]]*\s+(?P<next>[\"'(\[]?[A-Z])|\n\n|\n(?:[-*+]|\d{1,3}[.)]) ")

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> list[int]:  # found only when a date needs it: most texts have none
        return [0] + [_span(match, "next")[0] if match.group("next") else match.end() for match in self._BREAK.finditer(self.text)]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def _before(text: str, start: int, forbidden: str) -> bool:
    """Whether the character before start is not alphanumeric and not one of forbidden."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in forbidden)


def _after(text: str, end: int, forbidden: str = "") -> bool:
    return end == len(text) or not (text[end].isalnum() or text[end] in forbidden)


# --- Dates -----------------------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_MONTH_GUARD = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # in each of _MONTH's words
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth thirtieth"
).split()
_DAY = (  # "14", "14th", "fourteenth", "twenty-first"
    r"(?:(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?|(?:(?:twenty|thirty)[- ])?(?:"
    + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + "))"
)
_YEAR = r"(?:19|20)[0-9]{2}"
_NUM_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
_NUM_MONTH = r"(?:1[0-2]|0?[1-9])"
# A day and month, with or without a year, in the usual ways of writing it.
_DATE_FORMS = (
    rf"(?:the )?{_DAY} (?:of )?{_MONTH}\b(?:,? (?P<y1>{_YEAR}|'[0-9]{{2}}))?"
    rf"|{_MONTH} (?:the )?{_DAY}\b(?:,? (?P<y2>{_YEAR}))?"
    rf"|{_NUM_DAY}/{_NUM_MONTH}/(?P<y3>{_YEAR}|[0-9]{{2}})"
    rf"|{_NUM_DAY}\.{_NUM_MONTH}\.(?P<y4>{_YEAR})|{_NUM_DAY}-{_NUM_MONTH}-(?P<y6>{_YEAR})"
    rf"|(?P<y5>{_YEAR})-(?:1[0-2]|0[1-9])-(?:3[01]|[12][0-9]|0[1-9])"
)
_DATE = _compile(rf"\b(?:{_DATE_FORMS})")
_YEAR_GROUPS = ("y1", "y2", "y3", "y4", "y5", "y6")
# Dates of birth are also written with two-digit years, spaces or no separators, or as a month and year.
_DOB = _compile(
    r"(?i:\b(?:dob|d\.o\.b\.?|date of birth|birth ?date|birthday|born))[ :;,(-]{0,4}(?:(?:is|was|of|on|in|:) ){0,2}"
    rf"(?P<date>{_DATE_FORMS}"
    rf"|{_NUM_DAY}[ ./-]{_NUM_MONTH}[ ./-](?:{_YEAR}|[0-9]{{2}})"
    rf"|(?:3[01]|[12][0-9]|0[1-9])(?:1[0-2]|0[1-9]){_YEAR}"
    rf"|{_MONTH},? {_YEAR}|{_YEAR})"
)
_RANGE_BEFORE = _compile(r"\b(?:[Bb]etween|[Ff]rom|[Ss]ince|(?:on or )?(?:[Aa]fter|[Bb]efore)) $")
# Words just before a date that make it the date of a law, a launch or a publication, not of a person's case.
_PUBLIC_DATE_WORDS = frozenset(
    """assent force effect commenced commencement published publication launched launch began started opened
    introduced announced created established founded issued updated guide guidance guideline guidelines circular blog
    evaluation inspection""".split()
)
_PRONOUNS = frozenset("he she his her him they their them".split())
_RANGE_JOIN = _compile(r" ?(?:to|until|till|and|through|-) ?")

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
_WORD = _compile(r"[A-Za-z][A-Za-z'-]*")


def _words_near(text: str, start: int, end: int, count: int) -> tuple[list[str], list[str]]:
    """Up to count words (lower case) just before start and just after end."""
    before = [word.lower() for word in _WORD.findall(text[max(0, start - 20 * count) : start])][-count:]
    after = [word.lower() for word in _WORD.findall(text[end : end + 20 * count])][:count]
    return before, after


def _date_ends_cleanly(text: str, start: int, end: int) -> bool:
    # Not part of a longer number, address or reference: "1/2/2025/3", "v1.2.2025", "3-4-2025-5".
    return _before(text, start, "/.-") and _after(text, end, "/") and not (text[end : end + 1] in (".", "-") and text[end + 1 : end + 2].isdigit())


def _dates(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, has a year) of each date that could be a day in someone's life."""
    # Left out: dates that open or close a period ("from 1 April 2023", "1 to 3 May", "on or after
    # 1 October 2024") and the dates of laws, launches and publications ("came into force on 1 December 2020").
    if not _DIGIT.search(text) and not any(month in text for month in _MONTH_GUARD):
        return []  # each of _DATE's forms has a digit or a month
    found = [(m.start(), m.end(), any(m.group(g) for g in _YEAR_GROUPS)) for m in _DATE.finditer(text) if _date_ends_cleanly(text, m.start(), m.end())]
    single = []
    for index, (start, end, has_year) in enumerate(found):
        joined_before = index > 0 and _RANGE_JOIN.fullmatch(text[found[index - 1][1] : start])
        joined_after = index + 1 < len(found) and _RANGE_JOIN.fullmatch(text[end : found[index + 1][0]])
        before = set(_words_near(text, start, start, 4)[0])
        public = _PUBLIC_DATE_WORDS & before and not _PRONOUNS & before  # "the pilot began on", not "he began his order on"
        if not (joined_before or joined_after or public or _RANGE_BEFORE.search(text[max(0, start - 20) : start])):
            single.append((start, end, has_year))
    return single


def _nearest(spans: list[tuple[int, int, bool]], starts: list[int], start: int, end: int) -> tuple[int, int, bool] | None:
    """The span in spans (sorted, with their starts) nearest to start..end."""
    index = bisect.bisect_left(starts, start)
    candidates = spans[max(0, index - 1) : index + 1]
    return min(candidates, key=lambda span: max(span[0] - end, start - span[1]), default=None)


def _paired_with_date(
    sentences: Sentences, dates: list[tuple[int, int, bool]], anchors: Iterator[tuple[int, int]], kind: str, need_year: bool,
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


def _dates_after_dob(text: str) -> Iterator[tuple[int, int, int]]:
    """(start of "DOB", start and end of the date) for each date of birth."""
    folded = text.lower()
    if not ("birth" in folded or "born" in folded or "dob" in folded or "d.o.b" in folded):
        return  # each of _DOB's words has one of these (in any case: after `read`, no letter folds to them)
    for match in _DOB.finditer(text):
        start, end = _span(match, "date")
        if _before(text, match.start(), "'-") and _after(text, end, "/") and not (text[end : end + 1] in ".-/" and text[end + 1 : end + 2].isdigit()):
            yield match.start(), start, end


def _dates_of_birth(text: str, sentences: Sentences) -> Iterator[tuple[int, int, str]]:
    for marker, _, end in _dates_after_dob(text):
        yield marker, end, "date-of-birth"


_EVENT = _compile(
    r"\b(?:(?:re-?)?sentenced|Sentenced|convicted|Convicted|conviction|charged|Charged|arrested|Arrested|arrest"
    r"|remanded|Remanded|appeared|appearance|pleaded|offences?|hearing|sentence"
    r"|(?:in|at|before) (?:the )?(?:(?:magistrates'?|crown|youth) )?court)\b"
)
# Words after an event word that make it something else: "offences of this kind", "hearing loss", "sentence treatment".
_NOT_EVENTS = {"offence": ("of",), "offences": ("of",), "hearing": ("loss", "aid", "aids", "impaired", "impairment"), "sentence": ("treatment",)}
_PLACE_NAME = r"[A-Z][A-Za-z'-]* (?:(?:upon|on|under|in) )?"
_COURT = _compile(
    rf"\b(?P<name>(?:{_PLACE_NAME}){{1,3}})"
    r"(?:Magistrates'?(?: Court)?|(?:Crown|Youth|County|Family|Combined) Court)\b"
)
_ESTATE = _compile(rf"\b(?P<name>(?:{_PLACE_NAME}){{1,3}})[Ee]state\b")
# Capitalised words that start a sentence or describe a court or an estate rather than name one.
_NOT_PLACE_NAMES = frozenset(
    """The A An This That These Those Each Every Any Some Many Most All Our Your Their His Her Its Local District Lay
    Senior New Old Crown Real Housing Council Social Public Private Prison Hospital National Country Industrial
    Trading Business Landed In At On By From To For With When Where While After Before During Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October
    November December""".split()
)


def _events(text: str) -> Iterator[tuple[int, int]]:
    for match in _EVENT.finditer(text):
        word = match.group()
        after = _words_near(text, match.end(), match.end(), 1)[1]
        if (word == "sentence" and text[match.start() - 1 : match.start()] == "-") or (after and after[0] in _NOT_EVENTS.get(word, ())):
            continue
        yield match.start(), match.end()


def _named(regex, text: str) -> Iterator[tuple[int, int]]:
    """Matches of regex whose name part is a real place name once leading common words are dropped."""
    for match in regex.finditer(text):
        if not _before(text, match.start(), "'-"):
            continue
        offset = match.start()
        for word in match.group("name").split():
            if word and word not in _NOT_PLACE_NAMES:
                yield offset, match.end()
                break
            offset += len(word) + 1


def _dated_places_and_events(text: str, sentences: Sentences) -> Iterator[tuple[int, int, str]]:
    dates = _dates(text)
    if not dates:
        return  # each finding here joins something to a date
    dob_dates = {(start, end) for _, start, end in _dates_after_dob(text)}
    yield from _paired_with_date(sentences, dates, _events(text), "dated-court-event", True, dob_dates)
    yield from _paired_with_date(sentences, dates, _named(_COURT, text), "court-and-date", False, dob_dates)
    yield from _paired_with_date(sentences, dates, _named(_ESTATE, text), "estate-and-date", False, dob_dates)


# --- Names -----------------------------------------------------------------------------------

_TOKEN = _compile(r"\pL(?:[\pL'-]*\pL)?")
_TITLES = frozenset("Mr Mrs Ms Miss Mx Dr MR MRS MS MISS MX DR".split())
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
_PLACE_PREFIXES = frozenset("st saint hmp hmyoi mount port fort lake royal queen king prince princess".split())
# Capitals that are abbreviations, never surnames ("Sarah NHS" is not a name).
_ABBREVIATIONS = frozenset(
    """AA ADDER ATR CGL CRC DRR DTTO GP HMP HMPPS ID IOM MAPPA MARAC NA NHS NPS OASys PCC PSR RAR SMS UK USA YOT""".split()
)
_DETERMINERS = frozenset("a an her his their my our your one another".split())
# Words before a name that make it a public figure's, named in published sources: "Dame Carol Black",
# "Health Secretary Sajid Javid".
_HONOURS = frozenset("dame sir lord lady baroness baron professor prof secretary minister chancellor commissioner inspector mp".split())
_BEFORE_PUBLIC_NAMES = _PLACE_PREFIXES | _HONOURS
# A name followed by a year is a citation: "(Russell Webster, September 2021)", "Smith (2019)".
_CITED = _compile(rf"^,? \(?(?:{_MONTH} )?(?:19|20)[0-9]{{2}}\b")
# Words after a lone given name that show it is a person's: "Kevin said", "Kevin's mother".
_PERSON_VERBS = frozenset(
    """said says told tells asked asks explained explains was is had has felt feels wanted wants agreed agrees refused
    refuses missed misses used uses drank drinks relapsed moved works worked lives lived arrived attended admitted
    decided described started stopped left came went got became began kept took needed needs liked likes
    would could will can did does didn't wasn't isn't hadn't won't couldn't reported disclosed mentioned engaged
    completed struggled responded replied shared spoke talks talked cried laughed smiled joined returned""".split()
)
_CALLED_WORDS = frozenset("called named nicknamed".split())
_PLACE_WORDS = frozenset("in at near around across outside inside".split())  # before a name that is also a place
# After a name that is also a word ("Grace Period is..."), only a verb of speaking or doing marks a person.
_AUXILIARIES = frozenset("was is had has would could will can did does didn't wasn't isn't hadn't won't couldn't".split())


class _Token(NamedTuple):
    start: int
    end: int  # of the word, without a possessive 's
    word: str
    gap: str  # the text between the previous token and this one
    possessive: bool  # "Kevin's"


# Plain-ASCII text (most text, once read) is split at everything but letters, apostrophes and hyphens
# by str methods, each a pass in C: RE2's matches cost far more, one by one, from Python.
_NOT_IN_WORDS = {code: " " for code in range(128) if not (chr(code).isalpha() or chr(code) in "'-")}


def _word_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each of _TOKEN's matches: a letter, then letters, apostrophes and hyphens up to the last letter."""
    if not text.isascii():
        for match in _TOKEN.finditer(text):
            yield match.start(), match.end()
        return
    position = 0
    for run in text.translate(_NOT_IN_WORDS).split(" "):
        if run:
            word = run.strip("'-")
            if word:
                start = position + run.index(word[0])
                yield start, start + len(word)
        position += len(run) + 1


def _tokens(text: str) -> list[_Token]:
    tokens = []
    previous_end = 0
    for start, end in _word_spans(text):
        word = text[start:end]
        possessive = word.endswith(("'s", "'S"))
        if possessive:
            word = word[:-2]
        tokens.append(_Token(start, start + len(word), word, text[previous_end:start], possessive))
        previous_end = end
    return tokens


def _name_shaped(word: str) -> bool:
    """A capitalised name ("Jenkins", "McDonald", "O'Brien-Walsh") or one in capitals ("JENKINS")."""
    if word in _ABBREVIATIONS:
        return False
    for part in word.split("-"):
        for prefix in ("Mc", "Mac", "O'", "D'", "MC", "MAC"):
            if part.startswith(prefix) and len(part) > len(prefix) + 1 and part[len(prefix)].isupper():
                part = part[len(prefix) :]
                break
        letters = part.replace("'", "")
        if not (len(letters) > 1 and letters[0].isupper() and (letters[1:].islower() or letters.isupper())):
            return False
    return True


def _given(word: str, names: frozenset[str] = GIVEN_NAMES) -> bool:
    word = word.title() if word.isupper() else word
    return word in names or any(part in names for part in word.split("-") if part)


def _adjacent(token: _Token) -> bool:
    return token.gap in (" ", "\n")


def _surname(tokens: list[_Token], index: int) -> bool:
    if index >= len(tokens) or not _adjacent(tokens[index]) or tokens[index - 1].possessive:
        return False
    word = tokens[index].word
    return _name_shaped(word) and word not in _NOT_SURNAMES and word.title() not in _NOT_SURNAMES


def _organisation_follows(tokens: list[_Token], index: int) -> bool:
    return index < len(tokens) and _adjacent(tokens[index]) and tokens[index].word in _ORGANISATION_WORDS


def _age_follows(text: str, end: int) -> bool:
    """"Aisha Khan, 29," "Joanne Hill (37)" "Oluwaseun Adeyemi, aged 37"."""
    window = text[end : end + 12]
    for opening in (", aged ", " (aged ", " aged ", ", ", " ("):
        if window.startswith(opening):
            digits = window[len(opening) :][:3]
            count = len(digits) - len(digits.lstrip("0123456789"))
            return 0 < count < 3 and not digits[count:count + 1].isalnum()
    return False


# Words of ASCII text as runs of letters: each token `_names` looks at is one run or more, joined by ' or -.
_NOT_LETTERS = {code: " " for code in range(128) if not chr(code).isalpha()}


def _letter_runs(word: str) -> list[str]:
    return word.translate(_NOT_LETTERS).split()


# Letter runs of the words `_names` starts from (titles, given names, in capitals too): a token that is one
# of them, or has one as a hyphenated part, holds at least one of these runs.
_NAME_RUNS = frozenset(
    run for word in _TITLES | GIVEN_NAMES | WORD_LIKE_NAMES for form in (word, word.upper()) for run in _letter_runs(form)
)

_PERSON_NOUN_ENDS = frozenset(_letter_runs(noun)[-1] for noun in _PERSON_NOUNS)  # "ex-partner" ends "partner"


def _may_name(text: str) -> bool:
    """False for ASCII text in which `_names` can find nothing: no title or given name, and no word about
    a person followed by a capitalised word (the start of a name not in the list); True otherwise."""
    if not text.isascii():
        return True
    if not _NAME_RUNS.isdisjoint(_letter_runs(text)):
        return True
    lowered = text.lower()
    for noun in _PERSON_NOUN_ENDS.intersection(_letter_runs(lowered)):
        at = lowered.find(noun)
        while at >= 0:
            after = at + len(noun)
            after += 2 if lowered.startswith("'s", after) else 0
            gap = 2 if text.startswith(", ", after) else 1 if text.startswith(" ", after) else 0
            if gap and text[after + gap : after + gap + 1].isupper():
                return True
            at = lowered.find(noun, at + 1)
    return False


def _names(text: str, sentences: Sentences) -> Iterator[tuple[int, int, str]]:
    return _scan_names(text) if _may_name(text) else iter(())


def _scan_names(text: str) -> Iterator[tuple[int, int, str]]:
    tokens = _tokens(text)
    for index, token in enumerate(tokens):
        previous = tokens[index - 1].word.lower() if index else ""
        if not token.word[0].isupper() or (previous in _BEFORE_PUBLIC_NAMES and token.gap in (" ", ". ", "\n")):
            continue  # "St John Ambulance", "HMP Leeds", "Dame Carol Black"
        if token.word in _TITLES:
            yield from _titled(text, tokens, index)
        elif _given(token.word) or _given(token.word, WORD_LIKE_NAMES):
            yield from _given_name(text, tokens, index)
        elif previous in _PERSON_NOUNS and token.gap in (" ", ", ") and _name_shaped(token.word) and _surname(tokens, index + 1):
            # "her brother Oluwaseun Adeyemi, aged 37": a name not in the list, marked by an age or capitals
            last = tokens[index + 1]
            if (_age_follows(text, last.end) or last.word.isupper()) and token.word not in _NOT_PLACE_NAMES:
                yield token.start, last.end, "full-name"


def _titled(text: str, tokens: list[_Token], index: int) -> Iterator[tuple[int, int, str]]:
    """"Mr Jenkins", "Mrs Sarah Jenkins", "Mr J. Smith", "Mr JENKINS"."""
    position = index + 1
    initials = 0
    while position < len(tokens) and initials < 2 and len(tokens[position].word) == 1 and tokens[position].word.isupper():
        if tokens[position].gap not in (" ", "\n", ". ", ".\n"):
            return
        initials += 1
        position += 1
    if position >= len(tokens) or tokens[position].gap.lstrip(".") not in (" ", "\n") or not _name_shaped(tokens[position].word):
        return
    words = [tokens[position]]
    if position + 1 < len(tokens) and _adjacent(tokens[position + 1]) and _name_shaped(tokens[position + 1].word):
        words.append(tokens[position + 1])
    if words[-1].word in _ORGANISATION_WORDS or _organisation_follows(tokens, position + len(words)):
        return  # a place or body named after someone: "Dr Gray's Hospital", "Mrs Smith House"
    if words[-1].word in _NOT_SURNAMES:  # "Mr Jenkins And...": the name stops before "And"
        words.pop()
    if words and words[-1].word not in _NOT_SURNAMES:
        yield tokens[index].start, words[-1].end, "title-and-name"


def _previous_word(tokens: list[_Token], index: int) -> str:
    return tokens[index - 1].word.lower() if index and tokens[index].gap in (" ", ", ", "\n") else ""


def _given_name(text: str, tokens: list[_Token], index: int) -> Iterator[tuple[int, int, str]]:
    token = tokens[index]
    word_like = not _given(token.word)
    last = index + 1 if _surname(tokens, index + 1) else None
    if last is not None and _given(tokens[last].word) and _surname(tokens, last + 1):
        last += 1  # a middle name: "Lisa Marie Evans"
    if last is not None:
        end = tokens[last].end
        if _organisation_follows(tokens, last + 1) or _CITED.search(text[end : end + 24]):
            return
        if word_like:  # "Precious", "Glen": only a name beside a word about a person ("her daughter Precious Okafor said")
            following = tokens[last + 1].word.lower() if last + 1 < len(tokens) else ""
            evidence = _previous_word(tokens, index) in _PERSON_NOUNS or following in _PERSON_VERBS - _AUXILIARIES or tokens[last].word.isupper()
            if not (evidence or _age_follows(text, end)):
                return
        yield token.start, end, "full-name"
        return
    if word_like or (index + 1 < len(tokens) and _adjacent(tokens[index + 1]) and tokens[index + 1].word in _ORGANISATION_WORDS):
        return
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    before, _ = _words_near(text, token.start, token.start, 3)
    named_person = bool(before) and (before[-1] in _PERSON_NOUNS or before[-1] in _CALLED_WORDS)
    acts = following is not None and following.gap in (" ", "\n", ", ") and following.word.lower() in _PERSON_VERBS
    # Inside a sentence a capitalised given name is a person ("We gave Kevin a lift"), unless it is a
    # place ("in Chelsea"), part of a longer proper name or an abbreviation in capitals ("AVA");
    # at a sentence's start it may be an ordinary word ("Mark each step"), so it needs a sign of a person.
    inside = index > 0 and token.gap in (" ", "\n", ", ") and not token.word.isupper()
    proper_noun_before = index > 0 and _adjacent(token) and tokens[index - 1].word[0].isupper()
    placed = bool(before) and before[-1] in _PLACE_WORDS
    if token.possessive or named_person or acts or _age_follows(text, token.end) or (inside and not proper_noun_before and not placed):
        yield token.start, token.end, "given-name"


_CALLED = _compile(
    r"\b(?:called|named|nicknamed|known as|goes by) [\"']?"
    r"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: (?:Mc|Mac|O'|D')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?){0,2})\b"
)

_CALLED_GUARD = ("called", "named", "known", "goes")  # a word each of _CALLED's matches has (in "nicknamed" too)


def _called(text: str, sentences: Sentences) -> Iterator[tuple[int, int, str]]:
    if not any(word in text for word in _CALLED_GUARD):
        return
    # "called" is also a verb ("she called Turning Point"): what follows only counts as a name if it
    # starts with a given name, or if what is called is "a man", "her son" and the like.
    for match in _CALLED.finditer(text):
        before, _ = _words_near(text, match.start(), match.start(), 4)
        nouns = [index for index, word in enumerate(before) if word in _PERSON_NOUNS]
        named_person = bool(nouns) and any(word in _DETERMINERS for word in before[: nouns[-1]])
        words = match.group("name").split()
        while len(words) > 1 and words[-1] in _NOT_SURNAMES:
            words.pop()
        if _given(words[0]) or named_person:
            start = _span(match, "name")[0]
            yield start, start + len(" ".join(words)), "called-name"  # one space or line break between words


# --- Numbers and addresses -------------------------------------------------------------------

_SEP = r"[ ./-]?"
_NHS = _compile(rf"\b([0-9]{{3}}){_SEP}([0-9]{{3}}){_SEP}([0-9]{{4}})\b")
_NI = _compile(
    rf"\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]){_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[A-D]\b", ignore_case=True
)
_NI_UNUSED_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_POSTCODE = _compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]?|GIR) ?[0-9][ABD-HJLNP-UW-Z]{2}\b", ignore_case=True)
# Landlines (01, 02) and mobiles (07); 03 and 08 numbers are services' helplines, not people's.
_PHONE = _compile(r"(?:(?:\+ ?|\b00)44[ .-]?(?:\(0\)[ .-]?)?|\(?\b0[ .-]?)(?P<number>[127](?:[ .)-]{0,2}[0-9]){8,9})\b")
_EMAIL = _compile(r"[A-Za-z0-9.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}\b")
_PRISON = _compile(r"\b(?:[A-Z][0-9]{4}[A-Z]{2}|[a-z][0-9]{4}[a-z]{2}|[A-Z] [0-9]{4} [A-Z]{2})\b")
_PNC = _compile(r"\b(?:[0-9]{4}|[0-9]{2})/[0-9]{4,7} ?[A-Z]\b", ignore_case=True)
_CRO = _compile(r"\b[0-9]{3,6}/[0-9]{2}[A-Z]\b", ignore_case=True)
_CRN = _compile(r"\b[A-Z][0-9]{6}\b", ignore_case=True)
_CROWN_COURT_CASE = _compile(r"\b[TSA](?:19|20)[0-9]{2}[0-9]{4}\b")
_POLICE_URN = _compile(r"\b[0-9]{2}[A-Z]{2}[0-9]{7}(?:/[0-9]{2})?\b")
_NEAR_CASE = _compile(
    r"\b(?:[Cc]ase|[Rr]eference|[Rr]ef|URN|CRN|[Cc]rime|[Cc]ustody|[Ii]ndictment|[Ff]ile)\b"
    r"(?:[^A-Za-z0-9]{1,5}[A-Za-z0-9]{1,20}){0,3}?[^A-Za-z0-9]{1,5}(?P<id>[A-Z]{0,3}[0-9]{6,20}[A-Z]{0,2})\b"
)
_STREET_WORDS = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Gardens|Terrace|Place|Grove|Square|Hill|Walk|Row|Mews"
    "|Rise|Green|Parade|View|Vale|Gate|Court|Park"
)
_STREET = _compile(
    rf"\b(?:[Ff]lat [0-9]{{1,4}}[A-Za-z]?,? )?[0-9]{{1,4}}[A-Za-z]?,? (?:[A-Z][a-z'-]+ ){{1,3}}(?:{_STREET_WORDS})\b"
    rf"|\b(?:lives|lived|living|staying|stays|stayed|moved|address is|resides) (?:at|on|in|to) (?:[A-Z][a-z'-]+ ){{1,3}}(?:{_STREET_WORDS})\b"
)
# Place words that a number names, not a house: "2 Crown Court", "3 Magistrates Court", "the 1988 Road Traffic Act".
_DIGIT = linear.character_class(r"[0-9]")
_NOT_STREET_NAMES = frozenset("Crown Magistrates Magistrates' Youth County Family Combined Royal".split())


# Words one of _STREET's matches without a house number has ("lives", "lived", "living", "staying", ...).
_STREET_GUARD = ("live", "living", "stay", "moved", "address", "resides")
_NOT_DIGITS = {code: None for code in range(ord("0"), ord("9") + 1)}


def _numbers(text: str, sentences: Sentences) -> Iterator[tuple[int, int, str]]:
    # Each pattern needs a number of ASCII digits (or a word or symbol) that most texts lack: counted
    # once, they save running the patterns that cannot match.
    digits = len(text) - len(text.translate(_NOT_DIGITS))
    if digits or any(word in text for word in _STREET_GUARD):
        for match in _STREET.finditer(text):
            if not set(match.group().split()) & _NOT_STREET_NAMES:
                yield match.start(), match.end(), "street-address"
    if "@" in text:
        for match in _EMAIL.finditer(text):
            if _before(text, match.start(), ".%+-"):
                yield match.start(), match.end(), "email"
    if not digits:
        return  # every other pattern here needs a digit, and most texts have none
    for match in _NHS.finditer(text) if digits >= 10 else ():
        separated = not (text[match.end() : match.end() + 1] in " ./-" and text[match.end() + 1 : match.end() + 2].isdigit())
        if _before(text, match.start(), "-/.") and separated and nhs_checksum_ok(match.group(1) + match.group(2) + match.group(3)):
            yield match.start(), match.end(), "nhs-number"
    for match in _NI.finditer(text) if digits >= 6 else ():
        if match.group(1).upper() not in _NI_UNUSED_PREFIXES:
            yield match.start(), match.end(), "ni-number"
    for match in _PHONE.finditer(text) if digits >= 9 else ():
        number = "".join(char for char in match.group("number") if char.isdigit())
        if _before(text, match.start(), "+") and (len(number) == 10 or not number.startswith("7")):
            yield match.start(), match.end(), "phone-number"
    slash = "/" in text
    for kind, regex, needs in (
        ("postcode", _POSTCODE, 1),
        ("prison-number", _PRISON, 4),
        ("pnc-number", _PNC, 6 if slash else 99),
        ("cro-number", _CRO, 5 if slash else 99),
        ("crn", _CRN, 6),
        ("case-number", _CROWN_COURT_CASE, 6),
        ("case-number", _POLICE_URN, 9),
    ):
        for match in regex.finditer(text) if digits >= needs else ():
            if _before(text, match.start(), "/") and _after(text, match.end(), "/"):
                yield match.start(), match.end(), kind
    for match in _NEAR_CASE.finditer(text) if digits >= 6 else ():
        yield *_span(match, "id"), "case-number"


_DETECTORS = (_names, _called, _dates_of_birth, _dated_places_and_events, _numbers)
