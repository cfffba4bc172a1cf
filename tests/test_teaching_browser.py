"""What trainers use, in the system Chromium: handouts, section packs, print media on every page
type, take-away links (copy link, table of contents, the browse filter, former ids) and the feed.
Every expectation is computed here from the YAML records, not from the page's scripts."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import urllib.request

import feedparser
import pytest
import zxingcpp
from conftest import ROOT, SITE_URL, _built, _served, copy_site_project, images_loaded, shown_cards

from macros.base.ids import handout_code
from macros.pages import addresses, feed
from macros.load import project
from macros.pages.common import PROVENANCE_LABELS

pytestmark = pytest.mark.browser

LOADED = project.load(ROOT)
GUIDE = LOADED.guide
RENAMED = ("trauma-informed", "trauma-informed-practice")  # a take-away renamed in the renamed_site fixture


def _richest(examples):
    """The example with the most to show: sources, tips and questions."""
    return max(examples, key=lambda e: (len(e.sources) > 0, len(e.tips) > 0, len(e.reflective_questions), len(e.sources)))


SECTION = GUIDE.sections[2]
HANDOUT = [_richest(LOADED.in_section(s.id)) for s in (GUIDE.sections[3], GUIDE.sections[0], GUIDE.sections[1])]  # not in page order
REPORTED = next(e for e in LOADED.examples if e.is_reported)


def words_of(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


def text_of(prose) -> str:
    """The first words of a Markdown text as a browser shows them, punctuation left out (enough to find it on the page)."""
    return " ".join(words_of(html.unescape(re.sub(r"<[^>]+>", " ", prose.html))).split()[:4])


@pytest.fixture(scope="session")
def renamed_site(tmp_path_factory):
    """The real guide with one take-away renamed, its old id kept in former_ids, and the committed address list."""
    project_dir = copy_site_project(tmp_path_factory.mktemp("renamed"), sorted((ROOT / "practice_examples").glob("*.yaml")))
    shutil.copy(ROOT / addresses.LIST_PATH, project_dir / addresses.LIST_PATH)
    old, new = RENAMED
    sections = project_dir / "practice_examples" / "guide" / "sections.yaml"
    text = sections.read_text(encoding="utf-8")
    assert f"      - id: {old}\n" in text
    sections.write_text(text.replace(f"      - id: {old}\n", f"      - id: {new}\n        former_ids: [{old}]\n"), encoding="utf-8")
    for record in (project_dir / "practice_examples").glob("*.yaml"):
        record.write_text(record.read_text(encoding="utf-8").replace(f"  - {old}\n", f"  - {new}\n"), encoding="utf-8")
    server, base = _served(_built(project_dir, project_dir / "site"))  # the build checks the committed addresses
    yield base
    server.shutdown()


def handout_address(examples, **extra: str) -> str:
    query = "ids=" + ",".join(e.id if hasattr(e, "id") else e for e in examples)
    return "handout/?" + query + "".join(f"&{key}={value}" for key, value in extra.items())


def handout_filled(page) -> None:
    """Wait until the handout page has put in the examples it was given. Null-safe: just after a link to it,
    the page before, which has no handout status, may still be the one loaded."""
    page.wait_for_function("() => (document.getElementById('pe-handout-status')?.textContent || '').includes('in this handout')")


def open_handout(view, examples, **extra):
    page = view.open(handout_address(examples, **extra))
    handout_filled(page)
    return page


# ---- Handouts ----

def test_a_handout_shows_each_chosen_example_in_full_in_the_order_given(watched, real_site):
    view = watched(real_site)
    page = open_handout(view, HANDOUT)
    images_loaded(page, ".pe-handout-example img.pe-qr")
    shown = page.eval_on_selector_all(".pe-handout-example h2", "headings => headings.map(h => h.textContent)")
    assert shown == [e.title for e in HANDOUT]
    assert page.inner_text("#pe-handout-status") == "3 examples in this handout."
    for index, example in enumerate(HANDOUT):
        block = page.locator(".pe-handout-example").nth(index)
        text = " ".join(block.inner_text().split())
        assert GUIDE.section(example.section).title in text
        assert PROVENANCE_LABELS[example.provenance] in text
        assert example.summary in text
        for heading, parts in (("Context", example.context), ("What was done", example.what_was_done), ("Why it works", example.why_it_works)):
            assert heading in text and all(text_of(part.prose) in words_of(text) for part in parts), (example.id, heading)
        assert block.locator("h3:has-text('Practical tips') ~ ul > li").count() == len(example.tips)
        assert block.locator("h3:has-text('Questions for reflection') ~ ol > li").count() == len(example.reflective_questions)
        for takeaway in example.takeaways:
            assert " ".join(GUIDE.takeaways[takeaway].text.split()) in text
        for source in example.sources:
            assert source.title in text and source.publisher in text
        assert f"{SITE_URL}examples/{example.id}/" in text
        qr = block.locator("img.pe-qr")
        assert qr.get_attribute("src").endswith(f"examples/{example.id}/qr.svg")
        assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert view.errors == [] and view.foreign == []


def test_unknown_ids_are_named_and_the_rest_still_show(watched, real_site):
    view = watched(real_site)
    page = open_handout(view, [HANDOUT[0].id, "no-such-example", "../../etc/passwd", HANDOUT[1].id])
    assert page.eval_on_selector_all(".pe-handout-example h2", "hs => hs.map(h => h.textContent)") == [HANDOUT[0].title, HANDOUT[1].title]
    message = page.inner_text("#pe-handout-unknown")
    assert "no-such-example, ../../etc/passwd" in message and page.get_attribute("#pe-handout-unknown", "role") == "alert"
    assert page.inner_text("#pe-handout-status") == "2 examples in this handout."
    assert [e for e in view.errors if "404" not in e] == []  # the missing data file is the only error


def test_the_title_from_the_address_is_shown_as_text_and_as_the_trainers_not_as_the_guides_heading(watched, real_site):
    page = open_handout(watched(real_site), HANDOUT[:1], title="%3Cb%3EWeek%203%3C%2Fb%3E%20%26%20more")
    assert page.inner_text("#pe-handout-own-title strong") == "<b>Week 3</b> & more"
    assert page.inner_text("article h1") == "Handout"
    assert page.title().startswith("Handout: “<b>Week 3</b> & more” - ")
    assert page.locator("article b").count() == 0


def test_without_javascript_the_handout_says_how_to_get_the_examples(browser, real_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site + handout_address(HANDOUT))
    assert page.is_visible("#pe-handout-nojs")
    message = page.inner_text("#pe-handout-nojs")
    assert "not running JavaScript" in message and f"{SITE_URL}examples/" in message and "ids=" in message
    assert page.get_attribute("#pe-handout-nojs a", "href") == "../browse/"
    context.close()


def test_a_printed_handout_hides_its_controls_and_starts_each_example_on_a_sheet_with_its_address(watched, real_site):
    page = open_handout(watched(real_site), HANDOUT, title="Week%203")
    page.emulate_media(media="print")
    for hidden in (".pe-handout-tools", "header.md-header", ".md-sidebar--primary", ".md-footer", "button"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".pe-handout-example img.pe-qr").count() == 3
    assert all(page.locator(".pe-handout-example img.pe-qr").nth(i).is_visible() for i in range(3))
    short = page.inner_text(".pe-handout-address .pe-address")
    assert short == f"{SITE_URL}handout/?h=" + "".join(handout_code(e.id) for e in HANDOUT) + "&t=Week+3"
    assert short in page.inner_text(".pe-print-footer")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    sheets = pdf_pages_text(pdf)
    squashed = ["".join(sheet.split()) for sheet in sheets]  # an address may wrap across lines
    for example in HANDOUT:
        first = next(i for i, sheet in enumerate(squashed) if example.title.replace(" ", "") in sheet)
        assert f"{SITE_URL}examples/{example.id}/" in squashed[first], "each example's sheet starts with its address"
    assert all(short in sheet for sheet in squashed), "every sheet's foot names the handout's short address"


def pdf_pages_text(pdf: bytes) -> list[str]:
    """Each page's text, with pdftotext (poppler), whitespace collapsed."""
    import subprocess
    import tempfile

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: make install-browser installs poppler-utils")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        text = subprocess.run(["pdftotext", "-layout", handle.name, "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def test_examples_are_chosen_from_the_keyboard_and_the_tray_opens_the_handout(watched, real_site):
    view = watched(real_site)
    page = view.open("browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    page.evaluate(f"localStorage.removeItem('pe-handout {SITE_URL}')")
    page.reload()
    page.wait_for_selector(".pe-handout-tray")
    chosen = [LOADED.examples[2], LOADED.examples[0]]
    for example in chosen:
        button = page.locator(f".pe-card[data-example-id='{example.id}'] .pe-handout-add")
        button.focus()
        page.keyboard.press("Enter")
        assert button.inner_text().startswith("Remove from handout")
    page.wait_for_function("() => document.querySelector('.pe-handout-tray').textContent.includes('2 examples chosen')")
    page.locator("p[role=status]", has_text=f"Added “{chosen[1].title}” to the handout: 2 examples chosen.").wait_for(state="attached")  # announced
    page.locator(".pe-handout-tray__open").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/handout/**")
    handout_filled(page)
    assert page.eval_on_selector_all(".pe-handout-example h2", "hs => hs.map(h => h.textContent)") == [e.title for e in chosen]
    page.goto(real_site + f"examples/{chosen[0].id}/")
    assert page.inner_text(".pe-page-actions .pe-handout-add").startswith("Remove from handout")
    assert "2 examples chosen" in page.inner_text(".pe-handout-tray")
    assert view.errors == []


def test_hostile_text_in_a_handout_stays_text(watched, fixture_site_url):
    view = watched(fixture_site_url)
    dialogs = []
    view.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = open_handout(view, ["payload-example"])
    assert page.inner_text(".pe-handout-example h2") == "Payload {{ 7*7 }} </title><script>window.pwned=1</script> & more"
    assert '<img src=x onerror="window.pwned=3">' in page.inner_text(".pe-handout-example")
    assert page.evaluate("window.pwned") is None and dialogs == []


# ---- Section packs ----

def test_a_section_pack_has_the_introduction_take_aways_and_every_example_with_its_questions(watched, real_site):
    view = watched(real_site)
    page = view.open(f"packs/{SECTION.id}/")
    text = " ".join(page.inner_text("article").split())
    assert " ".join(SECTION.intro.split()) in text
    for takeaway in GUIDE.takeaways.values():
        if takeaway.section == SECTION.id:
            assert " ".join(takeaway.text.split()) in text
    examples = LOADED.in_section(SECTION.id)
    assert page.eval_on_selector_all(".pe-pack-example h3", "hs => hs.map(h => h.textContent)") == [e.title for e in examples]
    for index, example in enumerate(examples):
        block = page.locator(".pe-pack-example").nth(index)
        assert block.locator("ol > li").count() == len(example.reflective_questions)
        assert f"{SITE_URL}examples/{example.id}/" in block.inner_text()
    assert view.errors == [] and view.foreign == []
    page.emulate_media(media="print")
    first_sheet = "".join(pdf_pages_text(page.pdf(format="A4", prefer_css_page_size=True))[0].split())
    assert f"Thissectiononline:{SITE_URL}{SECTION.id}/" in first_sheet
    qr = page.locator(".pe-pack-address img.pe-qr")
    assert qr.is_visible() and qr.evaluate("img => img.naturalWidth > 0") and qr.get_attribute("src") == f"../../{SECTION.id}/qr.svg"


def test_each_section_page_links_to_its_pack(watched, real_site):
    page = watched(real_site).open(f"{SECTION.id}/")
    page.click("text=Print the section pack")
    assert page.url == real_site + f"packs/{SECTION.id}/"


# ---- Print media on every page type ----

PAGE_TYPES = {
    "home": "", "section": f"{SECTION.id}/", "example": f"examples/{HANDOUT[0].id}/", "browse": "browse/", "glossary": "glossary/",
    "tags": "tags/", "about": "about/", "contribute": "contribute/", "pack": f"packs/{SECTION.id}/", "handout": handout_address(HANDOUT[:2]),
}


# The image as the browser drew it, on white, as grey levels row by row.
_GREY_PIXELS = """img => {
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(img, 0, 0);
  const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
  return {width: canvas.width, height: canvas.height, grey: Array.from(rgba.filter((_, index) => index % 4 === 0))};
}"""


def read_qr(image) -> list[str]:
    """What a scanner reads from a QR code image on the page."""
    drawn = image.evaluate(_GREY_PIXELS)
    pixels = memoryview(bytes(drawn["grey"])).cast("B", (drawn["height"], drawn["width"]))
    return [code.text for code in zxingcpp.read_barcodes(pixels)]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_printing_any_page_type_shows_only_its_content_with_its_address(watched, real_site, kind):
    view = watched(real_site)
    page = view.open(PAGE_TYPES[kind])
    if kind == "handout":  # its examples, and its own code once the QR generator has loaded
        handout_filled(page)
        page.wait_for_selector("img.pe-qr--handout:not([hidden])", state="attached")
    images_loaded(page, "img.pe-qr")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".headerlink",
                   ".pe-permalink", ".pe-copy", ".pe-handout-add", ".pe-handout-tray", ".pe-filters", ".md-content__button", "button"):
        assert all(not element.is_visible() for element in page.query_selector_all(hidden)), hidden
    published = SITE_URL + PAGE_TYPES[kind].split("?")[0]
    footer = " ".join(page.inner_text(".pe-print-footer").split())
    assert footer.startswith("Cite this page:") and published in footer
    assert published in page.eval_on_selector("style[media=print]", "style => style.textContent")
    codes = page.locator("img.pe-qr:visible")
    assert codes.count() >= 1 and codes.first.evaluate("img => img.naturalWidth > 0")
    if kind != "handout":  # a handout's codes are its examples' addresses; a pack leads to its section
        assert read_qr(codes.first) == [SITE_URL + f"{SECTION.id}/" if kind == "pack" else published]
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content__inner')).fontSize") == "14.6667px"  # 11 pt


@pytest.mark.parametrize("now, shown", [
    (dt.datetime(2027, 3, 1, 0, 30, tzinfo=dt.timezone.utc), "1 March 2027"),
    (dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.timezone.utc), "31 December 2026"),
])
def test_the_printed_citation_says_the_day_the_reader_opened_the_page(browser, real_site, now, shown):
    context = browser.new_context(timezone_id="Europe/London")
    page = context.new_page()
    page.clock.set_fixed_time(now)
    page.goto(real_site + f"{SECTION.id}/")
    assert page.text_content(".pe-print-footer [data-pe-accessed]") == f" (accessed {shown})"
    context.close()


def test_an_example_prints_without_related_examples_or_tags_and_links_to_other_sites_print_their_address(watched, real_site):
    page = watched(real_site).open(f"examples/{REPORTED.id}/")
    page.emulate_media(media="print")
    for hidden in ("#related-examples", "#related-examples + div", "#tags", "dl.pe-tags"):
        assert not page.is_visible(hidden), hidden
    printed = "".join(" ".join(pdf_pages_text(page.pdf(format="A4", prefer_css_page_size=True))).split())
    assert f"({REPORTED.sources[0].url})" in printed
    assert REPORTED.title.replace(" ", "") in printed


def median_example():
    """The typical example: the median by how much it has to print (the figure scripts/print_figures.py reports)."""
    from print_figures import example_length

    return sorted(LOADED.examples, key=example_length)[len(LOADED.examples) // 2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_typical_example_prints_on_two_a4_pages_at_11_pt_black_on_white(browser, real_site, scheme):
    from print_figures import margin_colour, page_count

    context = browser.new_context(color_scheme=scheme, viewport={"width": 794, "height": 1123})
    page = context.new_page()
    page.goto(real_site + f"examples/{median_example().id}/")
    page.emulate_media(media="print")
    style = page.evaluate("""() => {
        const text = getComputedStyle(document.querySelector('.pe-prose p'));
        const root = getComputedStyle(document.documentElement);
        return [parseFloat(text.fontSize) * 0.75, text.color, getComputedStyle(document.body).backgroundColor, root.colorScheme];
    }""")
    assert style[0] >= 11
    assert style[1:] == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "light"]
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "nothing is shrunk to fit"
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert page_count(pdf) <= 2
    assert margin_colour(pdf) == "white", "a dark scheme must not print dark margins"
    context.close()


# ---- Take-away links ----

def test_the_section_page_lists_its_take_aways_in_its_table_of_contents(watched, real_site):
    page = watched(real_site).open(f"{SECTION.id}/")
    links = page.eval_on_selector_all(".md-sidebar--secondary a[href*='#']", "links => links.map(a => a.getAttribute('href'))")
    assert [link for link in links if link.lstrip("#") in SECTION.takeaways] == [f"#{t}" for t in SECTION.takeaways]


def test_take_away_filter_counts_match_the_records(watched, real_site):
    page = watched(real_site).open("browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    for takeaway_id in GUIDE.takeaways:
        label = page.inner_text(f"label[for='pe-takeaway-{takeaway_id}'] [data-count]")
        assert label == f"({len(LOADED.by_takeaway.get(takeaway_id, []))})", takeaway_id
    first, second = SECTION.takeaways[:2]
    either = {e.id for e in LOADED.by_takeaway[first] + LOADED.by_takeaway[second]}  # OR within the group
    page.goto(real_site + f"browse/?takeaway={first}&takeaway={second}")
    assert page.wait_for_selector("#pe-filters:not([hidden])")
    assert page.inner_text("#pe-status") == f"{len(either)} of {len(LOADED.examples)} examples match."
    # AND with the other groups: a section that keeps some of the take-away's examples, not all, if there is one.
    splits = [s.id for s in GUIDE.sections if 0 < sum(e.section == s.id for e in LOADED.by_takeaway[first]) < len(LOADED.by_takeaway[first])]
    other = (splits or [SECTION.id])[0]
    both = [e for e in LOADED.by_takeaway[first] if e.section == other]
    page.goto(real_site + f"browse/?takeaway={first}&section={other}")
    assert page.wait_for_selector("#pe-filters:not([hidden])")
    assert page.inner_text("#pe-status") == f"{len(both)} of {len(LOADED.examples)} examples match."


def test_each_take_away_links_to_the_browse_page_filtered_by_it(watched, real_site):
    page = watched(real_site).open(f"{SECTION.id}/")
    takeaway = next(t for t in SECTION.takeaways if t in LOADED.by_takeaway)
    page.click(f"li#{takeaway} >> text=open them in Browse and filter")
    assert page.url == real_site + f"browse/?takeaway={takeaway}"
    page.wait_for_selector("#pe-filters:not([hidden])")
    assert page.is_checked(f"#pe-takeaway-{takeaway}")
    assert sorted(shown_cards(page)) == \
        sorted(e.id for e in LOADED.by_takeaway[takeaway])


def test_copy_link_works_from_the_keyboard_copies_the_published_address_and_says_so(browser, real_site):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=real_site.rstrip("/"))
    page = context.new_page()
    page.goto(real_site + f"{SECTION.id}/")
    takeaway = SECTION.takeaways[1]
    page.focus(f"li#{takeaway} .pe-permalink")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Copy link to this take-away"
    page.keyboard.press("Enter")
    page.wait_for_function("() => [...document.querySelectorAll('p[role=status]')].some(p => p.textContent.startsWith('Link copied'))")
    assert page.inner_text(f"li#{takeaway} .pe-copy").startswith("Link copied")  # for 4 s: read it first
    assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}{SECTION.id}/#{takeaway}"
    page.goto(real_site + f"examples/{HANDOUT[0].id}/")
    page.focus(".pe-page-actions .pe-copy")
    page.keyboard.press("Space")
    page.wait_for_function("() => [...document.querySelectorAll('p[role=status]')].some(p => p.textContent.startsWith('Link copied'))")
    assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}examples/{HANDOUT[0].id}/"
    context.close()


def test_an_old_take_away_anchor_lands_on_the_renamed_take_away(watched, renamed_site):
    old, new = RENAMED
    section = GUIDE.takeaways[old].section
    view = watched(renamed_site)
    page = view.open(f"{section}/#{old}")
    landed = page.evaluate(f"""() => {{
        const target = document.getElementById({old!r});
        const box = target.closest('li').getBoundingClientRect();
        return [target.closest('li.pe-takeaway').id, box.top >= 0 && box.top < innerHeight];
    }}""")
    assert landed == [new, True]
    assert view.errors == []


def test_an_old_take_away_in_a_browse_link_still_filters(watched, renamed_site):
    old, new = RENAMED
    page = watched(renamed_site).open(f"browse/?takeaway={old}")
    page.wait_for_selector("#pe-filters:not([hidden])")
    assert page.evaluate("location.search") == f"?takeaway={new}"
    assert page.is_checked(f"#pe-takeaway-{new}")
    assert page.inner_text("#pe-status") == f"{len(LOADED.by_takeaway[old])} of {len(LOADED.examples)} examples match."


# ---- What is new ----

def test_the_feed_is_linked_from_every_page_and_parses_as_atom(watched, real_site):
    page = watched(real_site).open("")
    for path in ("", f"{SECTION.id}/", f"examples/{HANDOUT[0].id}/", "browse/"):
        page.goto(real_site + path)
        href = page.get_attribute("link[rel=alternate][type='application/atom+xml']", "href")
        assert page.evaluate("href => new URL(href, location.href).href", href) == real_site + "feed.xml"
    with urllib.request.urlopen(real_site + "feed.xml") as response:
        parsed = feedparser.parse(response.read())
    assert not parsed.bozo and parsed.version == "atom10"
    assert len(parsed.entries) == len(LOADED.examples)
    page.goto(real_site)
    listed = page.eval_on_selector_all(".pe-new a", "links => links.map(a => a.getAttribute('href'))")
    assert listed == [f"examples/{e.id}/" for e in feed.newest_first(LOADED.examples)[:feed.RECENT_COUNT]]
