"""The browse page in the system Chromium. Every expected result is computed here from the YAML
records (AND across filter groups, OR within one, the words box by the search rules in
tests/searching.py), independently of the page's script, and compared with what the page shows."""

from __future__ import annotations

import itertools
import re
from urllib.parse import parse_qs, urlparse

import pytest

import searching
from conftest import ROOT, shown_cards
from macros.load import project
from macros.pages.browse import filters, values_of

pytestmark = pytest.mark.browser

LOADED = project.load(ROOT)  # stops collection with every data problem listed
GUIDE = LOADED.guide
GROUPS = [f.id for f in filters(GUIDE)]
PAGE = 60  # cards shown before "Show more"


FIELDS = {example.id: searching.example_fields(example, GUIDE) for example in LOADED.examples}


def expected(selection: dict[str, list[str]], text: str = "", examples=None, skip: str | None = None) -> list[str]:
    examples = LOADED.examples if examples is None else examples
    found = []
    for example in examples:
        values = values_of(example)
        groups_ok = all(set(values.get(group, [])) & set(chosen) for group, chosen in selection.items() if chosen and group != skip)
        if groups_ok and (not searching.words(text) or searching.matches(text, FIELDS[example.id], GUIDE)):
            found.append(example.id)
    return found


def count_for(group: str, value: str, selection: dict[str, list[str]], text: str = "") -> int:
    """How many examples the box would leave: those passing every other group and carrying the value."""
    others = expected(selection, text, skip=group)
    return sum(1 for example_id in others if value in values_of(LOADED.example(example_id)).get(group, []))


def fill_words(page, text: str, selection: dict[str, list[str]] | None = None) -> None:
    """Type into the words box and wait until the page has looked the words up."""
    page.fill("#pe-words", text)
    count = len(expected(selection or {}, text))
    page.wait_for_function("n => document.getElementById('pe-status').textContent.startsWith(n + ' of ')", arg=count)


def open_browse(watched, base, query: str = ""):
    view = watched(base)
    page = view.open("browse/" + query)
    page.wait_for_selector("#pe-filters:not([hidden])")
    return view, page


def selection_in(url: str) -> dict[str, list[str]]:
    return {key: values for key, values in parse_qs(urlparse(url).query).items()}


def address_selection(page) -> dict[str, list[str]]:
    """The selection in the page's address, read from the page: Playwright's page.url learns of
    history.pushState from a later protocol message, so it can lag the last keystroke or click."""
    return selection_in(page.evaluate("location.href"))


def best_value(group: str) -> str:
    """The value of group that most examples carry, so the test has something to find."""
    counts = {value: count_for(group, value, {}) for value, _ in next(f for f in filters(GUIDE) if f.id == group).options}
    return max(counts, key=counts.get)


def non_empty_pair():
    for a, b in itertools.product(GUIDE.sections, GUIDE.facet("population").values):
        selection = {"section": [a.id], "population": [b.id]}
        if expected(selection):
            return selection
    raise AssertionError("no section and population share an example")


def empty_pair():
    for a, b in itertools.product(GUIDE.facet("substance").values, GUIDE.facet("harm-reduction").values):
        selection = {"substance": [a.id], "harm-reduction": [b.id]}
        if not expected(selection) and expected({"substance": [a.id]}) and expected({"harm-reduction": [b.id]}):
            return selection
    raise AssertionError("every substance meets every harm-reduction measure: pick another pair of groups")


def click_box(page, group: str, value: str) -> None:
    page.click(f"label[for='pe-{group}-{value}']")


def status_count(page) -> int:
    return int(re.match(r"(All )?(\d+)", page.inner_text("#pe-status")).group(2))


def test_one_filter_shows_exactly_the_examples_carrying_it_with_counts(watched, real_site):
    view, page = open_browse(watched, real_site)
    value = best_value("population")
    click_box(page, "population", value)
    selection = {"population": [value]}
    assert shown_cards(page) == expected(selection)
    assert page.inner_text("#pe-status") == f"{len(expected(selection))} of {len(LOADED.examples)} examples match."
    assert address_selection(page) == selection
    for group in GROUPS:
        for option in page.query_selector_all(f"input[name='{group}']"):
            number = int(page.inner_text(f"label[for='{option.get_attribute('id')}'] [data-count]").strip("()"))
            assert number == count_for(group, option.get_attribute("value"), selection), option.get_attribute("id")
    assert view.errors == [] and view.foreign == []


