"""Where examples are needed (/coverage/), the Tags page's counts, and the links into GitHub's
issue forms: every "open an issue", each example's "Suggest a change", each thin row's proposal."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, TODAY
from searching import documents_with, index_files, index_rows

from macros.base import urls
from macros.pages import browse, coverage, issue_links
from macros.load import project
from macros.load.examples import Example

REPO = "https://github.com/example-org/guide"
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


@pytest.fixture(scope="module")
def guide():
    return project.load(ROOT).guide


@pytest.fixture(scope="module")
def fixture_record(tmp_path_factory) -> Example:
    """The valid fixture record, loaded on its own."""
    root = tmp_path_factory.mktemp("coverage-project")
    shutil.copytree(ROOT / "practice_examples" / "guide", root / "practice_examples" / "guide")
    shutil.copy(ROOT / "practice_examples" / "schema.json", root / "practice_examples" / "schema.json")
    shutil.copy(FIXTURES / "valid-example.yaml", root / "practice_examples" / "valid-example.yaml")
    loaded, problems = project.check(root, today=TODAY)
    assert problems == []
    return loaded.examples[0]


def examples_like(record: Example, *specs: tuple[str, tuple[str, ...], dict[str, tuple[str, ...]]]) -> list[Example]:
    """Examples made from record, each (provenance, take-aways, tags by facet)."""
    return [
        dataclasses.replace(record, id=f"example-{number}", provenance=kind, takeaways=takeaways, tags=tuple(tags.items()))
        for number, (kind, takeaways, tags) in enumerate(specs)
    ]


@pytest.fixture
def three(fixture_record) -> list[Example]:
    return examples_like(
        fixture_record,
        ("reported", ("drr-consent", "connection"), {"substance": ("alcohol",)}),
        ("illustrative", ("drr-consent",), {"substance": ("alcohol", "opioids")}),
        ("illustrative", ("drr-consent",), {"substance": ("alcohol",)}),
    )


def rows_by_id(rows) -> dict[str, coverage.Row]:
    return {row.query[1]: row for row in rows}


def test_take_aways_are_counted_by_provenance_and_none_is_left_out(three, guide):
    rows = rows_by_id(coverage.takeaway_rows(three, guide, urls.Links("../"), REPO))
    assert set(rows) == set(guide.takeaways)  # every take-away and sub-point, zeros too
    assert rows["drr-consent"].counts == (1, 2) and not rows["drr-consent"].thin
    assert rows["connection"].counts == (1, 0) and rows["connection"].thin
    assert rows["prevent-deaths"].counts == (0, 0) and rows["prevent-deaths"].thin


def test_thin_means_fewer_than_three_examples_of_both_kinds_together(fixture_record, guide):
    two = examples_like(fixture_record, ("reported", ("connection",), {}), ("illustrative", ("connection",), {}))
    assert coverage.THIN_BELOW == 3
    assert rows_by_id(coverage.takeaway_rows(two, guide, urls.Links("../"), REPO))["connection"].thin
    three = two + examples_like(fixture_record, ("illustrative", ("connection",), {}))
    assert not rows_by_id(coverage.takeaway_rows(three, guide, urls.Links("../"), REPO))["connection"].thin


def test_rows_come_thinnest_first_then_in_the_guides_order(three, guide):
    rows = coverage.takeaway_rows(three, guide, urls.Links("../"), REPO)
    assert [row.total for row in rows] == sorted(row.total for row in rows)
    zeros = [row.query[1] for row in rows if row.total == 0]
    assert zeros == [t for t in guide.takeaways if t not in ("drr-consent", "connection")]
    assert [row.query[1] for row in rows[-2:]] == ["connection", "drr-consent"]


def test_every_value_of_every_facet_has_a_row_in_its_facets_table(three, guide):
    tables = coverage.tag_rows(three, guide, REPO)
    assert list(tables) == [facet.id for facet in guide.facets]
    for facet in guide.facets:
        assert sorted(row.query for row in tables[facet.id]) == sorted((facet.id, value.id) for value in facet.values)
    substance = rows_by_id(tables["substance"])
    assert substance["alcohol"].counts == (1, 2) and substance["opioids"].counts == (0, 1) and substance["cannabis"].counts == (0, 0)
    assert tables["substance"][-1].query == ("substance", "alcohol")


def parsed(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def row_for(soup: BeautifulSoup, label: str):
    return next(th.parent for th in soup.select('th[scope="row"]') if th.get_text().startswith(label))


def test_each_count_links_to_the_browse_view_and_zeros_are_shown_unlinked(three, guide):
    soup = parsed(coverage.page_html(three, guide, urls.Links("../"), REPO))
    cells = row_for(soup, guide.takeaways["drr-consent"].text).find_all("td")
    assert [cell.get_text() for cell in cells] == ["1", "2", "3"]
    assert [cell.a["href"] for cell in cells] == [
        "../browse/?takeaway=drr-consent&provenance=reported",
        "../browse/?takeaway=drr-consent&provenance=illustrative",
        "../browse/?takeaway=drr-consent",
    ]
    opioids = row_for(soup, "Opioids").find_all("td")
    assert [cell.get_text() for cell in opioids] == ["0", "1", "1"]
    assert opioids[0].a is None and opioids[1].a["href"] == "../browse/?substance=opioids&provenance=illustrative"


def test_thin_rows_and_only_thin_rows_offer_the_prefilled_proposal_form(three, guide):
    soup = parsed(coverage.page_html(three, guide, urls.Links("../"), REPO))
    connection = row_for(soup, guide.takeaways["connection"].text).th
    [propose] = [a for a in connection.find_all("a") if "issues/new" in a["href"]]
    link = urlsplit(propose["href"])
    assert (link.scheme, link.netloc, link.path) == ("https", "github.com", "/example-org/guide/issues/new")
    assert parse_qs(link.query) == {
        "template": ["propose-an-example.yml"],
        "title": ["Example: for the take-away connection"],
        "why_it_works": [f"It illustrates the take-away (connection): {guide.takeaways['connection'].text}\n\n"],
    }
    assert "Thin" in connection.get_text()
    alcohol = row_for(soup, "Alcohol").th
    assert "Thin" not in alcohol.get_text() and not [a for a in alcohol.find_all("a") if "issues/new" in a["href"]]
    [cannabis] = [a["href"] for a in row_for(soup, "Cannabis").th.find_all("a")]
    assert parse_qs(urlsplit(cannabis).query) == {"template": ["propose-an-example.yml"], "title": ["Example: tagged Substance: Cannabis"]}


def test_the_fields_prefilled_are_text_fields_of_the_committed_forms():
    """GitHub fills only inputs and text areas from the address; a wrong id would be silently ignored."""
    kinds = {}
    for name in (issue_links.PROPOSE_FORM, issue_links.SUGGEST_FORM):
        form = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))
        kinds[name] = {element["id"]: element["type"] for element in form["body"] if "id" in element}
    assert kinds[issue_links.PROPOSE_FORM]["why_it_works"] in ("input", "textarea")
    assert kinds[issue_links.SUGGEST_FORM]["example"] == "input"


def test_without_a_repository_address_there_are_no_proposal_links(three, guide):
    soup = parsed(coverage.page_html(three, guide, urls.Links("../"), None))
    assert not [a for a in soup.find_all("a") if "issues" in a["href"]]
    assert "Thin" in row_for(soup, "Cannabis").th.get_text()


def test_every_table_has_a_caption_and_scoped_headers(three, guide):
    soup = parsed(coverage.page_html(three, guide, urls.Links("../"), REPO))
    tables = soup.find_all("table")
    assert len(tables) == 1 + len(guide.facets)
    for table in tables:
        assert table.caption.get_text().endswith("thinnest first")
        assert [th["scope"] for th in table.thead.find_all("th")] == ["col"] * 4
        assert all(tr.th["scope"] == "row" and len(tr.find_all("td")) == 3 for tr in table.tbody.find_all("tr"))


def test_the_suggest_a_change_link_opens_the_form_naming_the_example():
    assert issue_links.suggest_change_url(REPO + "/", "naloxone-at-induction") == (
        "https://github.com/example-org/guide/issues/new?template=suggest-a-change.yml&example=naloxone-at-induction"
        "&title=Change+to+an+example%3A+naloxone-at-induction"
    )


def test_the_tag_index_follows_the_browse_pages_order_with_counts_and_links(three, guide):
    soup = parsed(coverage.tag_index(three, guide, urls.Links("../")))
    groups = browse.filters(guide)
    assert [h2.get_text() for h2 in soup.find_all("h2")] == [group.label for group in groups]
    for heading, group in zip(soup.find_all("h2"), groups):
        chips = heading.find_next_sibling("ul").find_all("li")
        assert [chip.get_text().rsplit(" (", 1)[0] for chip in chips] == [label for _, label in group.options]
    substance = {li.get_text(): li.a for li in soup.find("h2", id="substance").find_next_sibling("ul").find_all("li")}
    assert substance["Alcohol (3)"]["href"] == "../browse/?substance=alcohol"
    assert substance["Opioids (1)"]["href"] == "../browse/?substance=opioids"
    assert substance["Cannabis (0)"] is None
    section = {li.get_text(): li.a for li in soup.find("h2", id="section").find_next_sibling("ul").find_all("li")}
    assert section["Assessment and advice to court (3)"]["href"] == "../browse/?section=assessment"


# The pages as built, with the real configuration and pages (and the fixture records).

def page(site: Path, path: str) -> BeautifulSoup:
    return parsed((site / path / "index.html").read_text(encoding="utf-8"))


def repo_url(site: Path) -> str:
    return page(site, "").select_one("a.md-source")["href"].rstrip("/")


def test_the_coverage_page_is_built_in_the_nav_and_left_out_of_search(fixture_site):
    soup = page(fixture_site, "coverage")
    assert soup.h1.get_text().startswith("Where examples are needed")
    assert len(soup.select("article table")) == 1 + len(project.load(ROOT).guide.facets)
    assert soup.select_one('nav.md-nav a[href="./"]').get_text().strip() == "Where examples are needed"
    assert page(fixture_site, "contribute").select_one('article a[href="../coverage/"]') is not None
    rows = index_rows(index_files(fixture_site))
    assert rows and not [row for row in rows if row[0].startswith(("coverage/", "tags/"))]


def test_example_tags_still_reach_search_without_the_tags_plugin(fixture_site):
    files = index_files(fixture_site)
    [number] = [n for n, row in enumerate(index_rows(files)) if row[0] == "examples/short-form-only/"]
    labels = ["assessment", "advice", "court", "pre", "sentence"]  # its section, and its stage tag "Pre-sentence and court"
    assert all(documents_with(files, word).get(number, 0) > 0 for word in labels), [w for w in labels if not documents_with(files, w).get(number)]


def test_the_tags_page_is_the_compact_index(fixture_site):
    soup = page(fixture_site, "tags")
    guide = project.load(ROOT).guide
    assert [h2.get_text().strip("¶") for h2 in soup.select("article h2")] == [group.label for group in browse.filters(guide)]
    chips = soup.select("article ul.pe-chips > li")
    assert len(chips) == sum(len(group.options) for group in browse.filters(guide))
    assert soup.select_one('article a.pe-chip[href="../browse/?section=supervision"]').get_text() == "Case supervision (5)"


def test_each_example_page_suggests_a_change_through_the_form_beside_the_edit_link(fixture_site):
    soup = page(fixture_site, "examples/short-form-only")
    provenance = soup.select_one(".pe-provenance")
    links = {a.get_text(): a["href"] for a in provenance.find_all("a")}
    assert links["Suggest a change"] == issue_links.suggest_change_url(repo_url(fixture_site), "short-form-only")
    assert links["edit its file"] == f"{repo_url(fixture_site)}/edit/main/practice_examples/short-form-only.yaml"


def test_the_contribute_page_has_no_edit_pencil_and_other_pages_keep_theirs(fixture_site):
    assert page(fixture_site, "contribute").select('a[rel="edit"]') == []
    assert page(fixture_site, "about").select('a[rel="edit"]') != []
    proposal = page(fixture_site, "contribute").find("a", string="Propose an example form")
    assert proposal["href"] == f"{repo_url(fixture_site)}/issues/new?template=propose-an-example.yml"


def test_every_open_an_issue_on_the_site_is_a_link_to_the_issue_forms(fixture_site):
    found = 0
    for html in fixture_site.rglob("*.html"):
        soup = parsed(html.read_text(encoding="utf-8"))
        for text in soup.find_all(string=lambda s: s and "open an issue" in s.lower()):
            found += 1
            assert text.parent.name == "a", f"{html}: {text!r} is not a link"
            assert text.parent["href"] == f"{repo_url(fixture_site)}/issues/new/choose"
    assert found >= 2  # the contribute and about pages


@pytest.mark.browser
@pytest.mark.parametrize(("path", "most"), [("tags/", 5000), ("coverage/", 16000)])
def test_the_pages_fit_a_phone_screen_wide_and_stay_short(watched, real_site, path, most):
    """The old Tags page ran to 64,735 px at 390 px; the index fits a few screens, and no table scrolls sideways."""
    view = watched(real_site)
    view.page.set_viewport_size({"width": 390, "height": 844})
    page = view.open(path)
    assert page.evaluate("document.documentElement.scrollHeight") < most
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    overflowing = page.eval_on_selector_all("article table", "tables => tables.filter(t => t.scrollWidth > t.clientWidth + 1).length")
    assert overflowing == 0
