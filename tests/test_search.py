"""The site's search: its index files, and, in the system Chromium, the search box at the top of
every page and the browse page's word box. Expected results are computed from the records by
tests/searching.py, apart from the site's own code."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest

import searching
from conftest import FIXTURES, ROOT, check_text, shown_cards, valid_text
from macros.load import project
from macros.base import text
from macros.pages import search
from searching import documents_with, example_ids, header_search, index_files, index_rows

LOADED = project.load(ROOT)  # stops collection with every data problem listed
GUIDE = LOADED.guide


# --- The index files -------------------------------------------------------------------------


def test_the_index_holds_the_examples_then_the_guides_pages_but_not_listings_or_tables(fixture_site):
    files = index_files(fixture_site)
    manifest = files["manifest"]["data"]
    rows = index_rows(files)
    assert len(rows) == manifest["documents"]
    examples = [row[0] for row in rows[: manifest["examples"]]]
    assert sorted(examples) == sorted(f"examples/{record.stem}/" for record in (FIXTURES / "site").glob("*.yaml"))
    pages = {row[0].split("#")[0] for row in rows[manifest["examples"] :]}
    assert {"", "glossary/", "contribute/", "supervision/"} <= pages
    assert not pages & {"tags/", "browse/"}
    contribute = {number for number, row in enumerate(rows) if row[0].startswith("contribute/")}
    # The contribute page's tables of tags and fields are left out: the examples tagged with a word come first.
    for word in ("benzodiazepines", "gabapentin", "former_ids"):
        for part in text.words(word):
            assert not set(documents_with(files, part)) & contribute, part
    assert set(documents_with(files, "yaml")) & contribute  # the page's own text is in
    assert {file["version"] for file in files.values()} == {files["manifest"]["version"]}


def test_index_files_read_back_exactly_whatever_the_text(tmp_path):
    hostile = "Payload </script><script>alert(1)</script> \u2028 \u2029 \"quotes\" \\ back{{ 7*7 }} \U0001f600"
    documents = [search.Document("examples/x/", hostile, hostile, "Case supervision", None, (hostile, hostile, "", hostile))]
    search.write_index(tmp_path, documents, 1, [[["psr"], ["pre", "sentence", "report"]]], {"browse": "browse/", "glossary": "glossary/"})
    for path in tmp_path.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert text.isascii() and "</script" not in text.lower()
    rows = search.read_index_file(tmp_path / "docs" / "0.js")["data"]
    assert rows == [["examples/x/", hostile, hostile, "Case supervision"]]


def test_each_word_sits_in_the_file_of_the_longest_key_that_starts_it(tmp_path):
    # Enough words starting "re" to split that file by the third letter, and further.
    documents = [search.Document(f"examples/{n}/", "t", "", None, None, ("", "", "", f"re rea read{n} recall{n} relapse{n} ret{n}")) for n in range(3000)]
    search.write_index(tmp_path, documents, len(documents), [], {})
    keys = search.read_index_file(tmp_path / "manifest.js")["data"]["keys"]
    assert "re" in keys and "rea" in keys and any(len(key) == 4 for key in keys)
    for key in keys:
        for word in search.read_index_file(tmp_path / "words" / f"{key.encode().hex()}.js")["data"]:
            assert max((k for k in keys if word.startswith(k)), key=len) == key, (word, key)


def test_synonyms_merge_with_the_glossarys_abbreviations():
    groups = search.synonym_groups(GUIDE.synonyms, GUIDE.abbreviations)
    assert [["lapse"], ["relapse"]] in groups
    assert [["pre", "sentence", "report"], ["psr"]] in groups
    assert any(["missed", "appointment"] in group and ["absence"] in group for group in groups)
    merged = search.synonym_groups([["PSR", "court report"]], {"PSR": "pre-sentence report"})
    assert merged == [[["court", "report"], ["pre", "sentence", "report"], ["psr"]]]


def test_a_synonym_listed_twice_or_without_a_word_is_reported_at_its_line(scratch):
    path = scratch / "practice_examples" / "guide" / "synonyms.yaml"
    path.write_text(
        "groups:\n"
        "  - words: [lapse, relapse]\n    reason: Readers use either word for both.\n"
        "  - words: [Relapse, x]\n    reason: Listed twice, and a single letter.\n",
        encoding="utf-8",
    )
    problems = [str(problem) for problem in check_text(scratch, valid_text())]
    assert "practice_examples/guide/synonyms.yaml:4:13: the synonym 'relapse' is used twice (first on line 2): each must be unique" in problems
    assert any(p.startswith("practice_examples/guide/synonyms.yaml:4:22: 'x' has no word of two or more letters") for p in problems)


# --- In the browser -----------------------------------------------------------------------------


def words_box(page, query: str, count: int) -> list[str]:
    """The cards shown once the browse page's words box, given query, says count examples match."""
    page.fill("#pe-words", query)
    page.wait_for_function("n => document.getElementById('pe-status').textContent.startsWith(n + ' of ')", arg=count)
    return shown_cards(page)


