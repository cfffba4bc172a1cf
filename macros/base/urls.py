"""Addresses within the site: one constructor per kind of page or file, for both layouts.

Online, every page has a clean address (examples/<id>/, served as examples/<id>/index.html);
the offline copy, opened from a folder, needs each link to name an .html file
(examples/<id>.html), since a file system shows a folder as a listing. The constructors below
name pages by their clean path, as they are published ("examples/<id>/", "" for the home
page); a Layout, which each build passes in, writes that path the way it lays pages out, and
Links writes every address on one page relative to it.
"""

from __future__ import annotations

import ipaddress
import posixpath
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

# Pages, by clean path.
HOME = ""
BROWSE = "browse/"
HANDOUT = "handout/"
REVIEW_DATES = "review-dates/"
EVIDENCE = "evidence/"  # docs/evidence.md: each status explained at its own anchor
GLOSSARY = "glossary/"
EXAMPLES_FOLDER = "examples/"
PACKS_FOLDER = "packs/"

# Files.
BROWSE_INDEX = "browse/index.json"  # each example's filter values, read by the browse page's script
SEARCH_FOLDER = "search/"  # the site's search index (macros/pages/search.py)
FEED = "feed.xml"
ASSETS_FOLDER = "assets/"
QR_FILE = "qr.svg"  # beside each page: examples/<id>/qr.svg, supervision/qr.svg, qr.svg for the home page
HANDOUT_DATA_FILE = "handout.js"  # beside each example's page: examples/<id>/handout.js

# The browse page's own query names; every other filter is named by its facet's id (macros/pages/browse.py),
# so no facet may take one of these (BROWSE_OWN_NAMES).
BROWSE_SECTION = "section"
BROWSE_TAKEAWAY = "takeaway"
BROWSE_PROVENANCE = "provenance"
BROWSE_EVIDENCE = "evidence"
BROWSE_WORDS = "words"
BROWSE_OLD_WORDS = "q"  # the words box's name in old links
BROWSE_OWN_NAMES = frozenset({BROWSE_SECTION, BROWSE_TAKEAWAY, BROWSE_PROVENANCE, BROWSE_EVIDENCE, BROWSE_WORDS, BROWSE_OLD_WORDS})


def example(example_id: str) -> str:
    return f"{EXAMPLES_FOLDER}{example_id}/"


def section(section_id: str) -> str:
    return f"{section_id}/"


def takeaway(section_id: str, takeaway_id: str) -> str:
    return f"{section(section_id)}#{takeaway_id}"


def glossary_term(term_id: str) -> str:
    return f"{GLOSSARY}#{term_id}"


def evidence_status(status_id: str) -> str:
    return f"{EVIDENCE}#{status_id}"


def browse(**filters: str) -> str:
    """The browse page filtered: browse(section="leadership"), browse(takeaway=...), browse(<facet id>=<value id>)."""
    return BROWSE + (f"?{urlencode(filters)}" if filters else "")


def pack(section_id: str) -> str:
    return f"{PACKS_FOLDER}{section_id}/"


def handout_data(example_id: str) -> str:
    return example(example_id) + HANDOUT_DATA_FILE


def qr(page_path: str) -> str:
    """Where the QR code of the page at clean path page_path is published."""
    return page_path + QR_FILE


def script(name: str) -> str:
    return f"{ASSETS_FOLDER}javascripts/{name}"


# What the build itself writes at the site's top level, beside the hand-written pages in docs/: generated
# pages and folders, the theme's files, and files for servers and feed readers. No section id may take one of
# these names (tests/test_guide_data.py compares the list with what a real build publishes).
BUILT_TOP_LEVEL = (EXAMPLES_FOLDER, HANDOUT, PACKS_FOLDER, REVIEW_DATES, SEARCH_FOLDER, ASSETS_FOLDER, FEED, QR_FILE, "index.html", "404.html",
                   "sitemap.xml", "sitemap.xml.gz")


def source(path: str) -> str:
    """The source path MkDocs knows a page by: "" -> index.md, "examples/x/" -> examples/x.md."""
    return "index.md" if path == "" else path.removesuffix("/") + ".md"


def clean_path(src_uri: str) -> str:
    """A source page's clean path: index.md -> "", browse.md -> "browse/", packs/leadership.md -> "packs/leadership/"."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def published(site_url: str, path: str) -> str:
    """The page's address on the published site, whatever the layout of this build."""
    return site_url.rstrip("/") + "/" + path


def is_local(site_url: str | None) -> bool:
    """Whether site_url is unset or names this machine (loopback or unspecified), so that paper printed from the
    build would lead nowhere."""
    host = (urlsplit(site_url or "").hostname or "").rstrip(".")
    if host == "" or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@dataclass(frozen=True)
class Layout:
    """How one build lays pages out: clean folders online (directory_urls), .html files offline."""

    directory_urls: bool

    def page(self, root: str, path: str) -> str:
        """The address of the page at clean path `path` (which may end in ?query or #anchor), from a page whose root is `root`."""
        cut = min((index for index in (path.find("?"), path.find("#")) if index != -1), default=len(path))
        base, rest = path[:cut], path[cut:]
        if not self.directory_urls:
            base = "index.html" if base == "" else base[:-1] + ".html" if base.endswith("/") else base
        return f"{root}{base}{rest}"

    def file_of(self, path: str) -> str:
        """The file, from the site's root, that the page at clean path `path` is written to."""
        return self.page("", path) + ("index.html" if self.directory_urls else "")

    def root_of(self, path: str) -> str:
        """The relative path from the page at clean path `path` back to the site's root."""
        return "../" * self.page("", path).count("/")

    def links_from(self, path: str) -> Links:
        """The addresses written into the page at clean path `path`."""
        return Links(self.root_of(path), self)

    def moved(self, address: str, written_in: str, shown_in: str) -> str:
        """A relative address written in the page at clean path `written_in`, as the page at `shown_in` must write it to
        lead to the same place ("#x" leads to that anchor of the first page); any other address stays as it is."""
        parts = urlsplit(address)
        if parts.scheme or parts.netloc or address.startswith(("/", "\\")):
            return address
        written = self.page("", written_in)
        rest = address[len(parts.path):]  # ?query and #anchor
        if not parts.path:
            return self.root_of(shown_in) + written + rest
        target = posixpath.normpath(posixpath.join(posixpath.dirname(written), parts.path))
        target = "" if target == "." else target + ("/" if parts.path.endswith("/") else "")
        return self.root_of(shown_in) + target + rest


ONLINE = Layout(directory_urls=True)
OFFLINE = Layout(directory_urls=False)


@dataclass(frozen=True)
class Links:
    """Addresses as one page writes them: relative to its root, in its build's layout."""

    root: str
    layout: Layout = ONLINE

    def page(self, path: str) -> str:
        """A page, by clean path (a constructor above), as this page links to it."""
        return self.layout.page(self.root, path)

    def file(self, path: str) -> str:
        """A file (script, QR code, data), by its path from the site's root, as this page links to it."""
        return self.root + path
