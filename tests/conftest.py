"""Shared fixtures: a scratch copy of the guide's data to validate records against, and
helpers to build sites strictly and drive them in the system Chromium."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = dt.date(2026, 11, 27)
sys.path.insert(0, str(ROOT / "scripts"))

from _root import mkdocs_settings, published_address  # noqa: E402,F401  (mkdocs_settings: for the tests)
import _browser  # noqa: E402
import a11y  # noqa: E402
from macros.load import project  # noqa: E402


SITE_URL = published_address()  # the address every build prints: site_url, or SITE_URL when set


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A project root with the real guide data and schema but no records."""
    shutil.copytree(ROOT / "practice_examples" / "guide", tmp_path / "practice_examples" / "guide")
    shutil.copy(ROOT / "practice_examples" / "schema.json", tmp_path / "practice_examples" / "schema.json")
    return tmp_path


def valid_text() -> str:
    """An illustrative record that passes every check."""
    return (FIXTURES / "valid-example.yaml").read_text(encoding="utf-8")


def reported_text() -> str:
    """A reported record that passes every check: parts from a source and the guide's, and a study."""
    return (FIXTURES / "reported-example.yaml").read_text(encoding="utf-8")


def check_text(root: Path, text: str | bytes, name: str = "valid-example"):
    """Write one record into root's practice_examples/ and return every problem with it."""
    path = root / "practice_examples" / f"{name}.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    _, problems = project.check(root, [path], today=TODAY)
    return problems


def copy_site_project(destination: Path, records: list[Path]) -> Path:
    """A copy of the real site project (config, pages, pipeline, guide data) with only the given records."""
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    for folder in ("docs", "macros", "practice_examples/guide"):
        shutil.copytree(ROOT / folder, destination / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "practice_examples" / "schema.json", destination / "practice_examples" / "schema.json")
    for record in records:
        shutil.copy(record, destination / "practice_examples" / record.name)
    return destination


def copy_fixture_site_project(destination: Path) -> Path:
    """The real configuration and pages with only the fixture records (tests/fixtures/site/) and the made-up approach
    rating one of them cites."""
    project_dir = copy_site_project(destination, sorted((FIXTURES / "site").glob("*.yaml")))
    shutil.copy(FIXTURES / "guide" / "approaches.yaml", project_dir / "practice_examples" / "guide" / "approaches.yaml")
    return project_dir


def build_site(project_dir: Path, site_dir: Path, day: dt.date | None = None) -> subprocess.CompletedProcess:
    """mkdocs build --strict, as `make build` runs it, in a fresh process; built as on `day` (which dates have passed) if given."""
    return _browser.build(project_dir, site_dir, day)


@pytest.fixture(scope="session")
def browser():
    if not Path(_browser.HEADLESS_SHELL).exists():
        pytest.fail("the system Chromium is missing: run `make install-browser` (installs Debian's chromium-headless-shell)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = _browser.launch(playwright)
        yield launched
        launched.close()


def _built(project_dir: Path, site: Path, day: dt.date | None = None) -> Path:
    result = build_site(project_dir, site, day)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _served(site: Path):
    return _browser.serve(site)


@pytest.fixture(scope="session")
def real_site_dir(tmp_path_factory) -> Path:
    """The real guide, built strictly: the site/ that `make test` has just built (it names it in BUILT_SITE, so
    each test worker need not build it again), or else a build into a scratch folder. Tests only read it."""
    if os.environ.get("BUILT_SITE"):
        return Path(os.environ["BUILT_SITE"]).resolve()
    return _built(ROOT, tmp_path_factory.mktemp("real-site") / "site")


@pytest.fixture(scope="session")
def real_site(real_site_dir):
    """The real guide, built strictly and served on loopback."""
    server, base = _served(real_site_dir)
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The real configuration and pages, built with only the fixture records (hostile text, abbreviations, a reported
    example with the guide's suggestions, an overdue one) and a made-up approach rating."""
    project_dir = copy_fixture_site_project(tmp_path_factory.mktemp("fixture-project"))
    return _built(project_dir, project_dir / "site", TODAY)  # built as on TODAY, so the same dates have passed whenever it runs


@pytest.fixture(scope="session")
def fixture_site_url(fixture_site):
    server, base = _served(fixture_site)
    yield base
    server.shutdown()


class Watched:
    """A browser page that records console errors, page errors and requests to other hosts. Reading `errors`
    or `foreign` first waits for the page to go quiet (no request for half a second), so nothing it fetches
    late is missed, unless live_reload says it never will (`mkdocs serve` keeps a request open); opening a
    page waits only for its load event, as every script is deferred."""

    def __init__(self, page, base: str, live_reload: bool = False):
        self.page = page
        self.base = base
        self.live_reload = live_reload
        self._errors: list[str] = []
        self._foreign: list[str] = []
        page.on("console", lambda message: self._errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self._errors.append(str(error)))
        page.on("request", lambda request: None if request.url.startswith(("http://127.0.0.1:", "data:", "blob:")) else self._foreign.append(request.url))

    def open(self, path: str):
        self.page.goto(self.base + path)
        return self.page

    def _quiet(self) -> None:
        if not self.live_reload:
            self.page.wait_for_load_state("networkidle")

    @property
    def errors(self) -> list[str]:
        self._quiet()
        return self._errors

    @property
    def foreign(self) -> list[str]:
        self._quiet()
        return self._foreign


def images_loaded(page, selector: str) -> None:
    """Wait until every image selector matches has loaded: a script that sets an image's address leaves the
    loading to the browser, so the image may not be there when the script is done."""
    page.wait_for_function("s => [...document.querySelectorAll(s)].every(i => i.complete && i.naturalWidth > 0)", arg=selector)


def shown_cards(page) -> list[str]:
    """The ids of the browse page's cards in order, once it has put in every card."""
    a11y.every_card_in(page)
    return page.eval_on_selector_all(".pe-results [data-example-id]", "cards => cards.map(c => c.dataset.exampleId)")


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield lambda base, live_reload=False: Watched(page, base, live_reload)
    context.close()
