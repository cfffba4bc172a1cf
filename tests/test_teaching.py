"""What trainers use, without a browser: addresses in both layouts, the handout's data files,
the feed, the committed list of published addresses, take-away former ids and QR codes."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, SITE_URL, build_site, copy_site_project

from macros.pages import addresses, feed, handout, printed, qr, takeaway_links, teaching
from macros.load import markup, project
from macros.base import urls
from macros.pages.browse import filters, values_of
from macros.load.guide import load_guide
from macros.base.problems import ProblemsFound

LOADED = project.load(ROOT)
GUIDE_SECTION = LOADED.guide.sections[0].id
HOSTILE = ["</script><script>window.pwned=1</script>", "<!-- -->", "a & b", "\u2028\u2029", "“quotes” and \\ backslash", "é ü 😀", "]]>"]


@pytest.mark.parametrize(("path", "online", "offline"), [
    ("", "../", "../index.html"),
    ("examples/some-id/", "../examples/some-id/", "../examples/some-id.html"),
    ("browse/?takeaway=hope#top", "../browse/?takeaway=hope#top", "../browse.html?takeaway=hope#top"),
    ("supervision/#trauma-informed", "../supervision/#trauma-informed", "../supervision.html#trauma-informed"),
])
def test_one_function_writes_internal_addresses_for_both_layouts(path, online, offline):
    assert urls.Links("../", urls.ONLINE).page(path) == online
    assert urls.Links("../", urls.OFFLINE).page(path) == offline


@pytest.mark.parametrize(("layout", "address", "moved"), [
    (urls.ONLINE, "../../evidence/#a", "../evidence/#a"),
    (urls.ONLINE, "#source-1", "../examples/x/#source-1"),
    (urls.ONLINE, "../other-id/?q=1", "../examples/other-id/?q=1"),
    (urls.ONLINE, "../../", "../"),
    (urls.OFFLINE, "../supervision.html#a", "supervision.html#a"),
    (urls.OFFLINE, "#source-1", "examples/x.html#source-1"),
    (urls.ONLINE, "https://example.org/a", "https://example.org/a"),
    (urls.ONLINE, "mailto:a@example.org", "mailto:a@example.org"),
])
def test_an_address_from_an_example_page_shown_in_the_handout_leads_to_the_same_place(layout, address, moved):
    assert layout.moved(address, urls.example("x"), urls.HANDOUT) == moved


def test_page_content_shown_in_another_page_keeps_the_allowlist_and_loses_its_ids():
    moved = markup.sanitise_moved('<li id="source-1"><a href="#source-1" onclick="x()">a</a> <a href="javascript:alert(1)">b</a></li>',
                                  lambda address: "moved" + address)
    assert moved == '<li><a href="moved#source-1">a</a> <a>b</a></li>'


def test_roots_and_files_follow_the_layout():
    assert urls.OFFLINE.root_of("examples/x/") == "../"
    assert urls.OFFLINE.root_of("supervision/") == ""
    assert urls.OFFLINE.file_of("examples/old-id/") == "examples/old-id.html"
    assert urls.ONLINE.root_of("examples/x/") == "../../"
    assert urls.ONLINE.file_of("examples/old-id/") == "examples/old-id/index.html"
    assert [urls.clean_path(s) for s in ("index.md", "browse.md", "packs/leadership.md", "a/index.md")] == ["", "browse/", "packs/leadership/", "a/"]
    assert [urls.source(urls.clean_path(s)) for s in ("index.md", "browse.md", "packs/leadership.md")] == ["index.md", "browse.md", "packs/leadership.md"]


def test_page_constructors_name_each_kind_of_page_by_its_published_path():
    assert urls.example("x") == "examples/x/" and urls.handout_data("x") == "examples/x/handout.js"
    assert urls.section("supervision") == "supervision/" and urls.takeaway("supervision", "hope") == "supervision/#hope"
    assert urls.pack("supervision") == "packs/supervision/" and urls.qr(urls.pack("supervision")) == "packs/supervision/qr.svg"
    assert urls.browse(**{urls.BROWSE_SECTION: "a b", urls.BROWSE_TAKEAWAY: "t"}) == "browse/?section=a+b&takeaway=t"
    assert urls.browse() == "browse/"


def test_an_example_page_links_to_html_files_in_the_file_layout():
    from macros.pages import example as example_page

    example = LOADED.examples[0]
    page = example_page.render(example, LOADED.guide, LOADED.related[example.id], None, layout=urls.OFFLINE)
    internal = [href for href in re.findall(r'href="([^"]+)"', page.html) if not href.startswith(("http", "#", "mailto"))]
    assert internal and all(".html" in href for href in internal), internal


@pytest.mark.parametrize("text", HOSTILE)
def test_handout_data_reads_back_exactly_and_nothing_in_it_can_end_a_script(text):
    emitted = handout.script_value({"title": text, "list": [text]})
    assert json.loads(emitted) == {"title": text, "list": [text]}
    assert not re.search(r"[<>&\u0080-\uffff]", emitted)


def test_the_handout_data_evaluates_to_the_same_value_in_javascript():
    """The data file is JavaScript, not JSON: node reads it back as the same value."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: it is on every machine of this project's kind (make test uses npm)")
    value = {"texts": HOSTILE}
    script = f"const peHandout = {{register: v => process.stdout.write(JSON.stringify(v))}};\n{handout.REGISTER}({handout.script_value(value)});"
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == value


