"""What trainers use, gathered for the hooks: the files published beside the pages (handout data,
QR codes, the feed) and each page's print additions. The handout and section-pack pages are page
types (macros/pages/page_types.py)."""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable

from macros.pages import feed, handout, printed, qr
from macros.base import urls
from macros.load.project import Project


def linked_files(project: Project, site_url: str, site_name: str, description: str) -> dict[str, str]:
    """The files published beside the pages that a hand-written page links to, by destination: the feed."""
    return {urls.FEED: feed.atom(project.examples, project.guide, site_url, site_name, description)}


def page_files(project: Project, site_url: str, page_paths: list[str], today: dt.date, layout: urls.Layout,
               qr_svg: Callable[[str], bytes] = qr.svg) -> dict[str, Callable[[], str | bytes]]:
    """The files published beside the pages that only the pages' scripts and print fetch, by destination, each
    with what makes it: each example's handout data, and a QR code per page (made by qr_svg, which may keep them
    between builds). Made only when called, so the destinations are known before any file is made."""
    found: dict[str, Callable[[], str | bytes]] = {
        urls.handout_data(e.id): functools.partial(handout.data_script, e, project.guide, site_url, today, layout)
        for e in project.examples
    }
    for path in page_paths:
        found[urls.qr(path)] = functools.partial(qr_svg, urls.published(site_url, path))
    return found


def page_context(src_uri: str, title: str, site_url: str, site_name: str, layout: urls.Layout, offline: bool) -> printed.PageContext:
    """The print additions and script addresses for one page (title as Material's templates print it)."""
    path = urls.clean_path(src_uri)
    return printed.page_context(path, layout.links_from(path), html.unescape(title), site_url, site_name, feed_link=not offline)
