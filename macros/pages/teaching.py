"""What trainers use, gathered for the hooks: the handout and section-pack pages, the files
published beside the pages (handout data, QR codes, the feed), each page's print additions,
the take-aways in section pages' tables of contents, and the published-address check."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from macros.pages import feed, handout, packs, printed, qr, takeaway_links
from macros.base import urls
from macros.pages.generated import GeneratedPage
from macros.load.project import Project

TAKEAWAYS_HEADING = "key-take-aways"  # the heading on each section page that the take-aways sit under


def pages(project: Project, site_url: str, site_name: str, layout: urls.Layout) -> dict[str, GeneratedPage]:
    """The generated pages, by source path: the handout and one pack per section."""
    found = {urls.source(urls.HANDOUT): handout.page(site_url, site_name, project.examples, layout)}
    for section in project.guide.sections:
        found[urls.source(urls.pack(section.id))] = packs.render(section, project.guide, project.in_section(section.id), site_url, layout)
    return found


def files(project: Project, site_url: str, site_name: str, description: str, page_paths: list[str], today: dt.date,
          layout: urls.Layout, qr_svg: Callable[[str], bytes] = qr.svg) -> dict[str, str | bytes]:
    """The files published beside the pages, by destination: handout data, the feed, a QR code per page
    (made by qr_svg, which may keep them between builds)."""
    found: dict[str, str | bytes] = {
        urls.handout_data(e.id): handout.data_script(e, project.guide, site_url, today, layout) for e in project.examples
    }
    found[urls.FEED] = feed.atom(project.examples, project.guide, site_url, site_name, description)
    for path in page_paths:
        found[urls.qr(path)] = qr_svg(urls.published(site_url, path))
    return found


def page_context(src_uri: str, title: str, site_url: str, site_name: str, layout: urls.Layout, offline: bool) -> printed.PageContext:
    """The print additions and script addresses for one page (title as Material's templates print it)."""
    path = urls.clean_path(src_uri)
    return printed.page_context(path, layout.links_from(path), html.unescape(title), site_url, site_name, feed_link=not offline)


def toc_takeaways(src_uri: str, project: Project) -> list[tuple[str, str]]:
    """(anchor, label as HTML) of the take-aways to list in a section page's table of contents; none for other pages."""
    for section in project.guide.sections:
        if src_uri == urls.source(urls.section(section.id)):
            return [(anchor, html.escape(label, quote=False)) for anchor, label in takeaway_links.toc_entries(section, project.guide)]
    return []