def _shown(nodes, base: str) -> tuple[str, list[str]]:
    """What a reader sees of some elements, and where each of their links leads from the page at base (its
    permalinks and what is only for the screen left out)."""
    copies = [BeautifulSoup(str(node), "html.parser") for node in nodes]
    for copy in copies:
        for dropped in copy.select(".headerlink, .pe-screen-only"):
            dropped.decompose()
    words = " ".join(word for copy in copies for word in copy.get_text(" ").split())
    return words, [urljoin(base, a["href"]) for copy in copies for a in copy.select("a[href]")]


def _until_next_heading(heading) -> list:
    nodes = []
    for node in heading.find_next_siblings():
        if node.name == "h2":
            break
        nodes.append(node)
    return nodes


def test_the_handout_shows_each_example_as_its_page_does(fixture_site):
    """Each example in a handout is its page's own content: the same words and links, part by part, with no id that two examples would share."""
    examples = sorted(p.parent.name for p in (fixture_site / "examples").glob("*/handout.js"))
    assert len(examples) > 3
    for example_id in examples:
        script = (fixture_site / "examples" / example_id / "handout.js").read_text(encoding="utf-8")
        shown = BeautifulSoup(json.loads(re.fullmatch(r"peHandout\.register\((.*)\);\n", script, re.DOTALL).group(1))["html"], "html.parser")
        page = BeautifulSoup((fixture_site / "examples" / example_id / "index.html").read_text(encoding="utf-8"), "html.parser")
        body = page.select_one("article.md-content__inner")
        on_page, in_handout = SITE_URL + f"examples/{example_id}/", SITE_URL + "handout/"
        lead = body.h1.find_next_siblings()
        lead = lead[:lead.index(body.select_one(".pe-page-actions"))]
        parts = shown.select(".pe-handout-part")
        assert len(shown.find_all(recursive=False)) == len(lead) + len(parts), example_id
        assert _shown(shown.find_all(recursive=False)[:len(lead)], in_handout) == _shown(lead, on_page), example_id
        assert [part["class"][1] for part in parts] == [f"pe-handout-part--{anchor}" for anchor in handout.PARTS], example_id
        for part, anchor in zip(parts, handout.PARTS):
            heading = body.find("h2", id=anchor)
            assert _shown([part], in_handout) == _shown([heading, *_until_next_heading(heading)], on_page), (example_id, anchor)
        assert shown.select("[id]") == [], example_id


def test_the_print_address_cannot_end_its_css_string():
    rule = printed.css_string('https://x/a"b\\c</style><script>')
    assert rule.startswith('"') and rule.endswith('"') and rule.count('"') == 2
    assert "<" not in rule and "\\" + "00005c" in rule


def modules_drawn(svg: bytes) -> list[list[int]]:
    """The modules a QR code's SVG draws dark (1), read back from its path: a move, then a line along each run."""
    root = ET.fromstring(svg)
    size = int(root.get("width")) // qr.SCALE
    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    drawn = next(path for path in root.iter("{http://www.w3.org/2000/svg}path") if path.get("stroke") == "#000")
    for command, first, second in re.findall(r"([Mmh])(-?[0-9.]+)(?: (-?[0-9.]+))?", drawn.get("d")):
        if command == "h":
            for column in range(int(x), int(x + float(first))):
                grid[int(y)][column] = 1
            x += float(first)
        else:
            x, y = (float(first), float(second)) if command == "M" else (x + float(first), y + float(second))
    return grid


