"""Page feedback without analytics: each example page links to two prefilled GitHub issues, "Was this useful?" and
"Question this example's evidence", naming the example by id and published address. They are plain links: the
reader edits and submits the issue on GitHub, and the page sends nothing."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from bs4 import BeautifulSoup
from conftest import SITE_URL, mkdocs_settings

from macros.load import project
from macros.pages.common import evidence_label

NO_PERSONAL_DETAILS = "Please write nothing that could identify a person on probation or anyone else"


def feedback_links(page_file) -> dict[str, dict[str, str]]:
    """Each feedback link on a built page, by its words: the address it opens and its query, decoded."""
    page = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
    found = {}
    for link in page.select("p.pe-feedback a"):
        parts = urlsplit(link["href"])
        found[link.get_text()] = {"opens": f"{parts.scheme}://{parts.netloc}{parts.path}", **dict(parse_qsl(parts.query))}
    return found


def test_every_example_page_links_to_two_prefilled_issues_naming_the_example_and_its_address(fixture_site):
    loaded = project.load(fixture_site.parent)
    new_issue = mkdocs_settings()["repo_url"].rstrip("/") + "/issues/new"
    assert len(loaded.examples) >= 3
    for example in loaded.examples:
        address = f"{SITE_URL}examples/{example.id}/"
        links = feedback_links(fixture_site / "examples" / example.id / "index.html")
        assert list(links) == ["Was this useful?", "Question this example’s evidence"], example.id
        useful, evidence = links.values()
        # A blank issue (no form, which would ignore the body), with a title and a body to edit before sending.
        assert useful == {
            "opens": new_issue, "title": f"Was this useful: {example.id}",
            "body": f"Example: {example.id}\nAddress: {address}\n\nWas this example useful to you? (yes, partly or no)\n\n\n"
                    "What did you use it for, and what would make it more useful?\n\n\n"
                    f"{NO_PERSONAL_DETAILS}: no names, small places or dates.\n",
        }, example.id
        assert evidence["opens"] == new_issue and evidence["title"] == f"Question about the evidence: {example.id}"
        assert evidence["body"].startswith(
            f"Example: {example.id}\nAddress: {address}\nEvidence status shown: {evidence_label(example, loaded.guide)}\n\n"
            "What I question about its evidence, and why:"), example.id
        assert NO_PERSONAL_DETAILS in evidence["body"]


def test_the_feedback_links_are_plain_links_for_the_screen_with_no_script(fixture_site):
    example_id = project.load(fixture_site.parent).examples[0].id
    page = BeautifulSoup((fixture_site / "examples" / example_id / "index.html").read_text(encoding="utf-8"), "html.parser")
    block = page.select_one("p.pe-feedback")
    assert "pe-screen-only" in block["class"]  # print.css leaves it off paper, where it would only print long addresses
    assert all(set(link.attrs) == {"href"} for link in block.select("a"))  # no handler, no ping, nothing sent by the page
    assert "this page sends nothing itself" in block.get_text()
