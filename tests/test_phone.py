"""The guide on a phone (390 x 844) in the system Chromium: browse shows the count and results
first, the filters open in a panel above them and "Show N results" closes it; skip links and the
keyboard reach the results; targets are at least 24 x 24 px; and without JavaScript the browse
page uses the full width and says what still works."""

from __future__ import annotations

import pytest

from conftest import ROOT
from macros.load import project

pytestmark = pytest.mark.browser

LOADED = project.load(ROOT)
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


def test_the_count_and_first_result_are_on_the_first_screen_with_the_filters_closed(phone, real_site):
    page = open_browse(phone, real_site)
    assert page.is_hidden("#pe-filters")
    assert page.inner_text(".pe-filters-toggle") == "Filters (0 selected)"
    assert page.get_attribute(".pe-filters-toggle", "aria-expanded") == "false"
    assert in_view(page, "#pe-status")
    assert in_view(page, ".pe-results .pe-card:first-child h3")
    print(f"\nfirst result at {top(page, '.pe-results .pe-card'):.0f} px of a {PHONE['height']} px screen")


def test_the_filters_open_above_the_results_and_show_n_results_closes_them_in_one_tap(phone, real_site):
    page = open_browse(phone, real_site)
    page.tap(".pe-filters-toggle")
    assert page.is_visible("#pe-filters")
    assert page.get_attribute(".pe-filters-toggle", "aria-expanded") == "true"
    assert top(page, "#pe-filters") < top(page, ".pe-results")
    page.tap("label[for='pe-section-supervision']")
    matching = len(LOADED.in_section("supervision"))
    button = "[data-show-results]"
    assert in_view(page, button), "Show N results stays on screen while the panel is open"
    assert page.inner_text(button) == f"Show {matching} results"
    assert page.inner_text(".pe-filters-toggle") == "Filters (1 selected)"
    page.tap(button)
    assert page.is_hidden("#pe-filters")
    assert page.get_attribute(".pe-filters-toggle", "aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('pe-filters-toggle')")
    assert page.inner_text("#pe-status") == f"{matching} of {len(LOADED.examples)} examples match."
    assert in_view(page, ".pe-results .pe-card:first-child h3")
    assert page.eval_on_selector_all(".pe-results [data-example-id]", "cards => cards.length") == matching


def test_a_shared_link_opens_on_the_results_with_its_filters_counted(phone, real_site):
    page = open_browse(phone, real_site, "?population=women&substance=alcohol")
    assert page.is_hidden("#pe-filters")
    assert page.inner_text(".pe-filters-toggle") == "Filters (2 selected)"
    assert in_view(page, "#pe-status")


def test_the_keyboard_skips_to_the_results_and_works_the_panel(phone, real_site):
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
    # Back up to the toggle, open the panel, tick a box, close it with Escape.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.classList.contains('pe-filters-toggle')")
    page.keyboard.press("Enter")
    assert page.is_visible("#pe-filters")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pe-section-leadership"
    page.keyboard.press("Space")
    assert page.inner_text(".pe-filters-toggle") == "Filters (1 selected)"
    page.keyboard.press("Escape")
    assert page.is_hidden("#pe-filters")
    assert page.evaluate("document.activeElement.classList.contains('pe-filters-toggle')")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.closest('[data-example-id]').dataset.exampleId")
    assert LOADED.example(first).section == "leadership"


def test_checkboxes_chips_and_buttons_are_at_least_24_px_square(phone, real_site):
    page = open_browse(phone, real_site)
    page.tap(".pe-filters-toggle")
    sizes = page.eval_on_selector_all(
        "#pe-filters input[type=checkbox], #pe-filters button, .pe-filters-toggle, .md-header__button",
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


@pytest.mark.parametrize("path", ["", "browse/", "supervision/", f"examples/{LOADED.examples[0].id}/", "glossary/", "tags/"])
def test_pages_reflow_without_sideways_scrolling_at_320_px(browser, real_site, path):
    """WCAG 1.4.10: 320 CSS px is a 1280 px window zoomed to 400%."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(real_site + path)
    page.wait_for_load_state("networkidle")
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
    assert page.is_hidden(".pe-filters-toggle")
    context.close()


def test_the_menu_opens_from_the_keyboard_and_its_links_leave_the_tab_order_when_closed(phone, real_site):
    page = open_browse(phone, real_site)
    drawer_links = "document.activeElement.closest('.md-sidebar--primary') !== null"
    for _ in range(12):  # from the top of the page to the first result, never into the closed drawer
        page.keyboard.press("Tab")
        assert not page.evaluate(drawer_links)
        if page.evaluate("!!document.activeElement.closest('.pe-results .pe-card')"):
            break
    else:
        pytest.fail("Tab did not reach the first result in 12 presses")
    page.focus(".pe-menu-button")
    assert page.get_attribute(".pe-menu-button", "aria-label") == "Menu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.get_attribute(".pe-menu-button", "aria-expanded") == "true"
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'visible'")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.classList.contains('pe-menu-button')")


def test_if_the_filters_fail_to_load_the_results_take_the_full_width_and_say_why(browser, real_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/browse/index.json", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(real_site + "browse/")
    page.wait_for_function("() => document.getElementById('pe-status').textContent.includes('could not be loaded')")
    assert full_width_cards(page)
    assert page.is_hidden("#pe-filters") and page.is_hidden(".pe-filters-toggle")
    context.close()


def test_with_the_filters_loaded_a_wide_screen_shows_them_beside_the_results(browser, real_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = open_browse(context.new_page(), real_site)
    form = page.eval_on_selector("#pe-filters", "e => e.getBoundingClientRect().toJSON()")
    cards = page.eval_on_selector(".pe-results .pe-cards", "e => e.getBoundingClientRect().toJSON()")
    assert form["right"] <= cards["left"] and abs(form["top"] - page.eval_on_selector("#pe-status", "e => e.getBoundingClientRect().top")) < 40
    assert page.is_hidden(".pe-filters-toggle") and page.is_hidden("[data-show-results]")
    context.close()
