"""Small fixture sites, built strictly with the real configuration, pages and pipeline."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit


import pytest
import searching
import yaml
import _browser
from _root import published_address
from benchmark import varied_copies
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, TODAY, build_site, copy_site_project, valid_text

from macros.base import forked, store
from macros.pages import search

SITE_FIXTURES = sorted((FIXTURES / "site").glob("*.yaml"))


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_each_record_gets_a_page_at_its_id(fixture_site):
    for record in SITE_FIXTURES:
        assert (fixture_site / "examples" / record.stem / "index.html").is_file()


class _LiveCode(HTMLParser):
    """Collects what a browser would run: script contents, event-handler attributes and link targets."""

    def __init__(self) -> None:
        super().__init__()
        self.live: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") or name in ("href", "src", "action", "formaction"):
                self.live.append(value or "")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.live.append(data)


def test_no_contributor_text_becomes_script_or_markup(fixture_site):
    for page in html_files(fixture_site):
        parser = _LiveCode()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not [code for code in parser.live if "pwned" in code], page
    html = (fixture_site / "examples" / "payload-example" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.pwned=4&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html


def test_the_hostile_title_is_escaped_in_the_title_element_and_heading(fixture_site):
    html = (fixture_site / "examples" / "payload-example" / "index.html").read_text(encoding="utf-8")
    assert "<title>Payload {{ 7*7 }} &lt;/title&gt;&lt;script&gt;window.pwned=1&lt;/script&gt; &amp; more - " in html
    assert '<h1>Payload {{ 7*7 }} &lt;/title&gt;&lt;script&gt;window.pwned=1&lt;/script&gt; &amp; more</h1>' in html
    assert '<meta name="description" content="Summary &quot;&gt;&lt;script&gt;window.pwned=2&lt;/script&gt;' in html


def test_jinja_in_contributor_text_is_not_evaluated(fixture_site):
    html = (fixture_site / "examples" / "payload-example" / "index.html").read_text(encoding="utf-8")
    assert html.count("{{ 7*7 }}") >= 4
    assert "{{ config.site_name }}" in html
    assert "{% raw %} jinja {% endraw %}" in html
    titles = [row[1] for path in (fixture_site / "search" / "docs").glob("*.js") for row in search.read_index_file(path)["data"]]
    assert "Payload {{ 7*7 }} </title><script>window.pwned=1</script> & more" in titles


def test_markdown_formatting_still_works(fixture_site):
    html = (fixture_site / "examples" / "payload-example" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/" rel="noopener noreferrer">link</a>' in html
    assert "<strong>bold</strong>" in html
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in html


def test_the_tags_page_counts_each_tag_and_links_to_its_examples_on_the_browse_page(fixture_site):
    tags = BeautifulSoup((fixture_site / "tags" / "index.html").read_text(encoding="utf-8"), "html.parser")
    review = tags.find("a", href="../browse/?stage=review")
    assert review.get_text() == "Review (1)"  # long-form-only is the one fixture tagged with it


def test_the_edit_link_points_at_the_yaml_file(fixture_site):
    html = (fixture_site / "examples" / "long-form-only" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="https://github\.com/[^"]+/edit/main/practice_examples/long-form-only\.yaml"', html)


def test_the_browse_index_is_written_from_the_records(fixture_site):
    index = json.loads((fixture_site / "browse" / "index.json").read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in index["examples"]}
    assert set(by_id) == {record.stem for record in SITE_FIXTURES}
    assert by_id["long-form-only"]["values"] == {
        "section": ["supervision"], "takeaway": ["hope-engagement-choice"], "provenance": ["illustrative"], "evidence": ["written-for-guide"],
        "stage": ["review"],
    }
    assert by_id["reported-with-guide-suggestions"]["values"]["evidence"] == ["comparison-group"]
    # The words box finds examples by their place in the search index, so both list them in the same order.
    manifest = search.read_index_file(fixture_site / "search" / "manifest.js")["data"]
    first_rows = [row[0] for row in searching.index_rows(searching.index_files(fixture_site))][: manifest["examples"]]
    assert first_rows == [f"examples/{e['id']}/" for e in index["examples"]]


def test_an_invalid_record_stops_the_build_with_its_location(tmp_path):
    bad = tmp_path / "valid-example.yaml"
    bad.write_text(valid_text().replace("section: assessment", "section: courts"), encoding="utf-8")
    (tmp_path / "project").mkdir()
    project = copy_site_project(tmp_path / "project", [bad])
    result = build_site(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "practice_examples/valid-example.yaml:4:10: unknown section 'courts'" in output
    assert "problem(s) in practice_examples/, so nothing was built" in output
    assert not (project / "site" / "index.html").exists()


def test_pages_do_not_grow_with_the_number_of_examples(tmp_path):
    """Only listings may grow: an example page and the home page stay the same size at 10 or 60 examples."""
    sizes = {}
    for count in (10, 60):
        folder = tmp_path / f"n{count}"
        records = folder / "records"
        records.mkdir(parents=True)
        copies = list(varied_copies(count, random.Random(7)))
        for example_id, text in copies:
            (records / f"{example_id}.yaml").write_text(text, encoding="utf-8")
        project = copy_site_project(folder, sorted(records.glob("*.yaml")))
        result = build_site(project, project / "site")
        assert result.returncode == 0, result.stderr
        sizes[count] = {
            "example": (project / "site" / "examples" / copies[0][0] / "index.html").stat().st_size,
            "home": (project / "site" / "index.html").stat().st_size,
            "browse": (project / "site" / "browse" / "index.html").stat().st_size,
        }
    # Related examples and the counts may change a few hundred bytes; a nav entry per example would add kilobytes.
    # The home page lists the few newest (titles of any length); a card or link per example would add 50 of them.
    assert abs(sizes[60]["example"] - sizes[10]["example"]) < 1500
    assert abs(sizes[60]["home"] - sizes[10]["home"]) < 1000
    assert sizes[60]["browse"] > sizes[10]["browse"] + 50 * 500  # the listing does grow


def files_in(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.skipif(not sys.platform.startswith("linux") or forked.cores() < 2, reason="a build forks only on Linux, with two or more cores")
def test_a_build_on_one_core_writes_the_same_files_as_one_that_makes_some_in_a_forked_process(fixture_site, tmp_path):
    """With a core to spare, the handout data and QR codes are made in a forked process while the pages are built
    (the fixture site's build); on one core, in the build's own process. Both from an empty cache."""
    project = shutil.copytree(fixture_site.parent, tmp_path / "project")
    shutil.rmtree(project / "site")
    shutil.rmtree(project / ".cache")
    one_core = {min(os.sched_getaffinity(0))}
    result = subprocess.run(_browser.build_command(project, project / "site"), cwd=project, env=_browser.build_env(TODAY),
                            capture_output=True, text=True, preexec_fn=lambda: os.sched_setaffinity(0, one_core))
    assert result.returncode == 0, result.stderr
    built = files_in(project / "site")
    assert len([name for name in built if name.endswith("/qr.svg")]) > 10
    assert built == files_in(fixture_site)


# A hook for the tests below: the first page the forked child of macros/glue/page_share.py builds logs a warning,
# or kills the child, which notes its page first.
CHILD_HOOK = """
import logging, os, pathlib
PARENT = os.getpid()
def on_post_page(output, page, config):
    if os.getpid() != PARENT and os.environ["PE_CHILD"] == "warns":
        logging.getLogger("mkdocs.hooks.child").warning("a warning from the child, building %s", page.file.src_uri)
    if os.getpid() != PARENT and os.environ["PE_CHILD"].startswith("dies:"):
        pathlib.Path(os.environ["PE_CHILD"][5:]).write_text(page.file.src_uri)
        os._exit(1)  # killed part way (out of memory, say)
    return output
"""


def project_with_child_hook(fixture_site: Path, tmp_path: Path) -> Path:
    project = shutil.copytree(fixture_site.parent, tmp_path / "project")
    shutil.rmtree(project / "site")
    (project / "child_hook.py").write_text(CHILD_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  - macros/glue/hooks.py\n", "  - macros/glue/hooks.py\n  - child_hook.py\n", 1), encoding="utf-8")
    return project


@pytest.mark.skipif(not sys.platform.startswith("linux") or forked.cores() < 2, reason="a build forks only on Linux, with two or more cores")
def test_a_warning_logged_as_a_forked_process_builds_a_page_is_printed_once_and_fails_a_strict_build(fixture_site, tmp_path):
    result = _browser.build(project_with_child_hook(fixture_site, tmp_path), day=TODAY, PE_CHILD="warns")
    assert result.returncode != 0
    warned = re.findall(r"WARNING +- +a warning from the child, building (\S+)", result.stderr)
    assert warned and len(warned) == len(set(warned)), result.stderr  # each page's warning, once
    assert f"Aborted with {len(warned)} warnings in strict mode" in result.stdout + result.stderr
    assert "Page skipped" not in result.stderr  # MkDocs' note for each page it leaves to the child


@pytest.mark.skipif(not sys.platform.startswith("linux") or forked.cores() < 2, reason="a build forks only on Linux, with two or more cores")
def test_the_pages_a_forked_process_took_are_built_by_the_build_itself_when_it_dies(fixture_site, tmp_path):
    project = project_with_child_hook(fixture_site, tmp_path)
    died_at = tmp_path / "died-at"
    result = _browser.build(project, project / "site", day=TODAY, PE_CHILD=f"dies:{died_at}")
    assert result.returncode == 0, result.stderr
    assert died_at.read_text(encoding="utf-8")  # the child did take a page, and died building it
    assert files_in(project / "site") == files_in(fixture_site)


def test_a_build_keeps_every_qr_code_and_cleaned_page_it_made_and_an_unchanged_rebuild_rewrites_no_pack(fixture_site, tmp_path):
    """The QR codes are made in the forked process where there is a core to spare: what it made is kept all the same."""
    project = shutil.copytree(fixture_site.parent, tmp_path / "project")
    cache = project / store.CACHE_DIR
    built = files_in(fixture_site)
    assert len(store.read_pack(cache / "qr.pack")) == len([name for name in built if name.endswith("/qr.svg") or name == "qr.svg"]) > 10
    assert len(store.read_pack(cache / "pages.pack")) > 10
    written = {path.name: path.stat().st_mtime_ns for path in cache.glob("*.pack")}
    assert set(written) == {"validation.pack", "qr.pack", "pages.pack"}
    result = subprocess.run(_browser.build_command(project, project / "again"), cwd=project, env=_browser.build_env(TODAY), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert files_in(project / "again") == built
    assert {path.name: path.stat().st_mtime_ns for path in cache.glob("*.pack")} == written


def test_a_build_into_a_used_site_folder_leaves_what_mkdocs_would_the_new_files_and_hidden_ones(fixture_site, tmp_path):
    """The last build's files are deleted in a forked process where a core is spare (macros/base/clearing.py): the
    folder ends as MkDocs' own emptying would leave it, with nothing left of the last build or of one stopped part way."""
    project = shutil.copytree(fixture_site.parent, tmp_path / "project")
    site = project / "site"  # the fixture's own build
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    (site / "examples" / "a-removed-example").mkdir()
    (site / "examples" / "a-removed-example" / "index.html").write_text("gone", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")  # a publishing host's file: MkDocs keeps names starting with a dot
    (site / ".pe-deleting-stopped").mkdir()  # left by a build stopped part way
    (site / ".pe-deleting-stopped" / "qr.svg").write_text("<svg></svg>", encoding="utf-8")
    result = subprocess.run(_browser.build_command(project, site), cwd=project, env=_browser.build_env(TODAY), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert files_in(site) == {**files_in(fixture_site), ".nojekyll": b""}


def test_a_build_that_stops_after_emptying_the_site_folder_leaves_nothing_of_the_last_build(fixture_site, tmp_path):
    project = shutil.copytree(fixture_site.parent, tmp_path / "project")
    (project / "docs" / "qr.svg").write_text("<svg></svg>", encoding="utf-8")  # stops the build when the files are listed
    result = subprocess.run(_browser.build_command(project, project / "site"), cwd=project, env=_browser.build_env(TODAY), capture_output=True, text=True)
    assert result.returncode != 0 and "docs/qr.svg" in result.stdout + result.stderr
    assert list((project / "site").iterdir()) == []


def test_a_build_that_fails_waits_for_the_last_builds_files_to_be_deleted_before_it_ends(monkeypatch):
    # Otherwise the forked process deleting them would be stopped as the build ends, half way through.
    from macros.glue import hooks

    waited = []

    class Deleting:
        def result(self) -> None:
            waited.append(True)

    monkeypatch.setattr(hooks._build, "emptying_site", Deleting())
    hooks.on_build_error(error=RuntimeError("a page could not be built"))
    assert waited == [True] and hooks._build.emptying_site is None


def test_a_build_that_fails_waits_for_the_forked_process_building_pages_and_builds_none_itself(monkeypatch):
    # Otherwise that process would be stopped as the build ends, perhaps half way through writing a page.
    from macros.glue import hooks

    calls = []

    class Sharing:
        def abandoned(self) -> None:
            calls.append("waited")

        def built(self) -> None:
            calls.append("built its pages")

    monkeypatch.setattr(hooks._build, "sharing_pages", Sharing())
    hooks.on_build_error(error=RuntimeError("a page could not be built"))
    assert calls == ["waited"] and hooks._build.sharing_pages is None


def test_a_file_under_docs_at_an_address_the_guide_writes_stops_the_build(tmp_path):
    project = copy_site_project(tmp_path, SITE_FIXTURES[:1])
    (project / "docs" / "qr.svg").write_text("<svg></svg>", encoding="utf-8")  # where the home page's QR code goes
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert ("these files under docs/ are at addresses the guide writes itself (handout data, QR codes), so nothing was built: "
            "docs/qr.svg. Rename or remove them.") in result.stdout + result.stderr


def test_a_former_id_leaves_a_page_that_forwards_to_the_example(fixture_site):
    html = (fixture_site / "examples" / "fortnightly-reviews" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="../../examples/long-form-only/">' in html
    assert '<meta http-equiv="refresh" content="0; url=../../examples/long-form-only/">' in html


def run_link_check(site: Path):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check_links.py"), "--site", str(site)], capture_output=True, text=True)


def test_the_link_check_fails_on_a_broken_internal_link_and_on_a_missing_anchor_naming_each(fixture_site, tmp_path):
    site = shutil.copytree(fixture_site, tmp_path / "site")
    broken = {  # page -> (a working link in it, the broken one put in its place, what the report must name)
        "examples/long-form-only/index.html": ('href="../../supervision/"', 'href="../../supervision/#no-such-take-away"', "no-such-take-away"),
        "examples/short-form-only/index.html": ('href="../../supervision/"', 'href="../../no-such-page/"', "no-such-page/"),
    }
    for name, (working, wrong, _) in broken.items():
        page = site / name
        html = page.read_text(encoding="utf-8")
        assert working in html, name
        page.write_text(html.replace(working, wrong, 1), encoding="utf-8")
    result = run_link_check(site)  # one run for both: each LinkChecker run over the fixture site takes 15-30 s
    assert result.returncode == 1
    for name, (_, _, reported) in broken.items():
        assert reported in result.stdout, name


def test_the_link_check_passes_on_the_built_fixture_site(fixture_site):
    result = run_link_check(fixture_site)
    assert result.returncode == 0, result.stdout[-3000:]


def test_every_link_and_anchor_of_the_real_guide_works(real_site_dir):
    # `make linkcheck` on the built guide, run here so that it shares the cores with the other tests rather than
    # holding up the whole run (make test).
    result = run_link_check(real_site_dir)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " 0 errors found." in result.stdout


def test_guide_text_is_not_parsed_as_markdown_either(tmp_path):
    project = copy_site_project(tmp_path, [FIXTURES / "site" / "long-form-only.yaml"])
    sections = project / "practice_examples" / "guide" / "sections.yaml"
    text = sections.read_text(encoding="utf-8")
    sections.write_text(text.replace("Nobody on probation gets off", "See [here](javascript:window.pwned=6) and *stars*. Nobody on probation gets off", 1), encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site" / "leadership" / "index.html").read_text(encoding="utf-8")
    assert "See [here](javascript:window.pwned=6) and *stars*." in html
    assert "javascript:" not in html.replace("[here](javascript:", "")


EMOJI = yaml.safe_load((FIXTURES / "site" / "emoji-example.yaml").read_text(encoding="utf-8"))


def test_an_emoji_title_reaches_the_heading_title_description_and_search_index_exactly(fixture_site):
    page = BeautifulSoup((fixture_site / "examples" / "emoji-example" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text() == EMOJI["title"]
    assert page.title.get_text().startswith(EMOJI["title"] + " - ")
    assert page.find("meta", attrs={"name": "description"})["content"] == EMOJI["summary"]
    assert page.find(class_="pe-summary").get_text() == EMOJI["summary"]
    assert "title:" not in page.find("article").get_text()  # no front matter shown as text
    titles = {row[0]: row[1] for path in (fixture_site / "search" / "docs").glob("*.js") for row in search.read_index_file(path)["data"]}
    assert titles["examples/emoji-example/"] == EMOJI["title"]


def live_attributes(site: Path) -> list[tuple[str, str, str]]:
    """Every event handler, style, or script or data address in the built pages' HTML."""
    found = []
    for path in html_files(site):
        for element in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(True):
            for name, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                if name.startswith("on") or (name in ("href", "src") and re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE)):
                    found.append((path.relative_to(site).as_posix(), name, value))
    return found


def test_no_page_carries_an_event_handler_or_script_address(fixture_site):
    assert live_attributes(fixture_site) == []


def test_guide_labels_with_emoji_and_markdown_attributes_stay_text_on_every_page(tmp_path):
    records = [FIXTURES / "site" / "emoji-example.yaml", FIXTURES / "site" / "long-form-only.yaml"]
    project = copy_site_project(tmp_path, records)
    label = 'Induction 🙂 {: onclick="window.pwned=10" }'
    title = 'Case supervision 𝗯 {: onclick="window.pwned=11" }'
    tags = project / "practice_examples" / "guide" / "tags.yaml"
    tags.write_text(tags.read_text(encoding="utf-8").replace("label: Induction\n", f"label: '{label}'\n", 1), encoding="utf-8")
    sections = project / "practice_examples" / "guide" / "sections.yaml"
    sections.write_text(sections.read_text(encoding="utf-8").replace("title: Case supervision\n", f"title: '{title}'\n", 1), encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert live_attributes(project / "site") == []
    page = BeautifulSoup((project / "site" / "examples" / "emoji-example" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text() == EMOJI["title"]
    assert label in [a.get_text() for a in page.select("a.pe-chip")]
    assert title in page.find(class_="pe-kicker").get_text()
    tags_page = BeautifulSoup((project / "site" / "tags" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [chip.get_text() for chip in tags_page.select("article .pe-chip") if chip.get_text().startswith(label + " (")]


def test_a_symbolic_link_under_docs_stops_the_build_unpublished(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nhunter2\n", encoding="utf-8")
    (tmp_path / "project").mkdir()
    project = copy_site_project(tmp_path / "project", [FIXTURES / "site" / "long-form-only.yaml"])
    (project / "docs" / "leak.md").symlink_to(secret)
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert "symbolic links under docs/ are never published" in result.stdout + result.stderr
    assert "leak.md" in result.stdout + result.stderr
    assert not (project / "site" / "leak" / "index.html").exists()


def test_every_filtered_browse_link_in_the_guide_names_a_box_the_browse_page_has(real_site_dir):
    """LinkChecker fetches browse/ once and leaves its query strings alone (scripts/linkcheckerrc): this is
    what checks them, so a link from a page, a card or a tag never opens the browse page with nothing ticked."""
    page = BeautifulSoup((real_site_dir / "browse" / "index.html").read_text(encoding="utf-8"), "html.parser")
    boxes = {(box["name"], box["value"]) for box in page.select("#pe-filters input[type=checkbox]")}
    assert len(boxes) > 50
    own = {"words", "order"}  # the words box and the order switch take any value
    wrong, seen = [], 0
    for path in sorted(real_site_dir.rglob("*.html")):
        for link in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("a[href*='browse/?']"):
            seen += 1
            query = urlsplit(link["href"]).query
            wrong += [f"{path.relative_to(real_site_dir)}: {link['href']}" for name, value in parse_qsl(query) if name not in own and (name, value) not in boxes]
    assert seen > 100
    assert wrong == []


def test_every_page_is_drawn_without_waiting_for_the_scripts_at_its_end(fixture_site):
    """Material's bundle and the guide's own scripts are deferred (docs/overrides/main.html), still in order:
    search.js and material-fixes.js before Material's, which they prepare; fails if Material's markup for its
    bundle changes so that the template no longer defers it."""
    for kind in ("index.html", "supervision/index.html", "examples/alcohol-plan-example/index.html", "browse/index.html"):
        html = (fixture_site / kind).read_text(encoding="utf-8")
        tail = BeautifulSoup(html[html.index('<script id="__config"'):], "html.parser")
        scripts = [(tag["src"].rsplit("/", 1)[-1], tag.has_attr("defer")) for tag in tail.find_all("script", src=True)]
        names = [name for name, _ in scripts]
        assert names[:2] == ["search.js", "material-fixes.js"] and names[2].startswith("bundle."), (kind, names)
        assert all(deferred for _, deferred in scripts), (kind, scripts)


def test_the_header_holding_search_is_the_same_on_every_page_but_for_its_title(real_site_dir):
    """What lets the accessibility audit open search on one page only (scripts/a11y.py, SEARCH_PAGE): every
    page's header, which holds Material's search dialog, is the same markup under the same style sheets, once
    the page's own title is set aside and each address is read from where the page is. Forwarding pages have none."""
    mount = urlsplit(published_address()).path  # absolute addresses (the 404 page's) start with it
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for path in sorted(real_site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        here = mount + path.relative_to(real_site_dir).as_posix()
        page = BeautifulSoup(html, "html.parser")
        header = page.select_one("header.md-header")
        if header is None:
            assert 'http-equiv="refresh"' in html[:2000], path
            continue
        header.select_one("[data-md-component=header-topic]").decompose()
        for tag in header.select("[href], [src], [action]"):
            for name in ("href", "src", "action"):
                if tag.has_attr(name):
                    tag[name] = urljoin(here, tag[name])
        sheets = tuple(urljoin(here, link["href"]) for link in page.select("link[rel=stylesheet]"))
        seen.setdefault((str(header), sheets), path.relative_to(real_site_dir).as_posix())
    assert len(seen) == 1, f"headers differ, first seen on: {sorted(seen.values())}"