@pytest.mark.parametrize("address", [
    "https://example.org/examples/some-id/",
    "https://effective-probation-practice.github.io/drugs-and-alcohol/examples/2026-02-alcohol-assessment-with-interpreter-proposes-atr/",
    "https://example.org/browse/?section=supervision&substance=alcohol",
])
def test_a_qr_code_is_an_svg_that_a_scanner_reads_as_the_address(address):
    svg = qr.svg(address)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.find("{http://www.w3.org/2000/svg}title").text == address
    grid = modules_drawn(svg)
    assert not any(grid[row][column] for row in range(len(grid)) for column in range(len(grid))
                   if min(row, column) < qr.BORDER or max(row, column) >= len(grid) - qr.BORDER)  # the quiet zone is light
    pixels = bytes(0 if dark else 255 for row in grid for dark in row for _ in range(qr.SCALE))  # each module SCALE wide
    rows = [pixels[index : index + len(grid) * qr.SCALE] for index in range(0, len(pixels), len(grid) * qr.SCALE)]
    image = b"".join(row for row in rows for _ in range(qr.SCALE))  # and SCALE high
    side = len(grid) * qr.SCALE
    assert [code.text for code in zxingcpp.read_barcodes(memoryview(image).cast("B", (side, side)))] == [address]


def test_page_files_names_every_destination_before_making_any_file():
    # The build checks docs/ against these destinations, then a forked process makes the files: one list serves both.
    asked = []
    made = teaching.page_files(LOADED, SITE_URL, ["", "browse/"], dt.date(2026, 1, 1), urls.ONLINE,
                               qr_svg=lambda address: asked.append(address) or b"<svg/>")
    assert set(made) == {urls.handout_data(e.id) for e in LOADED.examples} | {urls.qr(""), urls.qr("browse/")}
    assert asked == []
    assert made[urls.qr("browse/")]() == b"<svg/>" and asked == [urls.published(SITE_URL, "browse/")]
    example = LOADED.examples[0]
    assert made[urls.handout_data(example.id)]() == handout.data_script(example, LOADED.guide, SITE_URL, dt.date(2026, 1, 1), urls.ONLINE)


def test_take_away_labels_are_their_opening_words():
    assert takeaway_links.short_label("Keep communication flowing in both directions, so that what practitioners report") == \
        "Keep communication flowing in both directions"
    assert takeaway_links.short_label("Problem-solving.") == "Problem-solving"
    assert takeaway_links.short_label("one two three four five six seven eight nine ten eleven") == "one two three four five six seven eight nine…"


def test_browse_filters_by_take_away_with_the_records_own_ids():
    group = next(f for f in filters(LOADED.guide) if f.id == "takeaway")
    assert [value for value, _ in group.options] == list(LOADED.guide.takeaways)
    for example in LOADED.examples:
        assert values_of(example)["takeaway"] == list(example.takeaways)


def _sections_with(scratch_text: str, root: Path) -> list[str]:
    (root / "practice_examples" / "guide" / "sections.yaml").write_text(scratch_text, encoding="utf-8")
    with pytest.raises(ProblemsFound) as found:
        load_guide(root)
    return [str(problem) for problem in found.value.problems]


def test_a_take_away_former_id_may_not_be_a_current_id_or_claimed_twice(scratch):
    text = (scratch / "practice_examples" / "guide" / "sections.yaml").read_text(encoding="utf-8")
    clash = text.replace("      - id: trauma-informed\n", "      - id: trauma-informed\n        former_ids: [problem-solving]\n")
    problems = _sections_with(clash, scratch)
    assert len(problems) == 1 and "sections.yaml:152:" in problems[0] and "former id 'problem-solving'" in problems[0]
    twice = text.replace("      - id: trauma-informed\n", "      - id: trauma-informed\n        former_ids: [old-one]\n").replace(
        "      - id: problem-solving\n", "      - id: problem-solving\n        former_ids: [old-one]\n")
    problems = _sections_with(twice, scratch)
    assert len(problems) == 1 and "is also a former id of take-away 'problem-solving'" in problems[0]


def test_the_feed_is_valid_atom_with_one_entry_per_example():
    xml = feed.atom(LOADED.examples, LOADED.guide, "https://guide.example/", "The guide", "What it is")
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    assert parsed.feed.title == "The guide: new and updated examples"
    links = [entry.link for entry in parsed.entries]
    assert sorted(links) == sorted(f"https://guide.example/examples/{e.id}/" for e in LOADED.examples)
    newest = feed.newest_first(LOADED.examples)[0]
    assert parsed.entries[0].link.endswith(f"/examples/{newest.id}/")
    by_link = {entry.link: entry for entry in parsed.entries}
    for example in LOADED.examples:
        entry = by_link[f"https://guide.example/examples/{example.id}/"]
        assert entry.title == example.title and entry.summary == example.summary
        assert entry.published.startswith(example.added.isoformat())
        assert entry.updated.startswith(feed.last_change(example)[0].isoformat())