# Each synonym both ways, abbreviations both ways, words that only start words, several words at once.
QUERIES = ["relapse", "lapse", "missed appointment", "absence", "PSR", "pre-sentence report", "spice", "synthetic cannabinoids",
           "opiate", "DRR", "drug rehabilitation requirement", "naloxone housing", "women's centre", "ost", "zopiclone"]


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES)
def test_both_search_boxes_find_exactly_the_examples_the_rules_give(watched, real_site, query):
    wanted = searching.expected(query, LOADED)
    view = watched(real_site)
    page = view.open("")
    meta, links = header_search(page, query)
    found = example_ids(links)
    if "are listed" in meta:  # more than SHOWN results: the best of them
        assert set(found) <= set(wanted) and int(meta.split()[0]) >= len(wanted)
    else:
        assert sorted(found) == sorted(wanted), meta
    page = view.open("browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    shown = words_box(page, query, len(wanted))
    assert set(shown) <= set(wanted) and len(shown) == min(60, len(wanted))  # the best 60, best first
    assert view.errors == [] and view.foreign == []


@pytest.mark.browser
@pytest.mark.parametrize("query, found", [
    ("relapse", "written-the-short-way"), ("lapse", "written-the-long-way"),
    ("missed appointment", "written-the-short-way"), ("absence", "written-the-long-way"),
    ("spice", "written-the-long-way"), ("synthetic cannabinoids", "written-the-short-way"),
    ("DRR", "long-form-only"), ("alcohol treatment requirement", "short-form-only"),
])
def test_synonyms_and_abbreviations_find_the_other_wording_in_both_boxes(watched, fixture_site_url, query, found):
    # Each fixture record uses one wording only: written-the-short-way has lapse, absence and spice;
    # written-the-long-way relapse, missed appointment and synthetic cannabinoids; long-form-only spells
    # out the drug rehabilitation requirement; short-form-only writes ATR.
    view = watched(fixture_site_url)
    page = view.open("")
    assert found in example_ids(header_search(page, query)[1])
    page = view.open("browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    page.fill("#pe-words", query)
    page.wait_for_function("() => / of /.test(document.getElementById('pe-status').textContent)")
    assert found in shown_cards(page)


@pytest.mark.browser
@pytest.mark.parametrize("query", ["spice", "PSR", "methadone"])
def test_examples_come_before_the_guides_own_pages_for_practice_words(watched, real_site, query):
    page = watched(real_site).open("")
    _, links = header_search(page, query)
    pages = [index for index, link in enumerate(links) if not example_ids([link])]
    assert links and example_ids(links[:1]), links[:3]
    first_page = pages[0] if pages else len(links)
    assert first_page >= min(5, len(example_ids(links))), links[: first_page + 1]


@pytest.mark.browser
def test_an_example_comes_first_for_its_own_title(watched, real_site):
    example = LOADED.examples[0]
    page = watched(real_site).open("")
    assert example_ids(header_search(page, example.title)[1])[0] == example.id


@pytest.mark.browser
def test_result_titles_read_as_written_and_show_the_section_not_the_tags(watched, real_site):
    example = next(e for e in LOADED.examples if "'" in e.title or "’" in e.title)
    page = watched(real_site).open("")
    _, links = header_search(page, example.title)
    item = page.locator(".md-search-result__item", has=page.locator(f"a[href*='examples/{example.id}/']")).first
    assert item.locator("h1").inner_text() == example.title
    assert "&#" not in item.locator("h1").inner_html() and "&amp;" not in item.locator("h1").inner_html()
    assert item.locator(".pe-result-section").all_inner_texts() == [GUIDE.section(example.section).title]
    assert item.locator(".md-tag, nav").count() == 0  # no tags, each of which Material puts in a nav landmark


@pytest.mark.browser
def test_a_search_that_finds_nothing_points_to_the_browse_page_and_the_glossary(watched, real_site):
    assert searching.expected("zopiclone", LOADED) == []
    view = watched(real_site)
    page = view.open("supervision/")
    meta, links = header_search(page, "zopiclone")
    assert meta == "No matching documents" and links == []
    note = page.locator(".pe-search-none")
    assert "zopiclone" in note.inner_text()
    hrefs = note.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs == [real_site + "browse/", real_site + "glossary/"]
    page.keyboard.press("ArrowDown")  # Material's arrow keys move through the dialog's links
    assert page.evaluate("document.activeElement.href") == real_site + "browse/"
    page.keyboard.press("Enter")
    page.wait_for_url(real_site + "browse/")
    header_search(page, "naloxone")
    assert page.locator(".pe-search-none").is_hidden()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", f"examples/{LOADED.examples[0].id}/", "browse/", "glossary/"])
def test_a_first_visit_fetches_no_part_of_the_index_and_a_search_fetches_only_a_part(watched, real_site, path):
    view = watched(real_site)
    fetched: list[str] = []
    mount = urlparse(real_site).path  # the site's own path on the server, as on the host
    view.page.on("request", lambda request: fetched.append("/" + urlparse(request.url).path.removeprefix(mount)))
    page = view.open(path)
    assert [p for p in fetched if p.startswith("/search/")] == ["/search/search_index.json"]  # Material's settings only
    stub = json.loads(page.evaluate("url => fetch(url).then(r => r.text())", real_site + "search/search_index.json"))
    assert stub["docs"] == []
    fetched.clear()
    header_search(page, "naloxone")
    index_files = [p for p in fetched if p.startswith("/search/") and p != "/search/search_index.json"]
    assert "/search/manifest.js" in index_files
    assert all(re.fullmatch(r"/search/(manifest|words/[0-9a-f]+|docs/\d+)\.js", p) for p in index_files), index_files
    assert len([p for p in index_files if "/words/" in p]) <= 2
