"""Every built page is valid HTML by the Nu HTML Checker, Material's markup included; the checker
catches an error put back into a page; and the build's corrections to Material's markup."""

from __future__ import annotations

from pathlib import Path

from check_html import check
from macros.pages.material_fixes import without_checkbox_autocomplete, without_indentation


def test_the_nu_html_checker_finds_no_error_on_any_built_page(real_site_dir):
    pages = list(real_site_dir.rglob("*.html"))
    assert len(pages) > 50
    errors = check(real_site_dir)
    assert errors == [], "\n".join(map(str, errors))


BREAKAGES = {
    "autocomplete-on-a-checkbox": ('<input class="md-toggle" type="checkbox" id="__extra" autocomplete="off">', "autocomplete"),
    "empty-tabindex": ('<label class="md-nav__link" for="__extra" tabindex="">Sections</label>', "tabindex"),
    "label-for-a-missing-control": ('<label class="md-nav__title" for="__no-such-control">Contents</label>', "must be the ID of a non-hidden form control"),
    "skipped-heading-level": ("<h4>A heading too deep</h4>", "skipping"),
}


def test_the_checker_reports_each_known_material_error_put_back_into_a_page(real_site_dir, tmp_path):
    """Each kind of error the site had, put back into a copy of a valid page: the checker names it
    at that file, and the untouched copy stays clean."""
    page = (real_site_dir / "about" / "index.html").read_text(encoding="utf-8")
    marker = "</h1>"  # just inside the content, where an h4 skips two levels
    assert marker in page
    site = tmp_path / "site"
    for name, (broken, _) in BREAKAGES.items():
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(page.replace(marker, marker + broken, 1), encoding="utf-8")
    (site / "untouched").mkdir()
    (site / "untouched" / "index.html").write_text(page, encoding="utf-8")
    errors = check(site)
    for name, (_, reported) in BREAKAGES.items():
        found = [e for e in errors if e.path == f"{name}/index.html"]
        assert any(reported in e.message for e in found) and all(e.line > 0 for e in found), (name, found)
    assert [e for e in errors if e.path.startswith("untouched/")] == []


def test_autocomplete_is_dropped_from_checkboxes_only():
    page = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" class="md-search__input" autocomplete="off" required>'
        '<input type="search" id="pe-words" name="words" autocomplete="off">'
    )
    assert without_checkbox_autocomplete(page) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input type="text" class="md-search__input" autocomplete="off" required>'
        '<input type="search" id="pe-words" name="words" autocomplete="off">'
    )


def test_built_pages_keep_no_autocomplete_on_a_checkbox(real_site_dir: Path):
    pages = [p for p in real_site_dir.rglob("*.html") if 'type="checkbox"' in p.read_text(encoding="utf-8")]
    assert pages, "Material's toggles are checkboxes on every page"
    assert not [p for p in pages if without_checkbox_autocomplete(p.read_text(encoding="utf-8")) != p.read_text(encoding="utf-8")]


def test_indentation_is_dropped_but_preformatted_text_keeps_its_own():
    page = ("<div>\n    <p>Text\n      <em>on</em>\n\n\n  </p>\n"
            "  <pre><code>keep\n    this  indent\n</code></pre>\n  <TEXTAREA>a\n  b</TEXTAREA>\n</div>")
    assert without_indentation(page) == (
        "<div>\n<p>Text\n<em>on</em>\n</p>\n"
        "<pre><code>keep\n    this  indent\n</code></pre>\n<TEXTAREA>a\n  b</TEXTAREA>\n</div>"
    )


def test_built_pages_carry_no_indentation(real_site_dir: Path):
    """Material's deep indentation is about an eighth of an example page; every page is written without it."""
    pages = list(real_site_dir.rglob("*.html"))
    assert [p for p in pages if without_indentation(p.read_text(encoding="utf-8")) != p.read_text(encoding="utf-8")] == []
