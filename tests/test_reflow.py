"""Reflow (WCAG 1.4.10): at 320 CSS px, a phone's width and 400% zoom of a 1,280 px window, no kind of page scrolls
sideways, neither the page nor a box in it (tables become stacked lists). `make reflow` prints the same check."""

from __future__ import annotations

import pytest
from reflow import WIDTH, every_kind_of_page, sideways

pytestmark = pytest.mark.browser


def test_no_kind_of_page_scrolls_sideways_at_320_px(browser, real_site_dir, real_site):
    paths = every_kind_of_page(real_site_dir)
    kinds = {path.split("/")[0] for path in paths}
    assert {"", "about", "contribute", "evidence", "coverage", "glossary", "browse", "tags", "review-dates", "examples", "packs",
            "handout", "404.html", "supervision"} <= kinds
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    page.set_default_timeout(15000)
    found = {path: problems for path in paths if (problems := sideways(page, real_site, path))}
    context.close()
    assert found == {}, "\n".join(f"/{path}: {problem}" for path, problems in found.items() for problem in problems)


def test_the_check_names_the_page_and_its_widest_element(browser, real_site):
    """The check fails on overflow it can see: a table forced wider than the screen is named."""
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    page.route("**/guide.css", lambda route: route.fulfill(status=200, content_type="text/css",
                                                          body=".md-typeset table.pe-fields { min-width: 700px; }"))
    problems = sideways(page, real_site, "about/")
    context.close()
    assert problems and problems[0].startswith("the page is ") and "widest: table.pe-fields" in problems[0]


def test_at_320_px_a_tables_rows_are_lists_whose_cells_name_their_column(browser, real_site):
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    page.goto(real_site + "contribute/", wait_until="load")
    table = page.locator("table.pe-fields").first
    headings = table.locator("thead th").all_inner_texts()
    assert headings == ["Field", "Required", "Kind", "What to write"]
    cells = table.locator("tbody tr").first.locator("td")
    shown = cells.evaluate_all("cells => cells.map(c => [getComputedStyle(c).display, getComputedStyle(c, '::before').content])")
    assert shown == [["block", f'"{heading}: "'] for heading in headings]
    assert table.locator("thead").evaluate("head => getComputedStyle(head).display") != "none"  # still read out as the table's headings
    context.close()


def test_every_stylesheet_closes_each_rule_it_opens():
    """One unclosed rule switches off every rule after it (the reflow rules at the end of guide.css among them)."""
    import re

    from conftest import ROOT

    for sheet in sorted((ROOT / "docs" / "assets" / "stylesheets").glob("*.css")):
        text = re.sub(r'/\*.*?\*/|"(?:\\.|[^"\\])*"', "", sheet.read_text(encoding="utf-8"), flags=re.S)
        depth = 0
        for number, line in enumerate(text.splitlines(), 1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{sheet.name}:{number}: a }} closes nothing"
        assert depth == 0, f"{sheet.name}: {depth} rule(s) never closed"
