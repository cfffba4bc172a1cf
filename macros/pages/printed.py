"""What every page adds for print: its own web address, a one-line citation and a QR code of
the address, so paper leads back online; and the addresses its scripts need."""

from __future__ import annotations

from dataclasses import dataclass

from macros.base import urls
from macros.base.text import escape


@dataclass(frozen=True)
class PageContext:
    """Per-page values for docs/overrides/main.html, each already escaped for where it goes."""

    address: str  # the page's published address, escaped for an HTML attribute
    header_html: str  # the print-only QR code of the address, beside the page's title
    footer_html: str  # the print-only citation, with the address
    page_css: str  # an @page rule that prints the address at the foot of every sheet
    handout_url: str  # the handout page, relative to this page
    site_address: str  # the guide's published address, escaped: names this guide's handout in the browser's storage
    feed_url: str  # the Atom feed, relative to this page; empty in the offline copy, where no feed reader can follow it


def page_context(page_path: str, links: urls.Links, title: str, site_url: str, site_name: str, feed_link: bool = True) -> PageContext:
    """The print additions for the page at clean path page_path, its addresses written by links."""
    address = urls.published(site_url, page_path)
    cited = f"<cite>{escape(site_name)}</cite>" if page_path == "" else f"“{escape(title)}”, <cite>{escape(site_name)}</cite>"
    header = (
        f'<img class="pe-print-only pe-qr pe-qr--page" src="{escape(links.file(urls.qr(page_path)))}" '
        'alt="QR code of this page\'s web address" width="90" height="90">'
    )
    footer = (
        '<div class="pe-print-only pe-print-footer">'
        f'<p class="pe-cite"><strong>Cite this page:</strong> {cited}, <span class="pe-address">{escape(address)}</span><span data-pe-accessed></span>.</p>'
        "</div>"
    )
    return PageContext(
        address=escape(address),
        header_html=header,
        footer_html=footer,
        page_css=f"@page {{ @bottom-left {{ content: {css_string(address)}; }} }}",
        handout_url=escape(links.page(urls.HANDOUT)),
        site_address=escape(urls.published(site_url, "")),
        feed_url=escape(links.file(urls.FEED)) if feed_link else "",
    )


def css_string(text: str) -> str:
    """text as a quoted CSS string that nothing in it can end early (and safe inside a <style> element)."""
    return '"' + "".join(ch if ch.isalnum() or ch in " ./:-_?=&%#,~+@" else f"\\{ord(ch):06x}" for ch in text) + '"'
