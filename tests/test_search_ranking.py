"""The search ranking (issue 16): scores computed at build time resist a stuffed word and index phrases
as phrases; the practitioners' shorthand list is checked like the synonyms; and, in the system Chromium
on the fixture site, a misspelling is searched as the nearest word with a way back, a synonym phrase
is not matched by its words scattered, a record repeating "alcohol" 40 times does not come first, and
the browse page lists the best match first unless the reader asks for section order."""

from __future__ import annotations

import pytest

from conftest import check_text, shown_cards, valid_text
from macros.pages import search
from searching import example_ids, header_search

STUFFED, ABOUT_IT = "stuffed-alcohol-example", "alcohol-plan-example"  # tests/fixtures/site/


def document(title: str = "", summary: str = "", labels: str = "", text: str = "") -> search.Document:
    return search.Document("examples/x/", title, summary, None, None, (title, summary, labels, text))


# --- Scores written into the index -------------------------------------------------------------------


def test_repeating_a_word_in_the_text_scores_below_having_it_in_the_title():
    filler = " ".join(f"word{n}" for n in range(200))
    stuffed = document("A partnership meeting", "Partners meet.", "Leadership", filler + " alcohol" * 40)
    about_it = document("An alcohol plan", "A plan about drinking.", "Reducing harm", filler + " alcohol")
    once, forty = search.scores([about_it, stuffed], [])
    assert once["alcohol"] > forty["alcohol"]


def test_the_more_a_word_is_repeated_the_less_each_repeat_adds():
    plain = [document(text="alcohol " * n + "other words here") for n in (1, 2, 40)]
    one, two, forty = (found["alcohol"] for found in search.scores(plain, []))
    assert two - one > (forty - two) / 38 * 10  # the 2nd repeat adds far more than each of the 3rd to 40th


def test_a_phrase_is_indexed_only_where_its_words_stand_in_a_row():
    together = document(text="He missed appointments twice in May")
    apart = document(text="He missed the bus and was late for his appointment")
    found = search.scores([together, apart], [("missed", "appointment")])
    assert "missed appointment" in found[0]
    assert "missed appointment" not in found[1] and "appointment" in found[1]


def test_one_word_shorthand_spells_the_word_it_stands_for():
    found = search.respellings([("appts", "appointments"), ("DNA", "did not attend"), ("hep C", "hepatitis C")])
    assert found == {"appts": "appointments", "hep": "hepatitis"}  # search leaves out one-letter words such as C


def test_shorthand_joins_the_group_of_the_words_it_stands_for():
    groups = search.synonym_groups([["missed appointment", "did not attend"]], {}, [("DNA", "did not attend")])
    assert groups == [[["did", "not", "attend"], ["dna"], ["missed", "appointment"]]]


# --- The shorthand list, checked like the synonyms ---------------------------------------------------


@pytest.mark.parametrize("entry, message", [
    ("  - short: PSR\n    means: pre-sentence report\n    reason: Already in the glossary.\n",
     "'PSR' is already a glossary abbreviation, which search reads both ways: remove this entry"),
    ("  - short: appts\n    means: appointments\n    reason: Listed twice.\n",
     "the shorthand 'appts' is listed twice (first on line"),
    ("  - short: x\n    means: something\n    reason: A single letter.\n",
     "'x' has no word of two or more letters or digits"),
])
def test_a_shorthand_entry_that_cannot_work_is_reported_at_its_line(scratch, entry, message):
    path = scratch / "practice_examples" / "guide" / "shorthand.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    path.write_text(text + entry, encoding="utf-8")
    problems = [str(problem) for problem in check_text(scratch, valid_text())]
    assert any(p.startswith(f"practice_examples/guide/shorthand.yaml:{lines + 1}:") and message in p for p in problems), problems


def test_a_shorthand_entry_without_its_reason_is_refused(scratch):
    path = scratch / "practice_examples" / "guide" / "shorthand.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - short: subs\n    means: substitutes\n", encoding="utf-8")
    problems = [str(problem) for problem in check_text(scratch, valid_text())]
    assert any(p.startswith("practice_examples/guide/shorthand.yaml:") and "reason" in p for p in problems), problems