def test_two_groups_combine_with_and(watched, real_site):
    _, page = open_browse(watched, real_site)
    selection = non_empty_pair()
    for group, values in selection.items():
        click_box(page, group, values[0])
    assert shown_cards(page) == expected(selection)
    assert set(shown_cards(page)) == set(expected({"section": selection["section"]})) & set(expected({"population": selection["population"]}))


def test_the_cards_follow_each_tick_and_untick_in_order_as_the_results_narrow_and_widen(watched, real_site):
    """browse.js leaves in place the cards that stay shown and adds or takes out only the others."""
    _, page = open_browse(watched, real_site)
    substances = [v.id for v in GUIDE.facet("substance").values]
    steps = [("substance", substances[0]), ("substance", substances[1]), ("section", best_value("section")),
             ("substance", substances[0]), ("section", best_value("section")), ("substance", substances[1])]
    selection: dict[str, list[str]] = {}
    for group, value in steps:
        chosen = selection.setdefault(group, [])
        if value in chosen:
            chosen.remove(value)
        else:
            chosen.append(value)
        click_box(page, group, value)
        assert shown_cards(page) == expected(selection)[:PAGE], (group, value)
    assert shown_cards(page) == [e.id for e in LOADED.examples][:PAGE]


def test_a_change_puts_in_a_screen_of_new_cards_at_once_and_the_rest_just_after_with_the_list_busy(watched, real_site):
    """At a click, browse.js puts in twelve new cards (more than a screen) before the frame is drawn, and the
    others after it, so a click over thousands of examples shows its result sooner; the count is right at once."""
    _, page = open_browse(watched, real_site)
    narrow = {"substance": [best_value("substance")]}
    click_box(page, "substance", narrow["substance"][0])
    before = shown_cards(page)
    wide = expected({})[:PAGE]
    kept = len(set(before) & set(wide))
    assert len(wide) - kept > 12  # enough new cards to leave some till after the frame
    at_once = page.evaluate("""box => {
        document.querySelector(`label[for='${box}']`).click();
        const list = document.querySelector('.pe-results .pe-cards');
        return [list.children.length, list.getAttribute('aria-busy'), document.getElementById('pe-status').textContent];
    }""", f"pe-substance-{narrow['substance'][0]}")
    assert at_once == [kept + 12, "true", f"All {len(LOADED.examples)} examples. Showing the first {PAGE}."]
    assert shown_cards(page) == wide
    assert page.get_attribute(".pe-results .pe-cards", "aria-busy") is None


def test_two_values_in_one_group_combine_with_or(watched, real_site):
    _, page = open_browse(watched, real_site)
    first, second = [v.id for v in GUIDE.facet("substance").values][:2]
    click_box(page, "substance", first)
    click_box(page, "substance", second)
    selection = {"substance": [first, second]}
    assert shown_cards(page) == expected(selection)
    assert set(shown_cards(page)) == set(expected({"substance": [first]})) | set(expected({"substance": [second]}))


def test_a_filter_and_words_narrow_together(watched, real_site):
    _, page = open_browse(watched, real_site)
    group, value = "section", "supervision"
    click_box(page, group, value)
    selection = {group: [value]}
    titles = [LOADED.example(i).title for i in expected(selection)]
    # A word from one title that narrows the section's examples without emptying them.
    word = next(
        w.lower() for title in titles for w in title.split()
        if w.isalpha() and 0 < len(expected(selection, w)) < len(expected(selection))
    )
    fill_words(page, word, selection)
    assert sorted(shown_cards(page)) == sorted(expected(selection, word))  # best match first: the order is pinned in test_search_ranking.py
    assert 0 < len(shown_cards(page)) < len(expected(selection))
    assert address_selection(page) == {group: [value], "words": [word]}


def label_of(group: str, value: str) -> str:
    return dict(next(f for f in filters(GUIDE) if f.id == group).options)[value]


def chips(page) -> list[str]:
    """The accessible names of the chosen-filter buttons above the results, in order."""
    return page.eval_on_selector_all(".pe-chosen button", "buttons => buttons.map(b => b.textContent.replace(/\\s+/g, ' ').trim())")


def test_an_empty_result_explains_and_points_to_the_chips_that_remove_each_filter(watched, real_site):
    _, page = open_browse(watched, real_site)
    selection = empty_pair()
    for group, values in selection.items():
        click_box(page, group, values[0])
    assert shown_cards(page) == []
    assert page.is_visible("#pe-empty")
    assert "No example matches all of these filters. Remove one of the chosen filters above" in page.inner_text("#pe-empty")
    assert chips(page) == [f"Remove filter: {label_of(group, values[0])} ×" for group, values in selection.items()] + ["Clear all"]
    page.click(".pe-chosen button >> nth=0")
    remaining = {group: values for group, values in selection.items() if group != next(iter(selection))}
    assert shown_cards(page) == expected(remaining)
    assert page.is_hidden("#pe-empty")


