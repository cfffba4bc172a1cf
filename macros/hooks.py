"""MkDocs hooks: thin glue that registers the pipeline's output with MkDocs.

Validation runs first and stops the build on any problem; each example becomes a
generated page whose metadata and HTML are made in Python (never Markdown or front
matter for MkDocs to parse back); the browse page's index is written from the records;
and the search index learns the glossary's abbreviations.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path, not as part of the package
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from macros import browse, example_page, markup, material_fixes, project, render, search  # noqa: E402
from macros.pages import GeneratedPage  # noqa: E402
from macros.problems import ProblemsFound  # noqa: E402

# Set in on_config and on_files, for one build: the checked project and the generated pages by source path.
_project: project.Project | None = None
_generated: dict[str, GeneratedPage] = {}


@event_priority(100)  # before the plugins: nothing is built from data that has problems
def on_config(config):
    global _project
    if not config.use_directory_urls:
        # Generated pages and macros link with relative paths such as ../../examples/<id>/.
        raise Abort("this guide's links need use_directory_urls: true in mkdocs.yml")
    try:
        _project = project.load(Path(config.config_file_path).parent)
    except ProblemsFound as found:
        raise Abort(f"{len(found.problems)} problem(s) in practice_examples/, so nothing was built:\n{found.report()}")
    config.mdx_configs.setdefault("abbr", {})["glossary"] = _project.guide.abbreviations
    return config


def on_files(files, config):
    _refuse_linked_pages(files, config)
    _generated.clear()
    for example in _project.examples:
        # Material's edit button follows file.edit_uri; the page's own link needs the same address now.
        edit_uri = f"../{example.source_path}"  # edit_uri in mkdocs.yml points into docs/
        edit_url = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri + edit_uri) if config.repo_url and config.edit_uri else None
        # Reached from listings and search; a nav entry each would grow every page.
        file = File.generated(config, f"examples/{example.id}.md", content="", inclusion=InclusionLevel.NOT_IN_NAV)
        file.edit_uri = edit_uri
        files.append(file)
        _generated[file.src_uri] = example_page.render(example, _project.guide, _project.related[example.id], edit_url)
        for former in example.former_ids:
            files.append(File.generated(config, f"examples/{former}/index.html", content=render.redirect_page(example)))
    files.append(File.generated(config, "browse/index.json", content=browse.index_json(_project.examples, _project.guide)))
    return files


def _refuse_linked_pages(files, config) -> None:
    """A symbolic link under docs/ could publish any file on the build machine: refuse it."""
    docs = Path(config.docs_dir)
    linked = sorted(
        file.src_uri for file in files
        if file.abs_src_path and any(part.is_symlink() for part in [Path(file.abs_src_path), *Path(file.abs_src_path).parents] if docs in part.parents or part == docs)
    )
    if linked:
        raise Abort("symbolic links under docs/ are never published, so nothing was built: " + ", ".join(linked) + ". Put the files themselves there.")


@event_priority(100)  # before the tags and macros plugins read the page's metadata
def on_page_markdown(markdown, page, config, files):
    generated = _generated.get(page.file.src_uri)
    if generated is None:
        return markdown
    page.meta = dict(generated.meta)
    return ""


@event_priority(-100)  # last: the content that reaches the templates and the search index
def on_page_content(html, page, config, files):
    generated = _generated.get(page.file.src_uri)
    if generated is None:
        return html
    page.toc = get_toc(generated.toc_tokens())
    page.present_anchor_ids = set(generated.anchors)
    return markup.sanitise_page(generated.html)


def on_post_page(output, page, config):
    """Material's markup corrected where no template override reaches it (macros.material_fixes)."""
    return material_fixes.without_checkbox_autocomplete(output)


def on_post_template(output_content, template_name, config):
    """The 404 page is a theme template, not a page: the same corrections."""
    return material_fixes.without_checkbox_autocomplete(output_content) if template_name.endswith(".html") else output_content


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    abbreviations = _project.guide.abbreviations
    for doc in index["docs"]:
        extra = search.keywords(f"{doc['title']} {doc['text']}", abbreviations)
        if extra:
            doc["keywords"] = extra
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
