"""The offline copy (make offline), unzipped and opened from a folder in the system Chromium:
links open pages, search finds examples, the browse filters and the handout work, and no
request leaves the folder."""

from __future__ import annotations

import base64
import re
import zipfile

import pytest
import searching
from conftest import ROOT, SITE_URL, images_loaded
from searching import example_ids, header_search
from offline import FOLDER, build, write_zip

from macros.pages import offline
from macros.load import project

pytestmark = pytest.mark.browser

LOADED = project.load(ROOT)
EXAMPLE = LOADED.examples[len(LOADED.examples) // 2]
SECTION = LOADED.guide.section(EXAMPLE.section)


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory):
    """The offline zip as make offline writes it, unzipped into a scratch folder: its index.html's folder."""
    scratch = tmp_path_factory.mktemp("offline")
    result = build(scratch / "built")
    assert result.returncode == 0, result.stdout + result.stderr
    archive = scratch / "copy.zip"
    write_zip(scratch / "built", archive)
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(scratch / "unzipped")
    return scratch / "unzipped" / FOLDER


class FromFolder:
    """A page opened from the folder, recording errors and any request that is not for a file in it."""

    def __init__(self, page, folder):
        self.page = page
        self.base = folder.as_uri() + "/"
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: None if request.url.startswith((self.base, "data:", "blob:", "about:")) else self.outside.append(request.url))

    def open(self, path: str):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        return self.page


@pytest.fixture
def from_folder(browser, offline_copy):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield FromFolder(page, offline_copy)
    context.close()


def test_no_link_leads_to_a_folder_or_a_missing_file_and_nothing_loads_from_another_host(offline_copy):
    assert offline.link_problems(offline_copy) == []
    assert not (offline_copy / "404.html").exists()
    assert (offline_copy / "index.html").is_file() and (offline_copy / f"examples/{EXAMPLE.id}.html").is_file()


def test_links_open_pages_from_the_folder(from_folder):
    page = from_folder.open("index.html")
    page.click(f".pe-cards--sections >> text={SECTION.title}")
    assert page.url == from_folder.base + f"{SECTION.id}.html"
    page.click(f"article >> a:text-is('{EXAMPLE.title}')")
    assert page.url == from_folder.base + f"examples/{EXAMPLE.id}.html"
    assert page.inner_text("h1") == EXAMPLE.title
    page.click(".pe-kicker a")
    assert page.url == from_folder.base + f"{SECTION.id}.html"
    page.click("text=Print the section pack")
    assert page.url == from_folder.base + f"packs/{SECTION.id}.html"
    assert from_folder.errors == [] and from_folder.outside == []


def search(page, words: str):
    """Type into Material's search box, as a reader does (it drops input that comes before its index is ready)."""
    page.click("input.md-search__input")
    page.keyboard.type(words)
    last = words.split()[-1].lower()
    page.wait_for_function(
        "last => [...document.querySelectorAll('.md-search-result__item > a')].some(a => a.textContent.toLowerCase().includes(last))", arg=last)
    return page.locator(".md-search-result__item > a")


def test_search_finds_an_example_and_opens_it(from_folder):
    page = from_folder.open("index.html")
    words = " ".join(sorted(re.findall(r"[A-Za-z]+", EXAMPLE.title), key=len)[-3:])
    result = search(page, words).filter(has_text=EXAMPLE.title).first
    assert re.search(rf"examples/{EXAMPLE.id}\.html", result.get_attribute("href"))
    result.click()
    page.wait_for_url(re.compile(rf"examples/{EXAMPLE.id}\.html"))
    assert page.inner_text("h1") == EXAMPLE.title
    assert from_folder.errors == [] and from_folder.outside == []


def test_an_abbreviation_finds_what_it_stands_for_from_the_folder(from_folder):
    """Search's own index files load from file:// too: DRR finds examples that spell it out, each opening as a file."""
    page = from_folder.open(f"{SECTION.id}.html")
    _, links = header_search(page, "DRR")
    found = example_ids(links)
    assert found and set(found) <= set(searching.expected("DRR", LOADED))
    assert all(re.search(r"examples/[a-z0-9-]+\.html", link) for link in links if "examples/" in link), links
    page.click(f".md-search-result__item a[href*='examples/{found[0]}.html']")
    page.wait_for_url(f"**/examples/{found[0]}.html*")
    assert from_folder.errors == [] and from_folder.outside == []


