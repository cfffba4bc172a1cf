"""`mkdocs serve` with a broken record or broken guide data: the preview is built from what is valid,
every page shows the problems at the top, the terminal prints them, and the page being viewed
reloads by itself into the problem and back out of it once the file is fixed. `mkdocs build` still
stops (tests/test_site_build.py pins that)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import a11y
import pytest
from conftest import FIXTURES, ROOT, SITE_URL, TODAY, build_site, copy_site_project, valid_text

from macros.pages import build_problems
from macros.load import project
from macros.base.problems import Problem

RECORDS = [ROOT / "practice_examples" / name for name in (
    "alcohol-monitoring-tags-as-a-licence-condition.yaml",
    "naloxone-offered-at-induction.yaml",
)]
WATCHED = RECORDS[0].stem
GOOD_LINE = "section: supervision\n"
BROKEN_LINES = "section: supervision\n\tlicence: yes\n"  # a tab where indentation should be
BROKEN_PROBLEM = (
    f"practice_examples/{WATCHED}.yaml:5:1: this is not valid YAML: check the indentation, and put text containing ': ' or ' #' "
    "in quotes (YAML parser: found a tab character that violates indentation, while scanning a plain scalar)"
)
WAIT_MS = 90_000  # a rebuild of this small site takes a few seconds; CI machines are slower


def test_keep_valid_leaves_out_only_the_records_with_problems(scratch):
    (scratch / "practice_examples" / "valid-example.yaml").write_text(valid_text(), encoding="utf-8")
    broken = valid_text().replace("id: valid-example", "id: broken-example").replace("section: assessment", "section: courts")
    (scratch / "practice_examples" / "broken-example.yaml").write_text(broken, encoding="utf-8")
    strict, problems = project.check(scratch, today=TODAY)
    assert strict is None and [p.path for p in problems] == ["practice_examples/broken-example.yaml"]
    kept, same = project.check(scratch, today=TODAY, keep_valid=True)
    assert same == problems
    assert [example.id for example in kept.examples] == ["valid-example"]


def test_keep_valid_leaves_out_both_sides_of_a_clash_between_records(scratch):
    text = valid_text()
    (scratch / "practice_examples" / "valid-example.yaml").write_text(text, encoding="utf-8")
    other = text.replace("id: valid-example", "id: other-example\nformer_ids:\n  - valid-example")
    (scratch / "practice_examples" / "other-example.yaml").write_text(other, encoding="utf-8")
    kept, problems = project.check(scratch, today=TODAY, keep_valid=True)
    assert {p.path for p in problems} == {"practice_examples/valid-example.yaml", "practice_examples/other-example.yaml"}
    assert kept.examples == []


def test_a_broken_guide_gives_no_project_even_keeping_valid_records(scratch):
    (scratch / "practice_examples" / "guide" / "tags.yaml").write_text("facets: [\n", encoding="utf-8")
    kept, problems = project.check(scratch, today=TODAY, keep_valid=True)
    assert kept is None and problems[0].path == "practice_examples/guide/tags.yaml"


def test_the_banner_escapes_every_problem_and_goes_first_in_the_body():
    hostile = Problem("practice_examples/x.yaml", 3, 7, "title '<script>alert(1)</script>' has a \u202e reversal")
    page = '<html><head><title>t</title></head><body dir="ltr" class="a"><header>h</header></body></html>'
    shown = build_problems.with_banner(page, [hostile])
    assert shown.startswith('<html><head><title>t</title></head><body dir="ltr" class="a"><section id="pe-build-problems"')
    assert "<script>alert" not in shown
    assert "practice_examples/x.yaml:3:7: title &#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27; has a &lt;U+202E&gt; reversal" in shown
    assert build_problems.with_banner(page, []) == page


def test_a_broken_record_gets_a_page_at_its_address_unless_the_address_is_taken():
    problems = [Problem("practice_examples/new-one.yaml", 2, 1, "a"), Problem("practice_examples/new-one.yaml", 9, 1, "b"),
                Problem("practice_examples/guide/tags.yaml", 1, 1, "c"), Problem("practice_examples/Odd Name.yaml", 1, 1, "d"),
                Problem("practice_examples/kept.yaml", 1, 1, "e")]
    assert build_problems.broken_records(problems, taken={"kept"}) == {"new-one": problems[:2]}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def serving(tmp_path):
    """`mkdocs serve --strict`, as `make serve` runs it, on a copy of the project on a free loopback port."""
    project_dir = copy_site_project(tmp_path, RECORDS)
    log = tmp_path / "serve.log"
    port = _free_port()
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project_dir, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=output, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}{urlsplit(SITE_URL).path}"  # MkDocs serves at the published address's path
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        try:
            urllib.request.urlopen(base, timeout=5).close()
            break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.5)
    yield project_dir, base, log
    server.terminate()
    server.wait(timeout=30)


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


@pytest.mark.browser
def test_a_broken_record_shows_on_its_own_page_and_the_page_recovers(serving, watched):
    project_dir, base, log = serving
    record = project_dir / "practice_examples" / f"{WATCHED}.yaml"
    good = record.read_text(encoding="utf-8")
    viewer = watched(base, live_reload=True)
    page = viewer.open(f"examples/{WATCHED}/")
    title = page.locator("h1").inner_text()
    assert page.locator("#pe-build-problems").count() == 0

    _save(record, good.replace(GOOD_LINE, BROKEN_LINES, 1))
    banner = page.locator("#pe-build-problems")
    banner.wait_for(timeout=WAIT_MS)  # no reload from here on: livereload brings the problem to the page
    assert banner.locator("h2").inner_text() == "1 problem in practice_examples/: this preview leaves out what it affects"
    assert banner.locator("li").all_inner_texts() == [BROKEN_PROBLEM]
    assert page.locator("h1").inner_text() == f"Not built: {WATCHED}"
    assert BROKEN_PROBLEM in log.read_text(encoding="utf-8")  # and in the terminal
    for scheme in a11y.SCHEMES:
        page.emulate_media(color_scheme=scheme)
        found = a11y.audit(page, f"examples/{WATCHED}/", scheme, "problem banner")
        assert found == [], a11y.report(found, 1)

    _save(record, good)
    banner.wait_for(state="detached", timeout=WAIT_MS)
    page.locator("h1", has_text=title).wait_for(timeout=WAIT_MS)
    assert viewer.errors == [] and viewer.foreign == []


@pytest.mark.browser
def test_a_broken_record_is_listed_on_every_other_page_which_still_builds(serving, watched):
    project_dir, base, _ = serving
    record = project_dir / "practice_examples" / f"{WATCHED}.yaml"
    good = record.read_text(encoding="utf-8")
    page = watched(base, live_reload=True).open("supervision/")
    assert page.locator(f'a[href$="examples/{WATCHED}/"]').count() > 0
    # The preview prints the published address, not the loopback one it is served at.
    assert page.locator(".pe-print-footer .pe-address").inner_text() == SITE_URL + "supervision/"
    assert page.locator("link[rel=canonical]").get_attribute("href") == SITE_URL + "supervision/"
    _save(record, good.replace(GOOD_LINE, BROKEN_LINES, 1))
    page.locator("#pe-build-problems li").wait_for(timeout=WAIT_MS)
    assert page.locator("#pe-build-problems li").all_inner_texts() == [BROKEN_PROBLEM]
    assert page.locator("h1").inner_text().startswith("Case supervision")
    assert page.locator(f'a[href$="examples/{WATCHED}/"]').count() == 0  # left out of the listings
    page.goto(base + "examples/naloxone-offered-at-induction/", wait_until="load")  # the valid record is still built, with the banner
    assert page.locator("#pe-build-problems li").all_inner_texts() == [BROKEN_PROBLEM]
    assert page.locator("h1").inner_text() == "Offering naloxone and overdose advice at the first appointment after release"


@pytest.mark.browser
def test_broken_guide_data_shows_on_the_page_being_viewed_and_the_guide_comes_back(serving, watched):
    project_dir, base, log = serving
    tags = project_dir / "practice_examples" / "guide" / "tags.yaml"
    good = tags.read_text(encoding="utf-8")
    page = watched(base, live_reload=True).open("supervision/")
    _save(tags, good.replace("facets:\n", "facets: [\n", 1))
    problems = page.locator("#pe-build-problems li")
    problems.first.wait_for(timeout=WAIT_MS)
    assert page.locator("h1").inner_text().startswith("The guide's data has problems")
    assert problems.all_inner_texts()[0].startswith("practice_examples/guide/tags.yaml:")
    assert "practice_examples/guide/tags.yaml:" in log.read_text(encoding="utf-8")
    assert "The guide's data has problems" in urllib.request.urlopen(base + f"examples/{WATCHED}/", timeout=10).read().decode()

    _save(tags, good)
    page.locator("#pe-build-problems").wait_for(state="detached", timeout=WAIT_MS)
    page.locator("h1", has_text="Case supervision").wait_for(timeout=WAIT_MS)


def test_a_broken_guide_still_stops_mkdocs_build(tmp_path):
    project_dir = copy_site_project(tmp_path, [FIXTURES / "valid-example.yaml"])
    shutil.copy(FIXTURES / "valid-example.yaml", project_dir / "practice_examples" / "valid-example.yaml")
    tags = project_dir / "practice_examples" / "guide" / "tags.yaml"
    tags.write_text(tags.read_text(encoding="utf-8").replace("facets:\n", "facets: [\n", 1), encoding="utf-8")
    result = build_site(project_dir, project_dir / "site")
    assert result.returncode != 0
    assert "problem(s) in practice_examples/, so nothing was built" in result.stdout + result.stderr
    assert not (project_dir / "site" / "index.html").exists()
