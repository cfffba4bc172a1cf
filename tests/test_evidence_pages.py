"""Evidence, reported and added text, and currency on the built pages: the example page, browse cards and
filter, handouts, section packs, search, About the evidence, the review dates, home and about. Read from the
fixture site, built strictly as on the tests' fixed day (conftest.TODAY), so the same dates have passed."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, TODAY
from macros.load.guide import load_guide
from searching import documents_with, index_files, index_rows

REPORTED = "reported-with-guide-suggestions"
OVERDUE = "overdue-example"
ILLUSTRATIVE = "long-form-only"
GUIDE = load_guide(ROOT)
FIXTURE_COUNT = len(list((FIXTURES / "site").glob("*.yaml")))


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(node) -> str:
    """The words a reader sees, spaced as written."""
    return " ".join(node.get_text().split())


def article(site, path: str):
    return soup(site, path).select_one("article.md-content__inner")


def section_after(page, heading_id: str):
    """The block that follows an h2 on an example page."""
    return page.find(id=heading_id).find_next_sibling()


# The example page


def test_the_evidence_status_is_near_the_title_in_words_and_links_to_its_explanation(fixture_site):
    page = article(fixture_site, f"examples/{REPORTED}")
    kicker = page.select_one("h1 ~ .pe-kicker")
    assert kicker is not None and page.select(".pe-kicker ~ .pe-summary"), "under the title, before the summary"
    badge = kicker.select_one("a.pe-badge--evidence")
    assert text(badge) == "Evidence: Compared with a similar group"
    assert badge["href"] == "../../evidence/#comparison-group"
    assert soup(fixture_site, "evidence").find(id="comparison-group") is not None
    assert page.select(".pe-kicker + .pe-summary + .pe-evidence"), "the study and ratings follow the summary at once"


def test_the_study_is_linked_with_what_it_found(fixture_site):
    box = article(fixture_site, f"examples/{REPORTED}").select_one(".pe-evidence")
    study = box.find("a", href="#source-fixture-evaluation")
    assert text(study) == "An evaluation of the fixture scheme"
    assert "A Fixture University, 2 June 2025." in text(box)
    assert "What it found: More people in the scheme's area started treatment than in a matched area, over one year and in a small sample." in text(box)
    assert article(fixture_site, f"examples/{REPORTED}").find(id="source-fixture-evaluation").name == "li"


def test_an_approach_rating_is_quoted_as_the_rating_bodys_own_with_its_date_and_link(fixture_site):
    box = article(fixture_site, f"examples/{REPORTED}").select_one(".pe-evidence")
    said = text(box)
    assert "Single referral routes: rated “Promising” by A Fixture Toolkit, its review of referral routes" in said
    assert "not a rating of this example, and not this guide's" in said
    assert "September 2023" in said
    assert box.find("a", href="https://example.org/toolkit/referral-routes") is not None


def test_each_passage_of_a_reported_example_says_whose_it_is(fixture_site):
    page = article(fixture_site, f"examples/{REPORTED}")
    done = section_after(page, "what-was-done")
    parts = done.select(".pe-part")
    assert [text(part.select_one(".pe-part__label")) for part in parts] == ["Reported by A Fixture Council, March 2024", "The guide's suggestion"]
    assert parts[0].select_one(".pe-part__label a")["href"] == "#source-fixture-scheme-report"
    assert "shared a rota of open places" in text(parts[0]) and "ask people on probation what made the route hard" in text(parts[1])
    assert [text(label) for label in section_after(page, "why-it-works").select(".pe-part__label")] == [
        "Reported by A Fixture University, 2 June 2025", "The guide's suggestion"]


def test_tips_and_questions_of_a_reported_example_are_labelled_as_the_guides(fixture_site):
    page = article(fixture_site, f"examples/{REPORTED}")
    for heading in ("practical-tips", "questions-for-reflection"):
        assert text(section_after(page, heading)) == "The guide's suggestions, not from the sources."


def test_an_illustrative_example_says_it_was_written_for_the_guide_and_has_no_part_labels(fixture_site):
    page = article(fixture_site, f"examples/{ILLUSTRATIVE}")
    assert text(page.select_one(".pe-kicker a.pe-badge--evidence")) == "Evidence: Written for this guide"
    assert page.select(".pe-part, .pe-part__label") == []


def test_the_page_gives_its_review_dates_and_what_is_to_be_checked(fixture_site):
    foot = text(article(fixture_site, f"examples/{REPORTED}").select_one(".pe-provenance"))
    assert "Added 1 January 2026; last reviewed 1 January 2026; to be reviewed again by 1 January 2027." in foot
    assert "By 30 June 2030: Whether the fixture council still runs the scheme; if it has ended, say so in the context." in foot


def test_an_example_with_no_study_or_rating_has_only_its_label_near_the_title(fixture_site):
    page = article(fixture_site, f"examples/{ILLUSTRATIVE}")
    assert page.select(".pe-evidence") == []
    assert text(page.select_one(".pe-kicker a.pe-badge--evidence")) == "Evidence: Written for this guide"


def test_a_passed_date_tells_the_reader_to_check_before_relying_on_it_near_the_top(fixture_site):
    page = article(fixture_site, f"examples/{OVERDUE}")
    notice = page.select_one(".pe-overdue")
    assert notice["role"] == "note"
    assert page.select(".pe-overdue ~ .pe-summary"), "the notice comes before the summary"
    assert [text(p) for p in notice.find_all("p")] == [
        "Last reviewed 10 January 2024; due to be checked by 30 June 2024: Whether the fixture rule on court reports has come into force; "
        "if so, change the second step — check before relying on it.",
        "Last reviewed 10 January 2024; its review was due by 10 January 2025 — check before relying on it.",
    ]


def test_no_notice_while_every_date_is_to_come(fixture_site):
    assert article(fixture_site, f"examples/{REPORTED}").select(".pe-overdue") == []


# Browse, handout, pack and search


def card(site, example_id: str):
    return soup(site, "browse").select_one(f'li.pe-card[data-example-id="{example_id}"]')


def test_browse_cards_show_the_evidence_status_and_the_guides_additions(fixture_site):
    reported = text(card(fixture_site, REPORTED).select_one(".pe-card__meta"))
    assert reported == "Leadership · Reported practice Evidence: Compared with a similar group · Includes the guide's suggestions"
    illustrative = text(card(fixture_site, ILLUSTRATIVE).select_one(".pe-card__meta"))
    assert "Evidence: Written for this guide" in illustrative and "guide's suggestions" not in illustrative


def test_the_browse_page_filters_by_evidence_status_with_the_existing_filters(fixture_site):
    group = soup(fixture_site, "browse").select_one('details[data-filter="evidence"]')
    assert text(group.summary).startswith("Evidence") and text(group.fieldset.legend) == "Evidence"
    fieldset = group.fieldset
    assert [box["value"] for box in fieldset.select("input[type=checkbox]")] == list(GUIDE.statuses)
    assert [text(label) for label in fieldset.select("label")] == [status.label for status in GUIDE.statuses.values()]
    index = json.loads((fixture_site / "browse" / "index.json").read_text(encoding="utf-8"))
    values = {example["id"]: example["values"]["evidence"] for example in index["examples"]}
    assert values[REPORTED] == ["comparison-group"] and values[OVERDUE] == ["written-for-guide"]


def handout_data(site, example_id: str) -> dict:
    script = (site / "examples" / example_id / "handout.js").read_text(encoding="utf-8")
    return json.loads(re.fullmatch(r"peHandout\.register\((.*)\);\n", script, re.DOTALL).group(1))


def handout_content(site, example_id: str) -> BeautifulSoup:
    return BeautifulSoup(handout_data(site, example_id)["html"], "html.parser")


def test_the_handout_carries_the_evidence_status_the_study_and_the_part_labels(fixture_site):
    content = handout_content(fixture_site, REPORTED)
    badge = content.select_one(".pe-kicker a.pe-badge--evidence")
    assert text(badge) == "Evidence: Compared with a similar group" and badge["href"] == "../evidence/#comparison-group"
    assert text(content.select_one(".pe-evidence")).startswith(
        "Study: An evaluation of the fixture scheme, A Fixture University, 2 June 2025. What it found: More people")
    done = content.select_one(".pe-handout-part--what-was-done")
    assert [text(label) for label in done.select(".pe-part__label")] == ["Reported by A Fixture Council, March 2024", "The guide's suggestion"]
    # A part's source is listed on the example's page: its link leads there, not to an anchor the handout lacks.
    assert done.select_one(".pe-part__label a")["href"].startswith(f"../examples/{REPORTED}/#source-")
    assert text(content.select_one(".pe-handout-part--practical-tips .pe-part__label")) == "The guide's suggestions, not from the sources."
    assert content.select(".pe-overdue") == []


def test_the_handout_carries_the_overdue_notice(fixture_site):
    content = handout_content(fixture_site, OVERDUE)
    notes = [text(p) for p in content.select(".pe-overdue p")]
    assert notes[1] == "Last reviewed 10 January 2024; its review was due by 10 January 2025 — check before relying on it."
    assert content.select(".pe-part__label") == []


def test_the_section_pack_shows_the_evidence_status_and_that_the_guide_added_to_a_reported_example(fixture_site):
    pack = article(fixture_site, "packs/leadership")
    example = pack.find(id=f"example-{REPORTED}")
    kicker = text(example.select_one(".pe-kicker"))
    assert kicker == "Reported practice Evidence: Compared with a similar group · Includes the guide's suggestions (labelled on its page)"
    assert example.select_one("a.pe-badge--evidence")["href"] == "../../evidence/#comparison-group"
    assert text(example.select_one(".pe-part__label")) == "The guide's suggestions, not from the sources."
    overdue = article(fixture_site, "packs/assessment").find(id=f"example-{OVERDUE}")
    assert text(overdue.select_one("a.pe-badge--evidence")) == "Evidence: Written for this guide"


@pytest.mark.parametrize("word", ["rota", "signpost"], ids=["a part the source reports", "a part of the guide's own"])
def test_search_indexes_the_text_of_every_part(fixture_site, word):
    files = index_files(fixture_site)
    rows = index_rows(files)
    found = [rows[number][0] for number in documents_with(files, word)]
    assert f"examples/{REPORTED}/" in found


# Pages


def test_the_about_the_evidence_page_is_made_from_the_guides_data(fixture_site):
    page = article(fixture_site, "evidence")
    rows = page.select("tr[id]")
    assert [row["id"] for row in rows] == list(GUIDE.statuses)
    for row, status in zip(rows, GUIDE.statuses.values()):
        cells = [text(cell) for cell in row.find_all(["th", "td"])]
        assert cells[0] == f"{status.label}{status.id}" and text(row.th.code) == status.id
        assert cells[1:4] == [status.meaning, status.shows, status.does_not_show]
        assert cells[4].startswith(f"Level {status.level}:" if status.level else "None")
    assert text(rows[1].find_all("td")[-1]) == "1 example"  # comparison-group: the reported fixture
    assert [text(item).split(".")[0] for item in page.select("ol.pe-list > li")] == [
        f"Level {level.level}: {level.name}" for level in GUIDE.evidence_scale.levels]
    assert page.find("a", href=GUIDE.evidence_scale.url) is not None
    approach = page.find(id="approach-fixture-approach")
    assert "rated “Promising” by A Fixture Toolkit" in text(approach) and "cited by 1 example" in text(approach)
    said = text(page)
    for heading in ("Why one local service never goes above \"evaluated\"", "\"Seen by an inspection\" is not \"shown to work\"",
                    "Ratings of the general approach"):
        assert heading in said


def test_about_the_evidence_is_in_the_nav_under_about(fixture_site):
    nav = [text(link) for link in soup(fixture_site, "").select("nav.md-nav--primary a.md-nav__link")]
    assert nav.index("About the evidence") == nav.index("About this guide") + 1


def test_the_review_dates_page_lists_every_date_with_those_passed_first(fixture_site):
    page = article(fixture_site, "review-dates")
    rows = [[text(cell) for cell in row.find_all("td")] for row in page.select("tbody tr")]
    assert len(rows) == FIXTURE_COUNT + 2  # a review date each, and the two checks
    assert [row[1] for row in rows[:2]] == ["Passed", "Passed"] and {row[1] for row in rows[2:]} == {"To come"}
    assert rows[0][0] == "30 June 2024" and rows[0][3].startswith("Check: Whether the fixture rule")
    assert rows[1][0] == "10 January 2025" and rows[1][3] == "Review the whole example"
    assert rows[-1][0] == "30 June 2030"
    assert f"2 of {FIXTURE_COUNT + 2} dates had passed when the site was built on {TODAY.day} {TODAY:%B %Y}." in text(page)


def test_the_review_dates_page_is_linked_from_about_and_coverage_but_not_the_nav(fixture_site):
    for path in ("about", "coverage"):
        assert article(fixture_site, path).find("a", href="../review-dates/") is not None, path
    assert not soup(fixture_site, "").select('nav a[href$="review-dates/"]')


@pytest.mark.parametrize("path", ["", "about"])
def test_home_and_about_say_who_runs_the_guide_its_independence_and_the_counts(fixture_site, path):
    said = text(article(fixture_site, path))
    assert "maintainers and contributors" in said or "maintainers and by contributors" in said
    assert "HM Inspectorate of Probation" in said and "HM Prison and Probation Service" in said and "Ministry of Justice" in said
    assert re.search(r"(not published, checked or endorsed by|independent of) HM Inspectorate of Probation", said)
    assert article(fixture_site, path).find("a", href=re.compile(r"^https://github\.com/")) is not None
    assert "Reported practice: 1." in said or "reported practice 1," in said
    illustrative = FIXTURE_COUNT - 1
    assert f"Illustrative examples: {illustrative}." in said or f"illustrative examples {illustrative}," in said
    assert "inspection standards delivered well" in said or "inspectorate's standards" in said