def test_the_browse_filters_work_from_the_folder(from_folder):
    takeaway = EXAMPLE.takeaways[0]
    page = from_folder.open(f"browse.html?takeaway={takeaway}")
    page.wait_for_selector("#pe-filters:not([hidden])")
    matching = LOADED.by_takeaway[takeaway]
    assert page.inner_text("#pe-status") == f"{len(matching)} of {len(LOADED.examples)} examples match."
    page.click(f"label[for='pe-section-{SECTION.id}']")
    both = [e for e in matching if e.section == SECTION.id]
    assert page.inner_text("#pe-status") == f"{len(both)} of {len(LOADED.examples)} examples match."
    address = page.evaluate("location.href")  # page.url can lag history.pushState
    assert "section=" in address and address.startswith(from_folder.base + "browse.html?")
    assert from_folder.errors == [] and from_folder.outside == []


def test_the_handout_is_chosen_and_shown_from_the_folder(from_folder):
    page = from_folder.open("browse.html")
    page.wait_for_selector(".pe-handout-tray")
    chosen = [LOADED.examples[1], EXAMPLE]
    for example in chosen:
        page.click(f".pe-card[data-example-id='{example.id}'] .pe-handout-add")
    page.click(".pe-handout-tray__open")
    page.wait_for_function("() => (document.getElementById('pe-handout-status') || {textContent: ''}).textContent.includes('in this handout')")
    assert page.url == from_folder.base + "handout.html?ids=" + ",".join(e.id for e in chosen)
    assert page.eval_on_selector_all(".pe-handout-example h2", "hs => hs.map(h => h.textContent)") == [e.title for e in chosen]
    images_loaded(page, ".pe-handout-example img.pe-qr")
    assert page.locator(".pe-handout-example img.pe-qr").first.evaluate("img => img.naturalWidth > 0")
    page.click(f".pe-handout-example >> a:text-is('{LOADED.guide.section(chosen[0].section).title}')")
    assert page.url == from_folder.base + f"{chosen[0].section}.html"
    assert from_folder.errors == [] and from_folder.outside == []


def test_no_page_breaks_its_content_security_policy_from_the_folder(browser, offline_copy):
    """The policy's 'self' and script hashes hold for pages opened from a folder too (tests/test_csp.py has the same over HTTP)."""
    from test_csp import Guarded, use_every_kind_of_page

    def address(path: str) -> str:
        page, _, query = path.partition("?")
        page = "index.html" if page == "" else page[:-1] + ".html"
        return offline_copy.as_uri() + "/" + page + ("?" + query if query else "")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    guarded = Guarded(page, address)
    use_every_kind_of_page(guarded, with_404=False)
    context.close()
    assert guarded.problems == []


def test_the_copy_prints_the_published_address_and_its_qr_code_leads_there(from_folder, offline_copy):
    """Paper printed from the folder leads back to the published guide, not to the machine it was opened on."""
    from test_teaching_browser import read_qr

    page = from_folder.open(f"examples/{EXAMPLE.id}.html")
    published = SITE_URL + f"examples/{EXAMPLE.id}/"
    page.emulate_media(media="print")
    assert page.inner_text(".pe-print-footer .pe-address") == published
    assert published in page.eval_on_selector("style[media=print]", "style => style.textContent")  # each sheet's foot
    shown = page.locator("img.pe-qr--page")
    assert shown.is_visible()
    # A page opened from a folder cannot read an image's pixels, so the same file is drawn again from a data: address.
    code = (offline_copy / "examples" / shown.get_attribute("src")).resolve()
    assert code == offline_copy / "examples" / EXAMPLE.id / "qr.svg"
    scanner = page.context.new_page()
    scanner.set_content(f'<img src="data:image/svg+xml;base64,{base64.b64encode(code.read_bytes()).decode()}">')
    assert read_qr(scanner.locator("img")) == [published]
    assert from_folder.errors == [] and from_folder.outside == []
