"""The built site in the system Chromium, over HTTP: pages load cleanly and privately, contributor
payloads stay inert, and axe finds no violation in any state of any kind of page.
(Search: tests/test_search.py.)"""

from __future__ import annotations

import pytest

import a11y
from conftest import ROOT
from macros.load import project
from searching import header_search

pytestmark = pytest.mark.browser

LOADED = project.load(ROOT)  # stops collection with every data problem listed
SOME_EXAMPLE = LOADED.examples[0]


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


AUDIT_PARTS = 3  # the sample's pages dealt into parts, so the test workers share the audit out


def test_the_audit_samples_every_kind_of_page(real_site_dir):
    paths = a11y.page_paths(real_site_dir, sample=True)
    assert {"", "supervision/", "browse/", "handout/", "review-dates/", "404.html"} <= set(paths)
    assert any(p.startswith("handout/?ids=") for p in paths) and sum(p.startswith("examples/") for p in paths) == 3


@pytest.mark.parametrize("scheme", a11y.SCHEMES)
@pytest.mark.parametrize("part", range(AUDIT_PARTS))
def test_axe_finds_no_violation_on_any_kind_of_page_in_any_state(browser, real_site, real_site_dir, part, scheme):
    """WCAG 2.0-2.2 A and AA rules of any impact, and serious or critical best practice, in every state:
    as loaded; the home page also with search open and showing results (the header holding search is the same
    on every page: test_site_build.py); browse also filtered, empty, a chip hovered, and on a phone and at
    320 px with every filter group open. This is `make a11y`'s own audit (scripts/a11y.py), on one page of
    each kind, three examples and a handout of them (its --sample), a part of them at a time."""
    paths = a11y.page_paths(real_site_dir, sample=True)[part::AUDIT_PARTS]
    violations, audits = a11y.audit_pages(browser, real_site, paths, scheme)
    assert audits == len(paths) + (2 if a11y.SEARCH_PAGE in paths else 0) + (5 if "browse/" in paths else 0)
    assert violations == [], a11y.report(violations, audits)


def test_the_audit_reports_a_real_violation(browser, real_site):
    """The check above can fail: undo the dialog's name and add low-contrast text, and axe says so."""
    page = browser.new_context().new_page()
    page.goto(real_site)
    page.evaluate("""() => {
      document.querySelector('.md-search').removeAttribute('aria-label');
      const faint = document.createElement('p');
      faint.textContent = 'Faint text';
      faint.style.color = '#aaa';
      document.querySelector('.md-content__inner').append(faint);
    }""")
    rules = {v.rule for v in a11y.audit(page, "/", "light", "broken on purpose")}
    assert {"aria-dialog-name", "color-contrast"} <= rules
    page.context.close()


def test_the_audit_of_open_search_finds_a_violation_among_the_results(browser, real_site):
    """With search open the audit looks only at the header, which holds the dialog: a fault in the results is found."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(real_site)
    header_search(page, a11y.SEARCH_WORD)
    page.eval_on_selector(".md-search__scrollwrap", "list => list.scrollTo(0, 0)")  # axe judges only text in view: the first result
    page.evaluate("() => document.querySelectorAll('.md-search-result__item:first-child *').forEach(e => { e.style.color = '#ccc'; })")
    found = a11y.audit(page, "/", "light", "search results", context=a11y.SEARCH_CONTEXT)
    assert [v.target for v in found if v.rule == "color-contrast"], a11y.report(found, 1)
    page.context.close()


def test_the_audit_judges_the_browse_cards_below_the_first_screen(browser, real_site):
    """Cards far down the page are judged too (the page may put off drawing them until they come near the
    screen): fading the last card's text is reported as color-contrast."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(real_site + "browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    assert a11y.audit(page, "browse/", "light", "as loaded", rules=["color-contrast"]) == []
    top = page.eval_on_selector(".pe-cards", "cards => { const last = cards.lastElementChild; "
                                "last.querySelectorAll('*').forEach(e => { e.style.color = '#ccc'; }); return last.getBoundingClientRect().top; }")
    assert top > 3 * 900  # well below the first screen
    assert "color-contrast" in {v.rule for v in a11y.audit(page, "browse/", "light", "broken on purpose", rules=["color-contrast"])}
    page.context.close()


@pytest.mark.parametrize("scheme", a11y.SCHEMES)
def test_hovered_and_focused_chips_and_buttons_keep_their_contrast(browser, real_site, scheme):
    """Material turns them white on its accent colour (4.26:1) when hovered or focused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(real_site + f"examples/{SOME_EXAMPLE.id}/")
    background = "getComputedStyle(document.querySelector('a.pe-chip')).backgroundColor"
    resting = page.evaluate(background)
    for how in ("hover", "focus"):
        chip = page.locator("a.pe-chip").first
        if how == "hover":
            chip.hover()
        else:
            page.mouse.move(0, 0)
            chip.focus()
        a11y.settle(page)
        assert page.evaluate(background) != resting, f"the chip's {how} style did not apply"
        assert a11y.audit(page, "example", scheme, how, context="a.pe-chip", rules=["color-contrast"]) == []
    page.goto(real_site + "browse/?population=women")  # a chosen filter, so its chips and "Clear all" show
    page.wait_for_selector("#pe-filters:not([hidden])")
    page.hover("[data-clear]")
    a11y.settle(page)
    assert a11y.audit(page, "browse/", scheme, "Clear all hovered", context="[data-clear]", rules=["color-contrast"]) == []
    context.close()
