"""The offline copy: the site built to open from a folder (file://), with no server and no network.

Material's offline plugin lays pages out as .html files; this module adds what the guide's own
pages need there. Browsers let a page opened from a folder load scripts but not fetch files:
search already answers from scripts in the page (search.js), and each JSON file the guide's
scripts fetch, such as the browse page's index, gets a script twin that offline-fetch.js
loads instead.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from macros.base import urls
from macros.pages.handout import script_value

PLUGIN = "material/offline"
POLYFILLS = ("assets/javascripts/offline-fetch.js",)  # loaded in <head>, before any page script runs
SCRIPT_TWIN = ".js"  # browse/index.json -> browse/index.json.js
REGISTER = "peOfflineJson"  # defined by offline-fetch.js
# The environment variable that lets the offline build print an address on this machine (scripts/offline.py
# --allow-local-address); without it, the build refuses one.
ALLOW_LOCAL_ADDRESS = "ALLOW_LOCAL_SITE_URL"
ARTIFACT = "drugs-alcohol-probation-offline"  # the name .github/workflows/ci.yml attaches the copy under, on each run of main


def download_page(repo_url: str) -> str:
    """Where readers download the offline copy: the successful CI runs of main, each with the copy among its artifacts."""
    return f"{repo_url.rstrip('/')}/actions/workflows/ci.yml?query=branch%3Amain+is%3Asuccess"


SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")  # used by a web server and search engines, never from a folder


def finish(site_dir: Path) -> None:
    """After the build: the JSON files' script twins, and nothing a folder has no use for."""
    json_twins(site_dir)
    for name in SERVER_ONLY:
        (site_dir / name).unlink(missing_ok=True)


def json_twins(site_dir: Path) -> list[Path]:
    """Write a script twin beside every JSON file the pages may fetch (search's own files are scripts already)."""
    written = []
    for path in sorted(site_dir.rglob("*.json")):
        if path.relative_to(site_dir).parts[0] == urls.SEARCH_FOLDER.rstrip("/"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        twin = path.with_name(path.name + SCRIPT_TWIN)
        twin.write_text(f"{REGISTER}(document.currentScript.src, {script_value(data)});\n", encoding="utf-8")
        written.append(twin)
    return written


class _Links(HTMLParser):
    """Every address an HTML file links to or loads."""

    LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "form": "action"}

    LOADED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}  # <link rel> that fetch the address

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, bool]] = []  # (tag, address, whether the browser loads it by itself)

    def handle_starttag(self, tag, attrs):
        name = self.LINKING.get(tag)
        values = dict(attrs)
        if name and values.get(name):
            loads = tag != "a" and (tag != "link" or bool(self.LOADED_LINKS & set((values.get("rel") or "").lower().split())))
            self.found.append((tag, values[name], loads))


def link_problems(site_dir: Path) -> list[str]:
    """What would fail from a folder: a link to a folder or a missing file, or anything loaded from another host."""
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(site_dir).as_posix()
        for tag, address, loads in parser.found:
            parts = urlsplit(address)
            if parts.scheme or parts.netloc:
                if loads and parts.scheme not in ("data", "blob"):
                    problems.append(f"{where}: <{tag}> loads {address} from another host")
                continue
            if not parts.path:  # #anchor or ?query on the same page
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                problems.append(f"{where}: links to the folder {address}, which a file system shows as a listing")
            elif not target.is_file():
                problems.append(f"{where}: links to {address}, which is not in the copy")
    return problems
