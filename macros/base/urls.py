"""Addresses within the site, built in one place for both layouts.

Online, every page has a clean address (examples/<id>/, served as examples/<id>/index.html);
the offline copy, opened from a folder, needs each link to name an .html file
(examples/<id>.html), since a file system shows a folder as a listing. Pages are named here
by their clean path, as they are published ("examples/<id>/", "" for the home page), and
page() writes that path the way the current build lays pages out.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

# What the build itself writes at the site's top level, beside the pages in docs/: generated pages
# and folders, the theme's files, and files for servers and feed readers. A section's page is
# docs/<id>.md, at /<id>/, so no section id may take one of these names (tests/test_guide_data.py
# compares the list with what a real build publishes).
BUILT_TOP_LEVEL = ("examples/", "handout/", "packs/", "review-dates/", "search/", "assets/", "feed.xml", "qr.svg", "index.html", "404.html",
                   "sitemap.xml", "sitemap.xml.gz")

_layout = {"directory_urls": True}


def set_directory_urls(enabled: bool) -> None:
    """Called once per build, from mkdocs.yml's use_directory_urls (false for the offline copy)."""
    _layout["directory_urls"] = enabled


def directory_urls() -> bool:
    return _layout["directory_urls"]


def page(root: str, path: str) -> str:
    """The address of the page at clean path `path` (which may end in ?query or #anchor), from a page whose root is `root`."""
    cut = min((index for index in (path.find("?"), path.find("#")) if index != -1), default=len(path))
    base, rest = path[:cut], path[cut:]
    if not directory_urls():
        base = "index.html" if base == "" else base[:-1] + ".html" if base.endswith("/") else base
    return f"{root}{base}{rest}"


def file_of(path: str) -> str:
    """The file, from the site's root, that the page at clean path `path` is written to."""
    return page("", path) + ("index.html" if directory_urls() else "")


def root_of(path: str) -> str:
    """The relative path from the page at clean path `path` back to the site's root."""
    return "../" * page("", path).count("/")


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