def test_hostile_text_in_the_feed_reads_back_as_typed():
    from macros.load import examples

    payload = examples.load_example(FIXTURES / "site" / "payload-example.yaml", "payload-example.yaml", LOADED.guide,
                                    examples.record_schema(ROOT, LOADED.guide), LOADED.examples[0].last_reviewed)[0]
    parsed = feedparser.parse(feed.atom([payload], LOADED.guide, "https://guide.example/", "The guide", "x"))
    assert not parsed.bozo
    assert parsed.entries[0].title == payload.title
    assert "window.pwned=2" in parsed.entries[0].summary  # as text: feed readers escape it


def test_the_home_page_lists_the_most_recent_changes_first():
    html = feed.recent_list(LOADED.examples, urls.Links(""))
    listed = re.findall(r'href="examples/([^/]+)/"', html)
    assert listed == [e.id for e in feed.newest_first(LOADED.examples)[:feed.RECENT_COUNT]]
    dates = [feed.last_change(LOADED.example(i))[0] for i in listed]
    assert dates == sorted(dates, reverse=True)


def test_nothing_in_the_committed_address_list_has_gone_and_it_covers_every_kind_of_address():
    list_path = ROOT / addresses.LIST_PATH
    assert addresses.missing(LOADED, ROOT / "docs", list_path) == []
    listed = {address for _, address in addresses.read(list_path)}
    assert {"/", "/browse/", "/handout/", "/feed.xml", f"/{GUIDE_SECTION}/", f"/packs/{GUIDE_SECTION}/"} <= listed
    assert any(a.startswith("/examples/") for a in listed) and any(a.startswith("/glossary/#") for a in listed)
    assert any(a.startswith(f"/{GUIDE_SECTION}/#") for a in listed)


def test_the_recorded_list_keeps_forwarded_addresses_so_dropping_a_forward_stops_the_build():
    example = LOADED.examples[0]
    renamed = project.Project(ROOT, LOADED.guide, [replace(e, former_ids=(f"{e.id}-old-name",)) if e is example else e for e in LOADED.examples])
    recorded = addresses.published(renamed, ROOT / "docs")
    assert f"/examples/{example.id}-old-name/" in recorded
    assert addresses.current(renamed, ROOT / "docs") < recorded


def test_a_former_id_forwards_a_listed_address(tmp_path):
    example = LOADED.examples[0]
    listed = tmp_path / "published-addresses.txt"
    listed.write_text(f"# a comment\n/examples/{example.id}-old-name/\n/supervision/#old-take-away\n", encoding="utf-8")
    problems = addresses.missing(LOADED, ROOT / "docs", listed)
    assert [p.line for p in problems] == [2, 3]
    assert f"/examples/{example.id}-old-name/ no longer exists" in problems[0].message
    renamed = project.Project(ROOT, LOADED.guide, [replace(e, former_ids=(f"{e.id}-old-name",)) if e is example else e for e in LOADED.examples])
    assert [p.line for p in addresses.missing(renamed, ROOT / "docs", listed)] == [3]


def test_the_build_stops_naming_a_published_address_that_disappears(tmp_path):
    records = sorted((ROOT / "practice_examples").glob("*.yaml"))
    removed = records[0]
    project_dir = copy_site_project(tmp_path, [r for r in records if r != removed])
    shutil.copy(ROOT / addresses.LIST_PATH, project_dir / addresses.LIST_PATH)
    line = next(number for number, address in addresses.read(ROOT / addresses.LIST_PATH) if address == f"/examples/{removed.stem}/")
    result = build_site(project_dir, tmp_path / "site")
    assert result.returncode != 0
    assert f"published-addresses.txt:{line}:1: the published address /examples/{removed.stem}/ no longer exists" in result.stdout + result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_generated_pages_pass_the_page_allowlist_unchanged(fixture_site):
    """The handout and packs use only allowed markup: nothing of theirs is stripped on the way to the page."""
    handout_page = BeautifulSoup((fixture_site / "handout" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert handout_page.select_one("#pe-handout")["data-handout-root"] == "../"
    pack = BeautifulSoup((fixture_site / "packs" / "supervision" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert pack.select_one(".pe-pack-address img.pe-qr")["src"] == "../../supervision/qr.svg"


def test_every_page_has_a_qr_code_of_its_published_address_beside_it(fixture_site):
    pages = sorted(fixture_site.rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        if 'http-equiv="refresh"' in page.read_text(encoding="utf-8"):
            continue  # a former id's forward, not a page
        folder = page.parent.relative_to(fixture_site).as_posix()
        address = SITE_URL + ("" if folder == "." else folder + "/")
        code = page.parent / urls.QR_FILE
        assert code.is_file(), folder
        assert f"<title>{address}</title>".encode() in code.read_bytes()
        shown = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("img.pe-qr--page")["src"]
        assert (page.parent / shown).resolve() == code.resolve(), folder