# --- In the browser ------------------------------------------------------------------------------------


def browse_words(page, words: str) -> None:
    page.fill("#pe-words", words)
    count = page.evaluate("q => peSearch.examples(q).then(found => found.size)", words)
    page.wait_for_function("n => document.getElementById('pe-status').textContent.startsWith(n + ' of ')", arg=count)


@pytest.mark.browser
def test_a_misspelling_is_searched_as_the_nearest_word_with_a_button_to_search_it_as_typed(watched, fixture_site_url):
    view = watched(fixture_site_url)
    page = view.open("")
    meta, links = header_search(page, "nalaxone")
    assert ABOUT_IT in example_ids(links)
    note = page.locator(".pe-search-corrected")
    assert note.inner_text() == "Showing results for naloxone; search instead for nalaxone"
    note.locator("button").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => /^No matching/.test(document.querySelector('.md-search-result__meta').textContent)")
    assert note.is_hidden()
    page = view.open("browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    browse_words(page, "nalaxone")
    assert ABOUT_IT in shown_cards(page)
    assert page.inner_text(".pe-corrected") == "Showing results for naloxone; search instead for nalaxone"
    page.click(".pe-corrected button")
    page.wait_for_function("() => document.getElementById('pe-status').textContent.startsWith('0 of ')")
    assert view.errors == []


@pytest.mark.browser
def test_a_synonym_phrase_matches_its_words_in_a_row_not_scattered(watched, fixture_site_url):
    # written-the-long-way has "missed appointment"; alcohol-plan-example "missed the bus ... appointment".
    view = watched(fixture_site_url)
    page = view.open("")
    for query in ("missed appointments", "missed appts", "DNA"):
        found = example_ids(header_search(page, query)[1])
        assert "written-the-long-way" in found and ABOUT_IT not in found, (query, found)
    marks = page.locator(".md-search-result__item mark").all_inner_texts()
    assert marks and "to" not in [mark.lower() for mark in marks]


@pytest.mark.browser
def test_a_record_repeating_a_word_does_not_come_first_for_it(watched, fixture_site_url):
    view = watched(fixture_site_url)
    page = view.open("")
    found = example_ids(header_search(page, "alcohol")[1])
    assert found[0] == ABOUT_IT and STUFFED in found
    page = view.open("browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    browse_words(page, "alcohol")
    assert shown_cards(page)[0] == ABOUT_IT and STUFFED in shown_cards(page)


@pytest.mark.browser
def test_the_browse_page_lists_the_best_match_first_and_the_reader_can_choose_section_order(watched, fixture_site_url):
    view = watched(fixture_site_url)
    page = view.open("browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    assert page.locator(".pe-order").is_hidden()  # no words: section order, nothing to choose
    by_section = shown_cards(page)
    browse_words(page, "alcohol")
    best_first = shown_cards(page)
    assert best_first[0] == ABOUT_IT
    page = view.open("browse/?words=alcohol")
    page.wait_for_selector("#pe-filters:not([hidden])")
    page.wait_for_function("() => / of /.test(document.getElementById('pe-status').textContent)")
    assert shown_cards(page) == best_first
    header = page.evaluate("q => peSearch.results(q).then(r => r.items.map(group => group[0].location))", "alcohol")
    assert best_first == example_ids(header)  # one ranking for both boxes
    order = page.get_by_label("Order")
    assert order.is_visible() and order.input_value() == "relevance"
    order.focus()
    order.select_option("section")  # what choosing with the arrow keys and Enter does
    page.wait_for_function("() => /order=section/.test(location.search)")
    assert shown_cards(page) == [card for card in by_section if card in best_first] != best_first
    page.reload()
    page.wait_for_selector("#pe-filters:not([hidden])")
    page.wait_for_function("() => / of /.test(document.getElementById('pe-status').textContent)")
    assert page.get_by_label("Order").input_value() == "section"
    assert view.errors == []
