"""Every kind of page the build makes from data, in one list that the hooks (to add them to the site),
the published-address list (macros/pages/addresses.py) and the print additions all read.

Hand-written pages are docs/*.md; everything else is one of these, made in Python and handed to the
generator as finished HTML (macros/pages/generated.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from macros.base import urls
from macros.load.guide import GUIDE_DIR
from macros.load.project import Project
from macros.pages import example, handout, issue_links, packs, review_dates, section
from macros.pages.common import evidence_label
from macros.pages.generated import GeneratedPage

SECTIONS_FILE = (GUIDE_DIR / "sections.yaml").as_posix()


@dataclass(frozen=True)
class Site:
    """What one build renders its generated pages with."""

    project: Project
    site_url: str
    site_name: str
    layout: urls.Layout
    today: dt.date
    repo_url: str | None = None
    edit_uri: str | None = None  # mkdocs.yml's edit_uri: where in the repository "Edit this page" points, from docs/

    def edit_url(self, repository_file: str) -> str | None:
        """The address that opens a file of the repository for editing, as the theme's edit button has it."""
        if not (self.repo_url and self.edit_uri):
            return None
        return urljoin(self.repo_url.rstrip("/") + "/", self.edit_uri + edit_path(repository_file))


def edit_path(repository_file: str) -> str:
    """A repository file as the theme's edit_uri names it: from docs/, where edit_uri points."""
    return f"../{repository_file}"


@dataclass(frozen=True)
class PageType:
    name: str
    items: Callable[[Project], Sequence[Any]]  # what there is one page of
    path: Callable[[Any], str]  # a page's clean path (a urls constructor)
    render: Callable[[Site, Any], GeneratedPage]
    in_nav: bool = False  # listed in mkdocs.yml's nav; the rest are reached from listings, search and links
    source: Callable[[Any], str] | None = None  # the repository file the page is made from, which "Edit this page" opens

    def pages(self, project: Project) -> list[tuple[Any, str]]:
        """(item, clean path) of every page of this type."""
        return [(item, self.path(item)) for item in self.items(project)]


def _one(project: Project) -> Sequence[None]:
    return (None,)


def _example(site: Site, record) -> GeneratedPage:
    suggest = issue_links.suggest_change_url(site.repo_url, record.id) if site.repo_url else None
    return example.render(record, site.project.guide, site.project.related[record.id], site.edit_url(record.source_path), suggest, site.today,
                          site.layout, _feedback_urls(site, record) if site.repo_url else None)


def _feedback_urls(site: Site, record) -> tuple[str, str]:
    """The prefilled issues "Was this useful?" and "Question this example's evidence" open."""
    address = urls.published(site.site_url, urls.example(record.id))
    return (issue_links.feedback_url(site.repo_url, record.id, address),
            issue_links.evidence_question_url(site.repo_url, record.id, address, evidence_label(record, site.project.guide)))


SECTION = PageType("section", lambda p: p.guide.sections, lambda s: urls.section(s.id), lambda site, s: section.render(s, site.project, site.layout),
                   in_nav=True, source=lambda s: SECTIONS_FILE)
EXAMPLE = PageType("example", lambda p: p.examples, lambda e: urls.example(e.id), _example, source=lambda e: e.source_path)
PACK = PageType("section pack", lambda p: p.guide.sections, lambda s: urls.pack(s.id),
                lambda site, s: packs.render(s, site.project.guide, site.project.in_section(s.id), site.site_url, site.layout))
HANDOUT = PageType("handout", _one, lambda _: urls.HANDOUT, lambda site, _: handout.page(site.site_url, site.site_name, site.project.examples, site.layout))
REVIEW_DATES = PageType("review dates", _one, lambda _: urls.REVIEW_DATES, lambda site, _: review_dates.render(site.project.examples, site.today, site.layout))

PAGE_TYPES = (SECTION, EXAMPLE, PACK, HANDOUT, REVIEW_DATES)


def paths(project: Project) -> list[str]:
    """The clean path of every generated page."""
    return [path for kind in PAGE_TYPES for _, path in kind.pages(project)]
