"""mkdocs-macros glue: registers the macros that hand-written pages call, from one table.

Each macro is given a Call (the checked project, the page's links, the repository's address) and
whatever arguments the page passes; the HTML is made in macros/pages."""

# No `from __future__ import annotations`: mkdocs-macros loads this file outside sys.modules, where a dataclass
# cannot resolve annotations written as strings.
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from macros.base import urls
from macros.base.problems import ProblemsFound
from macros.glue import after_markdown
from macros.load import project
from macros.load.examples import SCHEMA_PATH
from macros.load.schema import read_schema
from macros.pages import browse, common as render, coverage, evidence, feed, issue_links, offline


@dataclass(frozen=True)
class Call:
    """What a macro may read: the project (raising the problems if the guide's own data is broken), the
    page being rendered's links, and the site's settings."""

    loaded: Callable[[], project.Project]
    links: urls.Links
    repo_url: str | None
    root_dir: Path


MACROS: dict[str, Callable[..., object]] = {
    "section_cards": lambda c: render.section_cards(c.loaded().guide, {s.id: len(c.loaded().in_section(s.id)) for s in c.loaded().guide.sections},
                                                    c.links),
    # Every example's card: kept out of Markdown, which would only pass it through.
    "browse_page": lambda c: after_markdown.placeholder(browse.page_html(c.loaded().examples, c.loaded().guide, c.links)),
    "glossary": lambda c: render.glossary(c.loaded().guide),
    "field_table": lambda c: render.field_table(read_schema(c.root_dir / SCHEMA_PATH, SCHEMA_PATH.as_posix())),
    "tag_vocabulary": lambda c: render.tag_vocabulary(c.loaded().guide),
    "standards_table": lambda c: render.standards_table(c.loaded().guide),
    "example_count": lambda c: len(c.loaded().examples),
    "reported_count": lambda c: sum(example.is_reported for example in c.loaded().examples),
    "illustrative_count": lambda c: sum(not example.is_reported for example in c.loaded().examples),
    "evidence_statuses": lambda c: evidence.status_table(c.loaded().guide, c.loaded().examples, c.links),
    "evidence_levels": lambda c: evidence.level_list(c.loaded().guide),
    "approach_ratings": lambda c: evidence.approach_list(c.loaded().guide, c.loaded().examples, c.links),
    "coverage_tables": lambda c: coverage.page_html(c.loaded().examples, c.loaded().guide, c.links, c.repo_url),
    "tag_index": lambda c: coverage.tag_index(c.loaded().examples, c.loaded().guide, c.links),
    "thin_below": lambda c: coverage.THIN_BELOW,
    "propose_example_url": lambda c: issue_links.new_issue_url(c.repo_url, issue_links.PROPOSE_FORM),
    "new_issue_url": lambda c: issue_links.new_issue_url(c.repo_url) + "/choose",  # GitHub's choice of issue forms, and a blank issue
    "offline_download_url": lambda c: offline.download_page(c.repo_url),
    "offline_artifact": lambda c: offline.ARTIFACT,
    "site_root": lambda c: c.links.root,  # for addresses of files in hand-written HTML, such as scripts: right in both layouts
    "whats_new": lambda c: feed.recent_list(c.loaded().examples, c.links),
}


def define_env(env) -> None:
    root_dir = Path(env.project_dir)
    # The hooks' on_config has already stopped any build but `mkdocs serve` on a problem; under serve
    # the pages are made from the valid records, and while the guide's own data is broken no page calls a macro.
    data, problems = project.load_valid(root_dir)

    def loaded() -> project.Project:
        if data is None:
            raise ProblemsFound(problems)
        return data

    def call() -> Call:
        # Read as each page renders: the offline plugin has set the layout by then.
        layout = urls.Layout(directory_urls=env.conf.use_directory_urls)
        return Call(loaded, layout.links_from(urls.clean_path(env.page.file.src_uri)), env.conf.repo_url, root_dir)

    for name, make in MACROS.items():
        env.macro(_bound(make, call), name)


def _bound(make: Callable[..., object], call: Callable[[], Call]) -> Callable[..., object]:
    return lambda *args: make(call(), *args)
