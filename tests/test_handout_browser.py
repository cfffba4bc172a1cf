"""Handouts for the room, in the system Chromium: the short address and QR code that reopen a printed
handout, shaping it (reorder, remove, clear, undo) from the keyboard, "Add to handout" on section pages
and packs, compact print, the trainer's title, and the browser storage named after this guide."""

from __future__ import annotations

import pytest
from print_figures import example_length, page_count
from test_teaching_browser import GUIDE, LOADED, SITE_URL, handout_address, pdf_pages_text, read_qr

from macros.base.ids import HANDOUT_CODE_LENGTH, handout_code

pytestmark = pytest.mark.browser

BY_LENGTH = sorted(LOADED.examples, key=example_length)
TYPICAL = BY_LENGTH[len(BY_LENGTH) // 2]  # the median by what it has to print, as scripts/print_figures.py reports
FOUR = [BY_LENGTH[len(BY_LENGTH) // 4], TYPICAL, BY_LENGTH[0], BY_LENGTH[3 * len(BY_LENGTH) // 4]]  # not in length order
STORAGE_KEY = "pe-handout " + SITE_URL


def titles_shown(page) -> list[str]:
    return page.eval_on_selector_all(".pe-handout-example h2", "hs => hs.map(h => h.textContent)")


def opened(view, path: str):
    page = view.open(path)
    page.wait_for_function("() => document.getElementById('pe-handout-status').textContent.includes('in this handout')")
    return page


def short_address(page) -> str:
    page.wait_for_selector("img.pe-qr--handout:not([hidden])")
    return page.inner_text(".pe-handout-address .pe-address")


def test_the_short_address_and_the_qr_code_reopen_the_handout_with_its_examples_order_and_title(watched, real_site):
    view = watched(real_site)
    page = opened(view, handout_address(FOUR, title="Week%203%3A%20housing"))
    address = short_address(page)
    codes = "".join(handout_code(e.id) for e in FOUR)
    assert address == f"{SITE_URL}handout/?h={codes}&t=Week+3%3A+housing"
    assert len(codes) == HANDOUT_CODE_LENGTH * len(FOUR)
    # A scanner reads the whole handout's address from the code on the first sheet.
    assert read_qr(page.locator("img.pe-qr--handout")) == [address]
    page.emulate_media(media="print")
    assert page.is_visible("img.pe-qr--handout")
    sheets = pdf_pages_text(page.pdf(format="A4", prefer_css_page_size=True))
    assert address in sheets[0], "the first sheet prints the short address, whole, on one line"
    assert all(address in sheet for sheet in sheets), "every sheet's foot names it too"
    # Opened from the printed address: the same examples, in the same order, with the same title.
    again = opened(watched(real_site), address.removeprefix(SITE_URL))
    assert titles_shown(again) == [e.title for e in FOUR]
    assert again.inner_text("#pe-handout-own-title strong") == "Week 3: housing"
    assert short_address(again) == address
    assert view.errors == [] and view.foreign == []


def test_the_citation_names_the_trainers_title_shown_as_theirs_not_as_the_guides_heading(watched, real_site):
    page = opened(watched(real_site), handout_address(FOUR[:2], title="Week%203"))
    page.emulate_media(media="print")
    cite = " ".join(page.inner_text(".pe-print-footer .pe-cite").split())
    assert cite.startswith("Cite this page: “Week 3”, Drugs, alcohol and probation")
    assert short_address(page) in cite and "“Handout”" not in cite
    assert page.inner_text("article h1") == "Handout"
    assert page.inner_text("#pe-handout-own-title").startswith("Title given by whoever made this handout:")
    assert page.title().startswith("Handout: “Week 3” - ")


def test_a_title_cannot_break_out_of_the_printed_address_and_unknown_ids_are_named_shortened(watched, real_site):
    long_id = "x" * 300
    page = opened(watched(real_site), handout_address([FOUR[0].id, long_id], title="a%0C%22%7D%20body%7Bbackground%3Aurl(//example.org/x)%7D"))
    css = page.eval_on_selector("style[media=print]", "style => [style.sheet.cssRules.length, style.textContent]")
    assert css[0] == 1 and "url(" not in css[1] and "\f" not in css[1]
    message = page.inner_text("#pe-handout-unknown")
    assert "x" * 40 + "…" in message and "x" * 41 not in message


def arrange(page, index: int, name: str):
    """The button whose words (the visible ones and the hidden title) are name, on the index'th example."""
    button = page.locator(".pe-handout-example").nth(index).locator(".pe-handout-arrange button", has_text=name.split(":")[0])
    assert button.text_content() == name
    return button


def test_examples_are_reordered_removed_and_put_back_from_the_keyboard(watched, real_site):
    view = watched(real_site)
    page = opened(view, handout_address(FOUR[:3]))
    first, second, third = FOUR[:3]
    button = arrange(page, 0, f"Move down: {first.title}")
    button.focus()
    page.keyboard.press("Enter")
    assert titles_shown(page) == [second.title, first.title, third.title]
    assert page.evaluate("document.activeElement.textContent") == f"Move down: {first.title}", "focus stays on the moved example's button"
    page.locator("p[role=status]", has_text=f"Moved “{first.title}” down: now 2 of 3.").wait_for(state="attached")  # announced
    assert page.evaluate("location.search").startswith("?h=" + "".join(handout_code(e.id) for e in (second, first, third)))
    page.keyboard.press("Enter")
    assert titles_shown(page) == [second.title, third.title, first.title]
    page.keyboard.press("Enter")  # already last: nothing moves, and it says so
    assert titles_shown(page) == [second.title, third.title, first.title]
    page.locator("p[role=status]", has_text=f"“{first.title}” is already last.").wait_for(state="attached")
    arrange(page, 1, f"Move up: {third.title}").focus()
    page.keyboard.press("Space")
    assert titles_shown(page) == [third.title, second.title, first.title]
    # Remove, then Undo, from the keyboard: focus moves to Undo and back to the example.
    arrange(page, 1, f"Remove: {second.title}").focus()
    page.keyboard.press("Enter")
    assert titles_shown(page) == [third.title, first.title]
    assert page.inner_text("#pe-handout-status") == "2 examples in this handout."
    assert page.evaluate("document.activeElement.textContent") == "Undo"
    assert page.evaluate(f"JSON.parse(localStorage.getItem({STORAGE_KEY!r}))") == [third.id, first.id]
    page.keyboard.press("Enter")
    assert titles_shown(page) == [third.title, second.title, first.title]
    assert page.evaluate("document.activeElement.textContent") == second.title
    # Clear the handout, then Undo.
    page.get_by_role("button", name="Clear the handout").focus()
    page.keyboard.press("Enter")
    assert titles_shown(page) == []
    assert page.evaluate("document.activeElement.textContent") == "Undo"
    page.keyboard.press("Enter")
    assert titles_shown(page) == [third.title, second.title, first.title]
    assert view.errors == []


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


def test_clearing_the_tray_can_be_undone_and_clear_is_not_under_open_on_a_phone(phone, real_site):
    phone.goto(real_site + "browse/")
    phone.wait_for_selector(".pe-handout-tray")
    chosen = [LOADED.examples[3].id, LOADED.examples[1].id]
    phone.evaluate(f"localStorage.setItem({STORAGE_KEY!r}, JSON.stringify({chosen!r}))")
    phone.reload()
    phone.wait_for_selector(".pe-handout-tray__open:not([hidden])")
    open_box = phone.locator(".pe-handout-tray__open").bounding_box()
    clear_box = phone.locator(".pe-handout-tray__clear").bounding_box()
    assert clear_box["y"] < open_box["y"] + open_box["height"] and clear_box["x"] > open_box["x"] + open_box["width"], "side by side, apart"
    phone.locator(".pe-handout-tray__clear").tap()  # its click comes from the touch gesture, maybe after tap() returns
    phone.wait_for_function("key => localStorage.getItem(key) === '[]'", arg=STORAGE_KEY)
    assert phone.inner_text(".pe-handout-tray__count") == "Handout cleared."
    phone.locator(".pe-handout-tray__undo").tap()
    phone.wait_for_function("key => localStorage.getItem(key) !== '[]'", arg=STORAGE_KEY)
    assert phone.evaluate(f"JSON.parse(localStorage.getItem({STORAGE_KEY!r}))") == chosen
    assert "2 examples chosen" in phone.inner_text(".pe-handout-tray")


def test_examples_are_added_from_a_section_page_and_a_pack(watched, real_site):
    view = watched(real_site)
    section = GUIDE.sections[1]
    page = view.open(f"{section.id}/")
    page.evaluate(f"localStorage.removeItem({STORAGE_KEY!r})")
    page.reload()
    from_section = LOADED.in_section(section.id)[0]
    page.locator(f".pe-card[data-example-id='{from_section.id}'] .pe-handout-add").click()
    page.wait_for_selector(".pe-handout-tray:not([hidden])")
    pack_section = GUIDE.sections[2]
    page.goto(real_site + f"packs/{pack_section.id}/")
    from_pack = LOADED.in_section(pack_section.id)[1]
    button = page.locator(f".pe-pack-example#example-{from_pack.id} .pe-handout-add")
    assert button.text_content() == f"Add to handout: {from_pack.title}"
    button.focus()
    page.keyboard.press("Enter")
    assert button.inner_text().startswith("Remove from handout")
    assert "2 examples chosen" in page.inner_text(".pe-handout-tray")
    page.locator(".pe-handout-tray__open").click()
    page.wait_for_function("() => document.getElementById('pe-handout-status').textContent.includes('in this handout')")
    assert titles_shown(page) == [from_section.title, from_pack.title]
    page.emulate_media(media="print")
    assert not page.is_visible(".pe-handout-add") and not page.is_visible(".pe-handout-arrange")
    assert view.errors == []


def test_the_choice_is_kept_under_a_key_naming_this_guide_not_one_every_folder_page_shares(watched, real_site):
    page = watched(real_site).open("browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    page.evaluate(f"localStorage.clear(); localStorage.setItem('pe-handout', JSON.stringify([{LOADED.examples[0].id!r}]))")  # another guide's
    page.reload()
    page.wait_for_selector(".pe-handout-tray")
    assert "none chosen yet" in page.inner_text(".pe-handout-tray")
    page.locator(f".pe-card[data-example-id='{LOADED.examples[5].id}'] .pe-handout-add").click()
    assert page.evaluate(f"JSON.parse(localStorage.getItem({STORAGE_KEY!r}))") == [LOADED.examples[5].id]
    assert page.evaluate("JSON.parse(localStorage.getItem('pe-handout'))") == [LOADED.examples[0].id], "the other key is left alone"


def reading_order(pdf: bytes) -> str:
    """A PDF's text column by column (pdftotext without -layout, which would set two columns' lines side by side)."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, text=True, check=True).stdout


def test_compact_print_puts_a_typical_example_on_one_a4_side_and_says_what_it_leaves_out(watched, real_site):
    page = opened(watched(real_site), handout_address([TYPICAL]))
    page.emulate_media(media="print")
    assert page_count(page.pdf(format="A4", prefer_css_page_size=True)) > 1, "in full, it takes more than a side"
    page.emulate_media(media="screen")
    described = page.inner_text("label[for=pe-handout-layout-compact], .pe-handout-layout")
    assert "Leaves out each example’s take-aways, sources, review dates and the web addresses of the reports it quotes" in described
    page.check("#pe-handout-layout-compact")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert page_count(pdf) == 1
    text = "".join(reading_order(pdf).split())
    for kept in (TYPICAL.title, TYPICAL.summary, "Practical tips", "Questions for reflection"):
        assert "".join(kept.split())[:60] in text
    assert "Take-aways,sourcesandreviewdates:onthisexample’spage" in text
    for left_out in (".pe-handout-part--take-aways-it-illustrates", ".pe-handout-part--where-this-example-comes-from"):
        assert page.locator(left_out).count() == 1 and not page.is_visible(left_out), left_out
    assert page.evaluate("getComputedStyle(document.querySelector('.pe-handout-example p')).color") == "rgb(0, 0, 0)"

