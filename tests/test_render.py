"""The renderer: contributor text is data, never markup, script or a template."""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import ROOT

from macros.base import urls
from macros.pages import example as example_page, common as render
from macros.base import text
from macros.load import examples, markup, yamlsafe
from macros.load.guide import load_guide
from macros.load.project import check

ABBREVIATIONS = {"DRR": "drug rehabilitation requirement"}


@pytest.fixture(scope="module")
def loaded():
    project, problems = check(ROOT)
    assert not problems
    return project


@pytest.fixture(scope="module")
def example(loaded):
    return loaded.examples[0]


def test_raw_html_in_markdown_is_shown_as_text():
    html = markup.to_html('Hello <script>alert("x")</script> <img src=x onerror=alert(1)>', {})
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html


def test_a_raw_html_block_in_markdown_is_shown_as_text():
    html = markup.to_html('<div onclick="alert(1)">\n\nbody\n\n</div>', {})
    assert "<div" not in html
    assert "&lt;div onclick=" in html


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x"])
def test_unsafe_link_targets_are_removed(link):
    html = markup.to_html(f"[click]({link})", {})
    assert "click" in html
    assert "href" not in html


def test_safe_links_keep_their_target_and_get_noopener():
    html = markup.to_html("[GOV.UK](https://www.gov.uk/)", {})
    assert 'href="https://www.gov.uk/"' in html
    assert 'rel="noopener noreferrer"' in html


def test_jinja_syntax_is_left_literal():
    html = markup.to_html("Result {{ 7*7 }} and {% if true %}x{% endif %}", {})
    assert "{{ 7*7 }}" in html and "{% if true %}" in html


def test_contributor_headings_sit_below_the_page_parts_without_ids():
    html = markup.to_html("# Big heading\n\ntext", {})
    assert "<h3>Big heading</h3>" in html
    assert "id=" not in html


def test_glossary_abbreviations_are_marked_up():
    html = markup.to_html("A DRR was proposed.", ABBREVIATIONS)
    assert '<abbr title="drug rehabilitation requirement">DRR</abbr>' in html


def test_the_example_page_sets_its_metadata_in_python_escaped_for_materials_templates(example, loaded):
    hostile = dataclasses.replace(
        example,
        title='Payload {{ 7*7 }} </title><script>alert(1)</script> & "quotes" it\'s 🙂',
        summary='Summary "><script>alert(2)</script> 🙂',
    )
    page = example_page.render(hostile, loaded.guide, [], None)
    assert page.meta["title"] == 'Payload {{ 7*7 }} &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes" it\'s 🙂'
    assert page.meta["description"] == "Summary &quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt; 🙂"
    assert "<script>" not in page.html
    assert "---" not in page.html  # no front matter: nothing for a second parser to read back


def test_the_example_page_lists_its_headings_for_the_table_of_contents(example, loaded):
    page = example_page.render(example, loaded.guide, loaded.related[example.id], None)
    tokens = page.toc_tokens()
    assert [t["id"] for t in tokens][:3] == ["context", "what-was-done", "why-it-works"]
    for token in tokens:
        assert f'<h2 id="{token["id"]}">' in page.html
    assert {t["id"] for t in tokens} <= page.anchors


def test_the_example_page_labels_illustrative_examples(loaded):
    illustrative = next(e for e in loaded.examples if e.provenance == "illustrative")
    page = example_page.render(illustrative, loaded.guide, [], None).html
    assert page.count("Illustrative example") >= 2
    assert "It is not a real case and not an inspection finding." in page


def test_the_example_page_cites_a_reported_examples_sources(loaded):
    reported = next(e for e in loaded.examples if e.is_reported)
    page = example_page.render(reported, loaded.guide, [], None).html
    assert "Reported practice" in page
    for source in reported.sources:
        assert f'href="{text.escape(source.url)}"' in page


def test_the_example_page_shows_what_each_source_supports(loaded):
    reported = next(e for e in loaded.examples if e.is_reported)
    source = dataclasses.replace(reported.sources[0], supports="The <launch> date & the 98% figure")
    page = example_page.render(dataclasses.replace(reported, sources=(source, *reported.sources[1:])), loaded.guide, [], None).html
    assert "Supports: The &lt;launch&gt; date &amp; the 98% figure" in page


def test_the_example_page_links_its_takeaways_tags_and_edit_url(example, loaded):
    page = example_page.render(example, loaded.guide, [], "https://example.org/edit/x.yaml").html
    for takeaway in example.takeaways:
        assert f'href="../../{loaded.guide.takeaways[takeaway].section}/#{takeaway}"' in page
    facet, value = example.tag_ids()[0]
    assert f'href="../../browse/?{facet}={value}"' in page
    assert 'href="https://example.org/edit/x.yaml"' in page


