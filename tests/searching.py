"""The search rules restated from the records alone, so tests can compute which examples a query
must find (macros/pages/search.py describes the rules; docs/assets/javascripts/search.js applies them),
helpers that read a built site's index files, and one that searches the site with Material's search box."""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

from macros.pages import search
from macros.load.project import Project

SHOWN = 30  # results search.js lists


def words(text: str) -> list[str]:
    """Lower case, accents dropped, runs of letters and digits, two characters or more."""
    return list(_words(text))


@functools.cache  # the oracle splits the same shorthand and queries for every example
def _words(text: str) -> tuple[str, ...]:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.category(c).startswith("M"))
    return tuple(word for word in re.findall(r"[^\W_]+", folded) if len(word) > 1)


def example_fields(example, guide) -> list[list[str]]:
    """The words of everything search reads of an example, field by field (a phrase must lie within one):
    title; summary; section, tag labels and the take-aways it illustrates; its text."""
    parts = [part.prose for part in (*example.context, *example.what_was_done, *example.why_it_works)]  # each part's text, whoever's it is
    prose = [*parts, *example.tips, *example.reflective_questions]
    labels = [guide.section(example.section).title, *(guide.tag(facet, value).label for facet, value in example.tag_ids()),
              *(guide.takeaways[takeaway].text for takeaway in example.takeaways)]
    text = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", part.html) for part in prose))
    return [words(example.title), words(example.summary), words(" ".join(labels)), words(text)]


def synonym_groups(guide) -> list[set[tuple[str, ...]]]:
    """The reviewed synonyms, the glossary's abbreviations with their terms and the shorthand with what it stands for,
    merged where they share an entry."""
    groups = [{tuple(words(entry)) for entry in group} for group in [*guide.synonyms, *guide.abbreviations.items(), *guide.shorthand]]
    merged: list[set[tuple[str, ...]]] = []
    for group in groups:
        for other in [other for other in merged if other & group]:
            group |= other
            merged.remove(other)
        merged.append(group)
    return [group for group in merged if len(group) > 1]


def respelt(word: str, guide) -> str:
    """The word a one-word shorthand stands for (appts: appointments), or the word itself."""
    for short, means in guide.shorthand:
        if len(words(short)) == 1 and len(words(means)) == 1 and words(short)[0] == word:
            return words(means)[0]
    return word


def units(query: str, guide) -> list[tuple[list[str], set[tuple[str, ...]]]]:
    """The query as (typed words, their synonym group or an empty set), longest entry first."""
    typed = words(query)
    found = []
    at = 0
    while at < len(typed):
        best, best_group = (), set()
        for group in synonym_groups(guide):
            for entry in group:
                spelt = all(at + i < len(typed) and {typed[at + i], respelt(typed[at + i], guide)} & {word, word + "s"} for i, word in enumerate(entry))
                if spelt and len(entry) > len(best):
                    best, best_group = entry, group
        length = len(best) or 1
        found.append((typed[at : at + length], best_group))
        at += length
    return found


def has_phrase(fields: list[list[str]], entry: tuple[str, ...]) -> bool:
    """Whether the entry's words stand in a row in one field, the last also with an s."""
    size = len(entry)
    return any(field[at : at + size - 1] == list(entry[:-1]) and field[at + size - 1] in (entry[-1], entry[-1] + "s")
               for field in fields for at in range(len(field) - size + 1))


def matches(query: str, fields: list[list[str]], guide) -> bool:
    """Whether a document with these fields answers query: each typed word starts one of its words (or, ending in s,
    is one of them without it), unless the typed words spell a synonym entry, when an entry of its group stands in a
    row in one field (a single typed word also matching as typed)."""
    every = {word for field in fields for word in field}
    for typed, group in units(query, guide):
        own = len(typed) == 1 and (any(word.startswith(typed[0]) for word in every)
                                  or (len(typed[0]) > 3 and typed[0].endswith("s") and typed[0][:-1] in every))
        if not (own or any(has_phrase(fields, entry) for entry in group)):
            return False
    return True


def expected(query: str, loaded: Project) -> list[str]:
    """The ids of the examples query must find, in the library's order."""
    if not words(query):
        return [example.id for example in loaded.examples]
    return [e.id for e in loaded.examples if matches(query, example_fields(e, loaded.guide), loaded.guide)]


def header_search(page, query: str) -> tuple[str, list[str]]:
    """Search with the box at the top of the page; return the result count's text and every result's address."""
    box = "input.md-search__input"
    page.click(box)
    page.fill(box, "")
    page.keyboard.press("Backspace")
    page.wait_for_function("() => /Type to start/.test(document.querySelector('.md-search-result__meta').textContent)")
    # Material searches on keyup: fill all but the last letter, then type it, so only the whole query is answered.
    page.fill(box, query[:-1])
    page.keyboard.type(query[-1])
    total = page.evaluate("q => peSearch.results(q).then(r => r.total)", query)
    page.wait_for_function(
        "n => (n ? new RegExp('^' + n + ' matching') : /^No matching/).test(document.querySelector('.md-search-result__meta').textContent)", arg=total
    )
    for _ in range(SHOWN):  # Material adds four results each time the list is scrolled to its end
        links = page.eval_on_selector_all(".md-search-result__item > a:first-child", "links => links.map(a => a.getAttribute('href'))")
        if len(links) >= min(total, SHOWN):
            return page.inner_text(".md-search-result__meta"), links
        page.eval_on_selector(".md-search__scrollwrap", "e => e.scrollTo(0, 0)")
        page.eval_on_selector(".md-search__scrollwrap", "e => requestAnimationFrame(() => e.scrollTo(0, e.scrollHeight))")
        page.wait_for_timeout(100)
    raise AssertionError(f"only {len(links)} of {min(total, SHOWN)} results were listed for {query!r}")


def example_ids(links: list[str]) -> list[str]:
    """The ids of the examples among result addresses (directory or .html addresses alike)."""
    return [m.group(1) for m in (re.search(r"examples/([^/?#.]+)", urlparse(link).path) for link in links) if m]


def index_files(site: Path) -> dict[str, dict]:
    return {path.relative_to(site / "search").with_suffix("").as_posix(): search.read_index_file(path) for path in (site / "search").rglob("*.js")
            if path.name != "search_index.js"}


def index_rows(files: dict[str, dict]) -> list[list]:
    """Every document's [address, title, teaser, section], in document order."""
    names = sorted((name for name in files if name.startswith("docs/")), key=lambda name: int(name.split("/")[1]))
    return [row for name in names for row in files[name]["data"]]


def documents_with(files: dict[str, dict], word: str) -> dict[int, int]:
    """Document number -> the word's score there (search.SCALE units), decoded from its word file."""
    keys = files["manifest"]["data"]["keys"]
    key = max((k for k in keys if word.startswith(k)), key=len, default=None)
    postings = files[f"words/{key.encode().hex()}"]["data"].get(word, []) if key else []
    found, number = {}, 0
    for gap, score in zip(postings[::2], postings[1::2]):
        number += gap
        found[number] = score
    return found