def test_chosen_filters_show_as_chips_and_removing_one_unticks_it_updates_the_address_and_keeps_focus_nearby(watched, real_site):
    selection = non_empty_pair()
    query = "?" + "&".join(f"{group}={values[0]}" for group, values in selection.items())
    view, page = open_browse(watched, real_site, query + "&words=drink")
    page.wait_for_function("() => document.querySelectorAll('.pe-chosen [data-remove]').length === 3")
    (first_group, [first]), (second_group, [second]) = selection.items()
    assert chips(page) == [f"Remove filter: {label_of(first_group, first)} ×", f"Remove filter: {label_of(second_group, second)} ×",
                           "Remove filter: \u201cdrink\u201d ×", "Clear all"]
    assert page.eval_on_selector(".pe-chosen", "e => e.getBoundingClientRect().bottom") <= page.eval_on_selector(
        ".pe-results", "e => e.getBoundingClientRect().top")
    # From the keyboard: the first chip goes, its box is unticked, the address and results follow, and
    # focus moves to the chip that took its place.
    page.focus(".pe-chosen [data-remove]")
    page.keyboard.press("Enter")
    assert not page.is_checked(f"#pe-{first_group}-{first}")
    assert address_selection(page) == {second_group: [second], "words": ["drink"]}
    page.wait_for_function("n => document.getElementById('pe-status').textContent.startsWith(n + ' of ')",
                           arg=len(expected({second_group: [second]}, "drink")))
    assert set(shown_cards(page)) == set(expected({second_group: [second]}, "drink"))  # best first: test_search_ranking.py
    assert page.evaluate("document.activeElement.textContent").startswith(f"Remove filter: {label_of(second_group, second)}")
    # The words' chip empties the words box; the last chip left, focus moves back to the one before it.
    page.click(".pe-chosen [data-remove] >> nth=1")
    assert page.input_value("#pe-words") == ""
    assert address_selection(page) == {second_group: [second]}
    assert page.evaluate("document.activeElement.textContent").startswith(f"Remove filter: {label_of(second_group, second)}")
    page.wait_for_function("n => document.getElementById('pe-status').textContent.startsWith(n + ' of ')",
                           arg=len(expected({second_group: [second]})))
    assert shown_cards(page) == expected({second_group: [second]})
    # Clear all: no chip left, focus on the results.
    page.click(".pe-chosen [data-clear]")
    assert address_selection(page) == {}
    assert page.is_hidden(".pe-chosen") and chips(page) == []
    assert page.evaluate("document.activeElement.id") == "pe-results"
    page.go_back()
    page.wait_for_function("() => document.querySelectorAll('.pe-chosen [data-remove]').length === 1")
    assert page.is_checked(f"#pe-{second_group}-{second}")
    assert view.errors == []


def test_the_address_restores_the_view_and_back_steps_through_changes(watched, real_site):
    selection = non_empty_pair()
    query = "?" + "&".join(f"{group}={values[0]}" for group, values in selection.items())
    _, page = open_browse(watched, real_site, query)
    for group, values in selection.items():
        assert page.is_checked(f"#pe-{group}-{values[0]}")
    assert shown_cards(page) == expected(selection)
    extra = next(v.id for v in GUIDE.facet("stage").values if expected({**selection, "stage": [v.id]}) != expected(selection))
    click_box(page, "stage", extra)
    assert address_selection(page) == {**selection, "stage": [extra]}
    assert shown_cards(page) == expected({**selection, "stage": [extra]})
    page.go_back()
    page.wait_for_function("() => !location.search.includes('stage=')")
    assert not page.is_checked(f"#pe-stage-{extra}")
    assert shown_cards(page) == expected(selection)
    page.go_forward()
    page.wait_for_function("() => location.search.includes('stage=')")
    assert page.is_checked(f"#pe-stage-{extra}")


def test_typing_makes_one_history_entry_not_one_per_letter(watched, real_site):
    _, page = open_browse(watched, real_site)
    page.click("#pe-words")
    page.keyboard.type("consent")
    assert address_selection(page) == {"words": ["consent"]}
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert page.input_value("#pe-words") == ""
    assert shown_cards(page) == [e.id for e in LOADED.examples][:PAGE]  # the first page of all of them