def test_cards_escape_contributor_text_and_carry_the_example_id(example, loaded):
    hostile = dataclasses.replace(example, title="<b>bold</b>", summary="a < b & c")
    card = render.example_card(hostile, loaded.guide, urls.Links("../"))
    assert "<b>bold</b>" not in card and "&lt;b&gt;bold&lt;/b&gt;" in card
    assert "a &lt; b &amp; c" in card
    assert f'data-example-id="{example.id}"' in card
    assert f'href="../examples/{example.id}/"' in card


def test_every_takeaway_gets_its_anchor_and_its_examples(loaded):
    for section in loaded.guide.sections:
        html = render.takeaway_list(section, loaded.guide, loaded.by_takeaway, urls.Links("../"))
        ids = re.findall(r'<li class="pe-takeaway" id="([^"]+)"', html)
        assert ids == [t.id for t in loaded.guide.takeaways.values() if t.section == section.id]
        for takeaway_id, examples in loaded.by_takeaway.items():
            if loaded.guide.takeaways[takeaway_id].section == section.id:
                for e in examples[: render.TAKEAWAY_EXAMPLES]:
                    assert f'href="../examples/{e.id}/"' in html


def many(example, count: int) -> list:
    return [dataclasses.replace(example, id=f"copy-{n:04d}", title=f"Copy {n:04d}") for n in range(count)]


def test_long_listings_on_a_section_page_stop_and_link_to_the_browse_page(example, loaded):
    section = loaded.guide.section(example.section)
    few = render.section_examples(section, many(example, render.SECTION_CARDS), loaded.guide, urls.Links("../"))
    assert few.count('class="pe-card"') == render.SECTION_CARDS and "browse all" not in few
    lots = render.section_examples(section, many(example, 500), loaded.guide, urls.Links("../"))
    assert lots.count('class="pe-card"') == render.SECTION_CARDS
    assert f'These are {render.SECTION_CARDS} of the section\'s 500 examples: <a href="../browse/?section={section.id}">browse all 500</a>' in lots
    takeaway = example.takeaways[0]
    listing = render.takeaway_list(loaded.guide.section(loaded.guide.takeaways[takeaway].section), loaded.guide, {takeaway: many(example, 300)}, urls.Links("../"))
    assert listing.count('href="../examples/copy-') == render.TAKEAWAY_EXAMPLES
    assert f"and {300 - render.TAKEAWAY_EXAMPLES} more: " in listing


def test_the_field_table_lists_every_schema_field():
    schema = __import__("json").loads((ROOT / "practice_examples" / "schema.json").read_text())
    table = render.field_table(schema)
    for name in schema["properties"]:
        assert f"<code>{name}</code>" in table
    assert "<code>provenance.sources[].url</code>" in table


def test_the_contributors_tables_are_left_out_of_search():
    schema = __import__("json").loads((ROOT / "practice_examples" / "schema.json").read_text())
    guide = load_guide(ROOT)
    for html in (render.field_table(schema), render.tag_vocabulary(guide)):
        assert html.startswith("<div data-search-exclude>") and html.count("<div") == 1


def test_the_original_front_matter_exploit_stays_text_in_the_generated_page(example, loaded):
    summary = "A test 🙂 opens a talk ![x](data:,x){: onerror=alert(document.domain) } about risk."
    page = example_page.render(dataclasses.replace(example, title="Emoji 🙂 title", summary=summary), loaded.guide, [], None)
    assert page.meta["description"] == text.escape(summary)
    assert page.meta["title"] == "Emoji 🙂 title"
    cleaned = markup.sanitise_page(page.html)
    assert "onerror" not in cleaned.replace("{: onerror=", "")
    assert "<img" not in cleaned


@pytest.mark.parametrize(
    "dangerous, kept",
    [
        ('<p onclick="x()" onmouseover="y()">text</p>', "<p>text</p>"),
        ('<p style="position:fixed">text</p>', "<p>text</p>"),
        ('<a href="javascript:alert(1)">a</a>', "<a>a</a>"),
        ('<a href="data:text/html,x">a</a>', "<a>a</a>"),
        ('<a href="vbscript:x">a</a>', "<a>a</a>"),
        ('<a href="//evil.example/">a</a>', "<a>a</a>"),
        ('<a href="/\\evil.example/">a</a>', "<a>a</a>"),
        ("<script>alert(1)</script><p>after</p>", "<p>after</p>"),
        ('<iframe src="https://evil.example/"></iframe><p>after</p>', "<p>after</p>"),
        ('<img src="https://evil.example/pixel.png" alt="x">', '<img alt="x">'),
        ('<img src="data:image/png;base64,AAAA" alt="x">', '<img alt="x">'),
    ],
)
def test_the_page_allowlist_removes_what_runs_or_loads_from_elsewhere(dangerous, kept):
    assert markup.sanitise_page(dangerous) == kept


