"""The built site in the system Chromium, over HTTP: pages load cleanly and privately, contributor
payloads stay inert, and axe finds no WCAG 2.2 AA violation. (Search: tests/test_search.py.)"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT
from macros import project
from searching import header_search

pytestmark = pytest.mark.browser

LOADED = project.load(ROOT)  # stops collection with every data problem listed
SOME_EXAMPLE = LOADED.examples[0]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.mark.parametrize("path", ["", "supervision/", f"examples/{SOME_EXAMPLE.id}/", "browse/", "glossary/", "tags/"])
def test_pages_load_with_no_console_errors_and_no_request_to_another_host(watched, real_site, path):
    view = watched(real_site)
    page = view.open(path)
    assert page.title()
    assert view.errors == []
    assert view.foreign == []


def test_hostile_contributor_text_never_runs_and_shows_as_typed(watched, fixture_site_url):
    view = watched(fixture_site_url)
    dialogs = []
    view.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ["examples/payload-example/", "supervision/", "browse/", "tags/"]:
        page = view.open(path)
        assert page.evaluate("window.pwned") is None, path
    page = view.open("examples/payload-example/")
    assert page.inner_text("h1") == "Payload {{ 7*7 }} </title><script>window.pwned=1</script> & more"
    assert page.title().startswith("Payload {{ 7*7 }} </title><script>window.pwned=1</script> & more")
    assert '<img src=x onerror="window.pwned=3">' in page.inner_text(".pe-prose")
    header_search(page, "Payload")
    assert page.evaluate("window.pwned") is None
    assert "</title><script>" in page.inner_text(".md-search-result")
    assert dialogs == []


def test_an_old_address_forwards_to_the_renamed_example_and_keeps_the_anchor(watched, fixture_site_url):
    view = watched(fixture_site_url)
    page = view.page
    page.goto(fixture_site_url + "examples/fortnightly-reviews/#what-was-done")
    page.wait_for_url("**/examples/long-form-only/#what-was-done")
    assert page.inner_text("h1") == "Fortnightly reviews that keep treatment on track"
    assert view.errors == []


def test_abbreviations_carry_their_expansion_in_the_page(watched, real_site):
    page = watched(real_site).open("")
    titles = page.eval_on_selector_all("abbr[title]", "nodes => nodes.map(n => [n.textContent, n.title])")
    assert ["DRR", "drug rehabilitation requirement"] in titles


def test_keyboard_users_can_skip_to_content_and_reach_search(watched, real_site):
    page = watched(real_site).open("supervision/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#case-supervision"
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")


@pytest.mark.parametrize(
    "path",
    ["", "leadership/", "assessment/", "supervision/", "reducing-harm/", f"examples/{SOME_EXAMPLE.id}/",
     "browse/", "browse/?population=women&substance=alcohol&stage=ending", "tags/", "coverage/", "glossary/", "contribute/", "about/"],
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_22_aa_violation(watched, real_site, path, scheme):
    view = watched(real_site)
    view.page.emulate_media(color_scheme=scheme)
    page = view.open(path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    assert results.violations_count == 0, results.generate_report()
