"""mkdocs-macros glue: registers the macros that hand-written pages call. Formatting lives in render.py."""

from __future__ import annotations

from pathlib import Path

from macros.pages import browse, coverage, evidence, feed, issue_links, offline, common as render
from macros.load import project
from macros.load.examples import SCHEMA_PATH
from macros.base import urls
from macros.base.problems import ProblemsFound
from macros.load.schema import read_schema


def define_env(env) -> None:
    root_dir = Path(env.project_dir)
    # The hooks' on_config has already stopped any build but `mkdocs serve` on a problem; under serve
    # the pages are made from the valid records, and while the guide's own data is broken no page calls a macro.
    data, problems = project.load_valid(root_dir)

    def loaded() -> project.Project:
        if data is None:
            raise ProblemsFound(problems)
        return data

    def links() -> urls.Links:
        """Addresses as the page being rendered writes them (the offline plugin has set the layout by now)."""
        return urls.Layout(directory_urls=env.conf.use_directory_urls).links_from(urls.clean_path(env.page.file.src_uri))

    @env.macro
    def section_intro(section_id: str) -> str:
        return render.section_intro(loaded().guide.section(section_id))

    @env.macro
    def takeaways(section_id: str) -> str:
        data = loaded()
        return render.takeaway_list(data.guide.section(section_id), data.guide, data.by_takeaway, links())

    @env.macro
    def section_examples(section_id: str) -> str:
        data = loaded()
        return render.section_examples(data.guide.section(section_id), data.in_section(section_id), data.guide, links())

    @env.macro
    def attribution() -> str:
        return render.attribution(loaded().guide)

    @env.macro
    def section_cards() -> str:
        data = loaded()
        return render.section_cards(data.guide, {s.id: len(data.in_section(s.id)) for s in data.guide.sections}, links())

    @env.macro
    def browse_page() -> str:
        data = loaded()
        return browse.page_html(data.examples, data.guide, links())

    @env.macro
    def glossary() -> str:
        return render.glossary(loaded().guide)

    @env.macro
    def field_table() -> str:
        return render.field_table(read_schema(root_dir / SCHEMA_PATH, SCHEMA_PATH.as_posix()))

    @env.macro
    def tag_vocabulary() -> str:
        return render.tag_vocabulary(loaded().guide)

    @env.macro
    def standards_table() -> str:
        return render.standards_table(loaded().guide)

    @env.macro
    def example_count() -> int:
        return len(loaded().examples)

    @env.macro
    def reported_count() -> int:
        return sum(example.is_reported for example in loaded().examples)

    @env.macro
    def illustrative_count() -> int:
        return sum(not example.is_reported for example in loaded().examples)

    @env.macro
    def evidence_statuses() -> str:
        data = loaded()
        return evidence.status_table(data.guide, data.examples, links())

    @env.macro
    def evidence_levels() -> str:
        return evidence.level_list(loaded().guide)

    @env.macro
    def approach_ratings() -> str:
        data = loaded()
        return evidence.approach_list(data.guide, data.examples, links())

    @env.macro
    def coverage_tables() -> str:
        data = loaded()
        return coverage.page_html(data.examples, data.guide, links(), env.conf.repo_url)

    @env.macro
    def tag_index() -> str:
        data = loaded()
        return coverage.tag_index(data.examples, data.guide, links())

    @env.macro
    def thin_below() -> int:
        return coverage.THIN_BELOW

    @env.macro
    def propose_example_url() -> str:
        return issue_links.new_issue_url(env.conf.repo_url, issue_links.PROPOSE_FORM)

    @env.macro
    def new_issue_url() -> str:
        """GitHub's choice of issue forms, and a blank issue."""
        return issue_links.new_issue_url(env.conf.repo_url) + "/choose"

    @env.macro
    def offline_download_url() -> str:
        return offline.download_page(env.conf.repo_url)

    @env.macro
    def offline_artifact() -> str:
        return offline.ARTIFACT

    @env.macro
    def site_root() -> str:
        """For addresses of files in hand-written HTML, such as scripts: right in both layouts."""
        return links().root

    @env.macro
    def whats_new() -> str:
        return feed.recent_list(loaded().examples, links())
