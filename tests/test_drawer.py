"""Material's menu drawer (narrower than 76.25em, about 1,220 px) from the keyboard: the labels that open a level and
the back arrow with its heading ("Sections") are reached with Tab and work with Enter, and only the level showing is in
the Tab order, so focus never lands on a link out of sight (WCAG 2.1.1, 2.4.7, 2.4.11). docs/assets/javascripts/
material-fixes.js does it; docs/accessibility.md no longer lists the drawer as non-compliance."""

from __future__ import annotations

import pytest
from conftest import ROOT

from macros.load import project

pytestmark = pytest.mark.browser

GUIDE = project.load(ROOT).guide
SECTION = GUIDE.section("supervision")
PHONE = {"width": 390, "height": 844}

FOCUSED = """() => {
  const e = document.activeElement;
  return {text: e.textContent.trim().replace(/\\s+/g, " "), tag: e.tagName, inDrawer: !!e.closest(".md-sidebar--primary")};
}"""
# The focused element is on screen and on top at its centre: not off canvas, not under another level of the drawer.
IN_SIGHT = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect();
  if (r.width === 0 || r.right <= 0 || r.left >= innerWidth) return false;
  const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 40), r.top + r.height / 2);
  return !!hit && (e === hit || e.contains(hit));
}"""


def drawer_stops(page) -> list[str]:
    """Tab from where focus is until it leaves the drawer: the text of each stop inside, each checked to be in sight."""
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if not focused["inDrawer"]:
            if stops:
                return stops
            continue
        page.wait_for_function(IN_SIGHT)  # fails (times out) on a stop hidden under another level or off screen
        stops.append(focused["text"])
    raise AssertionError(f"Tab never left the drawer: {stops}")


def open_drawer(page, base: str, path: str) -> None:
    page.goto(base + path, wait_until="load")
    page.focus(".pe-menu-button")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")  # slid in


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10000)
    yield page
    context.close()


def test_in_a_sections_page_the_drawer_tabs_through_the_sections_level_only(phone, real_site):
    open_drawer(phone, real_site, f"{SECTION.id}/")
    # The back arrow with its heading, then each section: the one showing is a button that opens its contents.
    assert drawer_stops(phone) == ["Sections", *(section.title for section in GUIDE.sections)]


def test_enter_on_the_back_arrow_shows_the_top_level_and_enter_on_sections_goes_back(phone, real_site):
    open_drawer(phone, real_site, f"{SECTION.id}/")
    phone.keyboard.press("Tab")
    while not phone.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
        phone.keyboard.press("Tab")
    assert phone.evaluate(FOCUSED)["text"] == "Sections"
    phone.keyboard.press("Enter")  # back to the top level
    phone.wait_for_function("() => !document.getElementById('__nav_2').checked")
    phone.wait_for_function(IN_SIGHT)
    back = phone.evaluate("[document.activeElement.getAttribute('for'), document.activeElement.getAttribute('aria-expanded')]")
    assert back == ["__nav_2", "false"]  # focus is on what opens Sections again
    top = drawer_stops(phone)
    assert not set(top) & {section.title for section in GUIDE.sections}, "the Sections level's links are out of sight"
    assert "Browse and filter" in top and "About this guide" in top
    phone.focus("label[for='__nav_2'].md-nav__link")
    phone.keyboard.press(" ")
    phone.wait_for_function("() => document.getElementById('__nav_2').checked")
    assert phone.evaluate(FOCUSED)["text"] == "Sections" and phone.evaluate("document.activeElement.classList.contains('md-nav__title')")


def test_a_pages_contents_open_as_a_level_and_close_back_to_the_page(phone, real_site):
    open_drawer(phone, real_site, "about/")
    phone.focus("label[for='__toc'].md-nav__link")
    phone.keyboard.press("Enter")
    phone.wait_for_function("() => document.getElementById('__toc').checked")
    assert phone.evaluate(FOCUSED)["text"] == "Table of contents"
    contents = drawer_stops(phone)
    assert contents[0] == "What it is" and "Home" not in contents and "Browse and filter" not in contents
    phone.focus("label[for='__toc'].md-nav__title")
    phone.keyboard.press("Enter")  # back to the top level, on the page's own entry
    phone.wait_for_function("() => !document.getElementById('__toc').checked")
    assert phone.evaluate("[document.activeElement.getAttribute('for'), document.activeElement.getAttribute('aria-expanded')]") == ["__toc", "false"]


def test_wide_screens_keep_materials_sidebar_untouched(browser, real_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_site + f"{SECTION.id}/", wait_until="load")
    nav = ".md-nav--primary"
    assert page.eval_on_selector(nav, "nav => nav.querySelectorAll('[inert], label[tabindex], label[role]').length") == 0
    context.close()
