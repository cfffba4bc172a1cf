"""mkdocs-macros glue: registers the macros that hand-written pages call. Formatting lives in render.py."""

from __future__ import annotations

from pathlib import Path

from macros import browse, project, render
from macros.examples import SCHEMA_PATH
from macros.schema import read_schema


def define_env(env) -> None:
    root_dir = Path(env.project_dir)
    data = project.load(root_dir)  # checked once per build (the hooks' on_config stops the build on a problem first)

    def loaded() -> project.Project:
        return data

    def root() -> str:
        """The relative path from the page being rendered back to the site's root."""
        return "../" * env.page.url.count("/")

    @env.macro
    def section_intro(section_id: str) -> str:
        return render.section_intro(loaded().guide.section(section_id))

    @env.macro
    def takeaways(section_id: str) -> str:
        data = loaded()
        return render.takeaway_list(data.guide.section(section_id), data.guide, data.by_takeaway, root())

    @env.macro
    def section_examples(section_id: str) -> str:
        data = loaded()
        return render.section_examples(data.guide.section(section_id), data.in_section(section_id), data.guide, root())

    @env.macro
    def attribution() -> str:
        return render.attribution(loaded().guide)

    @env.macro
    def section_cards() -> str:
        data = loaded()
        return render.section_cards(data.guide, {s.id: len(data.in_section(s.id)) for s in data.guide.sections}, root())

    @env.macro
    def browse_page() -> str:
        data = loaded()
        return browse.page_html(data.examples, data.guide, root())

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
    def tag_index() -> str:
        data = loaded()
        return render.tag_index(data.guide, data.examples, root())

    @env.macro
    def standards_table() -> str:
        return render.standards_table(loaded().guide)

    @env.macro
    def example_count() -> int:
        return len(loaded().examples)