def test_everything_works_from_the_keyboard_with_visible_focus(watched, real_site):
    _, page = open_browse(watched, real_site)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "pe-words":
            break
    else:
        pytest.fail("Tab never reached the text box")
    page.keyboard.type("court")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches(\"details[data-filter='section'][open] > summary\")")
    page.keyboard.press("Tab")
    first_box = page.evaluate("document.activeElement.id")
    assert first_box == "pe-section-leadership"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    assert page.is_checked("#pe-section-leadership")
    wanted = expected({"section": ["leadership"]}, "court")
    # The typed words are looked up while the focus moves on: wait until the view has both them and the tick.
    page.wait_for_function("n => document.getElementById('pe-status').textContent.startsWith(n + ' of ')", arg=len(wanted))
    assert sorted(shown_cards(page)) == sorted(wanted)  # best match first
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-clear')"):
            break
    else:
        pytest.fail("Tab never reached the clear button")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "pe-results"
    assert not page.is_checked("#pe-section-leadership")
    assert page.input_value("#pe-words") == ""
    assert shown_cards(page) == [e.id for e in LOADED.examples][:PAGE]  # the first page of all of them


def test_the_result_count_is_announced_to_screen_readers(watched, real_site):
    _, page = open_browse(watched, real_site)
    status = page.query_selector("#pe-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    click_box(page, "section", "assessment")
    assert page.inner_text("#pe-status") == f"{len(expected({'section': ['assessment']}))} of {len(LOADED.examples)} examples match."


def test_without_javascript_every_example_is_listed(browser, real_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site + "browse/")
    assert sorted(shown_cards(page)) == sorted(e.id for e in LOADED.examples)
    assert page.is_hidden("#pe-filters")
    context.close()


def test_a_typed_word_matches_word_starts_not_the_middle_of_words(watched, real_site):
    _, page = open_browse(watched, real_site)
    fill_words(page, "ost")
    inside_words_only = [e.id for e in LOADED.examples if "ost" in " ".join(sum(FIELDS[e.id], [])) and not expected({}, "ost", [e])]
    assert inside_words_only, "the library has words such as 'most' that merely contain the letters"
    assert sorted(shown_cards(page)) == sorted(expected({}, "ost"))
    assert not set(shown_cards(page)) & set(inside_words_only)


def test_tag_chips_on_an_example_open_the_browse_page_filtered_by_that_tag(watched, real_site):
    example = LOADED.examples[0]
    facet, value = example.tag_ids()[0]
    view = watched(real_site)
    page = view.open(f"examples/{example.id}/")
    page.click(f".pe-tags a[href$='?{facet}={value}']")
    page.wait_for_selector("#pe-filters:not([hidden])")
    assert page.is_checked(f"#pe-{facet}-{value}")
    assert example.id in shown_cards(page)
    assert shown_cards(page) == expected({facet: [value]})


def test_long_results_come_a_page_at_a_time_and_show_more_moves_focus(watched, real_site):
    """The real library is more than one page of 60 (tests/test_records.py keeps it at 96 or more)."""
    total = len(LOADED.examples)
    assert total > 60
    _, page = open_browse(watched, real_site)
    assert len(shown_cards(page)) == 60
    assert page.inner_text("#pe-status") == f"All {total} examples. Showing the first 60."
    while len(shown_cards(page)) < total:
        before = len(shown_cards(page))
        page.click("#pe-more")
        assert len(shown_cards(page)) == min(before + 60, total)
        assert page.evaluate("document.activeElement.closest('[data-example-id]').dataset.exampleId") == shown_cards(page)[before]
    assert page.is_hidden("#pe-more")


def test_every_starting_point_on_the_home_page_opens_a_non_empty_filtered_view(watched, real_site):
    view = watched(real_site)
    page = view.open("")
    links = page.eval_on_selector_all("a[href*='browse/?']", "links => links.map(a => a.href)")
    assert len(links) >= 7
    for link in links:
        selection = selection_in(link)
        page.goto(link)
        page.wait_for_selector("#pe-filters:not([hidden])")
        assert shown_cards(page) == expected(selection) != [], link


@pytest.mark.parametrize("query", ["?q=naloxone", "?words=naloxone"])
def test_a_shared_link_with_words_opens_the_browse_page_alone_not_the_search_overlay(watched, real_site, query):
    _, page = open_browse(watched, real_site, query)
    page.wait_for_function("n => document.getElementById('pe-status').textContent.startsWith(n + ' of ')", arg=len(expected({}, "naloxone")))
    assert page.input_value("#pe-words") == "naloxone"
    assert address_selection(page) == {"words": ["naloxone"]}
    assert sorted(shown_cards(page)) == sorted(expected({}, "naloxone"))  # best match first
    assert not page.evaluate("document.querySelector('[data-md-toggle=search]').checked")
    assert page.input_value("input.md-search__input") == ""
