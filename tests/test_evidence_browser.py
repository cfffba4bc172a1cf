"""The evidence labels, part labels, overdue notice, evidence filter, About the evidence and review dates in
the system Chromium: axe finds no violation in either colour scheme, the labels are words a reader sees
(on screen and on paper), and the filter and the handout work in the page."""

from __future__ import annotations

import pytest

import a11y
from conftest import shown_cards

pytestmark = pytest.mark.browser

REPORTED = "reported-with-guide-suggestions"
OVERDUE = "overdue-example"
PAGES = [
    f"examples/{REPORTED}/",
    f"examples/{OVERDUE}/",
    "evidence/",
    "review-dates/",
    "browse/?evidence=comparison-group",
    f"handout/?ids={REPORTED},{OVERDUE}",
    "packs/leadership/",
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", a11y.SCHEMES)
def test_axe_finds_no_violation_in_the_new_elements_in_either_colour_scheme(browser, fixture_site_url, path, scheme):
    """The same rules as tests/test_browser.py and `make a11y`: WCAG 2.0-2.2 A and AA of any impact, serious best practice."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(fixture_site_url + path)
    if path.startswith("handout/"):
        page.wait_for_selector(".pe-handout-example .pe-overdue")
    if path.startswith("browse/"):
        page.wait_for_selector("#pe-filters:not([hidden])")
    a11y.settle(page)
    found = a11y.audit(page, path, scheme, "as loaded")
    context.close()
    assert found == [], a11y.report(found, 1)


@pytest.mark.parametrize("scheme", a11y.SCHEMES)
def test_the_part_labels_and_notices_keep_their_contrast(browser, fixture_site_url, scheme):
    """The check above can fail on these elements: fade a label to near the background and axe says so."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(fixture_site_url + f"examples/{REPORTED}/")
    page.evaluate("() => { const label = document.querySelector('.pe-part__label'); "
                  "label.style.color = getComputedStyle(document.body).backgroundColor; label.style.opacity = '0.5'; }")
    rules = {v.rule for v in a11y.audit(page, "faded", scheme, "broken on purpose")}
    context.close()
    assert "color-contrast" in rules


@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_labels_are_words_a_reader_sees_on_screen_and_on_paper(watched, fixture_site_url, media):
    view = watched(fixture_site_url)
    page = view.open(f"examples/{REPORTED}/")
    page.emulate_media(media=media)
    labels = page.locator(".pe-part__label")
    assert [labels.nth(i).inner_text() for i in range(labels.count()) if labels.nth(i).is_visible()][:2] == [
        "Reported by A Fixture Council, March 2024", "Reported by A Fixture Council, March 2024"]
    assert page.locator("#what-was-done + .pe-prose .pe-part--guide .pe-part__label").is_visible()
    assert page.locator(".pe-kicker a.pe-badge--evidence").is_visible() and page.locator(".pe-evidence").is_visible()
    page = view.open(f"examples/{OVERDUE}/")
    page.emulate_media(media=media)
    assert page.locator(".pe-overdue").is_visible()
    assert "check before relying on it" in page.locator(".pe-overdue").inner_text()
    assert view.errors == [] and view.foreign == []


def test_the_evidence_filter_narrows_the_cards_and_shares_the_selection_by_address(watched, fixture_site_url):
    view = watched(fixture_site_url)
    page = view.open("browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    page.check("#pe-evidence-comparison-group")
    page.wait_for_function("() => location.search.includes('evidence=comparison-group')")
    shown = shown_cards(page)
    assert shown == [REPORTED]
    page = view.open("browse/?evidence=written-for-guide")
    page.wait_for_selector("#pe-filters:not([hidden])")
    shown = shown_cards(page)
    assert REPORTED not in shown and OVERDUE in shown
    assert view.errors == []


def test_the_handout_shows_the_evidence_status_the_part_labels_and_the_overdue_notice(watched, fixture_site_url):
    view = watched(fixture_site_url)
    page = view.open(f"handout/?ids={REPORTED},{OVERDUE}")
    page.wait_for_selector(".pe-handout-example .pe-overdue")
    first = page.locator(".pe-handout-example").nth(0)
    assert first.locator("a.pe-badge--evidence").inner_text() == "Evidence: Compared with a similar group"
    assert first.locator(".pe-part__label").all_inner_texts()[:3] == [
        "Reported by A Fixture Council, March 2024", "Reported by A Fixture Council, March 2024", "The guide's suggestion"]
    assert "The guide's suggestions, not from the sources." in first.inner_text()
    second = page.locator(".pe-handout-example").nth(1)
    assert "its review was due by 10 January 2025 — check before relying on it." in second.locator(".pe-overdue").inner_text()
    ids = page.eval_on_selector_all("[id]", "nodes => nodes.map(node => node.id)")
    assert len(ids) == len(set(ids)), "two examples shown together repeat no id"
    assert view.errors == [] and view.foreign == []
