"""The search rules restated from the records alone, so tests can compute which examples a query
must find (macros/pages/search.py describes the rules; docs/assets/javascripts/search.js applies them),
helpers that read a built site's index files, and one that searches the site with Material's search box."""

from __future__ import annotations

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
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.category(c).startswith("M"))
    return [word for word in re.findall(r"[^\W_]+", folded) if len(word) > 1]


def example_text(example, guide) -> str:
    """Everything search reads of an example: title, section, summary, tag labels and its text."""
    parts = [part.prose for part in (*example.context, *example.what_was_done, *example.why_it_works)]  # each part's text, whoever's it is
    prose = [*parts, *example.tips, *example.reflective_questions]
    labels = [guide.tag(facet, value).label for facet, value in example.tag_ids()]
    text = " ".join(re.sub(r"<[^>]+>", " ", part.html) for part in prose)
    return " ".join([example.title, guide.section(example.section).title, example.summary, *labels, html.unescape(text)])


def synonym_groups(guide) -> list[set[tuple[str, ...]]]:
    """The reviewed synonyms and the glossary's abbreviations with their terms, merged where they share an entry."""
    groups = [{tuple(words(entry)) for entry in group} for group in [*guide.synonyms, *guide.abbreviations.items()]]
    merged: list[set[tuple[str, ...]]] = []
    for group in groups:
        for other in [other for other in merged if other & group]:
            group |= other
            merged.remove(other)
        merged.append(group)
    return merged


def units(query: str, guide) -> list[tuple[list[str], set[tuple[str, ...]]]]:
    """The query as (typed words, their synonym group or an empty set), longest entry first."""
    typed = words(query)
    found = []
    at = 0
    while at < len(typed):
        best, best_group = (), set()
        for group in synonym_groups(guide):
            for entry in group:
                spelt = all(at + i < len(typed) and typed[at + i] in (word, word + "s") for i, word in enumerate(entry))
                if spelt and len(entry) > len(best):
                    best, best_group = entry, group
        length = len(best) or 1
        found.append((typed[at : at + length], best_group))
        at += length
    return found


def matches(query: str, text_words: set[str], guide) -> bool:
    """Whether a document with these words answers query."""
    for typed, group in units(query, guide):
        prefixes = all(any(word.startswith(part) for word in text_words) for part in typed)
        whole = any(all(word in text_words or word + "s" in text_words for word in entry) for entry in group)
        if not (prefixes or whole):
            return False
    return True


def expected(query: str, loaded: Project) -> list[str]:
    """The ids of the examples query must find, in the library's order."""
    if not words(query):
        return [example.id for example in loaded.examples]
    return [e.id for e in loaded.examples if matches(query, set(words(example_text(e, loaded.guide))), loaded.guide)]


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
    """Document number -> where the word is (search.TITLE, LABEL or TEXT), decoded from its word file."""
    keys = files["manifest"]["data"]["keys"]
    key = max((k for k in keys if word.startswith(k)), key=len, default=None)
    codes = files[f"words/{key.encode().hex()}"]["data"].get(word, []) if key else []
    found, number = {}, 0
    for code in codes:
        number += code // 4
        found[number] = code % 4
    return found
