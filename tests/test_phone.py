"""The guide on a phone (390 x 844) in the system Chromium: browse shows the words box, then its
filter groups closed, each saying how many boxes it has and how many are ticked, then the chosen
filters and the results, within a screen of the words box; skip links and the keyboard reach the
results; targets are at least 24 x 24 px; nothing scrolls sideways at 320 px; and without
JavaScript the browse page uses the full width and says what still works."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, shown_cards
from macros.load import project
from macros.pages.browse import filters

pytestmark = pytest.mark.browser

LOADED = project.load(ROOT)
FILTERS = filters(LOADED.guide)
PHONE = {"width": 390, "height": 844}
TARGET = 24  # CSS px, WCAG 2.2 success criterion 2.5.8


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def open_browse(page, base: str, query: str = ""):
    page.goto(base + "browse/" + query)
    page.wait_for_selector("#pe-filters:not([hidden])", state="attached")
    return page


def top(page, selector: str) -> float:
    return page.eval_on_selector(selector, "e => e.getBoundingClientRect().top")


def in_view(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector, "e => { const r = e.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }"
    )


def summaries(page) -> dict[str, tuple[bool, str]]:
    """Each filter group's name in the address: (open, its summary's text)."""
    found = page.eval_on_selector_all(
        "#pe-filters details[data-filter]",
        "groups => groups.map(g => [g.dataset.filter, g.open, g.querySelector('summary').textContent.trim()])",
    )
    return {name: (is_open, text) for name, is_open, text in found}


def test_the_filter_groups_are_closed_with_their_counts_and_the_results_are_within_a_screen_of_the_words_box(phone, real_site):
    page = open_browse(phone, real_site)
    groups = summaries(page)
    assert list(groups) == [f.id for f in FILTERS]
    for group in FILTERS:
        assert groups[group.id] == (False, f"{group.label} ({len(group.options)} filters)")
    assert page.is_hidden("label[for='pe-requirement-drr']")
    assert page.is_hidden(".pe-chosen")
    words = top(page, "#pe-words")
    first = top(page, ".pe-results .pe-card:first-child")
    assert in_view(page, "#pe-words")
    assert 0 < first - words < PHONE["height"], f"first result {first - words:.0f} px below the words box"
    print(f"\nwords box at {words:.0f} px; first result at {first:.0f} px of the page")


def test_a_group_opens_with_a_tap_and_a_ticked_box_is_counted_in_its_summary_and_shown_as_a_chip(phone, real_site):
    page = open_browse(phone, real_site)
    # Chromium makes a tap's click from the touch gesture, which may come after tap() returns: wait for it.
    page.tap("details[data-filter='section'] > summary")
    page.wait_for_function("() => document.querySelector(\"details[data-filter='section']\").open")
    assert summaries(page)["section"][0] is True
    page.tap("label[for='pe-section-supervision']")
    page.wait_for_function("() => document.getElementById('pe-section-supervision').checked")
    matching = len(LOADED.in_section("supervision"))
    assert summaries(page)["section"][1] == f"Section ({len(FILTERS[0].options)} filters, 1 chosen)"
    assert page.inner_text("#pe-status") == f"{matching} of {len(LOADED.examples)} examples match."
    chip = page.locator(".pe-chosen button[data-remove]")
    assert chip.count() == 1 and re.sub(r"\s+", " ", chip.inner_text()) == f"Remove filter: {dict(FILTERS[0].options)['supervision']} ×"
    assert top(page, ".pe-chosen") < top(page, ".pe-results .pe-card:first-child")
    assert len(shown_cards(page)) == matching
    page.tap(".pe-chosen button[data-remove]")
    page.wait_for_function("() => !document.getElementById('pe-section-supervision').checked")
    assert summaries(page)["section"][1] == f"Section ({len(FILTERS[0].options)} filters)"
    assert page.is_hidden(".pe-chosen")


def test_a_shared_link_opens_with_its_groups_closed_counting_the_chosen_filters_and_chips_above_the_results(phone, real_site):
    page = open_browse(phone, real_site, "?population=women&substance=alcohol")
    page.wait_for_function("() => document.querySelectorAll('.pe-chosen [data-remove]').length === 2")
    groups = summaries(page)
    assert groups["population"][0] is False and groups["population"][1].endswith(" filters, 1 chosen)")
    assert groups["substance"][0] is False and groups["substance"][1].endswith(" filters, 1 chosen)")
    assert groups["section"][1].endswith(" filters)")
    assert in_view(page, "#pe-words")
    assert top(page, ".pe-chosen") - top(page, "#pe-words") < PHONE["height"]


def test_the_keyboard_skips_to_the_results_and_works_the_groups_and_chips(phone, real_site):
    page = open_browse(phone, real_site)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to results"
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")  # it fades in on focus
    assert in_view(page, ":focus")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.pe-results .pe-card:first-child')"), "one Tab after the skip link"
    # From the words box: the first group's summary, Enter opens it, Tab to a box, Space ticks it.
    page.focus("#pe-words")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches(\"details[data-filter='section'] > summary\")")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pe-section-leadership"
    page.keyboard.press("Space")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.pe-chosen [data-remove]')"):
            break
    else:
        pytest.fail("Tab never reached the chosen filter's chip")
    assert in_view(page, ":focus")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.closest('[data-example-id]')?.dataset.exampleId || document.activeElement.textContent")
    assert first == "Clear all"
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.closest('[data-example-id]').dataset.exampleId")
    assert LOADED.example(first).section == "leadership"


LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => { for (const entry of list.getEntries()) total += entry.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 100);
})"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "wide"])
def test_browse_does_not_move_as_its_filters_and_handout_tray_arrive(browser, real_site, viewport):
    """The form keeps its place while hidden and the page keeps the handout tray's, so the scripts showing them move
    nothing on the first screen (Lighthouse's cumulative layout shift; a slow network makes the gap visible)."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.route("**/browse/index.json", lambda route: (page.wait_for_timeout(500), route.continue_()))
    page.goto(real_site + "browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    page.wait_for_load_state("networkidle")
    assert page.eval_on_selector(".pe-handout-tray", "e => !e.hasAttribute('data-handout-tray') && e.textContent").startswith("Handout: none")
    assert page.evaluate(LAYOUT_SHIFT) < 0.005
    context.close()


def test_checkboxes_chips_and_buttons_are_at_least_24_px_square(phone, real_site):
    page = open_browse(phone, real_site, "?population=women&substance=alcohol&words=drink")
    page.wait_for_function("() => document.querySelectorAll('.pe-chosen [data-remove]').length === 3")
    for summary in page.query_selector_all("#pe-filters summary"):
        summary.tap()
    page.wait_for_function("() => [...document.querySelectorAll('#pe-filters details')].every(group => group.open)")
    sizes = page.eval_on_selector_all(
        "#pe-filters input[type=checkbox], #pe-filters summary, .pe-chosen button, .md-header__button",
        "nodes => nodes.filter(n => n.getClientRects().length).map(n => { const r = n.getBoundingClientRect(); return [n.id || n.className, r.width, r.height]; })",
    )
    assert len(sizes) > 40
    assert [s for s in sizes if s[1] < TARGET or s[2] < TARGET] == []
    example = LOADED.examples[0]
    page.goto(real_site + f"examples/{example.id}/")
    chips = page.eval_on_selector_all("a.pe-chip", "nodes => nodes.map(n => [n.textContent, n.getBoundingClientRect().width, n.getBoundingClientRect().height])")
    assert chips and [c for c in chips if c[1] < TARGET or c[2] < TARGET] == []


def test_the_home_page_puts_the_starting_points_before_the_section_cards(phone, real_site):
    phone.goto(real_site)
    assert top(phone, "#start-from-the-person-in-front-of-you") < top(phone, ".pe-cards--sections")


def test_an_example_with_a_rated_approach_starts_its_summary_on_the_first_screen(phone, real_site):
    """The study and the ratings of the approach come after the summary, so they cannot push it off the first screen."""
    rated = [e for e in LOADED.examples if e.evidence.approaches]
    example = max(rated, key=lambda e: len(e.evidence.approaches))
    phone.goto(real_site + f"examples/{example.id}/")
    assert top(phone, ".pe-summary") < PHONE["height"] / 2
    assert top(phone, ".pe-summary") < top(phone, ".pe-evidence")


@pytest.mark.parametrize("path", ["", "browse/", "supervision/", f"examples/{LOADED.examples[0].id}/", "glossary/", "tags/"])
def test_pages_reflow_without_sideways_scrolling_at_320_px(browser, real_site, path):
    """WCAG 1.4.10: 320 CSS px is a 1280 px window zoomed to 400%."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(real_site + path)
    if path == "browse/":  # its filters shown, once its index has come
        page.wait_for_selector("#pe-filters:not([hidden])")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_browse_with_long_chips_and_every_group_open_does_not_scroll_sideways_at_320_px(browser, real_site):
    takeaways = next(f for f in FILTERS if f.id == "takeaway")
    value, label = max(takeaways.options, key=lambda option: len(option[1]))
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = open_browse(context.new_page(), real_site, f"?takeaway={value}&requirement=drr&words=motivational%20interviewing%20approaches")
    page.wait_for_function("() => document.querySelectorAll('.pe-chosen [data-remove]').length === 3")
    for summary in page.query_selector_all("#pe-filters summary"):
        summary.click()
    assert all(is_open for is_open, _ in summaries(page).values())
    assert label in page.inner_text(".pe-chosen")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def full_width_cards(page) -> bool:
    """The cards span the content column, three or more abreast at 1280 px."""
    content = page.eval_on_selector(".md-content__inner", "e => e.getBoundingClientRect().width")
    cards = page.eval_on_selector(".pe-results .pe-cards", "e => e.getBoundingClientRect().width")
    columns = page.eval_on_selector(".pe-results .pe-cards", "e => getComputedStyle(e).gridTemplateColumns.split(' ').length")
    return cards > 0.9 * content and columns >= 3


def test_without_javascript_browse_uses_the_full_width_and_says_what_works(browser, real_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_site + "browse/")
    assert full_width_cards(page)
    text = page.inner_text(".md-content")
    assert "not running scripts" in text and "Find in page" in text
    assert "Tick the boxes" not in text and page.is_hidden("#pe-filters")
    context.close()


def test_the_menu_opens_from_the_keyboard_and_its_links_leave_the_tab_order_when_closed(phone, real_site):
    page = open_browse(phone, real_site)
    drawer_links = "document.activeElement.closest('.md-sidebar--primary') !== null"
    # Closed, the drawer's links are not even drawn (content-visibility: hidden, so Material's restyling of the
    # page as it starts skips them); open, they are; closed again after the slide, they are not.
    link_drawn = "document.querySelector('.md-sidebar--primary .md-nav__link').checkVisibility()"
    page.wait_for_function(f"() => !{link_drawn}")  # once material-fixes.js, deferred, has given the menu its button
    presses = 12 + len(FILTERS)  # the header's controls, the words box and one summary per filter group
    for _ in range(presses):  # from the top of the page to the first result, never into the closed drawer
        page.keyboard.press("Tab")
        assert not page.evaluate(drawer_links)
        if page.evaluate("!!document.activeElement.closest('.pe-results .pe-card')"):
            break
    else:
        pytest.fail(f"Tab did not reach the first result in {presses} presses")
    page.focus(".pe-menu-button")
    assert page.get_attribute(".pe-menu-button", "aria-label") == "Menu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.get_attribute(".pe-menu-button", "aria-expanded") == "true"
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'visible'")
    assert page.evaluate(link_drawn)
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.classList.contains('pe-menu-button')")
    page.wait_for_function(f"() => !{link_drawn}")


def test_if_the_filters_fail_to_load_the_results_take_the_full_width_and_say_why(browser, real_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/browse/index.json", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(real_site + "browse/")
    page.wait_for_function("() => document.getElementById('pe-status').textContent.includes('could not be loaded')")
    assert full_width_cards(page)
    assert page.is_hidden("#pe-filters")
    context.close()


def test_with_the_filters_loaded_a_wide_screen_shows_them_beside_the_results(browser, real_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = open_browse(context.new_page(), real_site)
    form = page.eval_on_selector("#pe-filters", "e => e.getBoundingClientRect().toJSON()")
    cards = page.eval_on_selector(".pe-results .pe-cards", "e => e.getBoundingClientRect().toJSON()")
    assert form["right"] <= cards["left"] and abs(form["top"] - page.eval_on_selector("#pe-status", "e => e.getBoundingClientRect().top")) < 40
    assert all(is_open for is_open, _ in summaries(page).values()), "every group is open beside the results"
    context.close()