def test_the_page_allowlist_keeps_the_renderers_own_markup():
    html = ('<h2 id="context">Context<a class="headerlink" href="#context" title="Link to this section">¶</a></h2>'
            '<div data-search-exclude=""><ul class="pe-cards"><li class="pe-card" data-example-id="x"><a href="../../examples/x/">x</a></li></ul></div>'
            '<img src="qr.svg" alt="QR code" width="80" height="80"><a href="https://www.gov.uk/" rel="noopener noreferrer">g</a>')
    assert markup.sanitise_page(html) == html


# Texts at the edge of what the converter's shortcut for plain paragraphs takes: each must come out
# exactly as Python-Markdown and the sanitiser make it, whichever way it goes.
PLAIN_OR_NEARLY = [
    "A man on probation.", "A man on probation.\n", "One paragraph.\n\nAnother one.\n", "Two lines\nof one paragraph.",
    "Three blank lines\n\n\nbetween.", "\nA leading line break.", " A leading space.", "A trailing space. ", "Two spaces  \nbreak.",
    "Four spaces\n    in code.", "A tab\there.", "No-break\u00a0space.", "Soft\u00adhyphen.", "Zero\u200bwidth.", "Bell\x07.",
    "- a list item", "a line\n- then a list", "* star", "+ plus", "1. first", "2) second", "12 weeks on", "a\n3. three",
    "# heading", "a\n## heading", "Setext\n===", "Setext\n---", "> quoted", "a\n> quoted", "***", "___", "- - -",
    "a*b*c", "a_b_c", "snake_case", "`code`", "a\\b", "[link](https://example.org)", "![x](y.png)", "<b>bold</b>", "a <b",
    "AT&T", "&amp;", "&#x6A;", "a > b", "The DRR was agreed.", "A DRRS thing.", "*[DRR]: drug rehabilitation requirement",
    "DRR", "DRR.", "(DRR)", "xDRR DRR1 DRR", "The DRR and the\nDRR again.", "Two DRR DRR", "A DRR ü.", "A DRR order and a RAR.", "A.B and AxB", "DRR orders", "[TOC]", "He said \"no\" and 'yes'.", "Costs £5 (about €6); 50% or less?!", "Emoji 🙂 and ünïcödé.", "a = b", "a | b",
    "a ~~strike~~", "{: .class }", "Line one\nLine two\n\nPara two\n", "\n\n", "", "   ", "x\n\n", "\x02\x03",
    ":colon start", "'quote start'", "(bracket start)", "#hashtag", "a#b", "http://example.org/a_b", "<https://example.org>",
    "In\n2022, the law changed.", "2022, the law changed.", "1.5 million people", "2022.", "3.", "12.\tx", "a\n12. twelve",
    "\u0661. Arabic-Indic one", "\uff11. fullwidth one", "a\n\u0663. three", "\u0661\u0662 weeks", "\u00b9. superscript one", "\u2460. circled one",
]


@pytest.mark.parametrize("source", PLAIN_OR_NEARLY)
@pytest.mark.parametrize("abbreviations", [(), tuple(ABBREVIATIONS.items()), (
    ("DRR", "drug rehabilitation requirement"), ("DRR order", 'an order with "quotes" & <angles>'), ("RAR", ""), ("A.B", "a dotted one"),
)])
def test_the_shortcut_for_plain_paragraphs_gives_the_full_converters_html(source, abbreviations):
    assert markup.convert(source, abbreviations).html == markup.convert_fully(source, abbreviations).html
    assert markup.convert(source, abbreviations).links == markup.convert_fully(source, abbreviations).links


def test_the_shortcut_takes_plain_paragraphs_and_leaves_markdown_to_the_converter():
    assert markup.convert("One paragraph.\n\nAnother one.\n", ()).plain
    assert markup.convert("The DRR was agreed.", tuple(ABBREVIATIONS.items())).plain
    assert markup.convert("The law changed in\n2022, when the courts began.", ()).plain  # a year starting a line is no list
    assert not markup.convert("a *b*", ()).plain
    assert not markup.convert("a\n- b", ()).plain
    assert not markup.convert("\uff11. fullwidth one", ()).plain  # a list to Python-Markdown, whatever the digits' script


RECORD_PATHS = sorted((ROOT / "practice_examples").glob("*.yaml"))


@pytest.mark.parametrize("path", RECORD_PATHS, ids=[path.relative_to(ROOT).as_posix() for path in RECORD_PATHS])
def test_every_markdown_text_of_a_record_converts_the_same_by_the_shortcut_or_in_full(path, loaded):
    located, problems = yamlsafe.load(path, path.name)
    assert located is not None and not problems
    abbreviations = tuple(sorted(loaded.guide.abbreviations.items()))
    for _, field, source in examples._markdown_texts(located.data):
        shortcut, full = markup.convert(source, abbreviations), markup.convert_fully(source, abbreviations)
        assert (shortcut.html, shortcut.links) == (full.html, full.links), field
